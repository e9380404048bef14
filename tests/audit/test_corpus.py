"""The sample corpus against its machine-readable annotations (corpus_expectations.yaml).

Every targeted ✗ item is found, every finding matches an annotated ✗ item (no false
positive), and no finding states a figure annotated ✓. Needs ../shared/corpus beside the
repository; skipped when it is absent.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
# JIXIAO_SHARED_CORPUS points at the corpus when the repository is not beside it (a worktree)
CORPUS = Path(os.environ.get("JIXIAO_SHARED_CORPUS", REPO / ".." / "shared" / "corpus"))
EXPECTATIONS = Path(__file__).with_name("corpus_expectations.yaml")

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repo")


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_corpus", REPO / "bench" / "audit_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("audit_corpus", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


FILES = list(yaml.safe_load(EXPECTATIONS.read_text(encoding="utf-8"))["files"])


def test_every_corpus_file_is_annotated() -> None:
    on_disk = {p.name for p in CORPUS.glob("*.txt")}
    assert on_disk == set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_corpus_file(name: str, tmp_path: Path) -> None:
    expectations = yaml.safe_load(EXPECTATIONS.read_text(encoding="utf-8"))
    one = tmp_path / "one.yaml"
    one.write_text(yaml.safe_dump({"files": {name: expectations["files"][name]}}, allow_unicode=True),
                   encoding="utf-8")
    (result,) = _bench().evaluate(CORPUS, one)
    assert result.false_findings == []
    assert result.missed_targeted == []
    assert result.silent_broken == []


def test_seed_done_when() -> None:
    """The issue's acceptance: area total and property fee reported, rent and 12345 not."""
    from jixiao.services.figure_audit import audit_files

    (result,) = audit_files([CORPUS / "seed-baoshan-2022-rent-property.txt"])
    stated = {(f.code, str(f.stated)) for f in result.findings}
    assert ("sum-mismatch", "15415.38") in stated
    assert ("product-mismatch", "21") in stated
    assert ("restated-mismatch", "24.7") in stated
    for consistent in ("203.45", "73.52", "72728", "53467", "8477.09"):
        assert all(str(f.stated) != consistent and str(f.expected) != consistent
                   for f in result.findings)
