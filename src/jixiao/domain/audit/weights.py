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

from jixiao.domain.audit.facts import AuditDocument, excerpt, fmt
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


# A sentence listing the first-level weights (本项目指标分值设置为：产出指标50分，效益指标30分，
# 满意度指标10分，预算执行率10分 / 项目决策10分、项目过程20分、项目产出40分、项目效益30分 / 产出指标
# 占50%…): each item a category of the forms and its points or share.
_ITEM = re.compile(
    r"(?:项目)?(产出|效益|满意度|成本|决策|过程|管理|预算执行(?:率|情况)?|资金执行(?:率|情况)?)"
    r"(?:指标)?\s*(?:为|占|:|：)?\s*([(（])?\s*(\d+(?:\.\d+)?)\s*(分|%|％)(?![值数])\s*([)）])?")
# (each item holds one of these words, at its own place: fewer than four of them, fewer than four
# items — counted before the pattern, which is tried at every position of the line)
_ITEM_WORDS = ("产出", "效益", "满意度", "成本", "决策", "过程", "管理", "预算执行", "资金执行")
_STATED_TOTAL = re.compile(r"合计|共计|总计|总分|满分|共\s*\d|计\s*\d")
# The complete first-level sets of the forms, each making 100 points: the 2020/2021 national
# 自评表 (产出 + 效益 + 满意度 [+ 成本] + 预算执行率, 财预〔2020〕10号 附件1) and the evaluation
# framework (决策 + 过程 + 产出 + 效益, 附件2 项目支出绩效评价指标体系框架).
_SETS = (frozenset(("产出", "效益", "满意度", "预算执行")), frozenset(("决策", "过程", "产出", "效益")))


def _weight_lists(doc: AuditDocument) -> list[Finding]:
    """A sentence listing a complete first-level set's weights that do not make 100 (分 or %).

    Only in a sentence about weights (分值/权重/设置…, not 得分/扣分) or with every weight in
    brackets (产出指标（50分）…); a sentence stating its own total (合计100分) is the sums
    detectors'; each category named once, all in one unit.
    """
    out: list[Finding] = []
    for line in doc.lines:
        text = line.text
        # four items each end in 分 or %: a cheap test spares the other lines the pattern
        if text.count("分") < 4 and text.count("%") + text.count("％") < 4:
            continue
        if ("指标" not in text and "项目" not in text) \
                or sum(map(text.count, _ITEM_WORDS)) < 4 or len(_ITEM.findall(text)) < 4:
            continue
        for sentence_start, sentence in _sentences(text):
            items = list(_ITEM.finditer(sentence))
            if len(items) < 4 or _STATED_TOTAL.search(sentence):
                continue
            keys: dict[str, Decimal] = {}
            units = {("%" if m.group(4) in "%％" else "分") for m in items}
            bracketed = all(m.group(2) and m.group(5) for m in items)
            for m in items:
                key = {"管理": "过程"}.get(m.group(1), m.group(1))
                key = "预算执行" if key.startswith(("预算执行", "资金执行")) else key
                if key in keys:
                    keys = {}
                    break
                keys[key] = Decimal(m.group(3))
            head = sentence[:items[0].start()]
            about = bracketed or (_WEIGHT_WORDS.search(sentence) is not None
                                  and _SCORE_WORDS.search(sentence) is None)
            complete = any(set(keys) - {"成本"} == full for full in _SETS)
            if not keys or len(units) != 1 or not about or not complete \
                    or any(_sublevel(sentence, m.start()) for m in items) or "其中" in head:
                continue
            total = sum(keys.values(), Decimal(0))
            if total == _TOTAL:
                continue
            unit = units.pop()
            start = sentence_start + items[0].start()
            out.append(Finding(
                code="weights-sum-mismatch", severity=Severity.ERROR,
                message=(f"一级指标分值 {' + '.join(fmt(v) for v in keys.values())} 合计 "
                         f"{fmt(total)}{unit}，不是 100{unit} / the first-level weights listed "
                         f"add up to {fmt(total)}, not 100"),
                stated=_TOTAL, expected=total, operands=tuple(keys.values()), unit=unit,
                line=line.number, excerpt=excerpt(text, start, start + 20, 20)))
    return out


_SENTENCE = re.compile(r"[^。！？!?]+")


def _sentences(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _SENTENCE.finditer(text)]


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
    findings.extend(_weight_lists(doc))
    if not headers:
        return findings
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
    if all(c in headers for c in ("产出", "效益", "满意度")) and not funds_weight:
        # No funds weight read (the 2018–2019 forms score 产出 + 效益 + 满意度 = 100; others print
        # 预算执行率 where it was not read): which points the funds take is unknown, but the
        # three first levels alone above 100 are wrong whatever they take (round2 025: 产出指标
        # (40分) 效益指标(40分) 满意度指标(20分); 成本 is second-level in some forms: left out).
        weights = [headers[c][0] for c in ("产出", "效益", "满意度")]
        total = sum(weights, Decimal(0))
        if total > _TOTAL:
            first = min((headers[c] for c in ("产出", "效益", "满意度")),
                        key=lambda h: (h[1], h[2]))
            findings.append(Finding(
                code="weights-sum-mismatch", severity=Severity.ERROR,
                message=(f"一级指标分值 {' + '.join(fmt(w) for w in weights)} 合计 {fmt(total)} 分，"
                         f"超过 100 分 / the first-level weights add up to {fmt(total)}, "
                         f"above 100"),
                stated=_TOTAL, expected=total, operands=tuple(weights), unit="分",
                line=first[1], excerpt=excerpt(first[3], first[2], first[2] + 10, 20)))
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
