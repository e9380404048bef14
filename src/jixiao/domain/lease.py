"""The shared-premises lease (分摊) as data: spaces, payer shares, unit prices, payments.

This mirrors `format: jixiao.lease/1` (CONTRACTS.md §3). Reading files lives in
`jixiao.ingest.lease_file`; the arithmetic in `jixiao.domain.apportionment`.

Shares are exact `fractions.Fraction`s, so that ⅓ stays ⅓ until money is rounded to the
fen once, at the very end (largest-remainder method). They are written ``50%``, ``0.5``
or ``1/3`` and must add up to exactly 100% per space — ``33.33%`` three times is 99.99%
and is refused, because the missing 0.01% is somebody's money.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from jixiao.domain.errors import InputError
from jixiao.domain.money import MONEY_UNITS, D, NumberFormatError

__all__ = [
    "AREA",
    "FEE_LABELS",
    "MAX_MONTHS",
    "Lease",
    "Payment",
    "Space",
    "StatedFigure",
    "parse_share",
    "split_figure",
    "validate_lease",
]

#: A lease covers at most one 预算年度: `months` (and each space's months) is at most 12.
MAX_MONTHS = Decimal(12)

#: The `item` of a stated figure that is an area (平方米) rather than a fee.
AREA = "area"

#: Chinese labels of the usual fee types; other fee keys are allowed and shown as written.
FEE_LABELS: dict[str, str] = {
    "rent": "租金",
    "property_fee": "物业管理费",
    AREA: "面积",
    "total": "合计",
}


@dataclass(frozen=True, slots=True)
class Space:
    """One rented space (a floor or part of one) and who pays what share of it.

    Attributes:
        name: e.g. ``2号楼第一层``.
        area: 平方米 (建筑面积 as billed), never negative.
        shares: ``(payer, fraction)`` pairs adding up to exactly 1.
        months: billing months for this space when it differs from the lease (partial year).
        use: who uses it, as the contract or report says (free text).
    """

    name: str
    area: Decimal
    shares: tuple[tuple[str, Fraction], ...]
    months: Decimal | None = None
    use: str = ""


@dataclass(frozen=True, slots=True)
class StatedFigure:
    """A figure a contract or report states, to be audited against the apportionment.

    `payer` None means the whole building. `item` is `AREA`, a fee type or ``total``.
    `value` is as printed, in `unit` (平方米, 元, 万元): ``24.7`` with unit ``万元``.
    """

    payer: str | None
    item: str
    value: Decimal
    unit: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class Payment:
    """What a payer actually paid for one fee type in the period, in 元."""

    payer: str
    fee: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Lease:
    """A lease (or several, for one building) over one billing period.

    Attributes:
        premises: the building, e.g. ``永昌传媒中心2号楼``.
        months: billing months in the period (12 for a year).
        prices: ``(fee, 元 per 平方米 per month)``, e.g. ``(("rent", 20), ("property_fee", 2))``.
        spaces: the spaces.
        stated_total_area: a total area stated in a contract or report, audited.
        stated: other stated figures (a payer's area or annual amounts), audited.
        payments: what each payer paid, reconciled against what is due.
        fiscal_year: the year the period belongs to, if given.
    """

    premises: str
    months: Decimal
    prices: tuple[tuple[str, Decimal], ...]
    spaces: tuple[Space, ...]
    stated_total_area: Decimal | None = None
    stated: tuple[StatedFigure, ...] = ()
    payments: tuple[Payment, ...] = ()
    fiscal_year: int | None = None

    @property
    def fees(self) -> tuple[str, ...]:
        return tuple(fee for fee, _ in self.prices)

    @property
    def payers(self) -> tuple[str, ...]:
        """Payers in order of first appearance in the spaces."""
        seen: dict[str, None] = {}
        for space in self.spaces:
            for payer, _ in space.shares:
                seen.setdefault(payer, None)
        return tuple(seen)

    def space_months(self, space: Space) -> Decimal:
        return self.months if space.months is None else space.months


_FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def parse_share(value: object) -> Fraction:
    """``"50%"`` → 1/2, ``"0.5"`` or ``Decimal("0.5")`` → 1/2, ``"1/3"`` → 1/3, ``1`` → 1.

    A bare number is a fraction of 1, so ``50`` is refused (write ``50%``): guessing would
    silently turn a typo into a hundredfold bill.

    Raises:
        ValueError: with the accepted spellings.
    """
    if isinstance(value, str):
        text = value.strip().replace("％", "%")
        m = _FRACTION.match(text)
        if m:
            num, den = int(m.group(1)), int(m.group(2))
            if den == 0:
                raise ValueError(f"分母为 0 / zero denominator: {value!r}")
            share = Fraction(num, den)
        elif text.endswith("%"):
            share = Fraction(_decimal(text[:-1], value)) / 100
        else:
            share = Fraction(_decimal(text, value))
    else:
        share = Fraction(_decimal(value, value))
    if share < 0 or share > 1:
        raise ValueError(
            f"份额应在 0 到 100% 之间 / a share must lie between 0 and 100%: {value!r}"
            "（写成 50%、0.5 或 1/2 / write 50%, 0.5 or 1/2）"
        )
    return share


def _decimal(value: object, original: object) -> Decimal:
    try:
        return D(value)
    except NumberFormatError:
        raise ValueError(
            f"份额写法不对 / not a share: {original!r}（写成 50%、0.5 或 1/2）"
        ) from None


_FIGURE = re.compile(r"^\s*(?P<num>[^\s万亿元平方米㎡m²]+)\s*(?P<unit>亿元|万元|元|平方米|㎡|m2|m²)?\s*$")


def split_figure(value: object, default_unit: str) -> tuple[Decimal, str]:
    """``"24.7万元"`` → ``(Decimal("24.7"), "万元")``; a bare number gets `default_unit`.

    Keeps the figure in its printed unit so that findings can quote it as stated.
    """
    if not isinstance(value, str):
        return D(value), default_unit
    m = _FIGURE.match(value)
    if m is None:
        raise NumberFormatError(f"不是数额 / not a figure: {value!r}")
    unit = m.group("unit") or default_unit
    if unit in ("㎡", "m2", "m²"):
        unit = "平方米"
    return D(m.group("num")), unit


def validate_lease(lease: Lease) -> None:
    """Refuse a lease that cannot be apportioned, naming the field (`InputError`).

    Problems in *consistent* data (a wrong stated total, underpayment) are findings of the
    apportionment instead; this only catches input that would make the arithmetic lie.
    """
    # One billing period lies within one 预算年度 (the apportioned amounts become one year's
    # budget), so the lease covers more than 0 and at most 12 months; fractions such as 6.5
    # are allowed for a period starting mid-month. A space may say 0: listed in the contract
    # (its area counts in the areas and in the stated-total audit) but not billed this period.
    if not 0 < lease.months <= MAX_MONTHS:
        raise InputError(
            f"计费月数 {lease.months} 应大于 0 且不超过 {MAX_MONTHS}（一个预算年度）"
            f" / months must be more than 0 and at most {MAX_MONTHS}: one fiscal year",
            field="months")
    if not lease.prices:
        raise InputError("没有单价 / no prices given", field="prices")
    for fee, price in lease.prices:
        if price < 0:
            raise InputError(
                f"单价不能为负数 / a price cannot be negative: {price}", field=f"prices.{fee}"
            )
    if not lease.spaces:
        raise InputError("没有任何场地 / no spaces given", field="spaces")
    names: set[str] = set()
    for i, space in enumerate(lease.spaces):
        where = f"spaces[{i}]"
        label = f"场地「{space.name}」"
        en = f"space {space.name!r}"
        if space.name in names:
            raise InputError(f"{label}重复 / {en} appears twice", field=f"{where}.name")
        names.add(space.name)
        if space.area < 0:
            raise InputError(
                f"{label}的面积为负数 {space.area} / {en} has a negative area", field=f"{where}.area"
            )
        if space.months is not None and not 0 <= space.months <= lease.months:
            raise InputError(
                f"{label}的计费月数 {space.months} 应在 0 到 {lease.months}（租赁的计费月数）之间"
                f" / {en}: months must lie between 0 and the lease's {lease.months}",
                field=f"{where}.months",
            )
        if not space.shares:
            raise InputError(f"{label}没有分摊方 / {en} has no payer shares", field=f"{where}.shares")
        total = sum((share for _, share in space.shares), Fraction(0))
        if total != 1:
            raise InputError(
                f"{label}的分摊比例合计为 {_percent(total)}，应恰好为 100%"
                f" / {en}: shares add up to {_percent(total)}, not exactly 100%",
                field=f"{where}.shares",
            )
    payers = set(lease.payers)
    fees = set(lease.fees)
    for payment in lease.payments:
        where = f"payments.{payment.payer}"
        if payment.payer not in payers:
            raise InputError(
                f"付款方「{payment.payer}」不在任何场地的分摊方中（已知：{'、'.join(lease.payers)}）"
                f" / unknown payer {payment.payer!r} in payments",
                field=where,
            )
        if payment.fee not in fees:
            raise InputError(
                f"费用类型「{payment.fee}」没有单价（已知：{'、'.join(lease.fees)}）"
                f" / fee type {payment.fee!r} has no price",
                field=f"{where}.{payment.fee}",
            )
    for i, figure in enumerate(lease.stated):
        where = f"stated[{i}]"
        if figure.payer is not None and figure.payer not in payers:
            raise InputError(
                f"所述数额的付款方「{figure.payer}」不在任何场地的分摊方中"
                f" / unknown payer {figure.payer!r}",
                field=f"{where}.payer",
            )
        if figure.item not in fees and figure.item not in (AREA, "total"):
            raise InputError(
                f"所述数额的项目「{figure.item}」未知（可用：area、total、{'、'.join(lease.fees)}）"
                f" / unknown item {figure.item!r}",
                field=f"{where}.item",
            )
        money_item = figure.item != AREA
        if money_item and figure.unit not in MONEY_UNITS:
            raise InputError(
                f"金额单位应为 元、万元 或 亿元，而不是 {figure.unit}", field=f"{where}.value"
            )
        if not money_item and figure.unit != "平方米":
            raise InputError(f"面积单位应为 平方米，而不是 {figure.unit}", field=f"{where}.value")


def _percent(share: Fraction) -> str:
    value = Decimal(share.numerator) * 100 / Decimal(share.denominator)
    text = f"{value.quantize(Decimal('0.0001')).normalize():f}"
    return f"{text}%"
