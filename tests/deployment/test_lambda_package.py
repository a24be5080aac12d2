"""What ``sam build`` would package for Lambda resolves and runs: tasks/requirements.txt has wheels for the
template's runtime and architecture, and every handler the template names imports with those requirements
alone (plus the AWS SDK, which the Lambda Python runtime provides). Needs PyPI, as CI has.

Lambda's runtimes and architectures: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html ;
``pip download --platform`` for Lambda's arm64 (Graviton, manylinux2014_aarch64) wheels:
https://docs.aws.amazon.com/lambda/latest/dg/python-package.html
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import boto3
import pytest

from bookmarks_flow.local.cfn_template import load_template

PROJECT_DIR = Path(__file__).resolve().parents[2]
REQUIREMENTS = PROJECT_DIR / "tasks" / "requirements.txt"
_PLATFORMS = {"arm64": "manylinux2014_aarch64", "x86_64": "manylinux2014_x86_64"}


def _functions() -> dict[str, dict[str, object]]:
    template = load_template(PROJECT_DIR / "template.yaml")
    defaults = template.get("Globals", {}).get("Function", {})
    return {
        name: {**defaults, **resource["Properties"]}
        for name, resource in template["Resources"].items()
        if resource["Type"] == "AWS::Serverless::Function"
    }


def _targets() -> set[tuple[str, str]]:
    """(python version, wheel platform) of every function, e.g. ("3.12", "manylinux2014_aarch64")."""
    targets = set()
    for properties in _functions().values():
        runtime = str(properties["Runtime"])
        assert runtime.startswith("python"), runtime
        for architecture in properties.get("Architectures", ["x86_64"]):  # type: ignore[attr-defined]
            targets.add((runtime.removeprefix("python"), _PLATFORMS[str(architecture)]))
    return targets


@pytest.mark.parametrize(("python_version", "platform"), sorted(_targets()))
def test_the_lambda_requirements_resolve_for_the_runtime_and_architecture(
    python_version: str, platform: str, tmp_path: Path
) -> None:
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check"]
    command += ["--platform", platform, "--python-version", python_version, "--only-binary=:all:"]
    command += ["--dest", str(tmp_path), "-r", str(REQUIREMENTS)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert any(tmp_path.glob("aws_lambda_powertools-*.whl"))


@pytest.fixture(scope="module")
def lambda_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A throw-away venv with tasks/requirements.txt and the SDK that the Lambda runtime itself provides."""
    directory = tmp_path_factory.mktemp("lambda-venv")
    venv.EnvBuilder(with_pip=False).create(directory)
    python = directory / "bin" / "python"
    # This environment's pip installs into the throw-away venv (``--python``): half the time of bootstrapping a
    # pip of its own there, and the venv gets only the requirements.
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
    install += ["--disable-pip-version-check", "-r", str(REQUIREMENTS)]
    subprocess.run([*install, f"boto3=={boto3.__version__}"], check=True, capture_output=True, timeout=600)
    return python


@pytest.mark.parametrize("function", sorted(_functions()))
def test_each_handler_imports_with_only_the_lambda_requirements(function: str, lambda_python: Path) -> None:
    module, _, attribute = str(_functions()[function]["Handler"]).rpartition(".")
    probe = f"import importlib; assert callable(getattr(importlib.import_module({module!r}), {attribute!r}))"
    # Only the CodeUri folder is on the path, as in the deployed package (no project, no test dependencies).
    code_dir = PROJECT_DIR / str(_functions()[function]["CodeUri"])
    result = subprocess.run(
        [str(lambda_python), "-I", "-c", f"import sys; sys.path.insert(0, {str(code_dir)!r}); {probe}"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={"AWS_DEFAULT_REGION": "us-east-1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
