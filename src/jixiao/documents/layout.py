"""Layouts of the 项目支出绩效自评表 as data: one YAML file per rule set/province and year.

A layout describes the form as a grid of columns and, for each block of the form (header,
funds, goals, indicators, total), which cells span how many columns. The grid builder
(`jixiao.documents.table_model`) turns a layout and a scored evaluation into cells; the
writers (xlsx, docx, Typst) only draw cells. Adding a province means adding a YAML file
under ``layouts/``, not code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from jixiao.domain.errors import InputError

__all__ = [
    "LAYOUT_DIRS_ENV", "FundRowSpec", "Layout", "Span", "get_layout", "layout_names",
    "layout_source", "select_layout",
]

#: Environment variable naming extra folders of layout YAML files (``:``-separated): a
#: city adds its form without touching the package; a file there overrides a bundled id.
LAYOUT_DIRS_ENV = "JIXIAO_LAYOUT_DIRS"


@dataclass(frozen=True, slots=True)
class Span:
    """A cell of a layout row: a fixed label, a data field, or a column key; `span` columns."""

    key: str = ""
    label: str = ""
    field: str = ""
    text: str = ""
    span: int = 1
    #: Indicator columns only: an upper header over consecutive columns of the same group
    #: (年度指标值 over 指标性质 | 指标值 | 度量单位); ungrouped columns span both rows.
    group: str = ""


@dataclass(frozen=True, slots=True)
class FundRowSpec:
    """A row of the funds block: which `Funds` row it prints (``total``,
    ``current_appropriation``, ``carryover``, ``other_funds``, or ``none`` for a row the
    form has but jixiao holds no figures for) and its label on the form."""

    source: str
    label: str


_DEFAULT_FUND_ROWS = (
    FundRowSpec("total", "年度资金总额"),
    FundRowSpec("current_appropriation", "其中：当年财政拨款"),
    FundRowSpec("carryover", "上年结转资金"),
    FundRowSpec("other_funds", "其他资金"),
)


@dataclass(frozen=True, slots=True)
class Layout:
    """One form layout (see ``layouts/national-2020.yaml`` for the meaning of each field)."""

    id: str
    name: str
    rulesets: tuple[str, ...]
    regions: tuple[str, ...]
    fiscal_years: tuple[int, int]
    title: str
    subtitle: str
    table_number: str
    orientation: str
    font_size: Decimal
    amount_unit: str
    amount_places: int
    columns: tuple[Decimal, ...]
    header: tuple[tuple[Span, ...], ...]
    funds_side: str
    funds_row_label_span: int
    funds_columns: tuple[Span, ...]
    goals_side: str
    goals_expected: Span
    goals_actual: Span
    indicators_side: str
    indicator_columns: tuple[Span, ...]
    total_label: Span
    total_weight: Span
    total_score: Span
    total_grade: Span
    operator_symbols: tuple[tuple[str, str], ...]
    footnotes: tuple[str, ...]
    #: Optional parts of local forms (all absent on the national form):
    top_line: str = ""                      # "部门：{unit}" above the table, left
    fund_rows: tuple[FundRowSpec, ...] = _DEFAULT_FUND_ROWS
    category_label: str = "{category}"      # "{category}（{weight}分）" on some forms
    other_matters: Span | None = None       # 其他需要说明事项 label (text cell follows)
    other_matters_text_span: int = 0
    other_matters_with_total: bool = False  # on the 总分 row itself (云南公开表)
    has_grade: bool = True                  # some forms print no 等级 cell
    source: str = ""                        # where the layout file was found

    @property
    def header_levels(self) -> int:
        """Rows of the indicator header: 2 when some columns are grouped."""
        return 2 if any(c.group for c in self.indicator_columns) else 1

    @property
    def width(self) -> int:
        """Number of grid columns."""
        return len(self.columns)

    def operator_symbol(self, operator: str) -> str:
        return dict(self.operator_symbols).get(operator, operator)

    def applies(self, ruleset: str, region: str, fiscal_year: int) -> bool:
        """True when this layout is the official form for that rule set, region and year."""
        first, last = self.fiscal_years
        if not first <= fiscal_year <= last or ruleset not in self.rulesets:
            return False
        return not self.regions or any(region.startswith(r) for r in self.regions)


_AMOUNT_UNITS = ("元", "万元")
_FUND_KEYS = {"initial_budget", "full_year_budget", "executed", "weight", "rate", "score"}
_INDICATOR_KEYS = {
    "category", "subcategory", "name", "target", "operator", "target_value",
    "unit_of_measure", "actual", "weight", "score", "deviation_reason", "remark",
}
_FUND_SOURCES = {"total", "current_appropriation", "carryover", "other_funds", "none"}


def _span(raw: Any, where: str) -> Span:
    if not isinstance(raw, dict):
        raise InputError(f"版式 {where} 应为映射 / layout cell must be a mapping", field=where)
    span = raw.get("span", 1)
    if not isinstance(span, int) or span < 1:
        raise InputError(f"版式 {where} 的 span 应为正整数", field=where)
    return Span(
        key=str(raw.get("key", "")),
        label=str(raw.get("label", "")),
        field=str(raw.get("field", "")),
        text=str(raw.get("text", "")),
        span=span,
        group=str(raw.get("group", "")),
    )


def _check_width(cells: tuple[Span, ...], extra: int, width: int, where: str) -> None:
    # Every row must fill the grid exactly, or merged cells would not line up.
    used = extra + sum(c.span for c in cells)
    if used != width:
        raise InputError(
            f"版式 {where} 占 {used} 列，应为 {width} 列 / row spans {used} columns, grid has {width}",
            field=where,
        )


def parse_layout(data: dict[str, Any], source: str) -> Layout:
    """Build and validate a `Layout` from a parsed YAML document."""
    try:
        columns = tuple(Decimal(str(w)) for w in data["columns"])
        width = len(columns)
        header = tuple(
            tuple(_span(c, f"header[{i}]") for c in row) for i, row in enumerate(data["header"])
        )
        for i, row in enumerate(header):
            _check_width(row, 0, width, f"{source}: header[{i}]")
        funds = data["funds"]
        fund_cols = tuple(_span(c, "funds.columns") for c in funds["columns"])
        if {c.key for c in fund_cols} - _FUND_KEYS:
            raise InputError(f"{source}: funds.columns 含未知列 {[c.key for c in fund_cols]}")
        _check_width(fund_cols, 1 + int(funds["row_label_span"]), width, f"{source}: funds")
        goals = data["goals"]
        expected, actual = _span(goals["expected"], "goals"), _span(goals["actual"], "goals")
        _check_width((expected, actual), 1, width, f"{source}: goals")
        ind = data["indicators"]
        ind_cols = tuple(_span(c, "indicators.columns") for c in ind["columns"])
        unknown = {c.key for c in ind_cols} - _INDICATOR_KEYS
        if unknown:
            raise InputError(f"{source}: indicators.columns 含未知列 {sorted(unknown)}")
        _check_width(ind_cols, 1, width, f"{source}: indicators")
        total = data["total"]
        has_grade = total.get("grade") is not None
        keys = ("label", "weight", "score", "grade") if has_grade else ("label", "weight", "score")
        t_cells = tuple(_span(total[k], "total") for k in keys)
        other = data.get("other_matters")
        other_label = _span(other["label"], "other_matters") if other else None
        other_text = int(other["text_span"]) if other else 0
        with_total = bool(other.get("with_total")) if other else False
        extra = (other_label.span + other_text) if other_label and with_total else 0
        _check_width(t_cells, extra, width, f"{source}: total")
        if other_label and not with_total:
            _check_width((other_label,), other_text, width, f"{source}: other_matters")
        fund_rows = tuple(
            FundRowSpec(str(r["source"]), str(r["label"])) for r in funds.get("rows") or ()
        ) or _DEFAULT_FUND_ROWS
        if fund_rows[0].source != "total" or any(r.source not in _FUND_SOURCES for r in fund_rows):
            raise InputError(f"{source}: funds.rows 第一行应为 total，来源只能是 "
                             f"{sorted(_FUND_SOURCES)}")
        amounts = data["amounts"]
        if amounts["unit"] not in _AMOUNT_UNITS:
            raise InputError(f"{source}: amounts.unit 应为 元 或 万元")
        applies = data["applies_to"]
        years = applies["fiscal_years"]
        return Layout(
            id=str(data["id"]),
            name=str(data["name"]),
            rulesets=tuple(applies["rulesets"]),
            regions=tuple(applies.get("regions") or ()),
            fiscal_years=(int(years[0]), int(years[1])),
            title=str(data["title"]),
            subtitle=str(data.get("subtitle", "")),
            table_number=str(data.get("table_number") or ""),
            orientation=str(data.get("orientation", "portrait")),
            font_size=Decimal(str(data.get("font_size", 10))),
            amount_unit=str(amounts["unit"]),
            amount_places=int(amounts.get("places", 2)),
            columns=columns,
            header=header,
            funds_side=str(funds["side"]),
            funds_row_label_span=int(funds["row_label_span"]),
            funds_columns=fund_cols,
            goals_side=str(goals["side"]),
            goals_expected=expected,
            goals_actual=actual,
            indicators_side=str(ind["side"]),
            indicator_columns=ind_cols,
            total_label=t_cells[0],
            total_weight=t_cells[1],
            total_score=t_cells[2],
            total_grade=t_cells[3] if has_grade else Span(),
            operator_symbols=tuple((str(k), str(v)) for k, v in data["operator_symbols"].items()),
            footnotes=tuple(str(f) for f in data.get("footnotes") or ()),
            top_line=str(data.get("top_line") or ""),
            fund_rows=fund_rows,
            category_label=str(data.get("category_label") or "{category}"),
            other_matters=other_label,
            other_matters_text_span=other_text,
            other_matters_with_total=with_total,
            has_grade=has_grade,
            source=source,
        )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise InputError(f"版式文件 {source} 不完整或格式不对：{exc!r}", file=source) from None


def _layout_files() -> list[tuple[str, str]]:
    """(source name, YAML text) of every layout: the bundled folder, then the folders in
    ``$JIXIAO_LAYOUT_DIRS`` (a later file with the same id wins)."""
    files: list[tuple[str, str]] = []
    folder = resources.files("jixiao.documents") / "layouts"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            files.append((entry.name, entry.read_text(encoding="utf-8")))
    for extra in filter(None, os.environ.get(LAYOUT_DIRS_ENV, "").split(os.pathsep)):
        for path in sorted(Path(extra).glob("*.y*ml")):
            files.append((str(path), path.read_text(encoding="utf-8")))
    return files


@cache
def _bundled() -> dict[str, Layout]:
    out: dict[str, Layout] = {}
    for name, text in _layout_files():
        try:
            # libyaml's loader when PyYAML has it: 10× faster, and every `jixiao render`
            # reads all layouts to choose one.
            data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as exc:
            raise InputError(f"版式文件 {name} 不是有效的 YAML：{exc}", file=name) from None
        if not isinstance(data, dict):
            raise InputError(f"版式文件 {name} 应为映射 / layout must be a mapping", file=name)
        layout = parse_layout(data, name)
        out[layout.id] = layout
    return out


def layout_source(name: str) -> str:
    """Where layout `name` was read from (file name or path)."""
    return get_layout(name).source


def layout_names() -> list[str]:
    """The ids of the bundled layouts."""
    return sorted(_bundled())


def get_layout(name: str) -> Layout:
    """A bundled layout by id; `InputError` listing the known ids otherwise."""
    try:
        return _bundled()[name]
    except KeyError:
        known = "、".join(layout_names())
        raise InputError(f"未知的版式 {name!r}（可用：{known}）/ unknown layout") from None


def _specificity(layout: Layout, region: str) -> int:
    return max((len(r) for r in layout.regions if region.startswith(r)), default=0)


def select_layout(ruleset: str, region: str, fiscal_year: int) -> Layout:
    """The official form for a rule set, region and year.

    The layout naming the longest prefix of the configured region wins (county over city
    over province); a layout naming no region is the national form, used otherwise.
    """
    matches = [lay for lay in _bundled().values() if lay.applies(ruleset, region, fiscal_year)]
    matches.sort(key=lambda lay: (-_specificity(lay, region), lay.id))
    return matches[0] if matches else _bundled()["national-2020"]
