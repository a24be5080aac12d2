"""Handler modules are imported by the local Lambda runtime only, inside their function's environment, as Lambda
imports them. A test that imported one would build its module-level Powertools objects (``Metrics()`` reads
``POWERTOOLS_METRICS_NAMESPACE`` once) without that environment, and every later invocation of the function in
the same process fails with "Must contain a metric namespace". Tests import the domain functions instead."""

from __future__ import annotations

import ast
from pathlib import Path

from bookmarks_flow.local.cfn_template import load_template

ROOT = Path(__file__).resolve().parents[2]


def _handler_modules() -> set[str]:
    template = load_template(ROOT / "template.yaml")
    handlers = {
        resource["Properties"]["Handler"]
        for resource in template["Resources"].values()
        if resource["Type"] == "AWS::Serverless::Function"
    }
    return {handler.rpartition(".")[0] for handler in handlers}


def _imported_modules(path: Path) -> set[str]:
    imported: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
            imported.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    return imported


def test_the_template_names_handler_modules() -> None:
    assert "bookmarks_tasks.handlers.validate_submission" in _handler_modules()


def test_no_test_imports_a_lambda_handler_module() -> None:
    handlers = _handler_modules()
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_modules(path) & handlers)
        for path in (ROOT / "tests").rglob("*.py")
    }
    assert {path: modules for path, modules in offenders.items() if modules} == {}
