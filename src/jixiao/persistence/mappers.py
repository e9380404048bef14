"""Map stored rows to domain objects and back.

A project's evaluation lives in `Project.document` in the evaluation file format
(CONTRACTS.md §2). The organisation tree is the authority for 项目名称, 实施单位, 主管部门
and 年度, so `evaluation_document` writes them into the document before it is parsed,
exported or hashed.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

from jixiao.domain.evaluation import Evaluation
from jixiao.persistence.models import Organisation, Project

FORMAT = "jixiao.evaluation/1"


def unit_chain(unit: Organisation) -> tuple[str, str, str]:
    """(unit name, department name, region) for a 预算单位."""
    department = unit.parent
    finance = department.parent if department is not None else None
    region = unit.region or (department.region if department else "") or (
        finance.region if finance else ""
    )
    return unit.name, department.name if department else unit.name, region


def registered_document(document: Any, *, name: str, fiscal_year: int, unit: str,
                        department: str, region: str) -> dict[str, Any]:
    """The stored `document` with the registered project data written in, as a new top-level
    mapping that shares the nested blocks with `document` (nothing is copied: callers that
    change nested blocks must copy first, as `evaluation_document` does)."""
    doc = dict(document) if isinstance(document, dict) else {}
    doc["format"] = FORMAT
    meta = dict(doc.get("project") or {})
    meta.update({"name": name, "unit": unit, "department": department,
                 "fiscal_year": fiscal_year})
    if region and not meta.get("region"):
        meta["region"] = region
    doc["project"] = meta
    doc.setdefault("funds", {"total": {"full_year_budget": "0", "executed": "0"}})
    doc.setdefault("indicators", [])
    return doc


def _registered(project: Project, document: Any) -> dict[str, Any]:
    unit, department, region = unit_chain(project.unit)
    return registered_document(document, name=project.name, fiscal_year=project.fiscal_year,
                               unit=unit, department=department, region=region)


def evaluation_document(project: Project) -> dict[str, Any]:
    """The project's evaluation as a complete `jixiao.evaluation/1` document (a deep copy:
    the caller may change it)."""
    document = project.document if isinstance(project.document, dict) else {}
    return _registered(project, copy.deepcopy(document))


def evaluation_from_project(project: Project, *, in_year: bool = False) -> Evaluation:
    """Parse the stored document into the domain `Evaluation` (no copy, no text round trip:
    the one validating mapping `parse_evaluation` reads the stored JSON directly;
    `in_year`: as during the year, see `parse_evaluation`).

    Raises:
        InputError: when the stored data is not a valid evaluation (e.g. a number field
            holds text); the message names the field.
    """
    return evaluation_from_stored(_registered(project, project.document), project.pk,
                                  in_year=in_year)


def evaluation_from_stored(document: dict[str, Any], project_id: int, *,
                           in_year: bool = False) -> Evaluation:
    """Validate a registered stored document (`registered_document`) into an `Evaluation`;
    shared by the save path and bulk re-scoring."""
    from jixiao.ingest.evaluation_file import parse_evaluation

    return parse_evaluation(document, f"项目 {project_id}", in_year=in_year)


def canonical_json(document: dict[str, Any]) -> str:
    """Stable JSON text of a document: sorted keys, no whitespace, UTF-8 characters."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def snapshot_sha256(document: dict[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of a document: the hash of a snapshot."""
    return hashlib.sha256(canonical_json(document).encode("utf-8")).hexdigest()


def plain(value: Any) -> Any:
    """Turn YAML-loaded data into JSON-storable data: numbers become exact decimal strings
    (never floats), dates become ISO strings."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # YAML floats: repr gives the shortest text that reads back the same, i.e. what
        # the author wrote (2281500.00 → "2281500.0"), so no binary noise leaks in.
        return repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
