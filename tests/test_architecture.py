"""Architecture rules: the domain imports only the standard library; layers point down."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT / "src" / "jixiao" / "domain"


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def test_domain_imports_only_stdlib_and_itself():
    offenders = []
    for path in sorted(DOMAIN.rglob("*.py")):
        for lineno, module in _imports(path):
            top = module.split(".")[0]
            if module.startswith("jixiao.domain") or top in sys.stdlib_module_names:
                continue
            offenders.append(f"{path.relative_to(ROOT)}:{lineno} imports {module}")
    assert offenders == []


def test_domain_does_not_read_the_clock_or_files():
    forbidden = ("datetime.now", "date.today", "time.time(", "open(", "Path(", ".read_text(")
    offenders = []
    for path in sorted(DOMAIN.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.name}: {word}" for word in forbidden if word in text]
    assert offenders == []


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Contracts: " in proc.stdout and " broken" in proc.stdout
    assert "0 broken" in proc.stdout


def test_one_rounding_helper():
    """四舍五入 happens in one place (`domain.money.round_half_up`): nothing else names
    ROUND_HALF_UP, so no copy of the rule can drift (RULES.md: 保留两位小数，四舍五入)."""
    money = ROOT / "src" / "jixiao" / "domain" / "money.py"
    offenders = [f"{path.relative_to(ROOT)}" for path in sorted((ROOT / "src").rglob("*.py"))
                 if path != money and "ROUND_HALF_UP" in path.read_text(encoding="utf-8")]
    assert offenders == []
