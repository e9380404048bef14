"""Spending ledger findings on crafted cases."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.errors import InputError
from jixiao.domain.findings import Severity
from jixiao.domain.ledger import (
    BudgetLine,
    Ledger,
    SpendingRecord,
    audit_ledger,
    classification_allowed,
)
from jixiao.domain.periods import FiscalYear

FY = FiscalYear(2022)
LINES = (
    BudgetLine("rent", "办公用房租金", Decimal("1000.00"), ("30214",)),
    BudgetLine("property", "物业管理费", Decimal("500.00"), ("30209",)),
    BudgetLine("training", "培训费", Decimal("300.00"), ("30216",)),
)


def rec(day: str, amount: str, line: str, cls: str, payee: str = "甲公司") -> SpendingRecord:
    return SpendingRecord(date.fromisoformat(day), Decimal(amount), payee, line, cls)


def codes(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in report.findings]


def test_clean_ledger_has_no_findings() -> None:
    ledger = Ledger(FY, LINES, (rec("2022-03-01", "1000", "rent", "30214 租赁费"),
                                rec("2022-03-01", "400", "property", "30209"),
                                rec("2022-06-01", "300", "training", "30216 培训费")))
    report = audit_ledger(ledger)
    assert report.findings == ()
    assert report.spent == Decimal("1700") and report.budget == Decimal("1800.00")


def test_overspend_and_misclassification_are_flagged() -> None:
    ledger = Ledger(FY, LINES, (
        rec("2022-03-01", "900", "rent", "30214 租赁费"),
        rec("2022-04-01", "200", "rent", "30217 公务接待费"),   # rent money spent on receptions
        rec("2022-05-01", "100", "property", "30209"),
        rec("2022-05-02", "10", "training", "30216"),
    ))
    report = audit_ledger(ledger)
    by_code = {f.code: f for f in report.findings}
    assert set(by_code) == {"overspend", "misclassified-spending"}
    over = by_code["overspend"]
    assert over.severity is Severity.ERROR
    assert (over.stated, over.expected) == (Decimal("1100"), Decimal("1000.00"))
    assert "办公用房租金" in over.message and over.location == "ledger.lines[0]"
    mis = by_code["misclassified-spending"]
    assert mis.severity is Severity.WARNING  # an audit flag only
    assert "挤占" in mis.message and "30217" in mis.message


def test_outside_fiscal_year_is_flagged_and_not_counted() -> None:
    ledger = Ledger(FY, LINES, (rec("2023-01-05", "100", "rent", "30214"),
                                rec("2021-12-31", "100", "rent", "30214"),
                                rec("2022-12-31", "100", "rent", "30214"),
                                rec("2022-01-01", "500", "property", "30209"),
                                rec("2022-01-01", "300", "training", "30216")))
    report = audit_ledger(ledger)
    assert codes(report).count("outside-fiscal-year") == 2
    assert report.lines[0].spent == Decimal("100")


@settings(max_examples=80, deadline=None)
@given(st.dates(date(2022, 1, 1), date(2022, 12, 31)),
       st.lists(st.dates(date(2020, 6, 1), date(2024, 6, 1)), min_size=1, max_size=8))
def test_outside_fiscal_year_is_flagged_whatever_the_as_of_date(as_of: date,
                                                               days: list[date]) -> None:
    """A 2023-01-05 record was only flagged once as_of passed it (review item 2)."""
    records = tuple(SpendingRecord(day, Decimal("10"), f"甲{i}", "rent", "30214")
                    for i, day in enumerate(days))
    report = audit_ledger(Ledger(FY, LINES, records), as_of=as_of)
    flagged = {f.location for f in report.findings if f.code == "outside-fiscal-year"}
    assert flagged == {f"ledger.records[{i}]" for i, day in enumerate(days) if day not in FY}
    # in-year records after as_of are still ignored; outside ones are never counted
    assert report.spent == Decimal(10) * sum(1 for d in days if d in FY and d <= as_of)


def test_duplicates_same_payee_amount_and_date() -> None:
    ledger = Ledger(FY, LINES, (
        rec("2022-03-01", "250", "property", "30209", payee="物业公司"),
        rec("2022-03-01", "250", "property", "30209", payee="物业公司"),
        rec("2022-03-02", "250", "property", "30209", payee="物业公司"),  # other day: fine
        rec("2022-03-01", "250", "rent", "30214", payee="另一公司"),       # other payee: fine
    ))
    report = audit_ledger(ledger, as_of=date(2022, 7, 31))
    dups = [f for f in report.findings if f.code == "duplicate-payment"]
    assert len(dups) == 1 and "共 2 笔" in dups[0].message
    assert "overspend" in codes(report)  # 750 > 500


def test_unspent_lines_only_at_year_end() -> None:
    ledger = Ledger(FY, LINES, (rec("2022-03-01", "1000", "rent", "30214"),))
    assert "unspent-line" not in codes(audit_ledger(ledger, as_of=date(2022, 7, 31)))
    at_end = [f for f in audit_ledger(ledger, as_of=date(2022, 12, 31)).findings
              if f.code == "unspent-line"]
    assert [f.location for f in at_end] == ["ledger.lines[1]", "ledger.lines[2]"]
    assert len([f for f in audit_ledger(ledger).findings if f.code == "unspent-line"]) == 2


def test_as_of_ignores_later_records() -> None:
    ledger = Ledger(FY, LINES, (rec("2022-03-01", "600", "rent", "30214"),
                                rec("2022-08-01", "600", "rent", "30214")))
    assert audit_ledger(ledger, as_of=date(2022, 7, 31)).spent == Decimal("600")
    assert "overspend" in codes(audit_ledger(ledger))


def test_refund_reduces_spending() -> None:
    ledger = Ledger(FY, LINES[:1], (rec("2022-03-01", "1100", "rent", "30214"),
                                    rec("2022-03-10", "-100", "rent", "30214")))
    assert "overspend" not in codes(audit_ledger(ledger))


def test_unknown_line_is_an_input_error() -> None:
    ledger = Ledger(FY, LINES, (rec("2022-03-01", "1", "canteen", "30214"),))
    with pytest.raises(InputError, match="canteen"):
        audit_ledger(ledger)


@pytest.mark.parametrize(("cls", "allowed", "ok"), [
    ("30214 租赁费", ("30214",), True),
    ("30214", ("302",), True),            # prefix: 302 商品和服务支出
    ("30217 公务接待费", ("30214", "30209"), False),
    ("租赁费", ("租赁费",), True),
    ("", ("30214",), False),
    ("30299", (), True),                  # no restriction
])
def test_classification_allowed(cls: str, allowed: tuple[str, ...], ok: bool) -> None:
    assert classification_allowed(cls, allowed) is ok


_YUAN = re.compile(r"(-?[\d,.]+) 元")
_FORMATTED = re.compile(r"^-?\d{1,3}(,\d{3})*\.\d{2}$")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(
    st.dates(date(2021, 12, 20), date(2023, 1, 10)),
    st.decimals(min_value=-5000, max_value=10**7, places=2, allow_nan=False,
                allow_infinity=False).filter(lambda d: d != 0),
    st.sampled_from(["rent", "property"]), st.sampled_from(["30214", "30209", "30217"]),
    st.sampled_from(["甲", "乙"])), max_size=12),
    st.none() | st.dates(date(2022, 1, 1), date(2022, 12, 31)))
def test_amounts_in_messages_are_yuan_with_two_decimals_and_separators(rows, as_of) -> None:  # type: ignore[no-untyped-def]
    """outside-fiscal-year printed "100 元" (review item 4)."""
    records = tuple(SpendingRecord(d, a, payee, line, cls) for d, a, line, cls, payee in rows)
    # duplicated once so that duplicate-payment messages are exercised too
    report = audit_ledger(Ledger(FY, LINES, records + records[:1]), as_of)
    for finding in report.findings:
        amounts = _YUAN.findall(finding.message)
        assert amounts, finding.message
        for amount in amounts:
            assert _FORMATTED.match(amount), (amount, finding.message)


def test_overspend_message_reads_with_separators() -> None:
    ledger = Ledger(FY, LINES, (rec("2022-03-01", "1234567.8", "rent", "30214"),))
    (over,) = [f for f in audit_ledger(ledger).findings if f.code == "overspend"]
    assert "支出 1,234,567.80 元，超过预算 1,000.00 元，超支 1,233,567.80 元" in over.message
