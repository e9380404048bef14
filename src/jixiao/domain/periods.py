"""Fiscal years, half-open periods and time progress (序时进度), computed from dates passed in.

Nothing here reads the clock: every function takes the date it is about (`as_of`) as an
argument. A Chinese 预算年度 is the calendar year, so `FiscalYear(2022)` is the half-open
period [2022-01-01, 2023-01-01).

`as_of` is inclusive: "as of 2022-07-31" means at the end of that day, so seven whole
months have passed and the 序时进度 is 7/12 (RULES.md §6: 序时进度 = 月数/12; the 江门
example 1–5月 → 41.67%). A day basis (elapsed days ÷ days in the year, 366 in leap
years) is offered for users who count that way.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum
from fractions import Fraction

__all__ = [
    "DEFAULT_QUARTER_BENCHMARKS",
    "FiscalYear",
    "Period",
    "ProgressBasis",
    "completed_months",
    "completed_quarters",
    "quarter_benchmark",
    "time_progress",
    "time_progress_fraction",
]


@dataclass(frozen=True, slots=True)
class Period:
    """A half-open date range [start, end): `end` is the first day *not* included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"期间结束早于开始 / period ends before it starts: {self}")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day < self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def last_day(self) -> date:
        """The last day included (``end - 1 day``)."""
        return self.end - timedelta(days=1)

    def overlap(self, other: Period) -> Period | None:
        """The common part of two periods, or None when they do not meet."""
        start, end = max(self.start, other.start), min(self.end, other.end)
        return Period(start, end) if start < end else None


@dataclass(frozen=True, slots=True, order=True)
class FiscalYear:
    """预算年度: the calendar year `year` as the half-open period [1 Jan, next 1 Jan)."""

    year: int

    def __post_init__(self) -> None:
        if not 1900 <= self.year <= 2999:
            raise ValueError(f"年度不合理 / implausible fiscal year: {self.year}")

    @property
    def period(self) -> Period:
        return Period(date(self.year, 1, 1), date(self.year + 1, 1, 1))

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        """First day after the year (exclusive bound)."""
        return date(self.year + 1, 1, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, 12, 31)

    @property
    def days(self) -> int:
        return 366 if calendar.isleap(self.year) else 365

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day < self.end

    def month(self, month: int) -> Period:
        """Calendar month `month` (1–12) of this year as a half-open period."""
        if not 1 <= month <= 12:
            raise ValueError(f"月份应为 1–12 / month must be 1-12: {month}")
        end = date(self.year + 1, 1, 1) if month == 12 else date(self.year, month + 1, 1)
        return Period(date(self.year, month, 1), end)

    def __str__(self) -> str:
        return f"{self.year}年度"


class ProgressBasis(str, Enum):
    """How 序时进度 is counted: whole months (the usual 月数/12) or days."""

    MONTH = "month"
    DAY = "day"


def completed_months(as_of: date, year: FiscalYear) -> int:
    """Whole months of `year` finished at the end of day `as_of` (0–12).

    2022-07-31 → 7; 2022-07-30 → 6 (July is not over yet); 2021-12-31 → 0; 2023-01-05 → 12.
    """
    if as_of < year.start:
        return 0
    if as_of >= year.last_day:
        return 12
    month_over = as_of.day == calendar.monthrange(as_of.year, as_of.month)[1]
    return as_of.month if month_over else as_of.month - 1


def completed_quarters(as_of: date, year: FiscalYear) -> int:
    """Quarters of `year` finished at the end of day `as_of` (0–4)."""
    return completed_months(as_of, year) // 3


def time_progress_fraction(
    as_of: date, year: FiscalYear, basis: ProgressBasis = ProgressBasis.MONTH
) -> Fraction:
    """序时进度 at the end of day `as_of` as an exact fraction (7/12 on 31 July).

    Month basis: completed months ÷ 12. Day basis: days elapsed up to and including
    `as_of` ÷ days in the year (213/365 on 1 August 2022, 60/366 on 29 Feb 2024).
    Before the year starts it is 0; after it ends, 1. Exact, so that a light on a
    threshold does not depend on the 28th digit of a Decimal.
    """
    if basis is ProgressBasis.MONTH:
        return Fraction(completed_months(as_of, year), 12)
    if as_of < year.start:
        return Fraction(0)
    if as_of >= year.last_day:
        return Fraction(1)
    return Fraction((as_of - year.start).days + 1, year.days)


def time_progress(
    as_of: date, year: FiscalYear, basis: ProgressBasis = ProgressBasis.MONTH
) -> Decimal:
    """序时进度 as a Decimal (28 significant digits, unrounded); see `time_progress_fraction`."""
    exact = time_progress_fraction(as_of, year, basis)
    return Decimal(exact.numerator) / Decimal(exact.denominator)


#: Local "进度过半" practice (RULES.md §6): 25/50/75/100% by the end of each quarter.
#: These are local management requirements, not 10号/136号 rules, hence configurable.
DEFAULT_QUARTER_BENCHMARKS: tuple[Decimal, Decimal, Decimal, Decimal] = (
    Decimal("0.25"), Decimal("0.50"), Decimal("0.75"), Decimal("1.00"),
)


def quarter_benchmark(
    as_of: date,
    year: FiscalYear,
    benchmarks: tuple[Decimal, ...] = DEFAULT_QUARTER_BENCHMARKS,
) -> tuple[int, Decimal] | None:
    """The benchmark of the last quarter finished by `as_of`: ``(quarter, fraction)``.

    31 July → ``(2, 0.50)`` (the 30 June "时间过半、进度过半" line). None before the end of Q1.
    """
    if len(benchmarks) != 4:
        raise ValueError("季度进度目标应有 4 个 / need four quarter benchmarks")
    quarter = completed_quarters(as_of, year)
    if quarter == 0:
        return None
    return quarter, benchmarks[quarter - 1]
