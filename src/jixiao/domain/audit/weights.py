"""Detector: first-level indicator weights (产出指标(50分)) against each other and the total.

A table states its category weights in headers such as ``产出指标(70分)``; a note may
restate them (``一级指标分值统一设置为：产出指标50分、效益指标30分…``). A category stated
with two different weights is an error. The category weights plus the funds weight
(分值 of the funds row) must add up to the table's total of 100 points; that check runs
only when the header weights of output, outcome and satisfaction were all read.

What is not a first-level weight is left alone: a second-level header (社会效益指标(10分),
服务对象满意度指标(10分)); a category whose headers give two weights (a report with several
tables); and a note that is not about weights — ``自评得分95分，其中产出指标48分`` states the
points a category scored, so a note counts only in a sentence that speaks of 分值/权重/满分/
设置 and not of 得分/扣分.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.audit.facts import AuditDocument, excerpt
from jixiao.domain.audit.funds import parse_funds_block
from jixiao.domain.audit.table_scores import funds_row
from jixiao.domain.audit.tables import INDICATORS
from jixiao.domain.findings import Finding, Severity

__all__ = ["detect_category_weights"]

_CATEGORY = "产出|效益|满意度|成本"
_FIRST_LEVEL = frozenset(_CATEGORY.split("|"))
# 社会效益指标 / 服务对象满意度指标 are second-level indicators under the category (checked
# after a match: six look-behinds tried at every position made the pattern slow)
_SUBLEVEL = ("社会", "经济", "生态", "对象", "公众", "群众")
_HEADER = re.compile(rf"({_CATEGORY})指标\s*[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
_NOTE = re.compile(rf"({_CATEGORY})指标\s*(?:为|:|：)?\s*(\d+(?:\.\d+)?)\s*分(?![值数])")
_TOTAL = Decimal(100)
_WEIGHT_WORDS = re.compile(r"分值|权重|满分|设置|设定")
_SCORE_WORDS = re.compile(r"得分|扣分|得了|评分结果|自评结果|自评分")


def _sublevel(text: str, start: int) -> bool:
    return text[max(0, start - 2):start] in _SUBLEVEL


def _about_weights(text: str, start: int) -> bool:
    """Whether the sentence before a note (back to 。) speaks of weights, not of scores:
    the last of those words before the note decides."""
    head = re.split(r"[。！？]", text[max(0, start - 80):start])[-1]
    weight = [m.end() for m in _WEIGHT_WORDS.finditer(head)]
    score = [m.end() for m in _SCORE_WORDS.finditer(head)]
    return bool(weight) and (not score or weight[-1] > score[-1])


def _funds_row_weight(doc: AuditDocument) -> Decimal | None:
    """The 分值 of the funds row printed inside an indicator table (预算执行率 | … | 10 | 10),
    when the document has no funds block."""
    for table in doc.tables:
        if table.kind == INDICATORS:
            for row in table.rows:
                weight = row.figure("weight")
                if weight is not None and funds_row(row):
                    return weight.value
    return None


def detect_category_weights(doc: AuditDocument) -> list[Finding]:
    """Category weight stated twice differently; weights not adding up to 100."""
    findings: list[Finding] = []
    headers: dict[str, tuple[Decimal, int, int, str]] = {}
    values: dict[str, set[Decimal]] = {}
    for line in doc.lines:
        if "指标" not in line.text:
            continue
        for m in _HEADER.finditer(line.text):
            if _sublevel(line.text, m.start()):
                continue
            headers.setdefault(m.group(1), (Decimal(m.group(2)), line.number, m.start(), line.text))
            values.setdefault(m.group(1), set()).add(Decimal(m.group(2)))
    # The tables' own reading of their first-level labels: a label wrapped over two lines or
    # cells (产出指标 / (50分), a PDF's narrow column) is one there.
    for table in doc.tables:
        if table.kind != INDICATORS:
            continue
        for name, value, number in table.category_weights:
            cat = name.removesuffix("指标")
            if cat not in _FIRST_LEVEL:
                continue
            at = doc.line(number)
            text = at.text if at is not None else name
            headers.setdefault(cat, (value, number, max(0, text.find(cat)), text))
            values.setdefault(cat, set()).add(value)
    # several tables weighting a category differently: which one a note restates is unknown
    headers = {c: h for c, h in headers.items() if len(values[c]) == 1}
    if not headers:
        return []
    for line in doc.lines:
        for m in _NOTE.finditer(line.text):
            cat, value = m.group(1), Decimal(m.group(2))
            if cat not in headers or headers[cat][0] == value or _sublevel(line.text, m.start()) \
                    or not _about_weights(line.text, m.start()):
                continue
            stated, number, start, text = headers[cat]
            findings.append(Finding(
                code="restated-mismatch", severity=Severity.ERROR,
                message=(f"{cat}指标的分值在表头为 {stated} 分，在说明中为 {value} 分"
                         f" / the {cat} weight is {stated} in the header and {value} in the note"),
                stated=stated, expected=value, operands=(stated, value), unit="分",
                line=number, excerpt=excerpt(text, start, start + 10, 20)))
    block = parse_funds_block(doc)
    funds_weight = block.weight if block and block.weight else _funds_row_weight(doc)
    if all(c in headers for c in ("产出", "效益", "满意度")) and funds_weight:
        weights = [headers[c][0] for c in headers]
        total = sum(weights, Decimal(0)) + funds_weight
        if total != _TOTAL:
            first = min(headers.values(), key=lambda h: (h[1], h[2]))
            findings.append(Finding(
                code="weights-sum-mismatch", severity=Severity.ERROR,
                message=(f"一级指标分值 {' + '.join(str(w) for w in weights)} 加预算执行分值 "
                         f"{funds_weight} 合计 {total} 分，不是 100 分"
                         f" / category weights plus the funds weight add up to {total}, not 100"),
                stated=_TOTAL, expected=total, operands=(*weights, funds_weight), unit="分",
                line=first[1], excerpt=excerpt(first[3], first[2], first[2] + 10, 20)))
    return findings
