"""The 自评报告 as a list of blocks, built from a scored evaluation: `build_report(scored)`.

The structure follows the published Baoshan report (corpus/seed-baoshan-2022-rent-property):
一、自评结论 (自评得分; 绩效目标完成情况 by 一级 category; 存在的问题和原因分析; 下一步改进措施)
and 二、佐证材料 (项目基本情况; 自评工作开展情况; 绩效评价指标分析; 上年度自评结果应用情况;
其他需说明的问题). Every figure and every sentence that follows from the data is generated
here from the `ScoredEvaluation`; free text comes from the evaluation's `narrative:` block.
The docx, Typst and HTML writers only draw these blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from jixiao.documents.cells import (
    Cell,
    Grid,
    percent_text,
    points,
    points_text,
    score_text,
    sentence,
)
from jixiao.documents.explanations import (
    NOT_FILLED,
    achieved,
    draft_reasons,
    funds_notes,
    indicator_flags,
    is_missing,
    over_completion,
)
from jixiao.documents.rule_text import execution_boundaries
from jixiao.documents.style import clean_text
from jixiao.documents.table_model import _runs, indicator_actual_text, indicator_target_text
from jixiao.domain.evaluation import FUND_SOURCES
from jixiao.domain.indicators import COST, OUTCOME, OUTPUT, SATISFACTION, Operator
from jixiao.domain.money import format_yuan, round_half_up

__all__ = [
    "NARRATIVE_SECTIONS", "Block", "ChartSpec", "Report", "build_report", "chart_specs",
    "completion_rows",
]

#: Narrative keys of the evaluation file and the report section each one fills.
NARRATIVE_SECTIONS: dict[str, str] = {
    "summary": "一、（一）自评得分 — opening text",
    "output_narrative": "一、（二）1. 产出指标完成情况",
    "outcome_narrative": "一、（二）2. 效益指标完成情况",
    "satisfaction_narrative": "一、（二）3. 满意度指标完成情况",
    "problems": "一、（三）存在的问题和原因分析",
    "improvements": "一、（四）下一步改进措施",
    "background": "二、（一）项目基本情况",
    "evaluation_work": "二、（二）自评工作开展情况",
    "previous_results": "二、（四）上年度自评结果应用情况",
    "other_matters": "二、（五）其他需说明的问题",
    "overspending": "超支原因：一、（三）和二、（三）1.，自评表表注",
    "unspent_funds": "结转、结余情况：一、（三）和二、（三）1.，自评表表注",
    "issuer": "落款（缺省为实施单位）",
    "issue_date": "成文日期（缺省不印）",
}
_CATEGORY_NARRATIVE = {
    OUTPUT: "output_narrative", OUTCOME: "outcome_narrative", SATISFACTION: "satisfaction_narrative",
}
_CATEGORY_ORDER = (OUTPUT, COST, OUTCOME, SATISFACTION)
_NOT_FILLED = "（未填写）"


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """Data of one chart; `kind` is ``targets`` or ``categories``. Values stay Decimal."""

    kind: str
    title: str
    # targets: (label, target_text, actual_text, completion %, achieved) — see completion_rows;
    # categories: (name, weight, score)
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True, slots=True)
class Block:
    """One block: ``heading`` (level 1–3), ``para``, ``table`` (grid), ``chart``, ``signature``
    (落款), ``date`` (成文日期)."""

    kind: str
    text: str = ""
    level: int = 0
    grid: Grid | None = None
    chart: ChartSpec | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """The whole report: title lines and blocks."""

    title: tuple[str, ...]
    blocks: tuple[Block, ...]
    unit: str
    fiscal_year: int
    extra: dict[str, str] = field(default_factory=dict)
    #: Why this report is a draft (results not filled in); empty when finished.
    draft: tuple[str, ...] = ()

    def plain_text(self) -> str:
        """The report as text, one paragraph per line (for tests and the figure audit)."""
        lines = list(self.title)
        for b in self.blocks:
            if b.kind in ("heading", "para", "signature", "date"):
                lines.append(b.text)
            elif b.kind == "table" and b.grid is not None:
                lines.extend(" ".join(r) for r in b.grid.text_rows())
            elif b.kind == "chart" and b.chart is not None:
                lines.append(b.chart.title)
        return "\n".join(lines)


_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def issue_date_text(text: str) -> str:
    """成文日期 as GB/T 9704 prints it: "2023-04-27" → "2023年4月27日"; other text as given."""
    m = _DATE.match(text)
    if m is None:
        return clean_text(text).strip()
    return f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日"


def _yuan(x: Decimal) -> str:
    return f"{format_yuan(x)}元"


# A numbered item after a sentence end ("…需求。 2.绩效…") starts a new paragraph: YAML
# folding (`>-`) joins the lines people wrote one per item.
_ITEM_BREAK = re.compile(r"(?<=[。；！？])\s+(?=\d+[.、．])")


def _paras(text: str) -> list[Block]:
    """Narrative text → paragraphs (one per non-empty line or numbered item)."""
    out = []
    for line in text.splitlines():
        for part in _ITEM_BREAK.split(line):
            if part.strip():
                out.append(Block("para", clean_text(part.strip())))
    return out


def _indicator_sentence(s: Any, symbols: dict[str, str], over: dict[int, Decimal]) -> str:
    """One indicator as one sentence, ending in "。"; flags and the unit's reason included."""
    ind = s.indicator
    name = clean_text(ind.name)
    head = f"“{name}”（{ind.subcategory}）"
    if ind.operator is Operator.QUALITATIVE:
        body = (f"年度指标值为“{indicator_target_text(ind)}”，"
                f"实际完成情况为“{indicator_actual_text(ind) or NOT_FILLED}”")
    else:
        actual = indicator_actual_text(ind) or NOT_FILLED
        body = f"年度指标值{indicator_target_text(ind, symbols)}，实际完成值{actual}"
    if is_missing(ind):
        done = "结果未填写"
    elif achieved(s):
        done = "已完成"
    else:
        done = "未完全完成"
    text = f"{head}{body}，得分{score_text(s.score)}分（分值{points_text(ind.weight)}分），{done}"
    for flag in indicator_flags(s, over):
        if not flag.startswith(NOT_FILLED):
            text += f"，{flag.removesuffix('，须说明原因')}"
    reason = clean_text(ind.deviation_reason).strip()
    if reason:
        text += f"，偏差原因：{reason}"
    elif not achieved(s) and not is_missing(ind):
        text += "，偏差原因：未填写"
    elif s.index in over:
        text += "，超额原因：未说明"
    return sentence(text)


def _category_order(scored: Any) -> list[str]:
    present = list(scored.categories)
    known = [c for c in _CATEGORY_ORDER if c in present]
    return known + [c for c in present if c not in known]


def _indicator_grid(scored: Any, symbols: dict[str, str]) -> Grid:
    heads = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
    cells = [Cell(0, i, h, kind="label", bold=True) for i, h in enumerate(heads)]
    inds = list(scored.indicators)
    cat_runs = _runs([(s.indicator.category,) for s in inds])
    sub_runs = _runs([(s.indicator.category, s.indicator.subcategory) for s in inds])
    for i, s in enumerate(inds):
        r, ind = i + 1, s.indicator
        if i in cat_runs:
            cells.append(Cell(r, 0, ind.category, rowspan=cat_runs[i]))
        if i in sub_runs:
            cells.append(Cell(r, 1, ind.subcategory, rowspan=sub_runs[i]))
        cells += [
            Cell(r, 2, clean_text(ind.name), align="left"),
            Cell(r, 3, indicator_target_text(ind, symbols)),
            Cell(r, 4, indicator_actual_text(ind)),
            Cell(r, 5, points_text(ind.weight), kind="number", value=points(ind.weight), align="right"),
            Cell(r, 6, score_text(s.score), kind="score", value=round_half_up(s.score, 2),
                 align="right"),
        ]
    n = len(inds) + 1
    total_w = sum((s.indicator.weight for s in inds), Decimal(0))
    total_s = sum((s.score for s in inds), Decimal(0))
    cells += [
        Cell(n, 0, "合计", colspan=5, kind="label", bold=True),
        Cell(n, 5, points_text(total_w), kind="number", value=points(total_w), align="right"),
        Cell(n, 6, score_text(total_s), kind="score", value=round_half_up(total_s, 2),
             align="right"),
    ]
    widths = tuple(Decimal(w) for w in (10, 12, 24, 18, 16, 8, 9))
    return Grid("", "", "", "", widths, tuple(cells), n + 1, header_rows=1,
                keep_from=max(n - 1, 1))


def _completion(s: Any) -> Decimal:
    """Completion against the target, in % (2 decimals): actual ÷ target for "≥ > =",
    target ÷ actual for "≤ <" (spending less than the cap is doing better), and for
    qualitative or non-numeric indicators the rule's judgement, 得分 ÷ 分值."""
    ind = s.indicator
    target, actual = ind.target, ind.actual
    if isinstance(target, Decimal) and isinstance(actual, Decimal) and target > 0:
        if ind.operator in (Operator.GE, Operator.GT, Operator.EQ):
            return round_half_up(actual / target * 100, 2)
        if ind.operator in (Operator.LE, Operator.LT) and actual > 0:
            return round_half_up(target / actual * 100, 2)
    return round_half_up(s.score / ind.weight * 100, 2)


def completion_rows(scored: Any, symbols: dict[str, str]) -> tuple[tuple[Any, ...], ...]:
    """Data of chart 1, sorted worst first (unfilled, then by completion).

    Rows are (name, target text, actual text, completion %, achieved, missing, over):
    completion against the target (`_completion`); achieved as in the report text
    (`explanations.achieved`: full marks, or 达成年度指标 for a qualitative indicator);
    over = flagged ≥ 130 % by scoring. Indicators without points are left out.
    """
    over = over_completion(scored)
    rows = []
    for s in scored.indicators:
        ind = s.indicator
        if ind.weight <= 0:
            continue  # no points to complete
        missing = is_missing(ind)
        completion = Decimal(0) if missing else _completion(s)
        rows.append((clean_text(ind.name), indicator_target_text(ind, symbols),
                     indicator_actual_text(ind), completion, achieved(s), missing,
                     s.index in over))
    rows.sort(key=lambda r: (not r[5], r[3]))
    return tuple(rows)


#: Indicators per chart: more are split over several charts (图1-1, 图1-2 …), each
#: small enough to stay readable on one page.
CHART_ROWS = 25


def chart_specs(scored: Any, symbols: dict[str, str]) -> list[ChartSpec]:
    """The report's charts: indicator completion (if any, split by `CHART_ROWS`) and
    points by category."""
    rows = completion_rows(scored, symbols)
    be = scored.budget_execution
    cats = [("预算执行率", points(be.weight), round_half_up(be.score, 2))]
    cats += [(c, points(scored.categories[c].weight), round_half_up(scored.categories[c].score, 2))
             for c in _category_order(scored)]
    out = []
    chunks = [rows[i:i + CHART_ROWS] for i in range(0, len(rows), CHART_ROWS)]
    for n, chunk in enumerate(chunks, start=1):
        part = f"（{n}/{len(chunks)}）" if len(chunks) > 1 else ""
        out.append(ChartSpec("targets", f"图1 各指标完成度（对照年度指标值）{part}", chunk))
    out.append(ChartSpec("categories", f"图{2 if rows else 1} 各项得分与分值", tuple(cats)))
    return out


def build_report(scored: Any, operator_symbols: dict[str, str] | None = None) -> Report:
    """Build the 自评报告 of `scored` (a `ScoredEvaluation`)."""
    ev = scored.evaluation
    p = ev.project
    # Names go into titles and sentences: drop control characters XML cannot hold.
    p = replace(p, name=clean_text(p.name), unit=clean_text(p.unit),
                department=clean_text(p.department))
    nar = ev.narrative_text
    symbols = operator_symbols or {}
    be = scored.budget_execution
    total_row = ev.funds.total
    blocks: list[Block] = []

    def h(level: int, text: str) -> None:
        blocks.append(Block("heading", text, level=level))

    def para(text: str) -> None:
        blocks.append(Block("para", text))

    def narrative(key: str, default: str = _NOT_FILLED) -> None:
        text = nar(key)
        blocks.extend(_paras(text) if text.strip() else [Block("para", default)])

    rate = percent_text(be.rate, execution_boundaries(scored.ruleset))
    over = over_completion(scored)
    notes = funds_notes(scored)
    order = _category_order(scored)

    h(1, "一、自评结论")
    h(2, "（一）自评得分")
    if nar("summary").strip():
        blocks.extend(_paras(nar("summary")))
    parts = [f"预算执行率得分{score_text(be.score)}分（分值{points_text(be.weight)}分）"]
    for c in order:
        cs = scored.categories[c]
        parts.append(f"{c}得分{score_text(cs.score)}分（分值{points_text(cs.weight)}分）")
    para(f"经逐项对照自评，{p.name}{p.fiscal_year}年度自评得分{score_text(scored.total)}分，"
         f"自评等级为“{scored.grade}”。其中：" + "；".join(parts) + "。")

    h(2, "（二）绩效目标完成情况")
    for n, c in enumerate(order, start=1):
        h(3, f"{n}.{c.removesuffix('指标')}指标完成情况。")
        if c in _CATEGORY_NARRATIVE and nar(_CATEGORY_NARRATIVE[c]).strip():
            blocks.extend(_paras(nar(_CATEGORY_NARRATIVE[c])))
        members = [s for s in scored.indicators if s.indicator.category == c]
        cs = scored.categories[c]
        para(f"{c}共{len(members)}项，分值{points_text(cs.weight)}分，得分{score_text(cs.score)}分。")
        # One paragraph per indicator: a reader (and the figure audit) must never see one
        # label such as 实际完成值 with two different values in the same paragraph.
        for s in members:
            para(_indicator_sentence(s, symbols, over))

    h(2, "（三）存在的问题和原因分析")
    generated = False
    if be.rate is not None and be.score < be.weight:
        para(f"预算执行率为{rate}，预算执行率得分"
             f"{score_text(be.score)}分（分值{points_text(be.weight)}分）。")
        generated = True
    # 财预〔2020〕10号: overspending and unspent funds (结转/结余) are explained ...
    for note in notes:
        para(note)
        generated = True
    # ... and so is every indicator missed, over-completed (≥ 130 %) or docked with a reason.
    for s in scored.indicators:
        ind = s.indicator
        docked = s.score < ind.weight
        if not (docked or s.index in over):
            continue
        what = [f"得分{score_text(s.score)}分（分值{points_text(ind.weight)}分）"]
        what += [f.removesuffix("，须说明原因") for f in indicator_flags(s, over)]
        reason = clean_text(ind.deviation_reason).strip()
        label = "超额原因" if s.index in over and not docked else "偏差原因"
        para(sentence(f"“{clean_text(ind.name)}”" + "，".join(what)
                      + f"，{label}：{reason or '未填写'}"))
        generated = True
    if nar("problems").strip():
        blocks.extend(_paras(nar("problems")))
    elif not generated:
        para("各项绩效指标均已完成，未发现需要说明的问题。")

    h(2, "（四）下一步改进措施")
    narrative("improvements")

    h(1, "二、佐证材料")
    h(2, "（一）项目基本情况")
    para(f"{p.name}由{p.department}主管、{p.unit}实施。")
    if ev.goals.expected.strip():
        para(sentence(f"年度总体目标：{clean_text(ev.goals.expected)}"))
    if nar("background").strip():
        blocks.extend(_paras(nar("background")))
    h(2, "（二）自评工作开展情况")
    narrative("evaluation_work")
    h(2, "（三）绩效评价指标分析")
    h(3, "1.预算执行情况分析。")
    initial = "" if total_row.initial_budget is None else (
        f"年初预算数{_yuan(total_row.initial_budget)}，")
    rate_phrase = (f"预算执行率{rate}" if be.rate is not None
                   else "全年预算数为零，预算执行率无法计算")
    para(f"{p.fiscal_year}年，项目{initial}全年预算数{_yuan(total_row.full_year_budget)}，"
         f"全年执行数{_yuan(total_row.executed)}，{rate_phrase}，"
         f"得分{score_text(be.score)}分（分值{points_text(be.weight)}分）。")
    for note in notes:
        para(note)
    sources = ev.funds.sources()
    if sources:
        items = [f"{FUND_SOURCES[k]}全年预算数{_yuan(r.full_year_budget)}、全年执行数"
                 f"{_yuan(r.executed)}" for k, r in sources]
        para("按资金来源：" + "；".join(items) + "。")
    h(3, "2.绩效目标完成情况分析。")
    inds = list(scored.indicators)
    done = sum(1 for s in inds if achieved(s))
    ind_w = sum((s.indicator.weight for s in inds), Decimal(0))
    ind_s = sum((s.score for s in inds), Decimal(0))
    missing = sum(1 for s in inds if is_missing(s.indicator))
    status = ("全部完成" if done == len(inds)
              else f"其中{done}项全部完成，{len(inds) - done - missing}项未完全完成"
              + (f"，{missing}项结果未填写" if missing else ""))
    para(f"项目共设置三级指标{len(inds)}项，分值合计{points_text(ind_w)}分，得分{score_text(ind_s)}分，"
         f"{status}。")
    if ev.goals.actual.strip():
        para(sentence(f"年度总体目标实际完成情况：{clean_text(ev.goals.actual)}"))
    blocks.append(Block("table", "表1 绩效指标完成情况", grid=_indicator_grid(scored, symbols)))
    for chart in chart_specs(scored, symbols):
        blocks.append(Block("chart", chart.title, chart=chart))
    h(2, "（四）上年度自评结果应用情况")
    narrative("previous_results")
    h(2, "（五）其他需说明的问题")
    narrative("other_matters", "无。")
    # 落款 and 成文日期 (GB/T 9704 7.3.5): from the evaluation when given; the date is
    # otherwise left for the signer rather than invented.
    blocks.append(Block("signature", clean_text(nar("issuer")).strip() or p.unit))
    issued = issue_date_text(nar("issue_date"))
    if issued:
        blocks.append(Block("date", issued))

    # A 2号 title line holds about 20 characters: split long titles where the words break.
    first = f"{p.unit}{p.fiscal_year}年度项目绩效自评报告"
    lines = (first,) if len(first) <= 20 else (f"{p.unit}{p.fiscal_year}年度", "项目绩效自评报告")
    title = (*lines, f"（{p.name}）")
    return Report(title=title, blocks=tuple(blocks), unit=p.unit, fiscal_year=p.fiscal_year,
                  draft=draft_reasons(scored))
