"""Detector: an item paid for more than the report says was due for it.

Lease and service projects state what is due each year (``每年应承担物业管理费21万元``)
and, elsewhere, what was actually paid (``实际使用……其中：物业管理费644138.16元``). When
an item of exactly the same name is paid for more than was due, the two statements
contradict each other (or the payment covers something the report does not say). Paying
less than was due is common and legitimate within a year (timing, savings), so only the
excess is reported, and as a warning.
"""

from __future__ import annotations

import re

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


def _labelled(doc: AuditDocument, marker: re.Pattern[str]) -> list[tuple[str, Figure, AuditLine]]:
    out: list[tuple[str, Figure, AuditLine]] = []
    for line in doc.lines:
        for start, end in sentences(line.text, clauses=True):
            found = marker.search(line.text, start, end)
            if not found:
                continue
            for fig in line.figures_between(found.end(), end):
                if fig.exact and dimension(fig.unit)[0] == "money":
                    label = label_of(line.text, fig)
                    if 3 <= len(label) <= 12:
                        out.append((label, fig, line))
    return out


def detect_paid_over_due(doc: AuditDocument) -> list[Finding]:
    """Same-named item paid for more than is stated as due (warning)."""
    due = _labelled(doc, _DUE)
    if not due:
        return []
    findings: list[Finding] = []
    for label, paid, line in _labelled(doc, _PAID):
        owed = [(f, ln) for lab, f, ln in due if lab == label and f is not paid]
        if len(owed) != 1:
            continue
        owed_fig, owed_line = owed[0]
        limit = in_unit(owed_fig, paid.unit)
        if limit is None or paid.value <= limit:
            continue
        findings.append(Finding(
            code="overpayment", severity=Severity.WARNING,
            message=(f"“{label}”实际支付 {paid.raw}，多于第{owed_line.number}行所述每年应承担的 "
                     f"{owed_fig.raw}（{fmt(paid.value / limit * 100, 0, 1)}%）"
                     f" / {label}: paid {paid.raw}, more than the {owed_fig.raw} stated as due"),
            stated=paid.value, expected=limit.quantize(paid.value) if places(paid.value) else limit,
            operands=(owed_fig.value,), unit=paid.unit, line=line.number,
            excerpt=excerpt(line.text, paid.start, paid.end, 30)))
    return findings
