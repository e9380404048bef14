"""The 项目支出绩效目标执行监控表 (1-7月 or any period) as a `Grid`, from `jixiao monitor` data.

`build_monitoring_grid(table, layout)` lays out a `MonitoringTable` (jixiao.domain.
monitoring_table) on a layout read from ``layouts/monitoring/*.yaml``; the same xlsx, docx
and Typst writers as the 自评表 draw it. `render_monitoring(result, out)` writes .xlsx,
.docx or .pdf by the suffix of `out`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from jixiao.documents.cells import Cell, Grid, amount_text, amount_value, percent_text
from jixiao.documents.style import clean_text
from jixiao.documents.table_model import _runs
from jixiao.domain.errors import InputError
from jixiao.domain.money import round_half_up

__all__ = ["MONITORING_FORMATS", "MonitoringLayout", "build_monitoring_grid",
           "monitoring_layout", "monitoring_layout_names", "render_monitoring"]

MONITORING_FORMATS = (".xlsx", ".docx", ".pdf")
_FIXED = 7  # side, 一级, 二级, 三级, 年度指标值, 执行情况, 全年预计


@dataclass(frozen=True, slots=True)
class MonitoringLayout:
    """A monitoring-table layout (see layouts/monitoring/monitoring-2020.yaml)."""

    id: str
    data: dict[str, Any]

    @property
    def columns(self) -> tuple[Decimal, ...]:
        return tuple(Decimal(str(w)) for w in self.data["columns"])


@cache
def _layouts() -> dict[str, MonitoringLayout]:
    folder = resources.files("jixiao.documents") / "layouts" / "monitoring"
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            data = yaml.load(entry.read_text(encoding="utf-8"),
                             Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            lay = MonitoringLayout(str(data["id"]), data)
            n_causes = len(lay.columns) - _FIXED - 2
            if n_causes < 1:
                raise InputError(f"监控表版式 {entry.name} 列数不足", file=entry.name)
            out[lay.id] = lay
    return out


def monitoring_layout_names() -> list[str]:
    """Ids of the bundled monitoring-table layouts."""
    return sorted(_layouts())


def monitoring_layout(name: str | None = None) -> MonitoringLayout:
    """A monitoring layout by id (default: the only or first one)."""
    layouts = _layouts()
    if name is None:
        return layouts[sorted(layouts)[0]]
    try:
        return layouts[name]
    except KeyError:
        raise InputError(f"未知的监控表版式 {name!r}（可用：{'、'.join(sorted(layouts))}）") from None


def build_monitoring_grid(table: Any, layout: MonitoringLayout) -> Grid:
    """Lay out `table` (a `MonitoringTable`) on `layout`."""
    d = layout.data
    width = len(layout.columns)
    n_causes = len(table.cause_labels)
    if width != _FIXED + n_causes + 2:
        raise InputError(f"监控表版式 {layout.id} 应有 {_FIXED + n_causes + 2} 列（偏差原因 "
                         f"{n_causes} 项），实有 {width} 列")
    unit, places = d["amounts"]["unit"], int(d["amounts"].get("places", 2))
    fmt = {"period": table.period, "amount_unit": unit, "title": table.title,
           "fiscal_year": table.fiscal_year}
    cells: list[Cell] = []
    row = 0

    def label(r: int, c: int, text: str, span: int = 1, rowspan: int = 1) -> None:
        cells.append(Cell(r, c, text.format(**fmt), rowspan=rowspan, colspan=span,
                          kind="label", bold=True))

    def text(r: int, c: int, shown: str, span: int = 1, align: str = "left", **kw: Any) -> None:
        cells.append(Cell(r, c, shown, colspan=span, align=align, **kw))

    h = d["header"]
    label(row, 0, h["project"])
    text(row, 1, clean_text(table.project), width - 1)
    row += 1
    half = (width - 3) // 2
    label(row, 0, h["department"])
    text(row, 1, clean_text(table.department), half)
    label(row, 1 + half, h["unit"], 2)
    text(row, 3 + half, clean_text(table.unit), width - 3 - half)
    row += 1

    f = d["funds"]
    label(row, 0, f["side"], rowspan=2)
    label(row, 1, "", 3)
    col = 4
    for c in f["columns"]:
        label(row, col, c["label"], int(c["span"]))
        col += int(c["span"])
    row += 1
    text(row, 1, f["label"], 3)
    col = 4
    for c in f["columns"]:
        span = int(c["span"])
        key = c["key"]
        if key == "rate":
            rate = table.rate
            if rate is None:
                text(row, col, "—", span, "center")
            else:
                text(row, col, percent_text(rate), span, "right", kind="percent",
                     value=round_half_up(rate, 4))
        else:
            amount = getattr(table, key)
            if amount is None:
                text(row, col, "", span)
            else:
                text(row, col, amount_text(amount, unit, places), span, "right", kind="amount",
                     value=amount_value(amount, unit, places))
        col += span
    row += 1

    g = d["goals"]
    label(row, 0, g["side"], rowspan=2)
    left = 1 + (width - 1) // 2
    label(row, 1, g["expected"], left - 1)
    label(row, left, g["progress"], width - left)
    row += 1
    text(row, 1, clean_text(table.goal), left - 1)
    text(row, left, clean_text(table.goal_progress) or "（未填写）", width - left)
    row += 1

    ind = d["indicators"]
    header = row
    label(row, 0, ind["side"], rowspan=2 + len(table.rows))
    heads = ("一级指标", "二级指标", "三级指标", "年度指标值", "{period}执行情况", "全年预计完成情况")
    for i, head in enumerate(heads):
        label(row, 1 + i, head, rowspan=2)
    label(row, _FIXED, ind["causes_group"], n_causes)
    for i, cause in enumerate(table.cause_labels):
        label(row + 1, _FIXED + i, cause)
    label(row, _FIXED + n_causes, "完成目标可能性", rowspan=2)
    label(row, _FIXED + n_causes + 1, "原因说明", rowspan=2)
    row += 2
    tick = str(ind.get("tick", "√"))
    # 一级/二级 merged over runs, as on the 自评表.
    cat_runs = _runs([(r.category,) for r in table.rows])
    sub_runs = _runs([(r.category, r.subcategory) for r in table.rows])
    for n, r in enumerate(table.rows):
        if n in cat_runs:
            cells.append(Cell(row, 1, r.category, rowspan=cat_runs[n]))
        if n in sub_runs:
            cells.append(Cell(row, 2, r.subcategory, rowspan=sub_runs[n]))
        values = (clean_text(r.name), clean_text(r.target), clean_text(r.progress),
                  clean_text(r.expected))
        for i, v in enumerate(values):
            text(row, 3 + i, v, align="left" if i == 0 else "center")
        for i, ticked in enumerate(r.causes):
            text(row, _FIXED + i, tick if ticked else "", align="center")
        text(row, _FIXED + n_causes, r.completion, align="center")
        text(row, _FIXED + n_causes + 1, clean_text(r.reason))
        row += 1

    return Grid(
        title=str(d["title"]).format(**fmt), subtitle="", table_number="",
        unit_note=f"金额单位：{unit}", columns=layout.columns, cells=tuple(cells), rows=row,
        footnotes=tuple(str(n).format(**fmt) for n in d.get("footnotes") or ()),
        orientation=str(d.get("orientation", "landscape")),
        font_size=Decimal(str(d.get("font_size", 9))), repeat_row=header, repeat_rows=2,
    )


def render_monitoring(result: Any, out: Path, layout: str | None = None) -> Path:
    """Write the 监控表 of `result` (a `MonitoringResult`) to `out` (.xlsx, .docx or .pdf)."""
    from jixiao.domain.monitoring_table import monitoring_table

    suffix = out.suffix.lower()
    if suffix not in MONITORING_FORMATS:
        raise InputError(f"监控表不支持的输出格式 {out.suffix or '（无后缀）'}"
                         f"（可用：{' '.join(MONITORING_FORMATS)}）", file=str(out))
    grid = build_monitoring_grid(monitoring_table(result), monitoring_layout(layout))
    author = result.evaluation.project.unit
    if suffix == ".xlsx":
        from jixiao.documents.table_xlsx import write_table_xlsx

        write_table_xlsx(grid, out, author=author)
    elif suffix == ".docx":
        from jixiao.documents.docx_writers import table_docx

        table_docx(grid, out, author=author)
    else:
        from jixiao.documents.pdf import table_pdf

        out.write_bytes(table_pdf(grid))
    return out
