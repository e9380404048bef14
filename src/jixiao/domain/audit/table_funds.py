"""Detectors over a recovered funds table (年初预算数 / 全年预算数 / 全年执行数 / 执行率 …).

- `detect_funds_rates` (rate): every row's 执行率 against 全年执行数 ÷ 全年预算数 (rounded or
  cut at the printed precision, operands ± half their last digit).
- `detect_funds_parts` (sum): the fund-source rows (其中：财政拨款, 上年结转, 其他资金) against
  the 年度资金总额 row, column by column — the sum when every source row states the column,
  a single source above the total otherwise.
- `detect_funds_indicators` (funds-indicator): an indicator that restates the funds block —
  a 预算执行率/资金支付率 indicator whose 实际完成值 is not the funds table's rate, or a
  成本 indicator whose actual amount exceeds what the funds table says was spent.

Amounts printed ``150万`` under a ``(万元)`` header (or none) are 万元: a funds table holds money.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.audit.facts import (
    AuditDocument,
    Figure,
    agrees,
    dimension,
    fmt,
    in_unit,
    places,
    ratio_agrees,
)
from jixiao.domain.audit.table_scores import funds_weight, row_excerpt
from jixiao.domain.audit.tables import FUNDS, INDICATORS, Table, TableRow
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import round_half_up

__all__ = [
    "detect_funds_indicators",
    "detect_funds_parts",
    "detect_funds_rates",
    "funds_rate",
    "indicator_kind",
    "money",
]

_TOTAL_LABEL = re.compile(r"资金总额|总额|合计|总计")
_PART_LABEL = re.compile(r"其中|财政|结转|其他|单位资金|自有|专户|中央|省|市级|县级|自治区|上级|本级")


def money(fig: Figure | None, table: Table) -> Figure | None:
    """A funds-table amount in a money unit: 150万 → 150 万元; a bare 150 in the header's unit."""
    if fig is None or not fig.exact:
        return None
    unit = {"万": "万元", "": table.unit or ""}.get(fig.unit, fig.unit)
    if unit and dimension(unit)[0] != "money":
        return None
    return Figure(fig.value, unit, fig.start, fig.end, fig.raw, fig.qualifier)


def _amount(row: TableRow, role: str, table: Table) -> Figure | None:
    return money(row.figure(role), table)


def _budget(row: TableRow, table: Table) -> Figure | None:
    return _amount(row, "budget", table) or _amount(row, "budget_initial", table)


def funds_rate(doc: AuditDocument) -> tuple[Decimal, Table, TableRow] | None:
    """执行数 ÷ 预算数 of the first funds table's total row, as a fraction, when both are printed."""
    for table in doc.tables:
        if table.kind != FUNDS or not table.rows:
            continue
        row = table.rows[0]
        budget, executed = _budget(row, table), _amount(row, "executed", table)
        if budget is None or executed is None:
            return None
        # a table printing no unit (and no 万 on its amounts) divides the figures as printed
        b, e = (budget.value, executed.value) if budget.unit == executed.unit else (
            in_unit(budget, "元"), in_unit(executed, "元"))
        if b is None or e is None or b <= 0:
            return None
        return e / b, table, row
    return None


def detect_funds_rates(doc: AuditDocument) -> list[Finding]:
    """Each funds row's stated 执行率 against its 执行数 ÷ 预算数."""
    findings: list[Finding] = []
    for table in doc.tables:
        if table.kind != FUNDS:
            continue
        for row in table.rows:
            budget, executed = _budget(row, table), _amount(row, "executed", table)
            rate = row.figure("rate")
            if budget is None or executed is None or rate is None or not rate.exact:
                continue
            if budget.unit != executed.unit:
                continue
            # a rate needs no money unit: a table printing none divides the figures as printed
            b, e = (in_unit(budget, "元"), in_unit(executed, "元")) if budget.unit else (
                budget.value, executed.value)
            if b is None or e is None or b <= 0:
                continue
            percent = rate.unit == "%" or rate.value > Decimal("1.5")
            scale = Decimal(100) if percent else Decimal(1)
            if ratio_agrees(rate.value, executed.value, budget.value, scale):
                coarse = _coarse_rate(doc, table, row, rate.value / scale, e / b)
                if coarse is not None:
                    findings.append(coarse)
                continue
            true = round_half_up(e / b * 100, 2)
            cell = row.get("rate")
            assert cell is not None
            findings.append(Finding(
                code="rate-mismatch", severity=Severity.ERROR,
                message=(f"“{row.name}”所述执行率 {rate.raw}，执行数÷预算数 = {executed.value}÷"
                         f"{budget.value} = {fmt(true, 2)}% / stated rate {rate.raw}, "
                         f"executed ÷ budget = {fmt(true, 2)}%"),
                stated=rate.value,
                expected=true if percent else round_half_up(e / b, max(places(rate.value), 2)),
                operands=(executed.value, budget.value), unit="%" if rate.unit == "%" else None,
                line=cell.line, excerpt=row_excerpt(doc, row, "rate")))
    return findings


def _coarse_rate(doc: AuditDocument, table: Table, row: TableRow, stated: Decimal,
                 true: Decimal) -> Finding | None:
    """A rate printed so coarsely that the row's own score no longer follows from it (施甸,
    保山 2019: rate 0.1, score 2.9 = 20 × 14.46%): a warning — the rounding is legitimate,
    the score shows which rate was used."""
    score = row.figure("score")
    weight = funds_weight(doc, table, row)
    rate = row.figure("rate")
    if score is None or weight is None or rate is None or weight > 30:
        return None
    if agrees(score.value, weight * min(stated, Decimal(1))) \
            or not agrees(score.value, weight * min(true, Decimal(1))):
        return None
    cell = row.get("rate")
    assert cell is not None
    shown = fmt(round_half_up(true * 100, 2), 2)
    return Finding(
        code="rate-mismatch", severity=Severity.WARNING,
        message=(f"所述执行率 {rate.raw} 过于粗略：执行数÷预算数 = {shown}%；得分 {score.value} 按 "
                 f"{shown}% 计算，按 {rate.raw} 计应为 {fmt(weight * min(stated, Decimal(1)))}"
                 f" / the printed rate {rate.raw} does not give the printed score"),
        stated=rate.value, expected=round_half_up(true * 100, 2) if rate.unit == "%" or
        rate.value > Decimal("1.5") else round_half_up(true, 4),
        operands=(), unit="%" if rate.unit == "%" else None, line=cell.line,
        excerpt=row_excerpt(doc, row, "rate"))


def detect_funds_parts(doc: AuditDocument) -> list[Finding]:
    """Fund-source rows against the 年度资金总额 row, column by column."""
    findings: list[Finding] = []
    for table in doc.tables:
        if table.kind != FUNDS or len(table.rows) < 2:
            continue
        head, rest = table.rows[0], table.rows[1:]
        if not _TOTAL_LABEL.search(head.name) or not all(_PART_LABEL.search(r.name) for r in rest):
            continue
        for role in ("budget_initial", "budget", "executed"):
            total = _amount(head, role, table)
            if total is None:
                continue
            parts = [_amount(r, role, table) for r in rest]
            known = [p for p in parts if p is not None]
            values = [in_unit(p, total.unit) for p in known]
            if any(v is None for v in values) or not known:
                continue
            got = sum((v for v in values if v is not None), Decimal(0))
            complete = len(known) == len(parts) and len(parts) >= 2
            if (complete and not agrees(total.value, got)) or got > total.value + Decimal(
                    1).scaleb(-places(total.value)) / 2:
                cell = head.get(role)
                assert cell is not None
                findings.append(Finding(
                    code="funds-parts-mismatch", severity=Severity.ERROR,
                    message=(f"年度资金总额的{_ROLE_NAMES[role]}为 {total.raw}，资金来源各行之和为 "
                             f"{fmt(got, places(total.value))} / the total row's {role} "
                             f"{total.value} vs its sources {fmt(got)}"),
                    stated=total.value, expected=Decimal(fmt(got, places(total.value))),
                    operands=tuple(p.value for p in known), unit=total.unit or None,
                    line=cell.line, excerpt=row_excerpt(doc, head, role)))
                break
    return findings


_ROLE_NAMES = {"budget_initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数"}
# 预算执行率, 资金支付率, 财政资金执行率, 专项资金使用率…: the execution rate under its names
_RATE_INDICATOR = re.compile(
    r"^(?:项目|年度|全年)?(?:预算|资金|财政|专项|补助)*(?:执行率|支付率|支出率|使用率|执行进度)$")
_COST = re.compile(r"成本")


def indicator_kind(row: TableRow) -> str | None:
    """``rate`` for an indicator restating the execution rate (预算执行率, 资金支付率…), ``cost``
    for a 成本 indicator (the amount spent), else None."""
    if _RATE_INDICATOR.match(re.sub(r"[\s(（].*$", "", row.name)):
        return "rate"
    return "cost" if any(_COST.search(lb) for lb in row.labels) else None


def detect_funds_indicators(doc: AuditDocument) -> list[Finding]:
    """Indicators restating the funds block: the execution rate, the amount spent."""
    found = funds_rate(doc)
    if found is None:
        return []
    rate, funds, funds_row = found
    executed = _amount(funds_row, "executed", funds)
    findings: list[Finding] = []
    for table in doc.tables:
        if table.kind != INDICATORS:
            continue
        for row in table.rows:
            actual = row.figure("actual")
            cell = row.get("actual")
            if actual is None or cell is None or not actual.exact:
                continue
            kind = indicator_kind(row)
            if kind == "rate" and actual.unit == "%":
                budget = _budget(funds_row, funds)
                assert budget is not None and executed is not None
                if ratio_agrees(actual.value, executed.value, budget.value,
                                Decimal(100) * dimension(executed.unit)[1] / dimension(budget.unit)[1]):
                    continue
                findings.append(Finding(
                    code="funds-indicator-mismatch", severity=Severity.ERROR,
                    message=(f"指标“{row.name}”实际完成值 {actual.raw}，资金表执行数÷预算数 = "
                             f"{executed.raw}÷{budget.raw} = {fmt(round_half_up(rate * 100, 2), 2)}%"
                             f" / the indicator says {actual.raw}, the funds table gives "
                             f"{fmt(round_half_up(rate * 100, 2), 2)}%"),
                    stated=actual.value, expected=round_half_up(rate * 100, 2),
                    operands=(executed.value, budget.value), unit="%", line=cell.line,
                    excerpt=row_excerpt(doc, row, "actual")))
            elif kind == "cost" and executed is not None:
                spent = money(actual, funds) if actual.unit in ("万", "万元", "元", "亿元") else None
                if spent is None:
                    continue
                value = in_unit(spent, executed.unit)
                # the executed amount was rounded for print: 222.50万元 may be 2,225,038.16元
                if value is None or agrees(executed.value, value) or value <= executed.value:
                    continue
                findings.append(Finding(
                    code="funds-indicator-mismatch", severity=Severity.ERROR,
                    message=(f"成本指标“{row.name}”实际完成值 {actual.raw}，多于资金表全年执行数 "
                             f"{executed.raw} / the cost indicator's actual {actual.raw} exceeds "
                             f"the amount spent, {executed.raw}"),
                    stated=actual.value, expected=Decimal(fmt(in_unit(executed, spent.unit) or Decimal(0))),
                    operands=(executed.value,), unit=spent.unit, line=cell.line,
                    excerpt=row_excerpt(doc, row, "actual")))
    return findings
