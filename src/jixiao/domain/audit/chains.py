"""Detector: a quantity times its per-unit figures against the amount the sentence states.

``种植李子树30亩，预计每亩产李子1000公斤，每公斤售价5元，可实现总收入15万元``: 30亩 ×
1000公斤/亩 × 5元/公斤 = 150000元 = 15万元 (product). The per-unit figures are the ones
labelled 每<unit> (每亩, 每公斤, 每人) or <unit>产 (亩产); figures printed per their unit after
a slash (5元/公斤, 1000公斤/亩) are per-unit figures too; the chain starts at a quantity in
the unit of one of them and multiplies through them, each unit leading to exactly one next
figure, until it reaches money. The amount is the first money figure after the chain labelled
as a result (总收入, 产值, 计, 共计, 合计, 可实现…).

Certain only when everything is printed and unambiguous: one quantity of the chain's first
unit since the previous amount (or in the whole sentence), one per-unit figure for each unit,
exact figures, at least two per-unit factors (one price × one quantity is `unit_price`'s
count × unit amount). Operands printed with decimals count ± half their last digit.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.audit.facts import (
    AuditDocument,
    AuditLine,
    Figure,
    dimension,
    excerpt,
    fmt,
    in_unit,
    label_before,
    places,
    product_agrees,
)
from jixiao.domain.findings import Finding, Severity

__all__ = ["detect_chained_products", "per_unit"]

_UNITS = ("平方米", "公里", "公斤", "千克", "人次", "亩", "吨", "人", "户", "个", "台", "套", "头",
          "只", "株", "棵", "米", "件", "间", "辆", "座", "处")
_UNIT_ALT = "|".join(_UNITS)
_PER = re.compile(rf"每(?P<den>{_UNIT_ALT})|(?P<den2>亩)产")
_RESULT = re.compile(r"总收入|总产值|产值|收入|总额|总计|共计|合计|计|共|可实现|实现|金额|费用")
_MAX_SENTENCE = 600


def per_unit(text: str, fig: Figure, start: int) -> str | None:
    """The unit a figure is given per (每亩产…1000公斤 → 亩), or None."""
    label = label_before(text, fig, start, 16)
    found = None
    for m in _PER.finditer(label):
        found = m.group("den") or m.group("den2")
    if found is None or dimension(found)[0] == dimension(fig.unit)[0]:
        return None
    return found


def _slashed(fig: Figure) -> tuple[Figure, str] | None:
    """A per-unit figure printed with its unit after a slash (5元/公斤, 1000公斤/亩 — the
    standards' way): the figure in its own unit and the unit it is per, or None."""
    num, _, den = fig.unit.partition("/")
    if not den or "/" in den or den not in _UNITS or not num or dimension(num)[0] == dimension(den)[0]:
        return None
    # (the written-out constructor: `replace` looks every field up by name, ≈ 5 × slower)
    return Figure(fig.value, num, fig.start, fig.end, fig.raw, fig.qualifier), den


def _sentence(line: AuditLine, start: int, end: int) -> list[Finding]:
    text = line.text
    figures = [f for f in line.figures_between(start, end) if f.unit not in ("%", "‰", "")]
    slashed = {f.start: _slashed(f) for f in figures if "/" in f.unit}
    figures = [s[0] if (s := slashed.get(f.start)) else f for f in figures]
    per = {f.start: (s[1] if (s := slashed.get(f.start)) else per_unit(text, f, start))
           for f in figures}
    if sum(1 for v in per.values() if v) < 2:
        return []
    findings: list[Finding] = []
    previous_end = start
    for k, total in enumerate(figures):
        if dimension(total.unit)[0] != "money" or per[total.start]:
            continue
        label = label_before(text, total, start, 8)
        if not _RESULT.search(label):
            continue
        before = figures[:k]
        segment = [f for f in before if f.start >= previous_end]
        previous_end = total.end
        rates = [f for f in segment if per[f.start]]
        chain = _chain(before, segment, rates, per)
        if chain is None or not all(f.exact for f in chain) or not total.exact:
            continue
        last = chain[-1]
        yuan = in_unit(total, "元")
        scale = in_unit(last, "元")
        if yuan is None or scale is None or last.value == 0:
            continue
        factor = scale / last.value  # the money unit of the last factor, in 元
        values = tuple(f.value for f in chain)
        if product_agrees(yuan, values, factor):
            continue
        product = factor
        for v in values:
            product *= v
        shown = product * total.value / yuan if yuan else product  # in the total's unit
        findings.append(Finding(
            code="product-mismatch", severity=Severity.ERROR,
            message=(f"所述金额 {total.raw}，按 {' × '.join(f.raw for f in chain)} 计算应为 "
                     f"{fmt(shown, places(total.value))}{total.unit}"
                     f" / stated {total.raw}, {' × '.join(str(v) for v in values)} gives "
                     f"{fmt(shown, places(total.value))}{total.unit}"),
            stated=total.value, expected=Decimal(fmt(shown, places(total.value))),
            operands=values, unit=total.unit, line=line.number,
            excerpt=excerpt(text, chain[0].start, total.end, 10)))
    return findings


def _chain(before: list[Figure], segment: list[Figure], rates: list[Figure],
           per: dict[int, str | None]) -> list[Figure] | None:
    """quantity → per-unit figures → money, each step unique; None otherwise."""
    dens = {per[r.start] for r in rates}
    starts = [u for u in dens if u not in {r.unit for r in rates}]
    if len(starts) != 1:
        return None
    unit = starts[0]
    quantities = [f for f in segment if not per[f.start] and f.unit == unit]
    if not quantities:
        quantities = [f for f in before if not per[f.start] and f.unit == unit]
    if len(quantities) != 1:
        return None
    chain = [quantities[0]]
    used: set[int] = set()
    while dimension(chain[-1].unit)[0] != "money":
        nxt = [r for r in rates if per[r.start] == chain[-1].unit and r.start not in used]
        if len(nxt) != 1:
            return None
        used.add(nxt[0].start)
        chain.append(nxt[0])
    if len(chain) < 3 or len(used) != len(rates):
        return None
    return chain


def detect_chained_products(doc: AuditDocument) -> list[Finding]:
    """Quantity × per-unit figures (每亩产…, 每公斤售价…) against the stated amount."""
    findings: list[Finding] = []
    for line in doc.figured:
        # (a unit with a slash is read off a / or a 每 of the line: without either, its
        # figures are never looked at)
        if "每" not in line.text and "亩产" not in line.text \
                and not ("/" in line.text and any("/" in f.unit for f in line.figures)):
            continue
        for start, end in line.spans(clauses=False):
            if end - start <= _MAX_SENTENCE:
                findings.extend(_sentence(line, start, end))
    return findings
