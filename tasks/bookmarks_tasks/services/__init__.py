"""Use cases that combine the domain with the AWS edges; handlers call these."""
