"""Detector: what the prose of a report restates from its 自评表 (relations between prose and tables).

A report's text repeats the table's key figures: ``项目自评得分96分``, ``预算执行率为83.5%``,
``全年执行数125.25万元``. Each must be the table's (recovered in any layout):

- the prose total score against the 总分 row;
- the prose execution rate (named exactly 预算执行率 / 资金执行率 / 执行率, no operands of its own
  in the sentence) against the funds table's 执行数 ÷ 预算数;
- the prose 全年预算数 / 全年执行数 / 项目实际支出 against the funds table's total row, compared in
  元 within a unit of the last digit of each (11000万元 is no 1.14亿元);
- without a funds table, the indicator table's 预算执行率 and 成本 rows against the prose's one
  execution rate and one amount spent (funds-indicator).

A report with several projects' funds tables compares none of them with the prose. A prose
figure stated with 约/近/以上 is never compared; a report with two different prose totals (two
projects) compares none.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.audit.facts import (
    AuditDocument,
    AuditLine,
    Figure,
    agrees,
    dimension,
    excerpt,
    fmt,
    in_unit,
    places,
    ratio_agrees,
)
from jixiao.domain.audit.outline import heading_points_at
from jixiao.domain.audit.table_funds import funds_rate, indicator_kind, money, table_lines
from jixiao.domain.audit.table_scores import complete_scores, row_excerpt
from jixiao.domain.audit.tables import FUNDS, INDICATORS, Table
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import round_half_up

__all__ = ["SCORE", "detect_prose_vs_tables", "other_scope"]

# the project's total score as the prose names it (also read by `restated` across the prose)
# (i11p: 本项目/该项目得分, 最终得分, 综合评分 and 自评结果为/：N分 — the 自评结论 paragraph's
# other wordings of the total; one indicator's score is told apart by `other_scope`: 指标, 该项)
SCORE = re.compile(r"(?:自评得分|综合得分|总得分|自评总分|评价得分|自评分|最终得分|综合评分|项目得分|"
                    r"自评结果)\s*(?:为|是|[：:])?\s*"
                    r"(?P<score>\d{1,3}(?:\.\d{1,2})?)\s*分")
# the total as a field of the form's head (填报日期：… 自评总分: 69 单位领导审签:, 广水 109's
# 湖北 form; 自评得分：95分): a label and a colon, 分 optional (i11t)
_SCORE_FIELD = re.compile(r"(?:自评得分|自评总分|总得分|综合得分)\s*[:：]\s*(?P<score>\d{1,3}(?:\.\d{1,2})?)"
                          r"(?![\d.%])")
# (and the indicator restated in prose: 预算执行率实际完成值95%, 预算执行率指标完成95% — never its
# 目标值)
_RATE = re.compile(r"(?:项目|全年|年度)?(?:预算|资金)?执行率\s*(?:指标)?\s*"
                   r"(?:实际完成值?|实际值|完成值?|完成情况)?\s*(?:为|达|达到|是)?\s*[:：]?\s*$")
# the whole label, back to punctuation: "全年执行数超过全年预算数20元" is an excess, not the budget.
# Each wording names the funds-table columns it may restate (i10q): the forms' own names
# (全年预算数, 年初预算数, 全年执行数) and the prose's (年度预算, 预算安排, 预算资金 — the 全年 or the
# 年初 budget, whichever the report means; 实际支出, 资金支出, 实际执行, 执行数 — the 执行数). A figure
# agreeing with any column it may name is silent. (项目实际支出: the project's spending, not an
# item's — 培训费实际支出 has no boundary)
_LEAD = r"(?:^|[，,。；;:：\s])(?:本项目|该项目|项目|本年度|年度|本年)*"
_AMOUNT: dict[str, tuple[re.Pattern[str], tuple[str, ...]]] = {
    "budget": (re.compile(_LEAD + r"(?:全年|调整后)预算数?\s*(?:为|是)?\s*$"), ("budget",)),
    "budget_initial": (re.compile(_LEAD + r"年初预算(?:数|资金|金额)?\s*(?:为|是)?\s*$"),
                       ("budget_initial",)),
    # (i11p: 年度资金总额 — the form's row named in prose; a 资金总额 alone may be a multi-year
    # project's —, 安排项目资金; 项目资金实际支出, 全年共支出资金)
    "budget_either": (re.compile(_LEAD + r"(?:预算数|预算资金|预算金额|预算安排(?:资金)?|安排预算(?:资金)?|"
                                 r"预算|年度资金总额|安排(?:项目)?资金)\s*(?:为|是)?\s*$"),
                      ("budget", "budget_initial")),
    "executed": (re.compile(_LEAD + r"(?:(?:全年|预算)执行数|全年执行|执行数|执行金额|"
                            r"(?:全年|项目)?(?:资金)?实际(?:支出|执行)(?:数|资金)?|资金支出|支出金额|"
                            r"全年共?支出(?:资金)?)"
                            r"\s*(?:为|是|了)?\s*$"), ("executed",)),
}
# "执行数超过全年预算数 X 元", "比预算数少 X 元": after a comparison the figure is the
# difference, not the amount named
_COMPARED = re.compile(r"(?:超过|超出|高于|低于|多于|少于|不足|比|较)(?:全年|调整后)?(?:预算|执行)数?\s*$")
_ROLE_NAMES = {"budget": "全年预算数", "budget_initial": "年初预算数", "executed": "全年执行数"}
# What makes a prose rate or score another one than the table's: part of the funds (中央资金
# 执行率), another period (累计, 截至6月, 上年), another whole (部门整体), a survey's score
# (满意度调查综合得分), one indicator's score (该指标自评得分).
_OTHER_SCOPE = re.compile(r"中央|省级|市级|县级|区级|本级|乡级|自筹|配套|其他|其它|累计|截至|截止|"
                          r"上年|去年|同期|上半年|季度|\d+\s*月|部门|整体|满意度|调查|问卷|"
                          r"测评|指标|该项(?!目)|单项|分项|平均")


# A numbered heading stating its item's points (1、县级预算安排资金情况(分值5分)，自评得分5分 — a
# scored outline, dev 447's 安徽 衔接资金 scheme; 一、投入(14分); 叶集 478's (一)项目立项。分值10分，
# 自评10分): a score after it is the item's.
def other_scope(text: str, start: int) -> bool:
    """Whether the clause in front of a prose rate or score (back to punctuation, at most 16
    characters) qualifies it as another quantity than the table's — or the score follows a
    numbered heading stating its item's points (the item's score, not the project's)."""
    head = re.split(r"[，,。；;：:！？、（）()]", text[max(0, start - 16):start])[-1]
    if _OTHER_SCOPE.search(head):
        return True
    # (the heading's points bracketed or named: 1、…(分值5分)，自评5分; (一)项目立项。分值10分，
    # 自评10分 — `outline.heading_points_at`, the outline detector's own reading)
    at = heading_points_at(text)
    return at is not None and at < start


def detect_prose_vs_tables(doc: AuditDocument) -> list[Finding]:
    """Prose total score, execution rate and amounts against the recovered tables."""
    if not doc.tables:
        return []
    findings: list[Finding] = []
    in_tables = table_lines(doc)
    findings.extend(_total(doc, in_tables))
    found = funds_rate(doc)
    if found is None:
        # the prose states the funds only where no funds table does (a table whose budget is
        # zero or unread is no reason to read the prose instead)
        if not any(t.kind == FUNDS for t in doc.tables):
            findings.extend(_indicators_vs_prose_funds(doc, in_tables))
        return findings
    rate, table, row = found
    # several projects' funds tables (a report of two projects): which one the prose restates
    # is not said
    totals = {tuple(c.text for c in t.rows[0].cells.values()) for t in doc.tables
              if t.kind == FUNDS and t.rows}
    if len(totals) > 1:
        return findings
    for line in doc.figured:
        if line.number in in_tables or "|" in line.text:
            continue
        for fig in line.figures:
            head = line.text[max(0, fig.start - 14):fig.start]
            if fig.start < 14:
                head = "，" + head  # the line's start is a boundary too
            if fig.unit == "%" and fig.exact and _RATE.search(head) \
                    and not other_scope(line.text, fig.start):
                budget, executed = row.figure("budget") or row.figure("budget_initial"), \
                    row.figure("executed")
                if budget is None or executed is None or ratio_agrees(
                        fig.value, executed.value, budget.value, Decimal(100)):
                    continue
                shown = round_half_up(rate * 100, 2)
                findings.append(Finding(
                    code="restated-mismatch", severity=Severity.ERROR,
                    message=(f"正文所述执行率 {fig.raw}，自评表执行数÷预算数 = {executed.raw}÷"
                             f"{budget.raw} = {fmt(shown, 2)}% / the text says {fig.raw}, "
                             f"the table gives {fmt(shown, 2)}%"),
                    stated=fig.value, expected=shown, operands=(executed.value, budget.value),
                    unit="%", line=line.number, excerpt=excerpt(line.text, fig.start, fig.end, 20)))
                continue
            if not fig.exact or dimension(fig.unit)[0] != "money":
                continue
            if _COMPARED.search(head) or other_scope(line.text, fig.start):
                continue
            for pattern, roles in _AMOUNT.values():
                if not pattern.search(head):
                    continue
                cells = [(role, c) for role in roles
                         if (c := money(row.figure(role), table)) is not None and c.unit]
                if not cells:
                    break
                if any(in_unit(fig, c.unit) is None or _same_amount(fig, c) for _, c in cells):
                    break
                role, cell = cells[0]
                findings.append(Finding(
                    code="restated-mismatch", severity=Severity.ERROR,
                    message=(f"正文所述{_ROLE_NAMES[role]} {fig.raw}，自评表为 {cell.raw}"
                             f" / the text says {fig.raw}, the table {cell.raw}"),
                    stated=fig.value, expected=in_unit(cell, fig.unit), operands=(cell.value,),
                    unit=fig.unit, line=line.number,
                    excerpt=excerpt(line.text, fig.start, fig.end, 20)))
                break
    return findings


def _same_amount(a: Figure, b: Figure) -> bool:
    """Whether two amounts printed in their own units (11400万元, 1.14亿元) may be one: they
    differ by less than a unit of the last digit of each (rounded or cut), in 元. Comparing in
    the coarser unit would drop the finer figure's digits (11000万元 is no 1.14亿元)."""
    ya, yb = in_unit(a, "元"), in_unit(b, "元")
    if ya is None or yb is None:
        return False
    step = Decimal(1).scaleb(-places(a.value)) * dimension(a.unit)[1] \
        + Decimal(1).scaleb(-places(b.value)) * dimension(b.unit)[1]
    return abs(ya - yb) < step


def _total(doc: AuditDocument, in_tables: frozenset[int]) -> list[Finding]:
    # the project's total: a 总分 row, or a row of 100 points available — a 合计 of the
    # indicators alone (90 points, the funds scored apart) is not what the prose restates
    totals = [t.total for t in doc.tables if t.kind == INDICATORS and t.total is not None
              and t.total.score is not None and (
                  "总" in t.total.text or "综合" in t.total.text
                  or (t.total.available is not None and t.total.available.value == 100))]
    indicator_tables = [t for t in doc.tables if t.kind == INDICATORS]
    if not totals and len(indicator_tables) == 1 and indicator_tables[0].total is None:
        return _total_without_row(doc, in_tables, indicator_tables[0])
    if len(totals) != 1:
        return []
    total = totals[0]
    assert total is not None and total.score is not None
    found = _prose_total(doc, in_tables)
    if found is None:
        return []
    value, line, m = found
    if value == total.score.value:
        return []
    return [Finding(
        code="restated-mismatch", severity=Severity.ERROR,
        message=(f"正文所述自评得分 {value} 分，自评表总分为 {total.score.value} 分"
                 f" / the text gives {value}, the table's 总分 {total.score.value}"),
        stated=value, expected=total.score.value, operands=(value, total.score.value), unit="分",
        line=line.number, excerpt=excerpt(line.text, m.start(), m.end(), 10))]


def _total_without_row(doc: AuditDocument, in_tables: frozenset[int],
                       table: Table) -> list[Finding]:
    """The prose (or the form's header field 自评得分98) total against the scores of a table
    printing no 总分 row, when its weights prove every row was read (`complete_scores`)."""
    got = complete_scores(doc, table)
    found = _prose_total(doc, in_tables) if got is not None else None
    if got is None or found is None:
        return []
    value, line, m = found
    if agrees(value, got[0]):
        return []
    return [Finding(
        code="sum-mismatch", severity=Severity.ERROR,
        message=(f"所述自评得分 {value} 分，自评表各项得分之和为 {fmt(got[0])} 分"
                 f" / the stated total is {value}, the table's scores add up to {fmt(got[0])}"),
        stated=value, expected=got[0], operands=got[1], unit="分",
        line=line.number, excerpt=excerpt(line.text, m.start(), m.end(), 10))]


def _prose_total(doc: AuditDocument,
                 in_tables: frozenset[int]) -> tuple[Decimal, AuditLine, re.Match[str]] | None:
    """The one total score the text outside the tables states (自评得分96分), or None (none, or
    two different ones: two projects)."""
    prose = []
    for line in doc.lines:
        if line.number in in_tables:
            continue
        for m in (*SCORE.finditer(line.text), *(_SCORE_FIELD.finditer(line.text)
                                                 if ":" in line.text or "：" in line.text else ())):
            before = line.text[max(0, m.start() - 3):m.start()]
            # (a field of the form's head ends at the blank before it: 填报日期：2024年3月1日
            # 自评总分: 69 — the date is the field before, not this score's period)
            field = m.re is _SCORE_FIELD and line.text[m.start() - 1:m.start()] in (" ", "\u3000")
            if re.search(r"约|近|超过", before) or other_scope(
                    line.text[m.start() - 1:] if field else line.text, 1 if field else m.start()):
                continue
            prose.append((Decimal(m.group("score")), line, m))
    if len({p[0] for p in prose}) != 1:
        return None
    return prose[0]


# what the prose calls the amount spent: the forms' 全年执行数, or 实际支出/实际执行 of the project
_EXECUTED = re.compile(r"(?:^|[，,。；;:：\s])(?:项目|本年度|年度)?(?:全年|预算)?(?:执行数|实际支出|实际执行)"
                       r"(?:资金|金额)?\s*(?:为|是|达)?\s*$")


def _prose_funds(doc: AuditDocument, in_tables: frozenset[int]) -> tuple[
        tuple[Figure, int] | None, tuple[Figure, int] | None]:
    """The prose's execution rate and amount spent, each with its line: the one value the
    report states under those names (no other scope), or None when it states none or two."""
    rates: dict[Decimal, tuple[Figure, int]] = {}
    spent: dict[Decimal | None, tuple[Figure, int]] = {}
    for line in doc.lines:
        if line.number in in_tables or "|" in line.text or "执行" not in line.text:
            continue
        for fig in line.figures:
            if not fig.exact:
                continue
            head = ("，" if fig.start < 14 else "") + line.text[max(0, fig.start - 14):fig.start]
            if other_scope(line.text, fig.start) or _COMPARED.search(head):
                continue
            if fig.unit == "%" and _RATE.search(head):
                rates.setdefault(fig.value, (fig, line.number))
            elif dimension(fig.unit)[0] == "money" and _EXECUTED.search(head) and fig.value > 0:
                # (nothing spent is read as the table's zero budget is: no funds to compare)
                spent.setdefault(in_unit(fig, "元"), (fig, line.number))
    return (next(iter(rates.values())) if len(rates) == 1 else None,
            next(iter(spent.values())) if len(spent) == 1 else None)


def _indicators_vs_prose_funds(doc: AuditDocument, in_tables: frozenset[int]) -> list[Finding]:
    """A report without a funds table states its execution in prose ("项目全年预算数100万元，全年
    执行数95万元，预算执行率95%"); the indicator table's 预算执行率/资金支付率 indicator must be
    that rate, and its 成本 indicator no more than that amount spent (funds-indicator; the
    2020 national form's 预算执行率 indicator, shared round2 029, round 3 103)."""
    tables = [t for t in doc.tables if t.kind == INDICATORS]
    if not tables:
        return []
    rate, spent = _prose_funds(doc, in_tables)
    if rate is None and spent is None:
        return []
    findings: list[Finding] = []
    for table in tables:
        for row in table.rows:
            actual, cell, kind = row.figure("actual"), row.get("actual"), indicator_kind(row)
            if actual is None or cell is None or not actual.exact or kind is None:
                continue
            if kind == "rate" and rate is not None and actual.unit == "%":
                said, at = rate
                if agrees(actual.value, said.value) or agrees(said.value, actual.value):
                    continue
                words = (f"指标“{row.name}”实际完成值 {actual.raw}，正文（第{at}行）所述执行率 {said.raw}"
                         f" / the indicator says {actual.raw}, the text {said.raw}")
                expected, operands = said.value, (said.value,)
            elif kind == "cost" and spent is not None and dimension(actual.unit)[0] == "money":
                said, at = spent
                value = in_unit(actual, said.unit)
                # the amount spent was rounded for print: 222.50万元 may be 2,225,038.16元
                if value is None or value <= said.value or agrees(said.value, value):
                    continue
                words = (f"成本指标“{row.name}”实际完成值 {actual.raw}，多于正文（第{at}行）所述执行数 "
                         f"{said.raw} / the cost indicator's actual {actual.raw} exceeds the amount "
                         f"spent, {said.raw}")
                expected, operands = Decimal(fmt(in_unit(said, actual.unit) or Decimal(0))), (said.value,)
            else:
                continue
            findings.append(Finding(
                code="funds-indicator-mismatch", severity=Severity.ERROR, message=words,
                stated=actual.value, expected=expected, operands=operands,
                unit=actual.unit or None, line=cell.line,
                excerpt=row_excerpt(doc, row, "actual")))
    return findings
