"""Detector: the stated grade against the stated total score, and prose score against the table.

``自评得分99分……自评结果：优秀`` and ``总分 | 100 | 96 | 优`` state a score and a grade; the
grade must be the one the national bands give (优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差, half-open,
财预〔2020〕10号 — every rule set in `jixiao.domain.rulesets` uses these bands). Words that
are not one of the four grades (合格, 达标) are left alone. When the prose states a total
score and the table's 总分 row states another, the two are reported.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.audit.facts import AuditDocument, cells, excerpt
from jixiao.domain.audit.prose_tables import other_scope
from jixiao.domain.audit.tables import INDICATORS
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.rulesets import get_ruleset

__all__ = ["detect_grades"]

_GRADES = {"优秀": "优", "优": "优", "良好": "良", "良": "良", "中等": "中", "中": "中", "差": "差",
           "较差": "差"}
_PROSE = re.compile(
    r"(?:自评得分|综合得分|总得分|自评总分|评价得分)\s*(?:为|是)?\s*(?P<score>\d{1,3}(?:\.\d{1,2})?)\s*分"
    r"(?:(?P<between>[^。]{0,40}?(?:等级|等次|结果|评定为|评为)[^。]{0,8}?[:：为是“\"]\s*)"
    r"(?P<grade>优秀|良好|中等|较差|优|良|中|差)(?![\u4e00-\u9fff]))?"
)
# the grade first: 自评等级为良好（自评得分96分）, 自评结果为良好，自评得分96分
_GRADE_FIRST = re.compile(
    r"(?:自评|评价|评定)(?:等级|等次|结果)\s*(?:为|是|评定为|[:：])\s*[“\"]?(?P<grade>优秀|良好|中等|较差|优|良|中|差)[”\"]?"
    r"(?![\u4e00-\u9fff])[^。；;]{0,6}?(?:自评得分|综合得分|总得分|自评总分|评价得分|得分)\s*(?:为|是)?\s*"
    r"(?P<score>\d{1,3}(?:\.\d{1,2})?)\s*分"
)


def _finding(score: Decimal, grade_word: str, line: int, text: str, start: int, end: int) -> Finding:
    expected = get_ruleset(None).grade(score)
    return Finding(
        code="grade-mismatch", severity=Severity.ERROR,
        message=(f"得分 {score} 分应评为“{expected}”，所述等级为“{grade_word}”"
                 f" / a total of {score} is graded {expected}, the report says {grade_word}"),
        stated=score, expected=None, operands=(score,), unit="分", line=line,
        excerpt=excerpt(text, start, end, 10))


# The form's header fields, 自评得分 | 96 | 自评等级 | 良好, in every layout the text gives them:
# cells apart by pipes, tabs or spaces, one after another with nothing between (OCR, a page
# flattened), with their colons and 分 (自评得分：96分 自评等级：良好) — the 2020 national form's
# head and its provincial copies (湖北 广水 109's 自评总分 field; 保山).
_FIELDS = re.compile(
    r"(?:自评得分|自评总分|综合得分|总得分|评价得分|自评分)(?:[(（]分[)）])?[\s|:：]*"
    r"(?P<score>\d{1,3}(?:\.\d{1,2})?)(?![\d.])\s*分?[\s|,，;；]*(?:自评|评价|绩效|综合)?(?:等级|等次)"
    r"[\s|:：]*[“\"]?(?P<grade>优秀|良好|中等|较差|优|良|中|差)(?![\u4e00-\u9fff])")


# The grade stated alone (经自评，本项目自评等级为良 / 自评结果：良好 / 综合评价等级为“良”), its score
# only in the 自评表's 总分 row.
_GRADE_ALONE = re.compile(
    r"(?:自评|评价|评定|综合评价|绩效评价)(?:等级|等次|结果)\s*(?:为|是|评定为|[:：])\s*[“\"]?"
    r"(?P<grade>优秀|良好|中等|较差|优|良|中|差)[”\"]?(?![\u4e00-\u9fff])")
_HAS_SCORE = re.compile(r"得分|总分|\d\s*分")


def _grade_against_table(doc: AuditDocument) -> list[Finding]:
    """The one grade the prose states alone against the bands of the 自评表's one 总分 (a total
    row of 100 points, or named 总分/综合), when the sentence states no score of its own."""
    # (a total of 100 points: a 总分 of the indicators alone, 90 points beside a funds score,
    # is not what the grade grades)
    totals = [t.total for t in doc.tables if t.kind == INDICATORS and t.total is not None
              and t.total.score is not None and (
                  t.total.available.value == 100 if t.total.available is not None
                  else "总" in t.total.text or "综合" in t.total.text)]
    if len(totals) != 1:
        return []
    total = totals[0]
    assert total is not None and total.score is not None
    found: list[tuple[str, int, str, int, int]] = []
    for line in doc.lines:
        if "等" not in line.text and "结果" not in line.text:
            continue
        for m in _GRADE_ALONE.finditer(line.text):
            sentence = re.split(r"[。；;！？]", line.text[:m.start()])[-1] + m.group()
            if line.number == total.line or "|" in line.text or _HAS_SCORE.search(sentence) \
                    or other_scope(line.text, m.start()):
                continue
            found.append((_GRADES[m.group("grade")], line.number, line.text, m.start(), m.end()))
    if len({f[0] for f in found}) != 1:
        return []  # none, or two different grades (two projects)
    grade, number, text, start, end = found[0]
    score = total.score.value
    if get_ruleset(None).grade(score) == grade:
        return []
    return [_finding(score, grade, number, text, start, end)]


def detect_grades(doc: AuditDocument) -> list[Finding]:
    """Grade not matching the score (error); prose total ≠ table 总分 (error)."""
    findings: list[Finding] = []
    prose: list[tuple[Decimal, int, str, int, int]] = []
    table: list[tuple[Decimal, int]] = []
    for line in doc.figured:  # (a score is a figure of its line: the others hold none)
        # (every name of the total score ends in 得分 or 总分: a line without 分 states none)
        for m in _PROSE.finditer(line.text) if "分" in line.text else ():
            if other_scope(line.text, m.start()):
                continue  # 满意度调查综合得分, 该指标自评得分: not the project's total
            score = Decimal(m.group("score"))
            prose.append((score, line.number, line.text, m.start(), m.end()))
            word = m.group("grade")
            if word and get_ruleset(None).grade(score) != _GRADES[word]:
                findings.append(_finding(score, word, line.number, line.text, m.start(), m.end()))
        for m in _GRADE_FIRST.finditer(line.text) if "等" in line.text or "结果" in line.text else ():
            if other_scope(line.text, m.start()):
                continue
            score, word = Decimal(m.group("score")), m.group("grade")
            if get_ruleset(None).grade(score) != _GRADES[word]:
                findings.append(_finding(score, word, line.number, line.text, m.start(), m.end()))
        text = line.text
        # (the fields name a grade — 等级/等次 — and a score: the pattern runs only there)
        for m in _FIELDS.finditer(text) if ("等级" in text or "等次" in text) and (
                "得分" in text or "总分" in text or "自评分" in text) else ():
            score, word = Decimal(m.group("score")), m.group("grade")
            if other_scope(line.text, m.start()):
                continue
            if score <= 100 and get_ruleset(None).grade(score) != _GRADES[word]:
                findings.append(_finding(score, word, line.number, line.text, m.start(), m.end()))
        # (a row of three cells has a border: a line without one is a single cell)
        row = cells(line) if "|" in line.text else []
        if len(row) >= 3 and row[0].text.replace(" ", "") == "总分":
            available, total = row[1].number, row[2].number
            if available is None or total is None or available.value != 100:
                continue
            table.append((total.value, line.number))
            word = row[3].text if len(row) > 3 else ""
            if word in _GRADES and get_ruleset(None).grade(total.value) != _GRADES[word]:
                findings.append(_finding(total.value, word, line.number, line.text, row[0].start,
                                         row[3].end))
    findings.extend(_grade_against_table(doc))
    if len(table) == 1 and len({p[0] for p in prose}) == 1:
        (stated, number, text, start, end), (tabled, _) = prose[0], table[0]
        if stated != tabled:
            findings.append(Finding(
                code="restated-mismatch", severity=Severity.ERROR,
                message=(f"正文所述自评得分 {stated} 分，自评表总分为 {tabled} 分"
                         f" / the text gives {stated}, the table's 总分 {tabled}"),
                stated=stated, expected=tabled, operands=(stated, tabled), unit="分",
                line=number, excerpt=excerpt(text, start, end, 10)))
    return findings
