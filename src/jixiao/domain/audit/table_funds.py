"""Detectors over a recovered funds table (年初预算数 / 全年预算数 / 全年执行数 / 执行率 …).

- `detect_funds_rates` (rate): every row's 执行率 against 全年执行数 ÷ 全年预算数 (rounded or
  cut at the printed precision, operands ± half their last digit).
- `detect_funds_parts` (sum): the fund-source rows (其中：财政拨款, 上年结转, 其他资金) against
  the 年度资金总额 row, column by column — the sum when every source row states the column,
  a single source above the total otherwise.
- `detect_funds_indicators` (funds-indicator): an indicator that restates the funds block —
  a 预算执行率/资金支付率 indicator whose 实际完成值 is not the funds table's rate, or a
  成本 indicator whose actual amount exceeds what the funds table says was spent.
- `detect_formula_rates` (rate): a header that letters its columns and prints each rate's
  formula (预算执行率(B/A×100%); 到位 D/C and 执行 E/C): every rate of a row against the columns
  its formula names, read from the lines (the reconstructor knows the forms' column names,
  not their letters).

Amounts printed ``150万`` under a ``(万元)`` header (or none) are 万元: a funds table holds money.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.audit.facts import (
    AuditDocument,
    AuditLine,
    Figure,
    agrees,
    cells,
    dimension,
    fmt,
    in_unit,
    places,
    ratio_agrees,
)
from jixiao.domain.audit.table_scores import funds_weight, row_excerpt
from jixiao.domain.audit.tables import FUNDS, INDICATORS, Table, TableRow
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import round_half_up

__all__ = [
    "detect_formula_rates",
    "detect_funds_indicators",
    "detect_funds_parts",
    "detect_funds_rates",
    "funds_rate",
    "indicator_kind",
    "money",
    "table_lines",
]

_TOTAL_LABEL = re.compile(r"资金总额|总额|合计|总计")
# (基本支出 + 项目支出: the 部门整体支出绩效自评表 breaks its 年度资金总额 down by kind of
# spending — the national form's 按支出性质分, `sums.detect_form_breakdowns`; 绥阳 416's rows)
# (地方/区级/州级/乡镇/自筹/社会/配套: the source levels the transfer-payment forms print, 中央资金 /
# 省级资金 / 地方资金 / 其他资金 — round 3 168 —, the same levels `sums._SOURCE` reads in prose)
_PART_LABEL = re.compile(r"其中|财政|结转|其他|单位资金|自有|专户|中央|省|市级|县级|自治区|上级|本级|"
                         r"地方|区级|州级|乡镇|自筹|社会|配套|基本支出|项目支出")


def table_lines(doc: AuditDocument) -> frozenset[int]:
    """The lines the recovered tables span, header to last row or 总分 row (computed once per
    document: asking every table for every line was quadratic in a report of hundreds of tables). The
    line-based readers leave these lines to the tables' own detectors."""
    lines: set[int] = set()
    for t in doc.tables:
        if t.rows:
            last = max(r.line for r in t.rows)
            if t.total is not None:
                # (the 总分 row is the table's too: `综合得分  100分  99分` printed without pipes
                # was read as prose stating the total score 100 against the table's 99)
                last = max(last, t.total.line, t.total.line_of("available"),
                           t.total.line_of("score"))
            lines.update(range(t.header_line, last + 1))
    return frozenset(lines)


def money(fig: Figure | None, table: Table) -> Figure | None:
    """A funds-table amount in a money unit: 150万 → 150 万元; a bare 150 in the header's unit."""
    if fig is None or not fig.exact:
        return None
    unit = {"万": "万元", "": table.unit or ""}.get(fig.unit, fig.unit)
    if unit and dimension(unit)[0] != "money":
        return None
    return Figure(fig.value, unit, fig.start, fig.end, fig.raw, fig.qualifier)


def _amount(row: TableRow, role: str, table: Table) -> Figure | None:
    return money(row.figure(role), table)


def _budget(row: TableRow, table: Table) -> Figure | None:
    return _amount(row, "budget", table) or _amount(row, "budget_initial", table)


def funds_rate(doc: AuditDocument) -> tuple[Decimal, Table, TableRow] | None:
    """执行数 ÷ 预算数 of the first funds table's total row, as a fraction, when both are printed."""
    for table in doc.tables:
        if table.kind != FUNDS or not table.rows:
            continue
        row = table.rows[0]
        budget, executed = _budget(row, table), _amount(row, "executed", table)
        if budget is None or executed is None:
            return None
        # a table printing no unit (and no 万 on its amounts) divides the figures as printed
        b, e = (budget.value, executed.value) if budget.unit == executed.unit else (
            in_unit(budget, "元"), in_unit(executed, "元"))
        if b is None or e is None or b <= 0:
            return None
        return e / b, table, row
    return None


def detect_funds_rates(doc: AuditDocument) -> list[Finding]:
    """Each funds row's stated 执行率 against its 执行数 ÷ 预算数."""
    findings: list[Finding] = []
    for table in doc.tables:
        if table.kind != FUNDS:
            continue
        for row in table.rows:
            budget, executed = _budget(row, table), _amount(row, "executed", table)
            rate = row.figure("rate")
            if budget is None or executed is None or rate is None or not rate.exact:
                continue
            if budget.unit != executed.unit:
                continue
            # a rate needs no money unit: a table printing none divides the figures as printed
            b, e = (in_unit(budget, "元"), in_unit(executed, "元")) if budget.unit else (
                budget.value, executed.value)
            if b is None or e is None or b <= 0:
                continue
            percent = rate.unit == "%" or rate.value > Decimal("1.5")
            scale = Decimal(100) if percent else Decimal(1)
            if ratio_agrees(rate.value, executed.value, budget.value, scale):
                coarse = _coarse_rate(doc, table, row, rate.value / scale, e / b)
                if coarse is not None:
                    findings.append(coarse)
                continue
            true = round_half_up(e / b * 100, 2)
            cell = row.get("rate")
            assert cell is not None
            findings.append(Finding(
                code="rate-mismatch", severity=Severity.ERROR,
                message=(f"“{row.name}”所述执行率 {rate.raw}，执行数÷预算数 = {executed.value}÷"
                         f"{budget.value} = {fmt(true, 2)}% / stated rate {rate.raw}, "
                         f"executed ÷ budget = {fmt(true, 2)}%"),
                stated=rate.value,
                expected=true if percent else round_half_up(e / b, max(places(rate.value), 2)),
                operands=(executed.value, budget.value), unit="%" if rate.unit == "%" else None,
                line=cell.line, excerpt=row_excerpt(doc, row, "rate")))
    return findings


def _coarse_rate(doc: AuditDocument, table: Table, row: TableRow, stated: Decimal,
                 true: Decimal) -> Finding | None:
    """A rate printed so coarsely that the row's own score no longer follows from it (施甸,
    保山 2019: rate 0.1, score 2.9 = 20 × 14.46%): a warning — the rounding is legitimate,
    the score shows which rate was used."""
    score = row.figure("score")
    weight = funds_weight(doc, table, row)
    rate = row.figure("rate")
    if score is None or weight is None or rate is None or weight > 30:
        return None
    if agrees(score.value, weight * min(stated, Decimal(1))) \
            or not agrees(score.value, weight * min(true, Decimal(1))):
        return None
    cell = row.get("rate")
    assert cell is not None
    shown = fmt(round_half_up(true * 100, 2), 2)
    return Finding(
        code="rate-mismatch", severity=Severity.WARNING,
        message=(f"所述执行率 {rate.raw} 过于粗略：执行数÷预算数 = {shown}%；得分 {score.value} 按 "
                 f"{shown}% 计算，按 {rate.raw} 计应为 {fmt(weight * min(stated, Decimal(1)))}"
                 f" / the printed rate {rate.raw} does not give the printed score"),
        stated=rate.value, expected=round_half_up(true * 100, 2) if rate.unit == "%" or
        rate.value > Decimal("1.5") else round_half_up(true, 4),
        operands=(), unit="%" if rate.unit == "%" else None, line=cell.line,
        excerpt=row_excerpt(doc, row, "rate"))


def detect_funds_parts(doc: AuditDocument) -> list[Finding]:
    """Fund-source rows against the 年度资金总额 row, column by column."""
    findings: list[Finding] = []
    for table in doc.tables:
        if table.kind != FUNDS or len(table.rows) < 2:
            continue
        head, rest = table.rows[0], table.rows[1:]
        if not _TOTAL_LABEL.search(head.name) or not all(_PART_LABEL.search(r.name) for r in rest):
            continue
        for role in ("budget_initial", "budget", "executed"):
            total = _amount(head, role, table)
            if total is None:
                continue
            parts = [_amount(r, role, table) for r in rest]
            known = [p for p in parts if p is not None]
            values = [in_unit(p, total.unit) for p in known]
            if any(v is None for v in values) or not known:
                continue
            got = sum((v for v in values if v is not None), Decimal(0))
            complete = len(known) == len(parts) and len(parts) >= 2
            if (complete and not agrees(total.value, got)) or got > total.value + Decimal(
                    1).scaleb(-places(total.value)) / 2:
                cell = head.get(role)
                assert cell is not None
                findings.append(Finding(
                    code="funds-parts-mismatch", severity=Severity.ERROR,
                    message=(f"年度资金总额的{_ROLE_NAMES[role]}为 {total.raw}，资金来源各行之和为 "
                             f"{fmt(got, places(total.value))} / the total row's {role} "
                             f"{total.value} vs its sources {fmt(got)}"),
                    stated=total.value, expected=Decimal(fmt(got, places(total.value))),
                    operands=tuple(p.value for p in known), unit=total.unit or None,
                    line=cell.line, excerpt=row_excerpt(doc, head, role)))
                break
    return findings


_ROLE_NAMES = {"budget_initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数"}
# 预算执行率, 资金支付率, 财政资金执行率, 专项资金使用率…: the execution rate under its names
# (支出进度/支付进度: the 绩效目标表's 预算支出进度, 资金支付进度 — the year's; a quarter's or half
# year's progress is named so, 上半年支出进度, and is no such row)
_RATE_INDICATOR = re.compile(
    r"^(?:项目|年度|全年)?(?:预算|资金|财政|专项|补助)*(?:执行率|支付率|支出率|使用率|(?:执行|支出|支付)进度)$")
_COST = re.compile(r"成本")


def indicator_kind(row: TableRow) -> str | None:
    """``rate`` for an indicator restating the execution rate (预算执行率, 资金支付率…), ``cost``
    for a 成本 indicator (the amount spent), else None."""
    if _RATE_INDICATOR.match(re.sub(r"[\s(（].*$", "", row.name)):
        return "rate"
    return "cost" if any(_COST.search(lb) for lb in row.labels) else None


def detect_funds_indicators(doc: AuditDocument) -> list[Finding]:
    """Indicators restating the funds block: the execution rate, the amount spent."""
    found = funds_rate(doc)
    if found is None:
        return []
    rate, funds, funds_row = found
    executed = _amount(funds_row, "executed", funds)
    findings: list[Finding] = []
    for table in doc.tables:
        if table.kind != INDICATORS:
            continue
        for row in table.rows:
            actual = row.figure("actual")
            cell = row.get("actual")
            if actual is None or cell is None or not actual.exact:
                continue
            kind = indicator_kind(row)
            if kind == "rate" and actual.unit == "%":
                budget = _budget(funds_row, funds)
                assert budget is not None and executed is not None
                if ratio_agrees(actual.value, executed.value, budget.value,
                                Decimal(100) * dimension(executed.unit)[1] / dimension(budget.unit)[1]):
                    continue
                findings.append(Finding(
                    code="funds-indicator-mismatch", severity=Severity.ERROR,
                    message=(f"指标“{row.name}”实际完成值 {actual.raw}，资金表执行数÷预算数 = "
                             f"{executed.raw}÷{budget.raw} = {fmt(round_half_up(rate * 100, 2), 2)}%"
                             f" / the indicator says {actual.raw}, the funds table gives "
                             f"{fmt(round_half_up(rate * 100, 2), 2)}%"),
                    stated=actual.value, expected=round_half_up(rate * 100, 2),
                    operands=(executed.value, budget.value), unit="%", line=cell.line,
                    excerpt=row_excerpt(doc, row, "actual")))
            elif kind == "cost" and executed is not None:
                spent = money(actual, funds) if actual.unit in ("万", "万元", "元", "亿元") else None
                if spent is None:
                    continue
                value = in_unit(spent, executed.unit)
                # the executed amount was rounded for print: 222.50万元 may be 2,225,038.16元
                if value is None or agrees(executed.value, value) or value <= executed.value:
                    continue
                findings.append(Finding(
                    code="funds-indicator-mismatch", severity=Severity.ERROR,
                    message=(f"成本指标“{row.name}”实际完成值 {actual.raw}，多于资金表全年执行数 "
                             f"{executed.raw} / the cost indicator's actual {actual.raw} exceeds "
                             f"the amount spent, {executed.raw}"),
                    stated=actual.value, expected=Decimal(fmt(in_unit(executed, spent.unit) or Decimal(0))),
                    operands=(executed.value,), unit=spent.unit, line=cell.line,
                    excerpt=row_excerpt(doc, row, "actual")))
    return findings


# --- funds tables whose header names its columns by letters and its rates by formulas --------
#
# The transfer-payment and provincial forms letter their amount columns and print each rate's
# formula in its header: 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) (财政部 转移支付
# 区域绩效自评表; round 3 134, 135), 全年预算数(A) … 全年到位资金(D) | 预算到位(D/C×100%) |
# 全年执行资金(E) | 预算执行(E/C×100%) (四川, round 3 126), 全年执行数(B) | 执行率(B/A) (宁夏,
# round 3 103). The header says which columns each rate divides, so every rate of a row is
# checked — however many rates the form has, whatever the columns are called.

_TAG = re.compile(r"[（(]\s*(?P<tag>[A-H])\s*[)）]"
                  r"|[（(]\s*(?P<num>[A-H])\s*[/÷]\s*(?P<den>[A-H])\s*(?:[×*xX]\s*100\s*[%％])?\s*[)）]")
_TAG_OR_WORD = re.compile(_TAG.pattern + r"|(?P<word>分值|得分|行次|序号|权重|备注)")
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2}")
_TABLE_END = re.compile(r"指标|总体目标|资金管理|情况说明")
_HEADER_LOOK = 16  # lines a lettered header may span (one cell per line: name, then (A))
_ROWS_LOOK = 30  # lines of rows read under it


def _lettered_header(doc: AuditDocument, index: int) -> tuple[list[tuple[str, str]], int] | None:
    """The columns of a lettered header holding line `index` — ``("tag", "A")`` or
    ``("rate", "B/A")`` in order — and the index of the line after the header."""
    first = index
    while first > 0 and index - first < _HEADER_LOOK and not _line_has_data(doc.lines[first - 1]):
        first -= 1
    last = index
    # forward over the header's cells, to the first row: a tagged cell, or a column's name
    # whose tag is on the next line (全年执行资金 / (E)) — not a row's label
    while last + 1 < len(doc.lines) and last - index < _HEADER_LOOK \
            and not _line_has_data(doc.lines[last + 1]) \
            and (_TAG.search(doc.lines[last + 1].text) or (
                not doc.lines[last + 1].figures and last + 2 < len(doc.lines)
                and _TAG.search(doc.lines[last + 2].text) is not None)):
        last += 1
    columns: list[tuple[str, str]] = []
    for line in doc.lines[first:last + 1]:
        if "|" in line.text:
            # a row of cells: a cell without a letter is a column too (分值, 得分 between the
            # lettered ones), except the row labels' first column
            for k, cell in enumerate(cells(line)):
                m = _TAG.search(cell.text)
                if m is None:
                    if k and _TAG.search(line.text, cell.end):
                        columns.append(("col", cell.text))
                    continue
                columns.append(("tag", m["tag"]) if m["tag"] else ("rate", f"{m['num']}/{m['den']}"))
            continue
        # text: the letters, and the forms' unlettered columns by their names (分值, 得分)
        for m in _TAG_OR_WORD.finditer(line.text):
            columns.append(("col", m["word"]) if m["word"] else ("tag", m["tag"]) if m["tag"]
                           else ("rate", f"{m['num']}/{m['den']}"))
    tags = [c for kind, c in columns if kind == "tag"]
    rates = [c for kind, c in columns if kind == "rate"]
    if len(set(tags)) != len(tags) or not rates or any(
            r[0] not in tags or r[2] not in tags for r in rates):
        return None
    return columns, last + 1


def _line_has_data(line: AuditLine) -> bool:
    """A line holding a rate (a data row: a header prints % only in its formulas, ×100%)."""
    rates = [f for f in line.figures if f.unit == "%"]
    if not rates:
        return False
    formulas = [(m.start(), m.end()) for m in _TAG.finditer(line.text)]
    return any(not any(a <= f.start < b for a, b in formulas) for f in rates)


def _row_tokens(doc: AuditDocument, start: int) -> list[list[tuple[Figure, int]]]:
    """The rows under a header: the figures (with their line numbers) after each label."""
    rows: list[list[tuple[Figure, int]]] = []
    current: list[tuple[Figure, int]] | None = None
    for line in doc.lines[start:start + _ROWS_LOOK]:
        text = line.text
        if _TAG.search(text):
            break  # another lettered header
        if _TABLE_END.search(text) and not line.figures:
            break
        pos = 0
        for fig in (*line.figures, None):
            gap = text[pos:fig.start if fig is not None else len(text)]
            if _CJK_WORD.search(gap):  # a label opens the next row
                current = []
                rows.append(current)
            if fig is None:
                break
            if current is not None:
                current.append((fig, line.number))
            pos = fig.end
    return rows


def _operand(columns: list[tuple[str, str]], segments: list[list[tuple[Figure, int]]],
             letter: str, used: set[str]) -> Figure | None:
    """The value of column `letter` in its segment (the columns between two rates), read from
    the segment's right end: text drops blank cells, and the forms leave the optional columns
    (统筹整合资金, 年初预算数) blank, never the ones a printed rate was computed from. Every
    column between it and the segment's end must be one some rate uses (so it was printed)."""
    k = columns.index(("tag", letter))
    seg = sum(1 for kind, _ in columns[:k] if kind == "rate")
    after = 0
    for kind, name in columns[k + 1:]:
        if kind == "rate":
            break
        if name not in used:
            return None
        after += 1
    values = segments[seg] if seg < len(segments) else []
    if after >= len(values):
        return None
    fig = values[-1 - after][0]
    return fig if fig.exact and fig.unit in ("", "万", "万元", "元", "亿元") else None


def detect_formula_rates(doc: AuditDocument) -> list[Finding]:
    """Rates of a lettered funds header (预算执行率(B/A×100%)) against their columns' values."""
    findings: list[Finding] = []
    in_tables = table_lines(doc)
    index = 0
    while index < len(doc.lines):
        text = doc.lines[index].text
        if ("/" not in text and "÷" not in text) or not _TAG.search(text):
            index += 1
            continue
        header = _lettered_header(doc, index)
        if header is None:
            index += 1
            continue
        columns, after = header
        if doc.lines[index].number in in_tables:
            index = max(after, index + 1)
            continue  # a form the reconstructor read: its funds detectors check it
        rates = [name for kind, name in columns if kind == "rate"]
        used = {c for r in rates for c in (r[0], r[2])}
        for row in _row_tokens(doc, after):
            percents = [k for k, (f, _) in enumerate(row) if f.unit == "%"]
            if len(percents) != len(rates):
                continue
            segments, prev = [], 0
            for k in percents:
                segments.append(row[prev:k])
                prev = k + 1
            for name, k in zip(rates, percents, strict=True):
                rate, line_no = row[k]
                num = _operand(columns, segments, name[0], used)
                den = _operand(columns, segments, name[2], used)
                if not rate.exact or num is None or den is None or num.unit != den.unit \
                        or den.value <= 0 or ratio_agrees(rate.value, num.value, den.value,
                                                          Decimal(100)):
                    continue
                true = round_half_up(num.value / den.value * 100, 2)
                line = doc.line(line_no)
                findings.append(Finding(
                    code="rate-mismatch", severity=Severity.ERROR,
                    message=(f"所述比率（{name}）{rate.raw}，{num.raw} ÷ {den.raw} = {fmt(true, 2)}%"
                             f" / stated rate ({name}) {rate.raw}, {num.value} ÷ {den.value} = "
                             f"{fmt(true, 2)}%"),
                    stated=rate.value, expected=true, operands=(num.value, den.value), unit="%",
                    line=line_no, excerpt=line.text.strip()[:80] if line else rate.raw))
        index = max(after, index + 1)
    return findings
