"""Apportionment: exact to the fen (largest remainder), order-independent, seed reproduced."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.apportionment import apportion, funds_for, largest_remainder
from jixiao.domain.errors import InputError
from jixiao.domain.lease import Lease, Payment, Space, StatedFigure, parse_share
from jixiao.domain.money import round_half_up

PAYERS = ("市级", "区级", "县级", "企业")

areas = st.decimals(min_value=0, max_value=50_000, places=2, allow_nan=False,
                    allow_infinity=False)
prices = st.decimals(min_value=0, max_value=100, places=3, allow_nan=False,
                     allow_infinity=False)


@st.composite
def shares(draw: st.DrawFn) -> tuple[tuple[str, Fraction], ...]:
    payers = draw(st.lists(st.sampled_from(PAYERS), min_size=1, max_size=4, unique=True))
    weights = draw(st.lists(st.integers(1, 97), min_size=len(payers), max_size=len(payers)))
    total = sum(weights)
    return tuple((p, Fraction(w, total)) for p, w in zip(payers, weights, strict=True))


@st.composite
def leases(draw: st.DrawFn, one_payer: str | None = None) -> Lease:
    n = draw(st.integers(1, 8))
    spaces = []
    for i in range(n):
        months = draw(st.none() | st.integers(0, 12).map(Decimal))
        share = ((one_payer, Fraction(1)),) if one_payer else draw(shares())
        spaces.append(Space(f"S{i}", draw(areas), share, months))
    return Lease("楼", Decimal(12), (("rent", draw(prices)), ("property_fee", draw(prices))),
                 tuple(spaces))


def _by_payer(lease: Lease) -> dict[str, tuple[Decimal, ...]]:
    result = apportion(lease)
    return {p.payer: (p.area, *(a for _, a in p.amounts)) for p in result.payers}


@settings(max_examples=150, deadline=None)
@given(leases())
def test_parts_add_up_to_building_total_exactly(lease: Lease) -> None:
    result = apportion(lease)
    totals = dict(result.totals)
    for fee in lease.fees:
        assert sum(p.amount(fee) for p in result.payers) == totals[fee]
        exact = sum(s.area * dict(lease.prices)[fee] * lease.space_months(s) for s in lease.spaces)
        assert totals[fee] == round_half_up(exact, 2)
    assert sum(p.area for p in result.payers) == result.total_area
    assert sum(p.total for p in result.payers) == result.total


@settings(max_examples=100, deadline=None)
@given(leases())
def test_each_part_is_within_a_fen_of_its_exact_share(lease: Lease) -> None:
    result = apportion(lease)
    for fee, price in lease.prices:
        for payer in result.payers:
            exact = sum(Fraction(s.area * price * lease.space_months(s)) * share
                        for s in lease.spaces for p, share in s.shares if p == payer.payer)
            assert abs(Fraction(payer.amount(fee)) - exact) < Fraction(1, 100)


@settings(max_examples=100, deadline=None)
@given(leases(one_payer="市级"))
def test_one_payer_at_100_percent_gets_exactly_the_building_figure(lease: Lease) -> None:
    result = apportion(lease)
    (only,) = result.payers
    assert only.payer == "市级"
    assert only.area == result.total_area
    assert only.amounts == result.totals


@settings(max_examples=100, deadline=None)
@given(leases(), st.randoms(use_true_random=False))
def test_order_of_spaces_does_not_change_results(lease: Lease, rnd) -> None:  # type: ignore[no-untyped-def]
    spaces = list(lease.spaces)
    rnd.shuffle(spaces)
    shuffled = Lease(lease.premises, lease.months, lease.prices, tuple(spaces))
    assert _by_payer(shuffled) == _by_payer(lease)


def test_largest_remainder_gives_the_missing_fen_to_the_largest_remainder() -> None:
    # 100.00 split in thirds: 33.33 each leaves one fen, which goes to the first by name
    parts = {"乙": Fraction(100, 3), "甲": Fraction(100, 3), "丙": Fraction(100, 3)}
    out = largest_remainder(Decimal("100.00"), parts)
    assert sum(out.values()) == Decimal("100.00")
    assert sorted(out.values()) == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]
    # 10.005 + 10.004: the larger remainder takes the fen
    out = largest_remainder(Decimal("20.01"), {"a": Fraction("10.005"), "b": Fraction("10.004")})
    assert out == {"a": Decimal("10.01"), "b": Decimal("10.00")}


@pytest.mark.parametrize(("text", "share"), [
    ("50%", Fraction(1, 2)), ("100%", Fraction(1)), ("0.5", Fraction(1, 2)),
    (Decimal("0.25"), Fraction(1, 4)), ("1/3", Fraction(1, 3)), (1, Fraction(1)),
    ("３３.５％", Fraction(335, 1000)),
])
def test_parse_share(text: object, share: Fraction) -> None:
    assert parse_share(text) == share


@pytest.mark.parametrize("text", ["50", "150%", "-10%", "一半", "1/0"])
def test_parse_share_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_share(text)


def _lease(*spaces: Space, **kw: object) -> Lease:
    return Lease("楼", Decimal(12), (("rent", Decimal(20)),), spaces, **kw)  # type: ignore[arg-type]


def test_shares_adding_to_99_percent_name_the_space() -> None:
    lease = _lease(Space("一层", Decimal(100), (("市级", Fraction(49, 100)),
                                                ("区级", Fraction(1, 2)))))
    with pytest.raises(InputError) as err:
        apportion(lease)
    assert "一层" in err.value.message and "99%" in err.value.message
    assert err.value.field == "spaces[0].shares"


def test_thirds_written_as_percentages_are_refused() -> None:
    third = Fraction(3333, 10000)
    lease = _lease(Space("二层", Decimal(90), (("甲", third), ("乙", third), ("丙", third))))
    with pytest.raises(InputError, match=r"99\.99%"):
        apportion(lease)


def test_negative_area_is_refused() -> None:
    with pytest.raises(InputError, match="负数") as err:
        apportion(_lease(Space("三层", Decimal(-5), (("市级", Fraction(1)),))))
    assert "三层" in err.value.message and err.value.field == "spaces[0].area"


def test_unknown_payer_in_payments_is_refused() -> None:
    lease = _lease(Space("一层", Decimal(10), (("市级", Fraction(1)),)),
                   payments=(Payment("省级", "rent", Decimal(1)),))
    with pytest.raises(InputError, match="省级") as err:
        apportion(lease)
    assert "市级" in err.value.message  # lists the payers it knows


def test_partial_year_space_is_billed_for_its_months() -> None:
    lease = _lease(Space("一层", Decimal(100), (("市级", Fraction(1)),)),
                   Space("二层", Decimal(100), (("市级", Fraction(1, 2)), ("区级", Fraction(1, 2))),
                         months=Decimal(3)))
    result = apportion(lease)
    assert result.payer("市级").amount("rent") == Decimal(24000 + 3000)
    assert result.payer("区级").amount("rent") == Decimal(3000)


SEED_SPACES = (
    ("2号楼第一层", "3295.03", "50%"), ("2号楼第二层", "3169.08", "50%"),
    ("2号楼第三层", "3881.22", "50%"), ("2号楼第四层", "3881.22", "50%"),
    ("2号楼B栋第七层", "1188.83", "50%"), ("2号楼B栋第十四层", "567.94", "100%"),
    ("2号楼B栋第十五层", "201.46", "100%"),
)


def _seed(stated: tuple[StatedFigure, ...] = (), payments: tuple[Payment, ...] = ()) -> Lease:
    spaces = []
    for name, area, city in SEED_SPACES:
        share = parse_share(city)
        pairs = (("市级", share),) if share == 1 else (("市级", share), ("区级", 1 - share))
        spaces.append(Space(name, Decimal(area), pairs))
    return Lease("永昌传媒中心2号楼", Decimal(12),
                 (("rent", Decimal(20)), ("property_fee", Decimal(2))), tuple(spaces),
                 Decimal("15415.38"), stated, payments)


def test_seed_city_share() -> None:
    result = apportion(_seed())
    city = result.payer("市级")
    assert city.area == Decimal("8477.09")
    assert city.amount("rent") == Decimal("2034501.60")
    assert city.amount("property_fee") == Decimal("203450.16")
    assert result.total_area == Decimal("16184.78")
    (finding,) = result.findings
    assert finding.code == "sum-mismatch"
    assert (finding.stated, finding.expected) == (Decimal("15415.38"), Decimal("16184.78"))
    assert "2号楼B栋第十四层 + 2号楼B栋第十五层" in finding.message


def test_stated_figures_are_audited_within_printed_precision() -> None:
    stated = (
        StatedFigure("市级", "rent", Decimal("203.45"), "万元"),       # 203.450160 ✓
        StatedFigure("市级", "area", Decimal("8477.09"), "平方米"),     # ✓
        StatedFigure("市级", "property_fee", Decimal("24.7"), "万元"),  # ✗
        StatedFigure("市级", "property_fee", Decimal("21"), "万元"),    # ✗ (±0.5万 is not enough)
        StatedFigure("市级", "property_fee", Decimal("20.35"), "万元"), # ✓
    )
    result = apportion(_seed(stated))
    mismatches = [f for f in result.findings if f.code == "stated-amount-mismatch"]
    assert [(f.location, f.stated, f.expected) for f in mismatches] == [
        ("stated[2]", Decimal("24.7"), Decimal("20.35")),
        ("stated[3]", Decimal("21"), Decimal("20.35")),
    ]
    # the stated figure keeps its printed unit; the exact amount is 元 with separators
    assert "应为 20.35万元（203,450.16 元）" in mismatches[0].message


def test_payments_are_reconciled() -> None:
    payments = (Payment("市级", "rent", Decimal("1580900")),
                Payment("市级", "property_fee", Decimal("644138.16")))
    result = apportion(_seed(payments=payments))
    by_code = {f.code: f for f in result.findings}
    assert by_code["underpayment"].expected == Decimal("2034501.60")
    assert by_code["underpayment"].stated == Decimal("1580900")
    # amounts in messages are 元 with 2 decimals and thousands separators (review item 4)
    assert "实付 1,580,900.00 元，应付 2,034,501.60 元，少付 453,601.60 元" in (
        by_code["underpayment"].message)
    assert "多付 440,688.00 元" in by_code["overpayment"].message
    funds = funds_for(result, "市级")
    assert funds.total.full_year_budget == Decimal("2237951.76")
    assert funds.total.executed == Decimal("2225038.16")
    with pytest.raises(KeyError):
        funds_for(result, "省级")


@settings(max_examples=100, deadline=None)
@given(leases())
def test_rounded_areas_lists_exactly_the_payers_whose_area_was_rounded(lease: Lease) -> None:
    result = apportion(lease)
    exact: dict[str, Fraction] = {}
    for space in lease.spaces:
        for payer, share in space.shares:
            exact[payer] = exact.get(payer, Fraction(0)) + Fraction(space.area) * share
    assert dict(result.rounded_areas) == {
        p.payer: exact[p.payer] for p in result.payers if Fraction(p.area) != exact[p.payer]}
