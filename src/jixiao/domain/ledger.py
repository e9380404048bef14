"""Spending ledger (支出明细): payments against a project's budget lines, and what looks wrong.

A project's budget is split into lines (预算明细: 办公用房租金, 物业管理费 …), each with an
amount and the economic classifications (政府支出经济分类, e.g. ``30214 租赁费``) it may be
spent on. Each record is one payment. `audit_ledger` reports, as findings:

- ``overspend``: a line spent beyond its amount (error);
- ``misclassified-spending``: a payment classified outside its line's allowed
  classifications — the 挤占、挪用 signal. RULES.md §6: there is no official definition,
  so this is an **audit flag only** (warning) and never feeds into any score;
- ``outside-fiscal-year``: a payment dated outside the fiscal year (error);
- ``duplicate-payment``: same payee, amount and date more than once (warning);
- ``unspent-line``: a line with no spending by the year end (warning).

Nothing here reads the clock: pass `as_of` to see the ledger as it stood on a date.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jixiao.domain.errors import InputError
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import format_yuan, round_half_up
from jixiao.domain.periods import FiscalYear

__all__ = [
    "BudgetLine",
    "Ledger",
    "LedgerReport",
    "LineStatus",
    "SpendingRecord",
    "audit_ledger",
    "classification_allowed",
    "validate_ledger",
]


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One budget line: `code` (referenced by records), name, amount in 元, allowed
    economic classifications (codes such as ``30214`` or prefixes such as ``302``;
    empty means any)."""

    code: str
    name: str
    amount: Decimal
    classifications: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SpendingRecord:
    """One payment. A negative amount is a refund or reversal (冲销).

    `source` says where the record came from (``payments.csv:12``) for messages.
    """

    date: date
    amount: Decimal
    payee: str
    line: str
    classification: str = ""
    purpose: str = ""
    reference: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Ledger:
    """The budget lines and payments of one project in one fiscal year."""

    fiscal_year: FiscalYear
    lines: tuple[BudgetLine, ...]
    records: tuple[SpendingRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class LineStatus:
    """How far a line is spent: `spent` counts in-year records up to `as_of`."""

    line: BudgetLine
    spent: Decimal
    records: int

    @property
    def remaining(self) -> Decimal:
        return self.line.amount - self.spent

    @property
    def rate(self) -> Decimal | None:
        """spent ÷ amount, unrounded; None for a zero line."""
        return None if self.line.amount == 0 else self.spent / self.line.amount

    def to_json(self) -> dict[str, object]:
        return {"code": self.line.code, "name": self.line.name, "amount": str(self.line.amount),
                "spent": str(self.spent), "remaining": str(self.remaining),
                "rate": None if self.rate is None else str(round_half_up(self.rate, 6)),
                "records": self.records}


@dataclass(frozen=True, slots=True)
class LedgerReport:
    """The audited ledger as of a date (None = the whole year, year-end view)."""

    fiscal_year: FiscalYear
    as_of: date | None
    lines: tuple[LineStatus, ...]
    findings: tuple[Finding, ...]

    @property
    def budget(self) -> Decimal:
        return sum((s.line.amount for s in self.lines), Decimal(0))

    @property
    def spent(self) -> Decimal:
        return sum((s.spent for s in self.lines), Decimal(0))

    def to_json(self) -> dict[str, object]:
        return {"fiscal_year": self.fiscal_year.year,
                "as_of": None if self.as_of is None else self.as_of.isoformat(),
                "budget": str(self.budget), "spent": str(self.spent),
                "lines": [s.to_json() for s in self.lines],
                "findings": [f.to_json() for f in self.findings]}


def validate_ledger(ledger: Ledger) -> None:
    """Refuse a ledger that cannot be audited: duplicate line codes, negative line amounts,
    records pointing at a line that does not exist (`InputError` naming the field)."""
    codes: set[str] = set()
    for i, line in enumerate(ledger.lines):
        if line.code in codes:
            raise InputError(f"预算项目编码「{line.code}」重复 / duplicate line code",
                             field=f"ledger.lines[{i}].code")
        codes.add(line.code)
        if line.amount < 0:
            raise InputError(f"预算项目「{line.name}」金额为负数 / negative line amount",
                             field=f"ledger.lines[{i}].amount")
    for i, record in enumerate(ledger.records):
        if record.line not in codes:
            where = record.source or f"ledger.records[{i}]"
            raise InputError(
                f"{where}：支出所属预算项目「{record.line}」不存在（已有：{'、'.join(sorted(codes))}）"
                f" / unknown budget line {record.line!r}",
                field=f"ledger.records[{i}].line",
            )


_CODE = re.compile(r"^\s*(\d+)")


def _class_key(text: str) -> str:
    """``"30214 租赁费"`` → ``"30214"``; text without a leading code is compared whole."""
    m = _CODE.match(text)
    return m.group(1) if m else text.strip()


def classification_allowed(classification: str, allowed: tuple[str, ...]) -> bool:
    """True when `classification` is one of `allowed` (a code matches its prefixes:
    ``30214`` is allowed by ``302``)."""
    if not allowed:
        return True
    key = _class_key(classification)
    for item in allowed:
        allowed_key = _class_key(item)
        if key == allowed_key or (key.isdigit() and allowed_key.isdigit()
                                  and key.startswith(allowed_key)):
            return True
    return False


def audit_ledger(ledger: Ledger, as_of: date | None = None) -> LedgerReport:
    """Line totals and findings for `ledger` as of the end of day `as_of` (None = year end).

    Records dated after `as_of` are ignored (they had not happened yet); records outside
    the fiscal year are flagged and not counted against any line.
    """
    validate_ledger(ledger)
    fy = ledger.fiscal_year
    lines = {line.code: line for line in ledger.lines}
    spent: dict[str, Decimal] = dict.fromkeys(lines, Decimal(0))
    counts: dict[str, int] = dict.fromkeys(lines, 0)
    findings: list[Finding] = []
    seen: dict[tuple[str, Decimal, date], list[int]] = defaultdict(list)
    for i, rec in enumerate(ledger.records):
        where = rec.source or f"ledger.records[{i}]"
        label = _describe(rec)
        # checked before the as_of cut-off: a record dated in another year is wrong in the
        # ledger whatever the date it is looked at (a 2023 payment in the 2022 ledger is not
        # "not yet happened" in July 2022, it belongs to another year's books)
        if rec.date not in fy:
            findings.append(Finding(
                "outside-fiscal-year", Severity.ERROR,
                f"{label} 的日期不在 {fy}（{fy.start} 至 {fy.last_day}）内，未计入执行数"
                f" / dated outside fiscal year {fy.year}",
                location=where, stated=rec.amount, unit="元"))
            continue
        if as_of is not None and rec.date > as_of:
            continue
        spent[rec.line] += rec.amount
        counts[rec.line] += 1
        line = lines[rec.line]
        if not classification_allowed(rec.classification, line.classifications):
            findings.append(Finding(
                "misclassified-spending", Severity.WARNING,
                f"{label} 的经济分类「{rec.classification or '未填'}」不在预算项目「{line.name}」"
                f"允许的范围（{'、'.join(line.classifications)}）内：可能存在挤占、挪用，"
                "请核实（审计标记，不参与计分）"
                f" / classified outside the line's allowed classifications (audit flag only)",
                location=where, stated=rec.amount, unit="元"))
        seen[(rec.payee, rec.amount, rec.date)].append(i)
    for (payee, amount, day), indexes in seen.items():
        if len(indexes) > 1:
            places = "、".join(ledger.records[j].source or f"ledger.records[{j}]" for j in indexes)
            findings.append(Finding(
                "duplicate-payment", Severity.WARNING,
                f"疑似重复支付：{day} 向「{payee}」支付 {format_yuan(amount)} 元"
                f"共 {len(indexes)} 笔（{places}）"
                f" / {len(indexes)} payments with the same payee, amount and date",
                location=ledger.records[indexes[1]].source or f"ledger.records[{indexes[1]}]",
                stated=amount, unit="元"))
    statuses = tuple(LineStatus(line, spent[code], counts[code]) for code, line in lines.items())
    for i, status in enumerate(statuses):
        if status.spent > status.line.amount:
            findings.append(Finding(
                "overspend", Severity.ERROR,
                f"预算项目「{status.line.name}」支出 {format_yuan(status.spent)} 元，超过预算 "
                f"{format_yuan(status.line.amount)} 元，超支 "
                f"{format_yuan(status.spent - status.line.amount)} 元"
                f" / line overspent by {format_yuan(status.spent - status.line.amount)}",
                location=f"ledger.lines[{i}]", stated=status.spent,
                expected=status.line.amount, unit="元"))
    year_over = as_of is None or as_of >= fy.last_day
    if year_over:
        for i, status in enumerate(statuses):
            if status.records == 0 and status.line.amount > 0:
                findings.append(Finding(
                    "unspent-line", Severity.WARNING,
                    f"预算项目「{status.line.name}」预算 {format_yuan(status.line.amount)} 元，"
                    "到年底没有任何支出"
                    " / no spending on this line by the year end",
                    location=f"ledger.lines[{i}]", stated=Decimal(0),
                    expected=status.line.amount, unit="元"))
    return LedgerReport(fy, as_of, statuses, tuple(findings))


def _describe(rec: SpendingRecord) -> str:
    ref = f"（{rec.reference}）" if rec.reference else ""
    return f"{rec.date} 支付「{rec.payee}」{format_yuan(rec.amount)} 元{ref}"
