"""Excel round trip of the 自评表: download the entry template pre-filled for a project,
fill it offline, upload it. Every cell is validated and every error is reported by cell in
Chinese; nothing is written unless the whole sheet is valid (one transaction).

Values are never changed on the way: numbers are the cells' stored decimal text; a formula
without a result, an error value or a malformed number is an error of that cell; a cell
left empty where the system holds a value is an error unless it says 「清空」
(`CLEAR_MARK`), and every cleared field is named in the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from jixiao.documents.entry_xlsx import entry_template_xlsx
from jixiao.domain.entry_layout import CLEAR_MARK
from jixiao.domain.errors import InputError
from jixiao.ingest.entry_xlsx import read_entry_xlsx
from jixiao.persistence.mappers import evaluation_document
from jixiao.persistence.models import User
from jixiao.services.access import visible_project
from jixiao.services.errors import Invalid
from jixiao.services.evaluations import (
    EvaluationView,
    apply_change,
    evaluation_view,
    field_label,
    normalise_field,
    require_edit,
)
from jixiao.services.project_store import require_version

MAX_BYTES = 5 * 1024 * 1024


def entry_template(*, actor: User, project_id: int) -> tuple[str, bytes]:
    """The pre-filled template of a visible project: (file name, .xlsx bytes)."""
    project = visible_project(actor, project_id)
    data = entry_template_xlsx(evaluation_document(project), project.pk)
    return f"{project.fiscal_year}-{project.pk}-自评表填报模板.xlsx", data


@dataclass(frozen=True)
class EntryResult:
    """An applied upload: the re-scored view, how many fields changed, and the cells whose
    value was cleared (「清空」), e.g. ``("I17 实际完成值",)``."""

    view: EvaluationView
    changed: int
    cleared: tuple[str, ...]


def _current(document: dict[str, Any], keys: list[Any]) -> str:
    value: Any = document
    for key in keys:
        if isinstance(value, dict):
            value = value.get(key)
        elif isinstance(value, list) and isinstance(key, int) and key < len(value):
            value = value[key]
        else:
            return ""
    return "" if value is None else str(value).strip()


def entry_upload(*, actor: User, project_id: int, data: bytes, version: int | None = None) -> EntryResult:
    """Validate an uploaded template and apply it atomically.

    Raises:
        Invalid: with one ``{"field": cell, "message": …}`` per problem, nothing written.
    """
    # scope and state first (an outsider learns nothing), then the file is read outside the
    # write transaction, which must stay short
    require_edit(actor, visible_project(actor, project_id))
    if not data:
        raise Invalid("未导入任何数据", [{"field": "file", "message": "请选择填好的 .xlsx 模板"}])
    if len(data) > MAX_BYTES:
        raise Invalid("未导入任何数据", [{"field": "file", "message": "文件超过 5 MB"}])
    try:
        sheet = read_entry_xlsx(data)
    except InputError as err:
        raise Invalid("未导入任何数据", [{"field": err.field or "file", "message": str(err)}]) from None
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_edit(actor, project)
        require_version(project, version)
        if sheet.project_id != project.pk:
            raise Invalid("未导入任何数据", [{"field": "file",
                                              "message": "这是另一个项目的模板，请下载本项目的模板"}])
        document = dict(project.document)
        indicators = document.get("indicators", [])
        errors = []
        if len(sheet.names) != len(indicators):
            errors.append({"field": "file", "message": f"模板有 {len(sheet.names)} 个指标，系统中有 "
                           f"{len(indicators)} 个：模板已过期，请重新下载"})
        for index, cell, name in sheet.names:
            if index < len(indicators) and name != str(indicators[index].get("name", "")):
                errors.append({"field": cell, "message":
                               f"{cell} 单元格：三级指标应为「{indicators[index].get('name', '')}」，"
                               f"模板中为「{name}」，请勿修改申报内容"})
        changes = []
        cleared = []
        for entry in sheet.cells:
            if entry.path.startswith("indicators.") and int(entry.path.split(".")[1]) >= len(indicators):
                continue
            where = f"{entry.cell} 单元格（{entry.label}）"
            if entry.problem:
                errors.append({"field": entry.cell, "message": f"{where}：{entry.problem}"})
                continue
            clear = entry.text == CLEAR_MARK
            try:
                keys, new = normalise_field(document, entry.path, "" if clear else entry.text)
            except Invalid as err:
                detail = err.errors[0]["message"] if err.errors else err.message
                errors.append({"field": entry.cell, "message": f"{where}：{detail}"})
                continue
            old = _current(document, keys)
            if not entry.text and old:
                errors.append({"field": entry.cell, "message":
                               f"{where}：原有值「{old}」，现为空；如确要清空，请填写「{CLEAR_MARK}」"})
                continue
            if clear and old:
                cleared.append(f"{entry.cell} {entry.label}")
            changes.append((entry.path, keys, new))
        if errors:
            raise Invalid(f"模板中有 {len(errors)} 处错误，未导入任何数据", errors)
        changed = 0
        for path, keys, new in changes:
            changed += apply_change(project, actor, document, keys, new, path,
                                    field_label(document, path))
    return EntryResult(evaluation_view(project), changed, tuple(cleared))
