"""Hypothesis properties for periods, largest remainder and the ledger."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.apportionment import largest_remainder
from jixiao.domain.ledger import BudgetLine, Ledger, SpendingRecord, audit_ledger
from jixiao.domain.money import round_half_up
from jixiao.domain.periods import FiscalYear, ProgressBasis, time_progress_fraction

years = st.integers(1990, 2100).map(FiscalYear)
days = st.dates(date(1989, 6, 1), date(2101, 6, 1))


@given(years, days, days, st.sampled_from(list(ProgressBasis)))
def test_time_progress_is_monotone_and_bounded(fy: FiscalYear, a: date, b: date,
                                               basis: ProgressBasis) -> None:
    early, late = sorted((a, b))
    p, q = time_progress_fraction(early, fy, basis), time_progress_fraction(late, fy, basis)
    assert 0 <= p <= q <= 1
    if late < fy.start:
        assert q == 0
    if early >= fy.last_day:
        assert p == 1


@given(years, st.integers(1, 12))
def test_month_end_progress_is_months_over_twelve(fy: FiscalYear, month: int) -> None:
    last = fy.month(month).last_day
    assert time_progress_fraction(last, fy) == Fraction(month, 12)
    assert time_progress_fraction(last - timedelta(days=1), fy) == Fraction(month - 1, 12)


parts = st.dictionaries(st.text(min_size=1, max_size=3),
                        st.fractions(min_value=0, max_value=10**7, max_denominator=10**4),
                        min_size=1, max_size=12)


@given(parts)
def test_largest_remainder_sums_exactly_and_stays_within_a_fen(values: dict[str, Fraction]) -> None:
    exact = sum(values.values(), Fraction(0))
    # the total is the exact sum rounded half-up to the fen, as apportion() does
    total = round_half_up(Decimal(exact.numerator) / Decimal(exact.denominator), 2)
    out = largest_remainder(total, values)
    assert sum(out.values()) == total
    for key, value in values.items():
        assert abs(Fraction(out[key]) - value) < Fraction(1, 100)


record = st.builds(
    SpendingRecord,
    date=st.dates(date(2021, 12, 1), date(2023, 1, 31)),
    amount=st.decimals(min_value=-1000, max_value=10**6, places=2, allow_nan=False,
                       allow_infinity=False).filter(lambda d: d != 0),
    payee=st.sampled_from(["甲", "乙", "丙"]),
    line=st.sampled_from(["a", "b"]),
    classification=st.sampled_from(["30214", "30209", "30217"]),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(record, max_size=40), st.none() | st.dates(date(2022, 1, 1), date(2022, 12, 31)))
def test_ledger_line_totals_are_the_in_year_records_up_to_as_of(
        records: list[SpendingRecord], as_of: date | None) -> None:
    fy = FiscalYear(2022)
    lines = (BudgetLine("a", "A", Decimal(100_000), ("30214",)),
             BudgetLine("b", "B", Decimal(100_000), ("302",)))
    report = audit_ledger(Ledger(fy, lines, tuple(records)), as_of)
    counted = [r for r in records if r.date in fy and (as_of is None or r.date <= as_of)]
    assert report.spent == sum((r.amount for r in counted), Decimal(0))
    flagged = [f for f in report.findings if f.code == "outside-fiscal-year"]
    # outside the year is wrong whatever the as_of date (review item 2)
    assert len(flagged) == sum(1 for r in records if r.date not in fy)
    over = {f.location for f in report.findings if f.code == "overspend"}
    assert over == {f"ledger.lines[{i}]" for i, s in enumerate(report.lines)
                    if s.spent > s.line.amount}
