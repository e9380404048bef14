"""Lay out a scored evaluation on an official 自评表 layout: `build_table(scored, layout)`.

The result is a `Grid` of cells (see `jixiao.documents.cells`) that the xlsx, docx and
Typst writers draw identically. All figures come from the `ScoredEvaluation` — scores,
rates and totals are never recomputed here, so the table and the report cannot drift.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.documents.cells import (
    Cell,
    Grid,
    amount_text,
    amount_value,
    percent_text,
    percent_value,
    points,
    points_text,
    quantity_text,
    score_text,
)
from jixiao.documents.explanations import (
    NOT_FILLED,
    deviation_text,
    draft_reasons,
    funds_notes,
    is_missing,
    over_completion,
)
from jixiao.documents.layout import Layout, Span
from jixiao.documents.rule_text import execution_boundaries, execution_rule_text
from jixiao.documents.style import clean_text
from jixiao.domain.evaluation import FundRow
from jixiao.domain.indicators import Indicator, Operator
from jixiao.domain.money import MONEY_UNITS, round_half_up
from jixiao.domain.numerals import amount_in_words

__all__ = ["build_table", "indicator_actual_text", "indicator_target_text"]

_DASH = "—"


def indicator_target_text(ind: Indicator, symbols: dict[str, str] | None = None) -> str:
    """年度指标值 as printed on the national form: '≥5236平方米'; qualitative: the text."""
    if ind.operator is Operator.QUALITATIVE or not isinstance(ind.target, Decimal):
        return clean_text(str(ind.target))
    symbol = (symbols or {}).get(ind.operator.value, ind.operator.symbol)
    return f"{symbol}{quantity_text(ind.target, ind.unit_of_measure)}{ind.unit_of_measure}"


def indicator_actual_text(ind: Indicator, with_unit: bool = True) -> str:
    """实际完成值: '5236平方米'; qualitative: the text, else the grade's wording; '' if unknown."""
    actual = ind.actual
    if isinstance(actual, Decimal):
        return quantity_text(actual, ind.unit_of_measure) + (
            ind.unit_of_measure if with_unit else "")
    if actual:
        return clean_text(str(actual))
    if ind.grade is not None:
        return ind.grade.label
    return ""


class _Builder:
    def __init__(self, layout: Layout, scored: Any = None) -> None:
        self.layout = layout
        self.cells: list[Cell] = []
        self.row = 0
        # Rates the rule set compares with: a printed rate never crosses one.
        self.boundaries = execution_boundaries(scored.ruleset) if scored is not None else ()
        self.over = over_completion(scored) if scored is not None else {}

    def add(self, col: int, text: str, **kw: Any) -> None:
        self.cells.append(Cell(row=self.row, col=col, text=text, **kw))

    def label(self, col: int, text: str, span: int = 1, rowspan: int = 1) -> None:
        self.add(col, text, colspan=span, rowspan=rowspan, kind="label", bold=True)


def _field(scored: Any, path: str) -> str:
    obj: Any = scored.evaluation
    for part in path.split("."):
        obj = getattr(obj, part)
    return clean_text(str(obj))


def _fund_cells(
    b: _Builder, row: FundRow | None, is_total: bool, scored: Any, col: int
) -> None:
    lay = b.layout
    unit, places = lay.amount_unit, lay.amount_places
    be = scored.budget_execution
    for c in lay.funds_columns:
        kw: dict[str, Any] = {"colspan": c.span, "align": "right"}
        if c.key in ("initial_budget", "full_year_budget", "executed"):
            amount = None if row is None else getattr(row, c.key)
            if amount is None:
                b.add(col, "", **kw)
            else:
                value = amount_value(amount, unit, places)
                b.add(col, amount_text(amount, unit, places), kind="amount", value=value, **kw)
        elif c.key == "weight":
            if is_total:
                b.add(col, points_text(be.weight), kind="number", value=points(be.weight), **kw)
            else:
                b.add(col, _DASH, colspan=c.span)
        elif c.key == "rate":
            rate = be.rate if is_total else _rate(row)
            if rate is None:
                b.add(col, _DASH if is_total or row is not None else "", colspan=c.span)
            else:
                # Stored as the fraction rounded to the printed precision (97.53% → 0.9753),
                # never across a boundary of the scoring rule (99.99%, not 100.00%).
                b.add(col, percent_text(rate, b.boundaries), kind="percent",
                      value=percent_value(rate, b.boundaries), **kw)
        elif c.key == "score":
            if is_total:
                b.add(col, score_text(be.score), kind="score",
                      value=round_half_up(be.score, 2), **kw)
            else:
                b.add(col, _DASH, colspan=c.span)
        col += c.span


def _rate(row: FundRow | None) -> Decimal | None:
    if row is None or row.full_year_budget == 0:
        return None
    return row.executed / row.full_year_budget


def _indicator_cell(b: _Builder, col: int, c: Span, s: Any) -> None:
    ind: Indicator = s.indicator
    lay = b.layout
    symbols = dict(lay.operator_symbols)
    split = any(x.key == "unit_of_measure" for x in lay.indicator_columns)
    kw: dict[str, Any] = {"colspan": c.span}
    key = c.key
    if key == "name":
        b.add(col, clean_text(ind.name), align="left", **kw)
    elif key == "target":
        b.add(col, indicator_target_text(ind, symbols), **kw)
    elif key == "operator":
        b.add(col, symbols.get(ind.operator.value, ind.operator.symbol), **kw)
    elif key == "target_value":
        if isinstance(ind.target, Decimal):
            _quantity_cell(b, col, ind.target, ind.unit_of_measure, kw)
        else:
            b.add(col, clean_text(str(ind.target)), **kw)
    elif key == "unit_of_measure":
        b.add(col, ind.unit_of_measure, **kw)
    elif key == "actual":
        if is_missing(ind):
            b.add(col, NOT_FILLED, bold=True, **kw)
        elif split and isinstance(ind.actual, Decimal):
            _quantity_cell(b, col, ind.actual, ind.unit_of_measure, kw)
        else:
            b.add(col, indicator_actual_text(ind, with_unit=not split), **kw)
    elif key == "weight":
        b.add(col, points_text(ind.weight), kind="number", value=points(ind.weight), align="right", **kw)
    elif key == "score":
        b.add(col, score_text(s.score), kind="score", value=round_half_up(s.score, 2),
              align="right", **kw)
    elif key == "remark":
        b.add(col, "", **kw)  # 备注: left for the reviewer's hand
    elif key == "deviation_reason":
        # Flags 10号 asks to explain (超额完成, 未填写) and the unit's reason, never dropped.
        b.add(col, deviation_text(s, b.over), align="left", **kw)


def _quantity_cell(b: _Builder, col: int, value: Decimal, unit: str, kw: dict[str, Any]) -> None:
    # Money indicators are amounts (thousands separators, 2 decimals); others as entered.
    kind = "amount" if unit in MONEY_UNITS else "number"
    b.add(col, quantity_text(value, unit), kind=kind, value=value, align="right", **kw)


def _runs(values: list[tuple[str, ...]]) -> dict[int, int]:
    """Start index → length of each run of equal consecutive values (for merged cells)."""
    out: dict[int, int] = {}
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            out[start] = i - start
            start = i
    return out


def build_table(scored: Any, layout: Layout) -> Grid:
    """Lay out `scored` (a `ScoredEvaluation`) on `layout`."""
    ev = scored.evaluation
    b = _Builder(layout, scored)
    total_row = ev.funds.total
    # Placeholders a layout may use in its subtitle, side labels, grade cell and footnotes;
    # 金额大写 for forms that ask for the amounts in words.
    fmt = {"fiscal_year": ev.project.fiscal_year, "amount_unit": layout.amount_unit,
           "grade": scored.grade, "total": score_text(scored.total),
           "full_year_budget_words": amount_in_words(total_row.full_year_budget),
           "executed_words": amount_in_words(total_row.executed),
           # How 预算执行率得分 was computed, from the rule set that scored this table.
           "execution_rule": execution_rule_text(scored.ruleset)}

    for spans in layout.header:
        col = 0
        for sp in spans:
            if sp.field:
                b.add(col, _field(scored, sp.field), colspan=sp.span, align="left")
            else:
                b.label(col, sp.label, sp.span)
            col += sp.span
        b.row += 1

    # Funds block: a header row and the rows the form lists (年度资金总额, 其中…).
    fund_rows: list[tuple[str, FundRow | None, bool]] = [
        (spec.label, None if spec.source == "none" else getattr(ev.funds, spec.source),
         spec.source == "total")
        for spec in layout.fund_rows
    ]
    b.label(0, layout.funds_side.format(**fmt), rowspan=1 + len(fund_rows))
    b.add(1, "", colspan=layout.funds_row_label_span, kind="label")
    col = 1 + layout.funds_row_label_span
    for c in layout.funds_columns:
        b.label(col, c.label, c.span)
        col += c.span
    b.row += 1
    for label, frow, is_total in fund_rows:
        b.add(1, label, colspan=layout.funds_row_label_span, align="left")
        _fund_cells(b, frow, is_total, scored, 1 + layout.funds_row_label_span)
        b.row += 1

    # 年度总体目标.
    ge, ga = layout.goals_expected, layout.goals_actual
    b.label(0, layout.goals_side, rowspan=2)
    b.label(1, ge.label, ge.span)
    b.label(1 + ge.span, ga.label, ga.span)
    b.row += 1
    b.add(1, clean_text(ev.goals.expected), colspan=ge.span, align="left")
    b.add(1 + ge.span, clean_text(ev.goals.actual), colspan=ga.span, align="left")
    b.row += 1

    # Indicator block: header (one or two rows), then one row per indicator; 一级/二级
    # merged over runs.
    indicators = list(scored.indicators)
    levels = layout.header_levels
    header_row = b.row
    b.label(0, layout.indicators_side, rowspan=levels + len(indicators))
    col = 1
    cols = layout.indicator_columns
    for i, c in enumerate(cols):
        if levels == 2 and c.group:
            if i == 0 or cols[i - 1].group != c.group:
                width = sum(x.span for x in cols[i:] if x.group == c.group)
                b.label(col, c.group, width)
            b.row += 1
            b.label(col, c.label, c.span)
            b.row -= 1
        else:
            b.label(col, c.label, c.span, rowspan=levels)
        col += c.span
    b.row += levels
    first = b.row
    cat_runs = _runs([(s.indicator.category,) for s in indicators])
    sub_runs = _runs([(s.indicator.category, s.indicator.subcategory) for s in indicators])
    categories = scored.categories
    for i, s in enumerate(indicators):
        b.row = first + i
        col = 1
        for c in layout.indicator_columns:
            if c.key == "category":
                if i in cat_runs:
                    cat = s.indicator.category
                    weight = categories[cat].weight if cat in categories else Decimal(0)
                    text = layout.category_label.format(category=cat, weight=points_text(weight))
                    b.add(col, text, colspan=c.span, rowspan=cat_runs[i])
            elif c.key == "subcategory":
                if i in sub_runs:
                    b.add(col, s.indicator.subcategory, colspan=c.span, rowspan=sub_runs[i])
            else:
                _indicator_cell(b, col, c, s)
            col += c.span
    b.row = first + len(indicators)

    # 其他需要说明事项 (local forms): its own row, or the start of the 总分 row.
    other = layout.other_matters
    other_text = clean_text(ev.narrative_text("other_matters")).strip() or "无"
    col = 0
    if other is not None:
        b.label(0, other.label, other.span)
        b.add(other.span, other_text, colspan=layout.other_matters_text_span, align="left")
        if layout.other_matters_with_total:
            col = other.span + layout.other_matters_text_span
        else:
            b.row += 1

    # 总分 row: points available (execution + indicators), total score, grade.
    available = scored.budget_execution.weight + sum(
        (s.indicator.weight for s in indicators), Decimal(0)
    )
    tl, tw, ts, tg = layout.total_label, layout.total_weight, layout.total_score, layout.total_grade
    b.label(col, tl.text, tl.span)
    col += tl.span
    b.add(col, points_text(available), colspan=tw.span, kind="number", value=points(available), align="right")
    col += tw.span
    b.add(col, score_text(scored.total), colspan=ts.span, kind="score",
          value=round_half_up(scored.total, 2), align="right", bold=True)
    col += ts.span
    if layout.has_grade:
        b.add(col, (tg.text or "{grade}").format(**fmt), colspan=tg.span, bold=True)
    b.row += 1

    return Grid(
        title=layout.title.format(**fmt),
        subtitle=layout.subtitle.format(**fmt),
        table_number=layout.table_number,
        unit_note=f"金额单位：{layout.amount_unit}",
        columns=layout.columns,
        cells=tuple(b.cells),
        rows=b.row,
        footnotes=tuple(note.format(**fmt) for note in layout.footnotes)
        + tuple(f"说明：{n}" for n in funds_notes(scored)),
        orientation=layout.orientation,
        font_size=layout.font_size,
        repeat_row=header_row,
        repeat_rows=levels,
        # 总分 never stands alone at the top of a page: it goes with the last indicator.
        keep_from=first + len(indicators) - 1,
        top_line=layout.top_line.format(unit=_field(scored, "project.unit"),
                                        department=_field(scored, "project.department")),
        draft=draft_reasons(scored),
    )
