"""Everything that runs the application on one machine, from template.yaml, with moto as the AWS endpoint."""
