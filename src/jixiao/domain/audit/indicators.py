"""Detectors: indicator rows of a flattened 自评表 that the document model's tables do not hold.

Scores against weights (stated or implied), the rule and the 总分 are read from the recovered
tables (`table_scores`, `rescore`), whatever the layout. What stays here:

`detect_percent_labels` catches a row labelled (%) whose values are in the thousands.
`detect_prose_indicator_rates` (funds-indicator) reads the 自评报告's prose account of its
execution-rate indicator against the execution rate its funds paragraph states.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.audit.facts import (
    AuditDocument,
    Figure,
    agrees,
    cells,
    excerpt,
)
from jixiao.domain.findings import Finding, Severity

__all__ = ["detect_percent_labels", "detect_prose_indicator_rates"]

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


# --- the execution-rate indicator told in prose against the funds paragraph's rate ----------
#
# The national 自评报告 outline states the execution rate twice: in 资金使用情况 ("项目预算120万元，
# 实际支出114万元，预算执行率95%") and again under 绩效指标完成情况, as the 时效/成本 indicator's
# actual value ("时效指标：预算执行率，目标值100%，实际完成值95%"; "预算执行率指标完成值95%" —
# the forms' 预算执行率 indicator, shared round2 029, round 3 103, 140). The indicator's value is the
# funds paragraph's rate: when the report states exactly one execution rate outside its
# indicator statements, an indicator value that is not that rate (at either's printed
# precision) contradicts it. A report stating two rates (two projects, a part's rate) compares
# nothing; a payment or arrival indicator (支付率, 到位率) is another quantity and is not read.

_INDICATOR_NAME = r"(?:项目|年度|全年)?(?:预算|资金|财政|专项)*(?:执行率|支出率|使用率|(?:执行|支出)进度)"
_PROSE_INDICATOR = re.compile(_INDICATOR_NAME + r"(?:指标)?[^。；;]{0,24}?"
                              r"(?:实际完成值|完成值|实际值|实际完成|完成情况)(?:为|是|达到?)?\s*[:：]?\s*$")
_PROSE_RATE = re.compile(r"(?:^|[^\u4e00-\u9fff]|项目|预算|资金|年度|全年|总体|整体)" + r"(?:预算)?(?:资金)?"
                         r"(?:执行率|支出率|使用率|(?:执行|支出)进度)(?:为|达到?|是)?\s*[:：]?\s*$")
# a rate of a part, of another period or another whole, or a target: not the project's rate
_OTHER_RATE = re.compile(r"中央|省级|市级|县级|区级|本级|自筹|配套|累计|上年|去年|上半年|季度|月底|截至\d|"
                         r"目标|指标值|计划|预期|要求|不低于|达到\d|以上|部门整体")
_GATE = ("执行", "支出率", "使用率", "支出进度")
_NAME_GATE = re.compile(r"执行率|支出率|使用率|执行进度|支出进度")


def detect_prose_indicator_rates(doc: AuditDocument) -> list[Finding]:
    """An execution-rate indicator's actual value in prose against the report's one execution
    rate stated elsewhere in prose (see above)."""
    indicators: list[tuple[Figure, int, str]] = []
    rates: dict[Decimal, Figure] = {}
    for line in doc.figured:
        text = line.text
        if "%" not in text or "|" in text or not any(w in text for w in _GATE):
            continue
        seen: set[int] = set()
        # (from each rate name to the first % after it: a report flattened into one line holds
        # thousands of figures, few of them after an execution rate's name)
        for m in _NAME_GATE.finditer(text):
            for fig in line.figures_between(m.end(), m.end() + 40):
                if fig.unit != "%" or not fig.exact or fig.start in seen:
                    continue
                seen.add(fig.start)
                head = text[max(0, fig.start - 40):fig.start]
                near = head[-14:]
                if ("完成" in near or "实际值" in near) and _PROSE_INDICATOR.search(head):
                    indicators.append((fig, line.number, text))
                elif ("率" in near or "进度" in near) and _PROSE_RATE.search(head):
                    clause = re.split(r"[，,。；;：:（）()]", text[max(0, fig.start - 20):fig.start])[-1]
                    if not _OTHER_RATE.search(clause):
                        rates.setdefault(fig.value, fig)
    if len(rates) != 1 or not indicators:
        return []
    (said,) = rates.values()
    findings: list[Finding] = []
    for fig, number, text in indicators:
        if agrees(fig.value, said.value) or agrees(said.value, fig.value):
            continue
        findings.append(Finding(
            code="funds-indicator-mismatch", severity=Severity.ERROR,
            message=(f"执行率指标实际完成值 {fig.raw}，正文资金使用情况所述执行率 {said.raw}"
                     f" / the execution-rate indicator says {fig.raw}, the funds paragraph {said.raw}"),
            stated=fig.value, expected=said.value, operands=(said.value,), unit="%", line=number,
            excerpt=excerpt(text, max(0, fig.start - 20), fig.end, 0)))
    return findings
