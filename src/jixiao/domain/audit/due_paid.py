"""Detector: an item paid for more than the report says was due for it.

Lease and service projects state what is due each year (``每年应承担物业管理费21万元``)
and, elsewhere, what was actually paid (``实际使用……其中：物业管理费644138.16元``). When
an item of exactly the same name is paid for more than was due, the two statements
contradict each other (or the payment covers something the report does not say). Paying
less than was due is common and legitimate within a year (timing, savings), so only the
excess is reported, and as a warning.

One exception: when a breakdown of what was paid (``其中：物业管理费644138.16元、租赁费
1580900元``) pays one item more than its due, another item of the same breakdown paid
less than its due is reported too (warning, ``underpayment``): the split itself then
contradicts the stated dues — money appears under the wrong item.

Names must be identical, with one narrow pairing: the rent (租赁费 / 租金 / 房租) of a
breakdown is the rent that is due (办公用房租金) when the breakdown also names another due
item exactly and each side names exactly one rent — the document itself then pairs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.audit.facts import (
    AuditDocument,
    AuditLine,
    Figure,
    dimension,
    excerpt,
    fmt,
    in_unit,
    places,
    sentences,
)
from jixiao.domain.audit.restated import label_of
from jixiao.domain.findings import Finding, Severity

__all__ = ["detect_paid_over_due"]

_DUE = re.compile(r"应(?:承担|缴纳|缴交|缴|付|支付)")
_PAID = re.compile(r"实际(?:使用|支付|支出|发生)|已支付|实付")


_Item = tuple[str, Figure, AuditLine]


def _labelled(doc: AuditDocument, marker: re.Pattern[str]) -> list[tuple[_Item, int]]:
    """Money figures named after `marker` (应承担…, 实际支付…), with their clause's start."""
    out: list[tuple[_Item, int]] = []
    for line in doc.lines:
        for start, end in sentences(line.text, clauses=True):
            found = marker.search(line.text, start, end)
            if not found:
                continue
            for fig in line.figures_between(found.end(), end):
                if fig.exact and dimension(fig.unit)[0] == "money":
                    label = label_of(line.text, fig)
                    if 3 <= len(label) <= 12:
                        out.append(((label, fig, line), start))
    return out


_RENT = re.compile(r"租")


def _is_rent(label: str) -> bool:
    return bool(_RENT.search(label)) and label.endswith(("租赁费", "租金", "房租", "租费"))


@dataclass(frozen=True, slots=True)
class _Dues:
    """What is stated as due, by name; and the one rent due, if exactly one is."""

    by_label: dict[str, list[_Item]]
    rent: _Item | None

    @classmethod
    def of(cls, due: list[_Item]) -> _Dues:
        by_label: dict[str, list[_Item]] = {}
        for item in due:
            by_label.setdefault(item[0], []).append(item)
        rents = [items for lab, items in by_label.items() if _is_rent(lab)]
        return cls(by_label, rents[0][0] if len(rents) == 1 and len(rents[0]) == 1 else None)


def _due_for(label: str, paid: Figure, breakdown: set[str], dues: _Dues) -> _Item | None:
    """The one due statement for a paid item: same name, or the paired rent (see module doc)."""
    stated = dues.by_label.get(label, [])
    if len(stated) > 2:
        return None  # due stated several times: which one applies is unclear
    owed = [item for item in stated if item[1] is not paid]
    if len(owed) == 1:
        return owed[0]
    if owed or not _is_rent(label) or dues.rent is None or dues.rent[0] in breakdown:
        return None
    if sum(1 for lab in breakdown if _is_rent(lab)) != 1:
        return None
    # the document pairs them: another item of the breakdown is named exactly as due
    if any(lab != label and lab in dues.by_label for lab in breakdown):
        return dues.rent
    return None


def _finding(code: str, label: str, paid: Figure, line: AuditLine, owed: Figure,
             owed_line: AuditLine, limit: Decimal, owed_label: str) -> Finding:
    share = fmt(paid.value / limit * 100, 0, 1)
    zh, en = f"“{label}”", label
    if owed_label != label:  # the paired rent: say which due item it was taken for
        zh, en = f"“{label}”（即“{owed_label}”）", f"{label} (= {owed_label})"
    if code == "overpayment":
        words = (f"{zh}实际支付 {paid.raw}，多于第{owed_line.number}行所述每年应承担的 "
                 f"{owed.raw}（{share}%）"
                 f" / {en}: paid {paid.raw}, more than the {owed.raw} stated as due")
    else:
        words = (f"{zh}实际支付 {paid.raw}，少于第{owed_line.number}行所述每年应承担的 "
                 f"{owed.raw}（{share}%），而同一分项中另有支付多于应承担的项目"
                 f" / {en}: paid {paid.raw}, less than the {owed.raw} stated as due, while "
                 f"another item of the same breakdown is paid more than due")
    return Finding(
        code=code, severity=Severity.WARNING, message=words,
        stated=paid.value, expected=Decimal(fmt(limit, places(paid.value))),
        operands=(owed.value,), unit=paid.unit, line=line.number,
        excerpt=excerpt(line.text, paid.start, paid.end, 30))


def detect_paid_over_due(doc: AuditDocument) -> list[Finding]:
    """Item paid for more than is stated as due; in the same breakdown, one paid less (warnings)."""
    due = [item for item, _ in _labelled(doc, _DUE)]
    if not due:
        return []
    dues = _Dues.of(due)  # indexed once: a long report has many paid and due figures
    findings: list[Finding] = []
    # a breakdown: the paid items of one clause (实际使用…，其中：物业管理费…、租赁费…)
    breakdowns: dict[tuple[int, int], list[_Item]] = {}
    for item, clause in _labelled(doc, _PAID):
        breakdowns.setdefault((item[2].number, clause), []).append(item)
    for breakdown in breakdowns.values():
        names = {lab for lab, _, _ in breakdown}
        over: list[Finding] = []
        under: list[Finding] = []
        for label, paid, line in breakdown:
            pair = _due_for(label, paid, names, dues)
            if pair is None:
                continue
            owed_label, owed_fig, owed_line = pair
            limit = in_unit(owed_fig, paid.unit)
            if limit is None or limit <= 0:
                continue
            if paid.value > limit:
                over.append(_finding("overpayment", label, paid, line, owed_fig, owed_line, limit,
                                     owed_label))
            elif paid.value < limit:
                under.append(_finding("underpayment", label, paid, line, owed_fig, owed_line,
                                      limit, owed_label))
        findings.extend(over)
        if over:
            findings.extend(under)
    return findings
