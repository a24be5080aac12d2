"""The edges between the domain and AWS: boto3 calls live here and nowhere else in the Lambda code."""
