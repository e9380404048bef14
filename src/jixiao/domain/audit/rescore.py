"""Re-scoring a published 自评表: rebuild it as an `Evaluation`, score it, compare (score-rule).

When the document holds an indicator table with 分值 and 得分 (and, for the total, a funds
table), `rebuild` turns it into the domain's `Evaluation` — the same object a
``jixiao.evaluation/1`` file loads into — and `score_evaluation` scores it under the rule set
of the report's region (湖北 → hubei, 江西 → jiangxi, else national-2020). `detect_rescored`
then reports where the published figures differ from what the rules give:

- a quantitative row short of its target scored other than the rule's
  weight × actual ÷ target (reverse rows: the reverse rule) — an error when the row
  gives no 偏差原因, a warning when it does (the writer knew the row was short);
- the funds row's 得分 against the rule set's execution rule (with the printed 分值);
- the 总分 against the re-scored total, when every row could be re-scored.

Rows met and scored below their weight are the `score-docked-achieved` warning of
`table_scores`, rows scored above it `score-above-weight`; they are not reported twice.
A printed operator decides the rule; without one a row is positive (≥), except under a
成本 category or with 不超过/不高于/以内 in its target (reverse) — the message says which.

`evaluation_data` writes an `Evaluation` back as ``jixiao.evaluation/1`` data, so
`jixiao audit --extract` can save what was recovered for a user to fix and score again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from jixiao.domain.audit.facts import (
    AuditDocument,
    Figure,
    agrees,
    dimension,
    fmt,
    in_unit,
    places,
)
from jixiao.domain.audit.table_funds import money
from jixiao.domain.audit.table_scores import (
    actual_figure,
    funds_weight,
    operator_of,
    row_excerpt,
    target_figure,
)
from jixiao.domain.audit.tables import FUNDS, INDICATORS, NO_REASON, Table, TableRow
from jixiao.domain.evaluation import Evaluation as _Evaluation
from jixiao.domain.evaluation import FundRow, Funds, Project
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.indicators import (
    COST,
    OUTCOME,
    OUTPUT,
    SATISFACTION,
    Indicator,
    Operator,
    QualitativeGrade,
)
from jixiao.domain.money import round_half_up
from jixiao.domain.rules import positive, reverse
from jixiao.domain.rulesets import RuleSet, get_ruleset
from jixiao.domain.scoring import ScoredEvaluation, score_evaluation

__all__ = ["Rebuilt", "detect_rescored", "evaluation_data", "rebuild", "ruleset_for"]

_OPERATORS = {"ge": Operator.GE, "gt": Operator.GT, "eq": Operator.EQ, "le": Operator.LE,
              "lt": Operator.LT}
_REVERSE_WORDS = re.compile(r"不超过|不高于|以内|以下|控制在|不大于")
_CATEGORIES = {"产出": OUTPUT, "效益": OUTCOME, "满意": SATISFACTION, "成本": COST}
_REGIONS = (("湖北", "hubei"), ("江西", "jiangxi"))
_PROVINCES = re.compile(
    r"(北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|"
    r"广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆)(?:省|市|自治区|壮族|回族|维吾尔)?")
_YEAR = re.compile(r"(20\d\d|19\d\d)\s*年度")
_FIELD = {"name": re.compile(r"^项目名称[:：]?$"), "department": re.compile(r"^主管部门[:：]?$"),
          "unit": re.compile(r"^(?:项目)?实施单位[:：]?$")}


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """A published table rebuilt as an evaluation, with where each part came from.

    Attributes:
        evaluation: the evaluation (scores printed on qualitative rows kept as given).
        rows: the table row of each indicator, in order.
        assumed: indicator index → why its operator was assumed (none printed).
        funds_row: the funds table's total row, or None (then the funds are zero).
        funds_table: the funds table, or None.
        table: the indicator table.
        complete: every row of the table became an indicator.
    """

    evaluation: _Evaluation
    rows: tuple[TableRow, ...]
    assumed: dict[int, str]
    funds_row: TableRow | None
    funds_table: Table | None
    table: Table
    complete: bool


def ruleset_for(doc: AuditDocument) -> RuleSet:
    """The rule set of the report's region: 湖北, 江西, else national-2020."""
    head = " ".join(ln.text for ln in doc.lines[:60])
    m = _PROVINCES.search(head)
    for word, name in _REGIONS:
        if m and m.group(1) == word:
            return get_ruleset(name)
    return get_ruleset(None)


def _project(doc: AuditDocument, table: Table) -> Project:
    """项目名称 / 主管部门 / 实施单位 from the cells before the table, the year and province."""
    pieces: list[str] = []
    for line in doc.lines[:max(0, table.header_line - 1)]:
        cells = line.text.split("|")
        if len(cells) > 1 and not cells[-1].strip():
            cells.pop()  # "项目名称 |": nothing after the last bar
        pieces.extend(c.strip() for c in cells)  # blank cells keep their place
    fields: dict[str, str] = {}
    for k, piece in enumerate(pieces[:-1]):
        if not piece:
            continue
        for key, pattern in _FIELD.items():
            after = pieces[k + 1]
            if key not in fields and after and pattern.match(piece.replace(" ", "")) \
                    and not any(q.match(after.replace(" ", "")) for q in _FIELD.values()):
                fields[key] = after
    text = " ".join(ln.text for ln in doc.lines[:60])
    year = _YEAR.search(text)
    region = _PROVINCES.search(text)
    return Project(
        name=fields.get("name", "（未注明）"), department=fields.get("department", "（未注明）"),
        unit=fields.get("unit", fields.get("department", "（未注明）")),
        fiscal_year=int(year.group(1)) if year else 0,
        region=region.group(0) if region else "")


def _category(level1: str) -> str:
    name = level1.removeprefix("项目")  # 项目产出 / 项目效益 of the evaluation framework
    return next((v for k, v in _CATEGORIES.items() if name.startswith(k)), OUTPUT)


def _yuan(fig: Figure | None, table: Table) -> Decimal | None:
    amount = money(fig, table)
    if amount is None:
        return None
    if not amount.unit:
        return amount.value  # no unit anywhere: taken as printed
    return in_unit(amount, "元")


def _funds(doc: AuditDocument) -> tuple[Funds, TableRow | None, Table | None]:
    for table in doc.tables:
        if table.kind != FUNDS or not table.rows:
            continue
        row = table.rows[0]
        budget = _yuan(row.figure("budget"), table)
        initial = _yuan(row.figure("budget_initial"), table)
        executed = _yuan(row.figure("executed"), table)
        full = budget if budget is not None else initial
        if full is None or executed is None:
            break
        return Funds(FundRow(initial, full, executed)), row, table
    zero = Decimal(0)
    return Funds(FundRow(None, zero, zero)), None, None


# Said of a row read without its labels (`TableRow.unlabelled`) wherever what was assumed is said.
_UNLABELLED = ("表中名称与类别未能读出（文字先印各行数值、后印标签），暂记为产出指标，请补填 / name and "
               "category not read: filed under 产出指标, fill them in")


def _indicator(row: TableRow) -> tuple[Indicator, str] | None:
    """The indicator of one row and, when its operator was assumed, why."""
    weight = row.figure("weight")
    if weight is None:
        return None
    category = _category(row.labels[0] if row.labels else "")
    subcategory = row.labels[1] if len(row.labels) > 1 else ""
    score_fig = row.figure("score")
    score = score_fig.value if score_fig is not None else None
    reason = row.get("reason")
    deviation = reason.text.strip() if reason is not None and reason.text.strip() not in NO_REASON \
        else ""
    target_cell, actual_cell = row.get("target"), row.get("actual")
    target, actual = target_figure(row), actual_figure(row)
    unit_cell = row.get("unit")
    cost = category == COST or "成本" in subcategory

    def norm(u: str) -> str:
        return "万元" if u == "万" and cost else u  # a cost of 150万 is money

    unit = norm(target.unit if target is not None and target.unit else
                (unit_cell.text.strip() if unit_cell is not None else ""))
    a_unit = norm(actual.unit) if actual is not None else ""
    quantitative = target is not None and actual is not None and target.exact and actual.exact \
        and (not a_unit or dimension(a_unit)[0] == dimension(unit or a_unit)[0])
    nature = row.get("nature")
    if (nature is not None and nature.text.strip() == "定性") or (row.unlabelled and not operator_of(row)):
        # (a row read without its name and category, its operator not printed: whether more or
        # less is better is unknown, so its printed score is kept as a qualitative row's is)
        quantitative = False
    if not quantitative or target is None or actual is None:
        if score is None:
            return None
        share = score / weight.value if weight.value else Decimal(0)
        grade = (QualitativeGrade.ACHIEVED if share >= Decimal("0.8") else
                 QualitativeGrade.PARTLY_ACHIEVED if share >= Decimal("0.6") else
                 QualitativeGrade.NOT_ACHIEVED)
        return Indicator(category, subcategory, row.name, Operator.QUALITATIVE,
                         (target_cell.text if target_cell is not None else "") or "（未注明）",
                         weight.value,
                         (actual_cell.text if actual_cell is not None else "") or None, "",
                         grade, score, "", deviation), ""
    op = operator_of(row)
    why = ""
    if not op:
        reverse = "成本" in "".join(row.labels) or (target_cell is not None and bool(
            _REVERSE_WORDS.search(target_cell.text)))
        op = "le" if reverse else "ge"
        why = ("表中未标指标性质，按反向指标（≤）计" if reverse else "表中未标指标性质，按正向指标（≥）计")
    actual_value = (in_unit(Figure(actual.value, a_unit, 0, 0, actual.raw), unit)
                    if a_unit and unit else actual.value)
    if actual_value is None:
        return None
    return Indicator(category, subcategory, row.name, _OPERATORS[op], target.value, weight.value,
                     actual_value, unit, None, None, "", deviation), why


def rebuild(doc: AuditDocument) -> Rebuilt | None:
    """The document's indicator table as an `Evaluation`, or None when it has none with weights."""
    table = next((t for t in doc.tables if t.kind == INDICATORS), None)
    if table is None:
        return None
    indicators: list[Indicator] = []
    rows: list[TableRow] = []
    assumed: dict[int, str] = {}
    for row in table.rows:
        made = _indicator(row)
        if made is None:
            continue
        why = "；".join(w for w in (made[1], _UNLABELLED if row.unlabelled else "") if w)
        if why:
            assumed[len(indicators)] = why
        indicators.append(made[0])
        rows.append(row)
    if not indicators:
        return None
    funds, funds_row, funds_table = _funds(doc)
    rs = ruleset_for(doc)
    evaluation = _Evaluation(_project(doc, table), funds, tuple(indicators), ruleset=rs.name)
    return Rebuilt(evaluation, tuple(rows), assumed, funds_row, funds_table, table,
                   len(rows) == len(table.rows))


def _rule_words(ind: Indicator) -> str:
    if ind.operator.is_reverse:
        return "反向指标：不超过指标值得满分，超出部分按比例扣分"
    return "正向指标：未达指标值的按 实际完成值÷指标值×分值 计分"


def detect_rescored(doc: AuditDocument) -> list[Finding]:
    """Published scores, funds score and 总分 against the region's rules (see module doc)."""
    rebuilt = rebuild(doc)
    if rebuilt is None:
        return _funds_only(doc)
    try:
        scored = score_evaluation(rebuilt.evaluation, ruleset_for(doc))
    except (ArithmeticError, ValueError):
        return []  # figures the scorer cannot take (a damaged table): no re-scoring
    findings: list[Finding] = []
    rows_agree = True
    for index, (ind, row, computed) in enumerate(zip(rebuilt.evaluation.indicators, rebuilt.rows,
                                                      scored.scores, strict=True)):
        printed = row.figure("score")
        if ind.operator is Operator.QUALITATIVE and printed is not None:
            band = _outside_band(doc, rebuilt.table, row, ind.weight, printed)
            findings.extend([band] if band is not None else [])
            continue
        if ind.operator is Operator.QUALITATIVE or printed is None:
            continue
        actual, target = ind.actual, ind.target
        assert isinstance(actual, Decimal) and isinstance(target, Decimal)
        met = actual <= target if ind.operator.is_reverse else actual >= target
        if met or printed.value > ind.weight:
            if printed.value != computed:
                rows_agree = False  # docked or above weight: reported by table_scores
            continue
        if _agrees_with_rule(printed.value, ind, row):
            continue
        if ind.operator is Operator.EQ and printed.value < computed:
            # "=" short of its target: the system scores it like ≥, others dock the deviation
            # either way (RULES.md §10 A4) — a lower score follows one of the readings
            continue
        rows_agree = False
        cell = row.get("score")
        assert cell is not None
        note = f"（{rebuilt.assumed[index]}）" if index in rebuilt.assumed else ""
        # Above the rule's score a short row is wrong on every reading. Below it, a row that
        # explains its shortfall may follow a stricter local rule (未完成不得分): a warning.
        # A row printing no comparison is read as ≥ (or ≤ for a cost): an assumption, so the
        # rule is certain only when the score fits neither reading (木材销售收入 1093 of 1100,
        # 5 of 6: ≥ gives 5.96, ≤ gives 6) — else a warning.
        certain = (printed.value > computed or not ind.deviation_reason) and (
            index not in rebuilt.assumed or not _agrees_with_rule(printed.value, replace(
                ind, operator=Operator.GE if ind.operator.is_reverse else Operator.LE), row))
        findings.append(Finding(
            code="score-rule-mismatch",
            severity=Severity.ERROR if certain else Severity.WARNING,
            message=(f"“{ind.name}”按{scored.ruleset.name}规则（{_rule_words(ind)}）应得 "
                     f"{fmt(computed, 2)} 分（{fmt(ind.weight)} × {fmt(actual)}÷{fmt(target)}），"
                     f"表中得分 {printed.raw}{note} / by the {scored.ruleset.name} rule the row "
                     f"scores {fmt(computed, 2)}, the table gives {printed.raw}"),
            stated=printed.value, expected=computed,
            operands=(ind.weight, actual, target), unit="分", line=cell.line,
            excerpt=row_excerpt(doc, row, "score")))
    findings.extend(_funds_and_total(doc, rebuilt, scored, rows_agree))
    return findings


# A qualitative row's 实际完成值 naming its band in the forms' words (RULES.md §2.3: 10号's three
# bands, which the provinces' systems offer as the 实际完成值 choices), or repeating its target.
# Only the bands' own words: 基本达成, 部分完成, 未完成 belong to local four-tier schemes
# (RULES.md §10 A8) whose bands are not known.
_BANDS = (
    (re.compile(r"^已?部分达成"), Decimal("0.6"), Decimal("0.8"), "部分达成"),
    (re.compile(r"^未达成"), Decimal(0), Decimal("0.6"), "未达成"),
    (re.compile(r"^已?达成(?:年度指标|预期指标|预期目标|目标|年度目标)?$"),
     Decimal("0.8"), Decimal(1), "达成"),
)


def _outside_band(doc: AuditDocument, table: Table, row: TableRow, weight: Decimal,
                  printed: Figure) -> Finding | None:
    """A qualitative row scored outside the band its 实际完成值 names (10号: 达成 0.8–1 of the
    分值, 部分达成 0.6–0.8, 未达成 below 0.6; RULES.md §2.3), or, its actual repeating its target
    (达成), below 0.8 of it. Error when the row gives no 偏差原因 (a reason may mean the
    writer judged it partly achieved), else a warning."""
    t_cell, a_cell = row.get("target"), row.get("actual")
    if a_cell is None or weight <= 0:
        return None
    actual = a_cell.text.strip(" 。.")
    target = t_cell.text.strip(" 。.") if t_cell is not None else ""
    band = next(((low, high, word) for pattern, low, high, word in _BANDS
                 if pattern.match(actual)), None)
    if band is None and len(actual) >= 2 and actual == target and not a_cell.figures:
        band = (Decimal("0.8"), Decimal(1), "达成")
    if band is None:
        return None
    low, high, word = band
    share = printed.value / weight
    inside = low <= share <= high if high == 1 else low <= share < high
    if inside or share > 1:
        return None  # above the 分值 is score-above-weight's
    reason = row.get("reason")
    explained = reason is not None and reason.text.strip() not in NO_REASON
    certain = not explained and (word != "达成" or "reason" in table.columns)
    cell = row.get("score")
    assert cell is not None
    expected = round_half_up(weight * (low if share < low else high), 2)
    return Finding(
        code="score-rule-mismatch", severity=Severity.ERROR if certain else Severity.WARNING,
        message=(f"“{row.name}”为定性指标，实际完成“{actual}”属“{word}”档，按10号规定得分应在分值的 "
                 f"{fmt(low * 100)}%–{fmt(high * 100)}% 之间（{fmt(weight * low, 2)}–"
                 f"{fmt(weight * high, 2)} 分），表中得分 {printed.raw} / a qualitative row in the "
                 f"'{word}' band scores {fmt(low * 100)}–{fmt(high * 100)}% of its {fmt(weight)} "
                 f"points, the table gives {printed.raw}"),
        stated=printed.value, expected=expected, operands=(weight,), unit="分", line=cell.line,
        excerpt=row_excerpt(doc, row, "score"))


def _agrees_with_rule(printed: Decimal, ind: Indicator, row: TableRow) -> bool:
    """Whether the printed score is the rule's, allowing for the rounding of printed operands."""
    actual, target = ind.actual, ind.target
    assert isinstance(actual, Decimal) and isinstance(target, Decimal)
    scored = []
    half = {places: Decimal(5).scaleb(-places - 1) for places in range(0, 6)}
    a_fig, t_fig = actual_figure(row), target_figure(row)
    da = half[min(5, places(a_fig.value))] if a_fig is not None and places(a_fig.value) else Decimal(0)
    dt = half[min(5, places(t_fig.value))] if t_fig is not None and places(t_fig.value) else Decimal(0)
    rule = reverse if ind.operator.is_reverse else positive
    for a in (actual - da, actual, actual + da):
        for t in (target - dt, target, target + dt):
            if t > 0:
                scored.append(rule(t, a, ind.weight))
    low, high = min(scored), max(scored)
    if low <= printed <= high:
        return True
    # a score printed with decimals may be the rule's rounded or cut; a whole number is the
    # rule's rounded (6 × 1093÷1100 = 5.96 prints 6: 5 is no way of printing it)
    if places(printed) == 0:
        return any(round_half_up(v, 0) == printed for v in (low, high))
    return any(agrees(printed, v) for v in (low, high))


def _funds_and_total(doc: AuditDocument, rebuilt: Rebuilt, scored: ScoredEvaluation,
                     rows_agree: bool) -> list[Finding]:
    findings: list[Finding] = []
    row, table = rebuilt.funds_row, rebuilt.funds_table
    if row is None or table is None:
        return findings
    weight, printed = funds_weight(doc, table, row), row.figure("score")
    total = rebuilt.evaluation.funds.total
    if weight is None or printed is None or weight > 30 or total.full_year_budget <= 0:
        return findings
    rs = scored.ruleset
    tiers = None if rs.execution_rule == "linear" or weight != rs.execution_weight else \
        scored.budget_execution.score
    expected, finding = _funds_score(doc, row, weight, total.executed, total.full_year_budget,
                                     rs, tiers)
    funds_ok = finding is None
    findings.extend([finding] if finding is not None else [])
    stated_total = rebuilt.table.total
    # Rows and funds as the rules give them: a total differing from them is the plain
    # sum-mismatch of `table_scores`. Otherwise say what the total becomes by the rules.
    if stated_total is None or stated_total.score is None or not rebuilt.complete \
            or (rows_agree and funds_ok):
        return findings
    weights = sum((i.weight for i in rebuilt.evaluation.indicators), weight)
    if weights != (stated_total.available.value if stated_total.available else Decimal(100)):
        return findings
    own = sum(scored.scores, expected)  # the funds score with the printed weight
    if agrees(stated_total.score.value, own):
        return findings
    line = doc.line(stated_total.line)
    findings.append(Finding(
        code="score-rule-mismatch", severity=Severity.WARNING,
        message=(f"按{rs.name}规则重算总分为 {fmt(own, 2)} 分（等级“{rs.grade(own)}”），表中总分 "
                 f"{stated_total.score.raw}（等级“{rs.grade(stated_total.score.value)}”）"
                 f" / re-scored total {fmt(own, 2)} ({rs.grade(own)}), the table gives "
                 f"{stated_total.score.raw}"),
        stated=stated_total.score.value, expected=round_half_up(own, 2),
        operands=(), unit="分", line=stated_total.line_of("score"),
        excerpt=(line.text.strip()[:80] if line else stated_total.text)))
    return findings


def _funds_score(doc: AuditDocument, row: TableRow, weight: Decimal, executed: Decimal,
                 budget: Decimal, rs: RuleSet,
                 tiers: Decimal | None) -> tuple[Decimal, Finding | None]:
    """The funds row's 得分 by the rule (分值 × min(执行率, 1), or the rule set's tiers when
    given) and the finding when the printed one is not it."""
    printed = row.figure("score")
    assert printed is not None
    if tiers is None:
        expected = round_half_up(weight * min(executed / budget, Decimal(1)), 2)
        rule = f"预算执行率得分 = 分值 × 执行率（封顶 {fmt(weight)} 分）"
    else:
        expected, rule = tiers, rs.title
    if agrees(printed.value, expected) or printed.value == expected:
        return expected, None
    cell = row.get("score")
    assert cell is not None
    return expected, Finding(
        code="score-rule-mismatch", severity=Severity.ERROR,
        message=(f"预算执行得分按规则（{rule}）应为 {fmt(expected, 2)} 分"
                 f"（{fmt(executed)}÷{fmt(budget)}），表中为 {printed.raw}"
                 f" / the funds score by the rule is {fmt(expected, 2)}, the table gives "
                 f"{printed.raw}"),
        stated=printed.value, expected=expected, operands=(weight, executed, budget), unit="分",
        line=cell.line, excerpt=row_excerpt(doc, row, "score"))


def _funds_only(doc: AuditDocument) -> list[Finding]:
    """The funds score of a document whose indicator table was not recovered (or has none):
    by the linear rule only (a rule set's tiers need the weights of the whole table)."""
    funds, row, table = _funds(doc)
    if row is None or table is None or row.figure("score") is None:
        return []
    weight = funds_weight(doc, table, row)
    total = funds.total
    rs = ruleset_for(doc)
    if weight is None or weight > 30 or total.full_year_budget <= 0 or (
            rs.execution_rule != "linear" and weight == rs.execution_weight):
        return []
    return [f for f in [_funds_score(doc, row, weight, total.executed, total.full_year_budget,
                                     rs, None)[1]] if f is not None]


def evaluation_data(evaluation: _Evaluation) -> dict[str, object]:
    """An `Evaluation` as ``jixiao.evaluation/1`` data (plain str/int values, YAML-ready)."""
    p = evaluation.project

    def row(r: FundRow) -> dict[str, str]:
        out = {"full_year_budget": f"{r.full_year_budget:.2f}", "executed": f"{r.executed:.2f}"}
        if r.initial_budget is not None:
            out = {"initial_budget": f"{r.initial_budget:.2f}", **out}
        return out

    indicators: list[dict[str, object]] = []
    for ind in evaluation.indicators:
        item: dict[str, object] = {
            "category": ind.category, "subcategory": ind.subcategory, "name": ind.name,
            "operator": ind.operator.value,
            "target": ind.target if isinstance(ind.target, str) else fmt(ind.target),
        }
        if ind.actual is not None:
            item["actual"] = ind.actual if isinstance(ind.actual, str) else fmt(ind.actual)
        if ind.unit_of_measure:
            item["unit_of_measure"] = ind.unit_of_measure
        item["weight"] = fmt(ind.weight)
        if ind.grade is not None:
            item["grade"] = ind.grade.value
        if ind.score is not None:
            item["score"] = fmt(ind.score)
        if ind.deviation_reason:
            item["deviation_reason"] = ind.deviation_reason
        indicators.append(item)
    data: dict[str, object] = {
        "format": "jixiao.evaluation/1",
        "project": {"name": p.name, "department": p.department, "unit": p.unit,
                    "fiscal_year": p.fiscal_year, **({"region": p.region} if p.region else {})},
        "funds": {"total": row(evaluation.funds.total)},
        "indicators": indicators,
    }
    if evaluation.ruleset:
        data["ruleset"] = evaluation.ruleset
    return data
