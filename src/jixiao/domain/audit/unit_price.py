"""Detector: unit price × quantity × months against the amount the same sentence states.

``租用面积共计8477.09平方米，按2元/平方米/月计算，每年应承担物业管理费21万元`` states a
price, a quantity and an annual amount: 8477.09 × 2 × 12 = 203450.16 元 = 20.35万元 ≠ 21.

Published text often loses the unit: ``按2/.平方米计算``. A damaged price unit is never
guessed: the candidate readings are per month and per year (or one-off). When another
sentence of the same document with a damaged price is reproduced by exactly one reading
(the rent line of the Baoshan report: 8477.09 × 20 × 12 = 203.45万 ✓), that reading is
taken for the document; otherwise a damaged price that matches no reading is left alone.

The sentence must hold exactly one price, one quantity in the price's unit, one amount
after the price, and no percentage (a share would make the arithmetic different).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from jixiao.domain.audit.facts import (
    AuditDocument,
    AuditLine,
    Figure,
    excerpt,
    fmt,
    places,
    product_agrees,
)
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import round_half_up

__all__ = ["detect_unit_price"]

_MONEY_FACTOR = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
_ANNUAL = re.compile(r"每年|全年|年度|一年|年均|年租金|年物业")
_PRICE = re.compile(r"^(?P<money>元|万元|\?)/(?P<qty>[^/]+)(?:/(?P<per>月|年|天|日))?$")


@dataclass(frozen=True, slots=True)
class _Case:
    line: AuditLine
    price: Figure
    quantity: Figure
    amount: Figure
    factors: tuple[Decimal, ...]  # candidate numbers of periods (12 months, 1 year, …)
    damaged: bool

    def scale(self, factor: Decimal) -> Decimal:
        """Periods × the money unit of the price ÷ the money unit of the stated amount."""
        m = _PRICE.match(self.price.unit)
        money = m.group("money") if m else "元"
        return factor * _MONEY_FACTOR.get(money, Decimal(1)) / _MONEY_FACTOR[self.amount.unit]

    def implied(self, factor: Decimal) -> Decimal:
        """The amount the price implies, in the stated amount's unit."""
        return self.price.value * self.quantity.value * self.scale(factor)

    def agreeing(self) -> list[Decimal]:
        # the printed price and quantity may themselves be rounded (8477.09 ± 0.005)
        return [f for f in self.factors if product_agrees(
            self.amount.value, (self.price.value, self.quantity.value), self.scale(f))]


def _months(sentence: str, figures: tuple[Figure, ...]) -> Decimal | None:
    months = [f for f in figures if f.unit == "个月" and f.exact]
    if len(months) == 1:
        return months[0].value
    return Decimal(12) if _ANNUAL.search(sentence) else None


_PREFIX = re.compile(
    r"每(?P<qty>平方米|平米|㎡|人次|人|户|公里|千米|亩|吨|间|套|台|辆|个|件|所|处|座|名|册|张|项|家|栋)"
    r"(?:每?(?P<per>月|年|天|日))?[\u4e00-\u9fff]{0,4}$"
)
# "购置电脑10台，单价5000元" / "培训200人次，人均培训费500元": a price named for one of the counted
# things, whose unit is the one count of the clause
_UNIT_COST = re.compile(r"(?:单价|均价|(?P<head>人均)[\u4e00-\u9fff]{0,4})(?:为|是)?$")
_AMOUNT_FIRST = re.compile(r"(?:资金|经费|费用|补贴|补助|奖补|共计|合计|总计|共)(?:为|是)?$")
_UNIT_COST_GATE = re.compile(r"单价|均价|人均")
_COUNTED = ("人次", "人", "户", "台", "辆", "个", "件", "套", "间", "所", "处", "座", "名", "册", "张",
            "项", "家", "栋")
_QTY_CANON = {"平米": "平方米", "㎡": "平方米"}
_RESULT = re.compile(r"[，,]?\s*(?:共计|合计|总计|折合|计|共)(?:为)?\s*")
_PERIOD_BEFORE = re.compile(
    r"(?:每(?P<p1>月|年)|(?P<p2>月|年)(?:租金|租费|单价|费用|物业费|租赁费|管理费|补助|补贴))$")


def _prefixed_price(text: str, start: int, fig: Figure) -> Figure:
    """``每公里造价100万元`` / ``租金每平方米每月20元``: a price whose unit comes first."""
    if fig.unit not in _MONEY_FACTOR:
        return fig
    m = _PREFIX.search(text, max(start, fig.start - 12), fig.start)
    if not m:
        return fig
    qty = _QTY_CANON.get(m.group("qty"), m.group("qty"))
    period = m.group("per")
    if not period:
        # "月租金每平方米30元" / "每月每平方米30元": the period named before the quantity
        before = _PERIOD_BEFORE.search(text, max(start, m.start() - 6), m.start())
        period = (before.group("p1") or before.group("p2")) if before else None
    per = f"/{period}" if period else ""
    return replace(fig, unit=f"{fig.unit}/{qty}{per}")


def _named_unit_cost(text: str, start: int, figures: tuple[Figure, ...]) -> tuple[Figure, ...]:
    """The clause's figures with a 单价/人均 amount read as a price per its one counted thing."""
    named = [f for f in figures if f.unit in _MONEY_FACTOR
             and _UNIT_COST.search(text, max(start, f.start - 10), f.start)]
    if len(named) != 1:
        return figures
    price = named[0]
    m = _UNIT_COST.search(text, max(start, price.start - 10), price.start)
    assert m is not None
    counted = [f for f in figures if f.start < price.start and f.unit in _COUNTED
               and (not m.group("head") or f.unit in ("人", "人次"))]
    if len(counted) != 1:
        return figures
    return tuple(replace(f, unit=f"{f.unit}/{counted[0].unit}") if f is price else f
                 for f in figures)


def _cases(line: AuditLine) -> list[_Case]:
    out: list[_Case] = []
    # The gate names every way a price is read below (a per-unit figure, 每… before an
    # amount, a 单价/人均 amount): a new way to read a price must be added here too.
    if "每" not in line.text and not _UNIT_COST_GATE.search(line.text) \
            and not any("/" in f.unit for f in line.figures):
        return out
    for start, end in line.spans(clauses=True):
        figures = line.figures_between(start, end)
        if any(f.unit in ("%", "‰") for f in figures):
            continue
        figures = tuple(_prefixed_price(line.text, start, f) for f in figures)
        prices = [f for f in figures if _PRICE.match(f.unit)]
        if not prices and _UNIT_COST_GATE.search(line.text, start, end):
            figures = _named_unit_cost(line.text, start, figures)
            prices = [f for f in figures if _PRICE.match(f.unit)]
        if len(prices) != 1 or not prices[0].exact:
            continue
        price = prices[0]
        pm = _PRICE.match(price.unit)
        assert pm is not None
        quantities = [f for f in figures if f.unit == pm.group("qty")]
        amounts = [f for f in figures if f.start > price.end and f.unit in _MONEY_FACTOR]
        if len(amounts) > 1 and _RESULT.fullmatch(line.text, price.end, amounts[0].start) \
                and not line.figures_between(price.end, amounts[0].start):
            # "费用成本每亩4000元，计12万元，可实现…净收入3万元" (round 3, 107): the amount the
            # next clause states as the result (计, 共计, 合计, 折合) is the product; what
            # follows is another figure
            amounts = amounts[:1]
        if not amounts:
            # "发放补贴资金10万元，按每户2000元标准，补助50户": the amount named first
            amounts = [f for f in figures if f.end <= price.start and f.unit in _MONEY_FACTOR
                       and _AMOUNT_FIRST.search(line.text, max(start, f.start - 8), f.start)]
        if len(quantities) != 1 or len(amounts) != 1:
            continue
        quantity, amount = quantities[0], amounts[0]
        if not (quantity.exact and amount.exact):
            continue
        months = _months(line.text[start:end], figures)
        per = pm.group("per")
        damaged = pm.group("money") == "?"
        if damaged:
            factors: tuple[Decimal, ...] = ((months,) if months else ()) + (Decimal(1),)
        elif per == "月":
            if months is None:
                continue
            factors = (months,)
        elif per in ("天", "日"):
            continue  # daily prices need the number of billable days, never stated plainly
        else:
            factors = (Decimal(1),)
        out.append(_Case(line, price, quantity, amount, factors, damaged))
    return out


def detect_unit_price(doc: AuditDocument) -> list[Finding]:
    """Price × quantity × periods vs the stated amount (see the module docstring)."""
    cases = [c for line in doc.figured for c in _cases(line)]
    # Readings of a damaged price unit that the document itself confirms.
    confirmed = {tuple(c.agreeing()) for c in cases if c.damaged and len(c.agreeing()) == 1}
    reading = next(iter(confirmed))[0] if len(confirmed) == 1 else None
    findings: list[Finding] = []
    for case in cases:
        if case.agreeing():
            continue
        if case.damaged:
            if reading is None:
                continue
            factor = reading
        else:
            factor = case.factors[0]
        implied = case.implied(factor)
        shown = round_half_up(implied, max(2, places(case.amount.value)))
        period = "月" if factor == 12 else "期"
        unit_note = (
            f"（原文单价单位残缺“{case.price.raw}”，按本文其他同类句子确认为每{period}）"
            if case.damaged else ""
        )
        findings.append(Finding(
            code="product-mismatch",
            # head counts change during a year, so a monthly per-head product is a warning;
            # a one-off amount per head (每户补助2000元) and areas or lengths are exact
            severity=Severity.WARNING if case.quantity.unit in ("人", "户", "人次")
            and factor != 1 else Severity.ERROR,
            message=(
                f"所述金额 {case.amount.raw}，按 {case.quantity.raw} × {case.price.value} × "
                f"{fmt(factor)} 计算应为 {fmt(shown)}{case.amount.unit}{unit_note}"
                f" / stated {case.amount.value}, quantity × price × periods gives {fmt(shown)}"
            ),
            stated=case.amount.value,
            expected=shown,
            operands=(case.quantity.value, case.price.value, factor),
            unit=case.amount.unit,
            line=case.line.number,
            excerpt=excerpt(case.line.text, case.quantity.start, case.amount.end, 20),
        ))
    return findings
