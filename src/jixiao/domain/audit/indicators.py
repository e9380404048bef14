"""Detectors: indicator rows of a flattened 自评表 that the document model's tables do not hold.

Scores against weights (stated or implied), the rule and the 总分 are read from the recovered
tables (`table_scores`, `rescore`), whatever the layout. What stays here:

`detect_percent_labels` catches a row labelled (%) whose values are in the thousands.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.audit.facts import (
    AuditDocument,
    cells,
    excerpt,
)
from jixiao.domain.findings import Finding, Severity

__all__ = ["detect_percent_labels"]

_PERCENT_LABEL = re.compile(r"[(（]\s*[%％]\s*[)）]\s*$")
# A percentage in a performance table above this is a unit mistake, not a result:
# growth of 300% happens, 8000% does not.
_PERCENT_CEILING = Decimal(1000)


def detect_percent_labels(doc: AuditDocument) -> list[Finding]:
    """An indicator labelled (%) whose target or actual is in the thousands (a unit slip)."""
    findings: list[Finding] = []
    for line in doc.figured:
        if "|" not in line.text:
            continue  # (a single cell: no values after a label)
        row = cells(line)
        for k, cell in enumerate(row):
            if not _PERCENT_LABEL.search(cell.text):
                continue
            values = [c.number for c in row[k + 1:k + 3]]
            if len(values) != 2 or any(v is None or v.unit for v in values):
                continue
            high = max((v for v in values if v is not None), key=lambda v: v.value)
            if high.value <= _PERCENT_CEILING:
                continue
            findings.append(Finding(
                code="unit-implausible", severity=Severity.WARNING,
                message=(f"指标“{cell.text}”的单位为 %，但数值为 "
                         f"{' / '.join(str(v.value) for v in values if v is not None)}，"
                         f"不可能是百分比（单位可能应为万元等）"
                         f" / labelled %, but the values cannot be percentages"),
                stated=high.value, expected=None, operands=(), unit="%", line=line.number,
                excerpt=excerpt(line.text, cell.start, high.end, 10)))
    return findings
