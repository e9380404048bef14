"""Fiscal years, half-open periods and 序时进度 from dates passed in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jixiao.domain.periods import (
    FiscalYear,
    Period,
    ProgressBasis,
    completed_months,
    quarter_benchmark,
    time_progress,
)

FY22 = FiscalYear(2022)


def test_fiscal_year_is_half_open() -> None:
    assert date(2022, 1, 1) in FY22
    assert date(2022, 12, 31) in FY22
    assert date(2023, 1, 1) not in FY22
    assert date(2021, 12, 31) not in FY22
    assert FY22.period == Period(date(2022, 1, 1), date(2023, 1, 1))
    assert FY22.days == 365 and FiscalYear(2024).days == 366
    assert FY22.month(2) == Period(date(2022, 2, 1), date(2022, 3, 1))
    assert FY22.month(12).end == date(2023, 1, 1)


def test_period_overlap_and_contains() -> None:
    q1 = Period(date(2022, 1, 1), date(2022, 4, 1))
    assert date(2022, 3, 31) in q1 and date(2022, 4, 1) not in q1
    assert q1.overlap(Period(date(2022, 4, 1), date(2022, 7, 1))) is None  # touching, not overlapping
    assert q1.overlap(Period(date(2022, 3, 1), date(2022, 5, 1))) == Period(date(2022, 3, 1),
                                                                          date(2022, 4, 1))
    with pytest.raises(ValueError):
        Period(date(2022, 2, 1), date(2022, 1, 1))


@pytest.mark.parametrize(("as_of", "months"), [
    (date(2021, 12, 31), 0),
    (date(2022, 1, 30), 0),
    (date(2022, 1, 31), 1),
    (date(2022, 2, 28), 2),      # not a leap year: 28 Feb ends February
    (date(2022, 6, 30), 6),
    (date(2022, 7, 30), 6),
    (date(2022, 7, 31), 7),
    (date(2022, 12, 30), 11),
    (date(2022, 12, 31), 12),
    (date(2023, 3, 1), 12),
])
def test_completed_months(as_of: date, months: int) -> None:
    assert completed_months(as_of, FY22) == months


def test_leap_year_february() -> None:
    fy = FiscalYear(2024)
    assert completed_months(date(2024, 2, 28), fy) == 1   # 29 Feb still to come
    assert completed_months(date(2024, 2, 29), fy) == 2
    assert time_progress(date(2024, 2, 29), fy, ProgressBasis.DAY) == Decimal(60) / Decimal(366)
    assert time_progress(date(2022, 3, 1), FY22, ProgressBasis.DAY) == Decimal(60) / Decimal(365)


@pytest.mark.parametrize(("as_of", "shown"), [
    (date(2022, 5, 31), "41.67"),   # 江门: 1–5月 → 5/12 (RULES.md §6)
    (date(2022, 6, 30), "50.00"),
    (date(2022, 7, 31), "58.33"),
    (date(2022, 12, 31), "100.00"),
    (date(2021, 6, 30), "0.00"),
])
def test_time_progress_month_basis(as_of: date, shown: str) -> None:
    assert f"{(time_progress(as_of, FY22) * 100).quantize(Decimal('0.01'))}" == shown


def test_time_progress_day_basis() -> None:
    assert time_progress(date(2022, 7, 31), FY22, ProgressBasis.DAY) == Decimal(212) / Decimal(365)
    assert time_progress(date(2022, 12, 31), FY22, ProgressBasis.DAY) == 1
    assert time_progress(date(2022, 1, 1), FY22, ProgressBasis.DAY) == Decimal(1) / Decimal(365)


@pytest.mark.parametrize(("as_of", "expected"), [
    (date(2022, 3, 30), None),
    (date(2022, 3, 31), (1, Decimal("0.25"))),
    (date(2022, 7, 31), (2, Decimal("0.50"))),
    (date(2022, 9, 30), (3, Decimal("0.75"))),
    (date(2022, 12, 31), (4, Decimal("1.00"))),
])
def test_quarter_benchmark(as_of: date, expected: tuple[int, Decimal] | None) -> None:
    assert quarter_benchmark(as_of, FY22) == expected
