"""预算明细与支出明细 (budget lines and the spending ledger) of a project: edit the budget
lines, import the payments from CSV/xlsx (all or nothing), and audit them with
`jixiao.domain.ledger` (overspending, 挤占挪用 signals, duplicates, out-of-year payments).

Stored in the evaluation document's `ledger` block (docs/funds.md §2), so that 运行监控 uses
the ledger for 执行数 as `jixiao monitor` does.
"""

from __future__ import annotations

import copy
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao.domain.errors import InputError
from jixiao.domain.ledger import LedgerReport, audit_ledger
from jixiao.domain.text import normalise_text
from jixiao.ingest.funds_blocks import monitoring_inputs
from jixiao.ingest.ledger_import import read_records
from jixiao.persistence.mappers import evaluation_from_project
from jixiao.persistence.models import FieldChange, Project, User
from jixiao.services.access import visible_project
from jixiao.services.errors import Invalid
from jixiao.services.evaluations import require_edit
from jixiao.services.project_store import project_save, require_version

MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class LedgerView:
    """The budget lines and records of a project and the year-end audit (or why not)."""

    project: Project
    lines: list[dict[str, Any]]
    record_count: int
    report: LedgerReport | None
    error: str = ""


def _block(project: Project) -> dict[str, Any]:
    return dict(project.document.get("ledger") or {})


def _audit(project: Project) -> tuple[LedgerReport | None, str]:
    if not project.document.get("ledger"):
        return None, ""
    try:
        _, ledger = monitoring_inputs(evaluation_from_project(project, in_year=True), f"项目 {project.pk}")
    except InputError as err:
        return None, str(err)
    return (audit_ledger(ledger) if ledger is not None else None), ""


def ledger_get(*, actor: User, project_id: int) -> LedgerView:
    """The ledger of a visible project."""
    project = visible_project(actor, project_id)
    block = _block(project)
    report, error = _audit(project)
    return LedgerView(project, list(block.get("lines") or []), len(block.get("records") or []),
                      report, error)


def _save(project: Project, actor: User, block: dict[str, Any], label: str) -> None:
    """Validate the new block with the file-format parser, then store it (or raise Invalid)."""
    previous = project.document
    document = copy.deepcopy(project.document)
    if block.get("lines"):
        document["ledger"] = block
    else:
        document.pop("ledger", None)
    project.document = document
    try:
        monitoring_inputs(evaluation_from_project(project, in_year=True), "预算明细")
    except InputError as err:
        project.document = previous
        raise Invalid("预算明细有误，未保存",
                      [{"field": err.field or "ledger", "message": str(err)}]) from None
    project_save(project)
    FieldChange.objects.create(project=project, path="ledger", label=label, actor=actor,
                               at=timezone.now())


def ledger_line_add(*, actor: User, project_id: int, code: str, name: str, amount: str,
                    classifications: str = "", version: int | None = None) -> None:
    """Add (or replace, same code) a budget line. `classifications`: codes separated by
    spaces or commas (allowed 政府支出经济分类; empty = any)."""
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_edit(actor, project)
        require_version(project, version)
        code, name = normalise_text(code).strip()[:50], normalise_text(name)
        if not code:
            raise Invalid("必填", [{"field": "code", "message": "请填写预算项目编码"}])
        block = _block(project)
        lines = [line for line in block.get("lines") or [] if line.get("code") != code]
        classes = [c for c in classifications.replace("，", ",").replace(",", " ").split() if c]
        lines.append({"code": code, "name": name.strip()[:100] or code, "amount": amount.strip(),
                      "classifications": classes[:20]})
        block["lines"] = lines
        _save(project, actor, block, f"预算明细：{code} {name.strip()[:100]}")


def ledger_line_remove(*, actor: User, project_id: int, code: str, version: int | None = None) -> None:
    """Remove a budget line that no payment refers to."""
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_edit(actor, project)
        require_version(project, version)
        block = _block(project)
        if any(r.get("line") == code for r in block.get("records") or []):
            raise Invalid("不能删除", [{"field": "code", "message": f"仍有支出记录属于预算项目 {code}"}])
        block["lines"] = [line for line in block.get("lines") or [] if line.get("code") != code]
        _save(project, actor, block, f"删除预算明细 {code}")


def ledger_import(*, actor: User, project_id: int, filename: str, data: bytes,
                  version: int | None = None) -> int:
    """Replace the spending records with those of an uploaded .csv/.xlsx; all or nothing.
    Returns the number of records imported."""
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_edit(actor, project)
        require_version(project, version)
        block = _block(project)
        codes = {str(line.get("code")) for line in block.get("lines") or []}
        if not codes:
            raise Invalid("请先填写预算明细", [{"field": "file", "message": "导入支出前须有预算项目"}])
        suffix = Path(filename).suffix.lower()
        if suffix not in (".csv", ".xlsx") or not data or len(data) > MAX_BYTES:
            raise Invalid("未导入任何数据", [{"field": "file",
                                              "message": "请上传不超过 5 MB 的 .csv 或 .xlsx 文件"}])
        with tempfile.TemporaryDirectory(prefix="jixiao-ledger-") as tmp:
            path = Path(tmp) / f"支出明细{suffix}"
            path.write_bytes(data)
            try:
                records = read_records(path, codes)
            except InputError as err:
                message = str(err).replace(str(path), filename)
                raise Invalid("未导入任何数据", [{"field": "file", "message": message}]) from None
        block["records"] = [
            {"date": r.date.isoformat(), "amount": str(r.amount), "payee": r.payee, "line": r.line,
             "classification": r.classification, "purpose": r.purpose, "reference": r.reference}
            for r in records]
        block.pop("records_file", None)
        _save(project, actor, block, f"导入支出明细 {len(records)} 条")
        return len(records)
