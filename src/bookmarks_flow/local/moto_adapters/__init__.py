"""Small, named patches that close the gaps of moto's Step Functions engine (listed in the README).

Each adapter installs itself with ``install(...)`` and returns a function that removes it; each has a test in
tests/local/test_moto_adapters.py that fails loudly if moto changes the behaviour it patches.
"""
