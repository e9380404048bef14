"""Static checks run with the tests: mypy strict on the domain, ruff on the whole tree."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_mypy_strict_on_domain():
    proc = subprocess.run([str(BIN / "mypy"), "src/jixiao/domain"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success" in proc.stdout


def test_ruff_clean():
    proc = subprocess.run([str(BIN / "ruff"), "check", "--no-cache", "src", "tests", "bench"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
