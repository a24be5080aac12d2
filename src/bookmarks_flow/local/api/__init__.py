"""The local API Gateway: serves the routes of the template's OpenAPI document with their integrations."""
