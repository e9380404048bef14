"""The tables of a report as rows × cells, each cell keeping its line and its figures.

`jixiao.ingest.docmodel` recovers these from every format (html/docx/xlsx structure, PDF
layout text, and flattened text of any shape: pipes, one cell per line, spaces, headers
over two lines). The detectors read them through the roles of the header: a 自评表's
indicator table (一级/二级/三级指标, 指标值, 实际完成值, 分值, 得分, 偏差原因…) and its funds
table (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分). Pure standard library.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from jixiao.domain.audit.facts import Figure, lone_figure

__all__ = [
    "FUNDS",
    "INDICATORS",
    "NO_REASON",
    "ROLES",
    "UNNAMED",
    "Table",
    "TableCell",
    "TableRow",
    "TotalRow",
]

INDICATORS = "indicators"
FUNDS = "funds"

#: Column roles a header can name, with what they hold.
ROLES: dict[str, str] = {
    "level1": "一级指标", "level2": "二级指标", "name": "三级指标 / 指标名称",
    "nature": "指标性质（≥ ≤ = 定性）", "target": "年度指标值", "unit": "度量单位",
    "actual": "实际完成值", "weight": "分值 / 权重", "score": "得分", "reason": "偏差原因分析",
    "budget_initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数",
    "rate": "执行率", "criteria": "评分标准",
}

_OPERATORS = ("≥", "≤", ">=", "<=", "≧", "≦", ">", "<", "=", "＝", "═")

#: What a 偏差原因 cell holds when it gives no reason: blank, a dash, 无…, or the ellipsis the
#: templates print in cells left unfilled (……).
NO_REASON = frozenset(("", "无", "—", "-", "/", "／", "——", "无偏差", "不适用", "未偏差", "无偏差原因",
                       "…", "……", "...", "......", "。。。", "。。。。。。"))


#: The name a row read without its labels is called by in findings.
UNNAMED = "（名称未能读出的指标）"


class TableCell(NamedTuple):
    """One cell: its text, where it is (line, offsets in that line) and its figures.

    A `NamedTuple` (immutable, and cheap to make: a report's tables have thousands of cells).
    """

    text: str
    line: int
    start: int
    end: int
    figures: tuple[Figure, ...] = ()

    @property
    def empty(self) -> bool:
        """True for a blank cell or one holding only a dash (—, -, /)."""
        return self.text.strip() in ("", "—", "-", "－", "/", "／", "——", "无")

    @property
    def number(self) -> Figure | None:
        """The cell's figure when the cell is one figure (an operator may precede it)."""
        return lone_figure(self.text, self.start, self.figures)

    @property
    def operator(self) -> str:
        """The comparison printed in front of the cell's figure (≥ ≤ = …), or ''."""
        head = self.text.lstrip()
        return next((op for op in _OPERATORS if head.startswith(op)), "")


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row: the label cells (merged cells repeated or carried down) and the role cells."""

    labels: tuple[str, ...]
    cells: dict[str, TableCell]

    def get(self, role: str) -> TableCell | None:
        """The cell of a role, or None when the row has no such cell."""
        return self.cells.get(role)

    def figure(self, role: str) -> Figure | None:
        """The one figure of a role's cell, or None."""
        cell = self.cells.get(role)
        return cell.number if cell is not None else None

    @property
    def line(self) -> int:
        """The line of the row's first value cell (where a finding points)."""
        return min(c.line for c in self.cells.values())

    @property
    def name(self) -> str:
        """The indicator's (or funds row's) own name (`UNNAMED` for a row read without labels)."""
        cell = self.cells.get("name")
        if cell is not None:
            return cell.text
        return (self.labels[-1] if self.labels else "") or (UNNAMED if self.unlabelled else "")

    @property
    def unlabelled(self) -> bool:
        """True for a row whose names and categories were not read — the values of PDF text
        that prints a 自评表's label cells apart from its values (`docmodel` value blocks):
        what it measures, and so which direction is better, is unknown."""
        return "name" not in self.cells and not any(self.labels)


@dataclass(frozen=True, slots=True)
class TotalRow:
    """The 总分/合计 row of an indicator table: points available, total score, grade."""

    line: int
    available: Figure | None
    score: Figure | None
    grade: str
    text: str
    available_line: int = 0  # the lines of the two figures (0: the row's line)
    score_line: int = 0

    def line_of(self, role: str) -> int:
        """The line of the ``available`` or ``score`` figure (a row printed one cell per line
        puts them below its 总分 cell)."""
        return (self.available_line if role == "available" else self.score_line) or self.line


@dataclass(frozen=True, slots=True)
class Table:
    """A recovered table: its kind, its header's roles in order, and its rows.

    Attributes:
        kind: ``indicators`` or ``funds``.
        columns: the roles of the header, left to right.
        rows: the data rows, in order.
        header_line: the line where the header starts.
        unit: the money unit the header states (万元/元), or None.
        category_weights: stated weights of first-level categories (产出指标(40分)) → (weight, line).
        total: the 总分 row of an indicator table, when one was read.
        title: the table's title when it names itself (项目支出绩效自评表), else ''.
        subcategory_weights: stated weights of second-level categories (数量指标(20分)) →
            (first level, second level, weight, line).
        category_scores: scores of first-level categories printed as subtotal rows
            (产出指标 | | 50 | 48) → (category, score, line).
    """

    kind: str
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]
    header_line: int
    unit: str | None = None
    category_weights: tuple[tuple[str, Decimal, int], ...] = ()
    total: TotalRow | None = None
    title: str = ""
    subcategory_weights: tuple[tuple[str, str, Decimal, int], ...] = ()
    category_scores: tuple[tuple[str, Decimal, int], ...] = ()
