"""AWS service limits that this application can reach and moto does not enforce: one module per service.

Each module's ``install()`` checks a request before moto serves it and refuses it with the error AWS gives;
tests/local/test_service_limits.py hits every limit and fails if moto starts enforcing one itself.
"""
