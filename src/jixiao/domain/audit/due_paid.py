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

Names must be identical, or name the same item of the economic classification of
expenditure (租赁费 / 租金 / 房租 are 30214 租赁费; 物业费 / 物业管理费 are 30209) with
exactly one such item on each side and another item of the breakdown named exactly as
due — the document itself then pairs them.
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
        for start, end in line.spans(clauses=True):
            found = marker.search(line.text, start, end)
            if not found:
                continue
            for fig in line.figures_between(found.end(), end):
                if fig.exact and dimension(fig.unit)[0] == "money":
                    label = label_of(line.text, fig)
                    if 3 <= len(label) <= 12:
                        out.append(((label, fig, line), start))
    return out


# Items of the economic classification of expenditure (政府收支分类科目, 302 商品和服务支出)
# that reports name in several ways: a due and a paid statement naming the same class are
# about the same item (租赁费 paid is the 办公用房租金 due).
_CLASSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("30214 租赁费", re.compile(r"(?:租赁费|租金|房租|租费)$")),
    ("30209 物业管理费", re.compile(r"(?:物业管理费|物业费|物管费|物业服务费)$")),
    ("30206 电费", re.compile(r"电费$")),
    ("30205 水费", re.compile(r"水费$")),
    ("30213 维修（护）费", re.compile(r"(?:维修费|维护费|维修维护费|修缮费)$")),
    ("30216 培训费", re.compile(r"培训费$")),
    ("30211 差旅费", re.compile(r"差旅费$")),
    ("30215 会议费", re.compile(r"会议费$")),
    ("30202 印刷费", re.compile(r"印刷费$")),
)


def item_class(label: str) -> str | None:
    """The classification item a label names (租赁费 / 办公用房租金 → 30214 租赁费), or None."""
    return next((name for name, pattern in _CLASSES if pattern.search(label)), None)


@dataclass(frozen=True, slots=True)
class _Dues:
    """What is stated as due, by name and by classification item."""

    by_label: dict[str, list[_Item]]
    by_class: dict[str, list[_Item]]

    @classmethod
    def of(cls, due: list[_Item]) -> _Dues:
        by_label: dict[str, list[_Item]] = {}
        by_class: dict[str, list[_Item]] = {}
        for item in due:
            by_label.setdefault(item[0], []).append(item)
            kind = item_class(item[0])
            if kind is not None:
                by_class.setdefault(kind, []).append(item)
        return cls(by_label, by_class)


def _due_for(label: str, paid: Figure, breakdown: set[str], dues: _Dues) -> _Item | None:
    """The one due statement for a paid item: same name, or the same classification item.

    Different names of one item (租赁费 paid, 办公用房租金 due) are paired only when each
    side names that classification item exactly once and the breakdown also names another
    due item exactly — the document itself then pairs them.
    """
    stated = dues.by_label.get(label, [])
    if len(stated) > 2:
        return None  # due stated several times: which one applies is unclear
    owed = [item for item in stated if item[1] is not paid]
    if len(owed) == 1:
        return owed[0]
    kind = item_class(label)
    if owed or kind is None:
        return None
    same = dues.by_class.get(kind, [])
    if len(same) != 1 or same[0][0] in breakdown:
        return None
    if sum(1 for lab in breakdown if item_class(lab) == kind) != 1:
        return None
    if any(lab != label and lab in dues.by_label for lab in breakdown):
        return same[0]
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
