"""Helpers shared by the funds tests (imported as `funds.support`; pyproject puts tests/ on the path)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from jixiao.cli.main import cli

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


def run_cli(*args: str) -> Result:
    """Run `jixiao ARGS…` in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)
