"""bench/audit_corpus.py counts an item of several parts as found only when every part is.

Review: the report said "3/3 found" for the seed while S7 (rent under, property over) was
found for the property fee only.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import yaml

REPO = Path(__file__).resolve().parents[2]
DUE = "每年应承担物业管理费20万元。\n实际支付资金30万元，其中:物业管理费30万元。\n"
OVER = {"code": "overpayment", "line": 2, "stated": "30"}
RENT = {"code": "underpayment", "line": 2, "stated": "80"}


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_corpus", REPO / "bench" / "audit_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("audit_corpus", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _evaluate(tmp_path: Path, parts: list[dict[str, object]]) -> object:
    (tmp_path / "r.txt").write_text(DUE, encoding="utf-8")
    spec = {"files": {"r.txt": {"inconsistent": [{"id": "X", "parts": parts}]}}}
    path = tmp_path / "e.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    (result,) = _bench().evaluate(tmp_path, path)
    return result


def test_all_parts_found(tmp_path: Path) -> None:
    result = _evaluate(tmp_path, [{"match": [OVER]}])
    assert result.found_items == ["X"] and result.false_findings == []


def test_a_targeted_part_missing_is_a_miss_not_a_find(tmp_path: Path) -> None:
    result = _evaluate(tmp_path, [{"match": [OVER]}, {"match": [RENT]}])
    assert result.found_items == [] and result.missed_targeted == ["X"]


def test_an_unattempted_part_leaves_the_item_partly_found(tmp_path: Path) -> None:
    result = _evaluate(tmp_path, [{"match": [OVER]}, {"match": []}])
    assert result.found_items == [] and result.partly_found == ["X"]
    assert result.missed_targeted == []
