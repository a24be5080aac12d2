"""Diagrams generated from the workflows' ASL and from template.yaml, so the pictures cannot drift from the code.

``generate`` writes ``diagrams/``; ``workflow_graph``, ``dot`` and ``svg`` are also the API that other tools (the
web console) use to draw one execution over its workflow.
"""
