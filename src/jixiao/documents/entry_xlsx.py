"""The 自评表 entry template (.xlsx): a project's evaluation pre-filled in the block order of
the official form (项目 / 项目资金 / 年度总体目标 / 绩效指标), to be filled offline and
uploaded again (`jixiao.ingest.entry_xlsx` reads it back).

White cells are for the unit to fill; grey cells are the declaration and are checked on
upload. The sheet is protected except the white cells (no password: protection guards
against slips, the upload checks the declaration anyway). Amounts and quantitative values
are number cells with number formats (元 as #,##0.00), written from `Decimal` (openpyxl
writes a Decimal's exact text into the file, no float on the way); text fields are text
cells (format "@").
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from jixiao.documents.xlsx_text import put_text
from jixiao.domain.entry_layout import (
    CLEAR_MARK,
    FORMAT,
    FUND_COLUMNS,
    FUND_HEADER_ROW,
    FUND_ROWS,
    GOALS_ROW,
    GRADE_LABELS,
    INDICATOR_COLUMNS,
    INDICATOR_HEADER_ROW,
    META_SHEET,
    SHEET,
)
from jixiao.domain.money import D
from jixiao.domain.text import normalise_text

_GREY = PatternFill("solid", fgColor="EEEEEE")
_BOLD = Font(bold=True)


_OPEN = Protection(locked=False)
_AMOUNT = "#,##0.00"
#: Indicator columns written as numbers when the indicator is quantitative.
_NUMERIC = ("actual", "score")


def _text(value: Any) -> str:
    # stored text may predate the input normalisation: XML cannot hold control characters
    return "" if value is None else normalise_text(str(value))


def _number(value: Any) -> Any:
    """An exact Decimal for a number cell, or the text when it is not a number."""
    if value in (None, ""):
        return None
    try:
        return D(str(value))
    except (ValueError, ArithmeticError, TypeError):
        return _text(value)


def _number_cell(cell: Any, value: Any) -> Any:
    """`cell` holding `value` as an exact number, as text when it is not a number."""
    number = _number(value)
    if isinstance(number, str):
        return put_text(cell, number)
    cell.value = number
    return cell


def entry_template_xlsx(document: dict[str, Any], project_id: int) -> bytes:
    """The pre-filled template of `document` (a `jixiao.evaluation/1` dict) as .xlsx bytes."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    meta = document.get("project", {})
    put_text(ws["A1"], f"{_text(meta.get('fiscal_year', ''))}年度项目支出绩效自评表（填报模板）")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"], ws["A3"], ws["D3"] = "项目名称", "主管部门", "实施单位"
    # User text goes through put_text: a name starting with "=" must not become a formula.
    put_text(ws["B2"], _text(meta.get("name")))
    put_text(ws["B3"], _text(meta.get("department")))
    put_text(ws["E3"], _text(meta.get("unit")))
    ws["A4"] = ("说明：白色单元格可填写，灰色单元格为申报内容，请勿修改；金额单位：元；数值请勿带单位；"
                f"要清除某格原有的值，请填写「{CLEAR_MARK}」（留空视为误删，不予导入）。")
    ws.cell(FUND_HEADER_ROW, 1, "项目资金（元）").font = _BOLD
    for c, (_, label) in enumerate(FUND_COLUMNS, start=2):
        ws.cell(FUND_HEADER_ROW, c, label).font = _BOLD
    funds = document.get("funds", {})
    for r, (key, label) in enumerate(FUND_ROWS, start=FUND_HEADER_ROW + 1):
        ws.cell(r, 1, label).fill = _GREY
        row = funds.get(key) or {}
        for c, (col, _) in enumerate(FUND_COLUMNS, start=2):
            cell = _number_cell(ws.cell(r, c), row.get(col))
            if cell.data_type == "n":
                cell.number_format = _AMOUNT
            cell.protection = _OPEN
    goals = document.get("goals", {})
    ws.cell(GOALS_ROW - 1, 1, "年度总体目标").font = _BOLD
    ws.cell(GOALS_ROW - 1, 2, "预期目标").font = _BOLD
    ws.cell(GOALS_ROW - 1, 5, "实际完成情况").font = _BOLD
    put_text(ws.cell(GOALS_ROW, 2), _text(goals.get("expected"))).fill = _GREY
    goal = put_text(ws.cell(GOALS_ROW, 5), _text(goals.get("actual")))
    goal.protection = _OPEN
    for c, (_, header, _) in enumerate(INDICATOR_COLUMNS, start=1):
        ws.cell(INDICATOR_HEADER_ROW, c, header).font = _BOLD
    grades = DataValidation(type="list", formula1='"' + ",".join(GRADE_LABELS.values()) + '"',
                            allow_blank=True)
    ws.add_data_validation(grades)
    for i, ind in enumerate(document.get("indicators", [])):
        r = INDICATOR_HEADER_ROW + 1 + i
        for c, (key, _, editable) in enumerate(INDICATOR_COLUMNS, start=1):
            value = i + 1 if key == "index" else ind.get(key)
            if key == "grade" and value:
                value = GRADE_LABELS.get(str(value), value)
            quantitative = ind.get("operator") != "qualitative"
            if key == "index":
                cell = ws.cell(r, c, value)
            elif key in _NUMERIC and (quantitative or key == "score"):
                cell = _number_cell(ws.cell(r, c), value)
                if cell.data_type == "n":
                    cell.number_format = "General"
            else:
                cell = put_text(ws.cell(r, c), _text(value))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if editable:
                cell.protection = _OPEN
            else:
                cell.fill = _GREY
        if ind.get("operator") == "qualitative":
            grades.add(ws.cell(r, 10))
    for c, width in enumerate((8, 16, 16, 28, 10, 14, 10, 8, 16, 22, 12, 20, 36), start=1):
        ws.column_dimensions[ws.cell(1, c).column_letter].width = width
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widening a column stays allowed
    ws.protection.formatRows = False
    info = wb.create_sheet(META_SHEET)
    info["A1"], info["B1"] = "format", FORMAT
    info["A2"], info["B2"] = "project", str(project_id)
    info["A3"], info["B3"] = "indicators", str(len(document.get("indicators", [])))
    info.sheet_state = "hidden"
    info.protection.sheet = True
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
