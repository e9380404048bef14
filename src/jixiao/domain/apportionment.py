"""Shared-premises apportionment (分摊): who owes what, exact to the fen, and who paid what.

For each fee type the building total is Σ area × price × months over the spaces, rounded
once to the fen (四舍五入). Each payer's exact share (Σ area × share × price × months, kept
as a `Fraction`) is then rounded by the **largest-remainder method**: every payer gets the
floor to the fen, and the fens still missing go one each to the largest remainders (ties by
payer name, so the order of spaces never matters). The parts therefore add up to the
building total exactly — rounding each payer separately could gain or lose a fen.

Areas are apportioned the same way to 0.01 平方米. Figures stated in a contract or report
(a total area, a payer's annual rent) are audited against the computation within the
precision they are printed to (203.45万元 is exact to ±0.005万元), and payments are
reconciled with what is due.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from jixiao.domain.evaluation import FundRow, Funds
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.lease import AREA, FEE_LABELS, Lease, StatedFigure, validate_lease
from jixiao.domain.money import CENT, MONEY_UNITS, format_yuan, round_half_up

__all__ = [
    "Apportionment",
    "PayerShare",
    "Reconciliation",
    "apportion",
    "funds_for",
    "largest_remainder",
]


def largest_remainder(
    total: Decimal, parts: Mapping[str, Fraction], quantum: Decimal = CENT
) -> dict[str, Decimal]:
    """Round exact `parts` to multiples of `quantum` so that they add up to `total` exactly.

    `total` must be a multiple of `quantum` within one quantum per part of Σ parts (which
    holds when it is Σ parts rounded). Ties in the remainders go to the smaller key.
    """
    q = Fraction(quantum)
    target = Fraction(total) / q
    if target.denominator != 1:
        raise ValueError(f"total {total} is not a multiple of {quantum}")
    floors: dict[str, int] = {}
    remainders: dict[str, Fraction] = {}
    for key, value in parts.items():
        units = value / q
        floors[key] = units.numerator // units.denominator
        remainders[key] = units - floors[key]
    missing = int(target) - sum(floors.values())
    if not 0 <= missing <= len(parts):
        raise ValueError(f"total {total} is not the rounded sum of the parts")
    for key in sorted(parts, key=lambda k: (-remainders[k], k))[:missing]:
        floors[key] += 1
    return {key: Decimal(units) * quantum for key, units in floors.items()}


@dataclass(frozen=True, slots=True)
class PayerShare:
    """One payer's apportioned area (平方米) and amounts per fee type (元)."""

    payer: str
    area: Decimal
    amounts: tuple[tuple[str, Decimal], ...]

    def amount(self, fee: str) -> Decimal:
        return dict(self.amounts)[fee]

    @property
    def total(self) -> Decimal:
        return sum((amount for _, amount in self.amounts), Decimal(0))

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"payer": self.payer, "area": str(self.area)}
        out.update({fee: str(amount) for fee, amount in self.amounts})
        out["total"] = str(self.total)
        return out


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """Paid vs due for one payer and fee type; `difference` = paid − due (元)."""

    payer: str
    fee: str
    due: Decimal
    paid: Decimal

    @property
    def difference(self) -> Decimal:
        return self.paid - self.due

    def to_json(self) -> dict[str, object]:
        return {"payer": self.payer, "fee": self.fee, "due": str(self.due),
                "paid": str(self.paid), "difference": str(self.difference)}


@dataclass(frozen=True, slots=True)
class Apportionment:
    """The result: building totals, each payer's part, reconciliation and findings."""

    lease: Lease
    total_area: Decimal
    totals: tuple[tuple[str, Decimal], ...]
    payers: tuple[PayerShare, ...]
    reconciliations: tuple[Reconciliation, ...]
    findings: tuple[Finding, ...]

    def payer(self, name: str) -> PayerShare:
        for share in self.payers:
            if share.payer == name:
                return share
        known = "、".join(p.payer for p in self.payers)
        raise KeyError(f"没有付款方「{name}」（已知：{known}）/ unknown payer {name!r}")

    @property
    def total(self) -> Decimal:
        return sum((amount for _, amount in self.totals), Decimal(0))

    @property
    def rounded_areas(self) -> tuple[tuple[str, Fraction], ...]:
        """``(payer, exact area)`` for the payers whose shown area is a rounded one.

        Amounts are apportioned from each fee's building total by the payer's *exact* share,
        not computed from the rounded area, so for these payers area × price × months may
        differ from the amount, and equal shares can show areas 0.01 apart with identical
        amounts (docs/funds.md). The text output explains it when this is not empty.
        """
        exact: dict[str, Fraction] = {}
        for space in self.lease.spaces:
            for payer, share in space.shares:
                exact[payer] = exact.get(payer, Fraction(0)) + Fraction(space.area) * share
        return tuple((p.payer, exact[p.payer]) for p in self.payers
                     if Fraction(p.area) != exact[p.payer])

    def to_json(self) -> dict[str, object]:
        """The `jixiao apportion --json` document (CONTRACTS.md §3, plus optional fields)."""
        building: dict[str, object] = {"area": str(self.total_area)}
        building.update({fee: str(amount) for fee, amount in self.totals})
        building["total"] = str(self.total)
        return {
            "premises": self.lease.premises,
            "total_area": str(self.total_area),
            "building": building,
            "payers": [p.to_json() for p in self.payers],
            "reconciliation": [r.to_json() for r in self.reconciliations],
            "findings": [f.to_json() for f in self.findings],
        }


def apportion(lease: Lease) -> Apportionment:
    """Apportion `lease` among its payers; raises `InputError` for unusable input."""
    validate_lease(lease)
    payers = lease.payers
    area_parts: dict[str, Fraction] = dict.fromkeys(payers, Fraction(0))
    exact_area = Decimal(0)
    for space in lease.spaces:
        exact_area += space.area
        for payer, share in space.shares:
            area_parts[payer] += Fraction(space.area) * share
    total_area = round_half_up(exact_area, 2)
    areas = largest_remainder(total_area, area_parts)

    totals: list[tuple[str, Decimal]] = []
    per_fee: dict[str, dict[str, Decimal]] = {}
    for fee, price in lease.prices:
        parts: dict[str, Fraction] = dict.fromkeys(payers, Fraction(0))
        exact_total = Decimal(0)
        for space in lease.spaces:
            base = space.area * price * lease.space_months(space)
            exact_total += base
            for payer, share in space.shares:
                parts[payer] += Fraction(base) * share
        total = round_half_up(exact_total, 2)
        totals.append((fee, total))
        per_fee[fee] = largest_remainder(total, parts)

    shares = tuple(
        PayerShare(payer, areas[payer], tuple((fee, per_fee[fee][payer]) for fee in lease.fees))
        for payer in payers
    )
    findings: list[Finding] = []
    findings.extend(_audit_total_area(lease, exact_area))
    by_payer = {s.payer: s for s in shares}
    for i, figure in enumerate(lease.stated):
        finding = _audit_stated(figure, i, by_payer, total_area, dict(totals))
        if finding is not None:
            findings.append(finding)
    reconciliations = _reconcile(lease, by_payer)
    findings.extend(_reconciliation_findings(reconciliations))
    return Apportionment(lease, total_area, tuple(totals), shares, reconciliations,
                         tuple(findings))


def _audit_total_area(lease: Lease, exact_area: Decimal) -> list[Finding]:
    stated = lease.stated_total_area
    if stated is None or stated == exact_area:
        return []
    operands = tuple(space.area for space in lease.spaces)
    diff = exact_area - stated
    message = (
        f"所述总面积 {stated} 平方米，各场地面积合计 {exact_area} 平方米，相差 {diff} 平方米"
    )
    explained = _subset_summing_to(lease, abs(diff))
    if explained:
        names = " + ".join(explained)
        verb = "未计入" if diff > 0 else "多计了"
        message += f"；差额恰为 {names} 的面积，所述总面积似{verb}这些场地"
    message += f" / stated total area {stated} m² vs spaces summing to {exact_area} m²"
    return [Finding("sum-mismatch", Severity.ERROR, message, location="stated_total_area",
                    stated=stated, expected=exact_area, operands=operands, unit="平方米")]


def _subset_summing_to(lease: Lease, target: Decimal, max_size: int = 3) -> list[str]:
    """The fewest spaces whose areas add up to `target` exactly (explains a gap), or []."""
    spaces = lease.spaces
    if target == 0 or len(spaces) > 40:
        return []
    for size in range(1, min(max_size, len(spaces)) + 1):
        for combo in itertools.combinations(spaces, size):
            if sum((s.area for s in combo), Decimal(0)) == target:
                return [s.name for s in combo]
    return []


def _audit_stated(
    figure: StatedFigure, index: int, payers: Mapping[str, object],
    total_area: Decimal, totals: Mapping[str, Decimal],
) -> Finding | None:
    computed = _computed_for(figure, payers, total_area, totals)
    factor = Decimal(1) if figure.item == AREA else MONEY_UNITS[figure.unit]
    in_unit = computed / factor
    # A printed figure is exact to half a unit of its last digit (203.45 → ±0.005).
    exponent = figure.value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    tolerance = Decimal(5).scaleb(-places - 1)
    if abs(in_unit - figure.value) <= tolerance:
        return None
    shown = round_half_up(in_unit, max(2, places))
    who = figure.payer or "全楼"
    label = FEE_LABELS.get(figure.item, figure.item)
    source = f"（{figure.source}）" if figure.source else ""
    exact = f"{computed} 平方米" if figure.item == AREA else f"{format_yuan(computed)} 元"
    message = (
        f"{who}{label}：所述 {figure.value}{figure.unit}{source}，按面积和单价计算应为 "
        f"{shown}{figure.unit}（{exact}）"
        f" / stated {figure.value} {figure.unit}, computed {shown} {figure.unit}"
    )
    return Finding("stated-amount-mismatch", Severity.ERROR, message,
                   location=f"stated[{index}]", stated=figure.value, expected=shown,
                   unit=figure.unit)


def _computed_for(
    figure: StatedFigure, payers: Mapping[str, object],
    total_area: Decimal, totals: Mapping[str, Decimal],
) -> Decimal:
    if figure.payer is None:
        if figure.item == AREA:
            return total_area
        if figure.item == "total":
            return sum(totals.values(), Decimal(0))
        return totals[figure.item]
    share = payers[figure.payer]
    assert isinstance(share, PayerShare)
    if figure.item == AREA:
        return share.area
    if figure.item == "total":
        return share.total
    return share.amount(figure.item)


def _reconcile(lease: Lease, payers: Mapping[str, PayerShare]) -> tuple[Reconciliation, ...]:
    paid: dict[tuple[str, str], Decimal] = {}
    for payment in lease.payments:
        key = (payment.payer, payment.fee)
        paid[key] = paid.get(key, Decimal(0)) + payment.amount
    return tuple(
        Reconciliation(payer, fee, payers[payer].amount(fee), _fen(amount))
        for (payer, fee), amount in paid.items()
    )


def _fen(amount: Decimal) -> Decimal:
    """Show whole-yuan amounts with two decimals (1580900 → 1580900.00), never rounding."""
    quantized = amount.quantize(CENT)
    return quantized if quantized == amount else amount


def _reconciliation_findings(recs: tuple[Reconciliation, ...]) -> list[Finding]:
    findings = []
    for rec in recs:
        if rec.difference == 0:
            continue
        label = FEE_LABELS.get(rec.fee, rec.fee)
        ratio = "" if rec.due == 0 else f"，为应付的 {round_half_up(rec.paid / rec.due * 100, 1)}%"
        under = rec.difference < 0
        code = "underpayment" if under else "overpayment"
        word = "少付" if under else "多付"
        message = (
            f"{rec.payer}{label}：实付 {format_yuan(rec.paid)} 元，应付 {format_yuan(rec.due)} 元，"
            f"{word} {format_yuan(abs(rec.difference))} 元{ratio}"
            f" / {rec.payer} {rec.fee}: paid {rec.paid}, due {rec.due}"
        )
        # A warning, not an error: arrears and prepayments can be legitimate (paid in
        # the next year, or a prior year's bill); the unit has to explain them.
        findings.append(Finding(code, Severity.WARNING, message,
                                location=f"payments.{rec.payer}.{rec.fee}",
                                stated=rec.paid, expected=rec.due, unit="元"))
    return findings


def funds_for(result: Apportionment, payer: str) -> Funds:
    """The funds block (年度资金总额) of `payer`'s evaluation, from its apportionment.

    年初预算数 and 全年预算数 are the amount due; 全年执行数 is what the payer paid
    according to the lease file's payments (0 when none are given — fill it in).
    Raises `KeyError` for an unknown payer.
    """
    share = result.payer(payer)
    paid = sum((r.paid for r in result.reconciliations if r.payer == payer), Decimal("0.00"))
    return Funds(total=FundRow(initial_budget=share.total, full_year_budget=share.total,
                               executed=paid))
