#!/usr/bin/env python3
"""The project's task runner. Needs only Python 3.11+: it creates .venv and installs the project into it.

python3 dev.py local      run the whole application on this machine (see README)
python3 dev.py test       lint, type-check, validate the template and the ASL, run every test (4 workers)
python3 dev.py lint       only the static checks
python3 dev.py diagrams   regenerate diagrams/ from workflows/ and template.yaml
python3 dev.py bench      run the benchmarks in bench/
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"
# SAM CLI pins its own boto3, click and cfn-lint, so it lives in a virtual environment of its own.
SAM_VENV = ROOT / ".venv-sam"
SAM_CLI = "aws-sam-cli==1.170.0"
# Most of the suite waits (on stacks starting, executions, a browser), so four workers keep two cores busy; a
# file's tests stay on one worker, sharing its module-scoped stack. Files start in collection order, where
# tests/conftest.py puts the longest first (tests/support/long_poles.py), not xdist's most-tests-first.
PARALLEL_TESTS = ("-n", "4", "--dist", "loadfile", "--no-loadscope-reorder")


def _fingerprint() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_environment() -> None:
    """Creates .venv and installs the project with its pinned dependencies, again only when they change."""
    if sys.version_info < (3, 11):
        sys.exit(f"bookmarks-flow needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not (BIN / "python").exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    # Read before installing: a pyproject.toml edited during the install must not be marked as installed.
    fingerprint = _fingerprint()
    if STAMP.exists() and STAMP.read_text() == fingerprint:
        return
    print("Installing bookmarks-flow and its pinned dependencies into .venv ...", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", "--quiet", "--upgrade", "pip==25.3"], check=True)
    subprocess.run([*pip, "install", "--quiet", "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(fingerprint)


def ensure_sam_cli() -> Path:
    sam = SAM_VENV / BIN.name / "sam"
    stamp = SAM_VENV / ".installed"
    if not (stamp.exists() and stamp.read_text() == SAM_CLI):
        print(f"Installing {SAM_CLI} into .venv-sam (once) ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(SAM_VENV)
        pip = [str(SAM_VENV / BIN.name / "python"), "-m", "pip", "--disable-pip-version-check", "install", "--quiet"]
        subprocess.run([*pip, SAM_CLI], check=True)
        stamp.write_text(SAM_CLI)
    return sam


def run(*command: str) -> None:
    result = subprocess.run([str(BIN / command[0]), *command[1:]], cwd=ROOT, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def lint() -> None:
    run("ruff", "check", ".")
    run("ruff", "format", "--check", ".")
    run("mypy", *[folder for folder in ("src", "tasks", "tests", "bench") if (ROOT / folder).is_dir()])
    run("cfn-lint", "template.yaml", "deploy/bootstrap.yaml")
    # The pipeline: GitHub's workflow schema, then zizmor's security audits (offline: no GitHub API here).
    workflows = sorted(str(path.relative_to(ROOT)) for path in (ROOT / ".github" / "workflows").glob("*.yml"))
    run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows)
    run("zizmor", "--offline", "--no-progress", *workflows)
    sam = ensure_sam_cli()
    environment = {**os.environ, "SAM_CLI_TELEMETRY": "0"}
    validate = [str(sam), "validate", "--lint", "--region", "us-east-1", "--template", "template.yaml"]
    if subprocess.run(validate, cwd=ROOT, env=environment, check=False).returncode != 0:
        sys.exit("sam validate --lint failed")
    run("python", "-m", "bookmarks_flow.asl_check", "template.yaml")
    run("python", "-m", "bookmarks_flow.iam_audit", "template.yaml")


def main(argv: list[str]) -> None:
    command, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if command in ("help", "-h", "--help"):
        print(__doc__)
        return
    ensure_environment()
    if command == "local":
        os.execv(str(BIN / "bookmarks"), [str(BIN / "bookmarks"), "local", *rest])
    elif command == "lint":
        lint()
    elif command == "test":
        lint()
        run("pytest", *PARALLEL_TESTS, *rest)
    elif command == "diagrams":
        run("bookmarks", "diagrams", *rest)
    elif command == "bench":
        run("python", "-m", "bench", *rest)
    else:
        sys.exit(f"unknown command {command!r}\n{__doc__}")


if __name__ == "__main__":
    main(sys.argv[1:])
