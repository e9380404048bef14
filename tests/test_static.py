"""Static checks run with the tests: mypy (strict, with Django's stubs and plugin) on the
whole package, ruff on the whole tree."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_mypy_strict_config():
    """What `test_mypy_whole_package` relies on: strict for every module (the domain's
    stdlib-only code included) and the django-stubs plugin with the project's settings."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    assert config["mypy"]["strict"] is True
    assert "mypy_django_plugin.main" in config["mypy"]["plugins"]
    assert config["django-stubs"]["django_settings_module"] == "jixiao.web.settings"
    # no module is let off: an override may tighten, never silence
    for override in config["mypy"].get("overrides", []):
        assert not override.get("ignore_errors"), override


def test_mypy_whole_package():
    """One run over src/jixiao: about 11 s with an empty cache (a fresh clone in CI),
    about 1 s when `.mypy_cache` is warm."""
    proc = subprocess.run([str(BIN / "mypy"), "src/jixiao"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success" in proc.stdout


def test_ruff_clean():
    proc = subprocess.run([str(BIN / "ruff"), "check", "--no-cache", "src", "tests", "bench"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
