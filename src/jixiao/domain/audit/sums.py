"""Detectors: enumerated parts against a stated total, in prose and in table columns.

Prose: ``总建筑面积为15415.38平方米，分别是：…3295.03平方米…`` or ``共完成预算资金89.97万元。
其中：30万元…；29.99万元…``. The parts are the figures of the total's dimension, one per
item, up to where the list ends (`_listing`: the sentence end, a restated total, a new
labelled figure, a stronger separator). Parts that exceed the total, or an exhaustive
``分别是`` list that misses it, are errors. ``其中`` and ``包括`` often list only some parts,
so a shortfall there is no contradiction — only a warning when the total is a 总… and every
part a kind of it (总面积 → 商务面积、商业面积), and nothing when the list ends in 等; a list
whose last item is 其他/其余… names every part, so its shortfall is an error too.

Also: parts listed first and then 合计/共计 (`detect_parts_then_total`); a breakdown in
brackets (`detect_bracketed_parts`); funding sources listed after an amount without a marker
(`detect_source_parts`); an amount over or under the plan (`detect_differences`); an adjusted
amount against the first ± its adjustments (`detect_adjusted`); the 按收入/支出性质分 block of
the 部门整体支出绩效自评表 (`detect_form_breakdowns`). Relations between named amounts pair
figures by their names (`facts.common_run`), never by the arithmetic being checked.

Tables: a row labelled 合计/总计/小计 against the rows directly above it, column by column
(cells separated by ``|``, or by blanks in text printed without borders).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import chain

from jixiao.domain.audit.facts import (
    YEARS,
    AuditDocument,
    AuditLine,
    Cell,
    Figure,
    agrees,
    agrees_within,
    cells,
    common_run,
    dimension,
    excerpt,
    fmt,
    half_unit,
    in_unit,
    label_before,
    lone_figure,
    places,
    plain_label,
)
from jixiao.domain.findings import Finding, Severity

__all__ = [
    "detect_adjusted",
    "detect_bracketed_parts",
    "detect_cell_per_line_sums",
    "detect_column_sums",
    "detect_differences",
    "detect_dropped_counts",
    "detect_enumerated_parts",
    "detect_parts_then_total",
    "detect_row_totals",
    "detect_source_parts",
    "detect_source_rows",
]

# (来源为: the 资金来源 breakdown of the official 自评表 — 中央/省级/市县/其他 — written as prose,
# "总预算36,620万元，经调整后资金的来源为：中央财政补助…", round 3, 161)
# (具体为/主要用于/明细为: the breakdown words of the genre's 资金使用情况 paragraphs)
# (用于/如下: "项目资金100万元，用于购置设备60万元、培训40万元", "…，分配如下：甲村60万元，…" —
# the uses or the allocation of an amount, listed after it; like 其中, maybe only some of them.
# 用于 only opening a clause with a figure: "其中：30万元用于预算编制；30万元用于审计" (013) names
# each part's use, "…，用于日常运转，包括…" says what the money is for)
_MARKER = re.compile(r"其中包括|其中包含|其中|分别是|分别为|分别有|分别用于|分别安排|分别下达|分别拨付|"
                     r"分别投入|分别补助|分别承担|分别筹集|分别筹措|分别配套|"
                     r"分别支持|分别扶持|分别奖补|分别奖励|分别资助|分别补贴|分别分配|分别落实|分别发放|"
                     r"分别兑付|分别支付|分别来源于|具体包括|主要包括|主要有|包括|包含|资金来源为|资金来源是|"
                     r"资金来源(?=[:：])|资金构成为|其构成为|构成为|分解为|分为|来源于|来源为|来源是|"
                     r"按[\u4e00-\u9fff]{1,10}?分(?=[:：，,])|"
                     r"具体为|具体是|明细为|主要用于|用于(?<=[，,；;：:]用于)(?=[^，,。；;]{0,30}\d)|"
                     r"含(?<=[，,；;：:]含)(?=[^，,。；;]{0,20}\d)|"
                     r":(?<=[元亩米人户次个项所家处台套份]:)|：(?<=[元亩米人户次个项所家处台套份]：)|"
                     r"一是(?<=[，,：:]一是)|"
                     r"由(?<=[，,：:]由)(?=[^。；;]{0,120}(?:构成|组成))|"
                     + "|".join(
                         f"{w}如下(?=[:：])" for w in ("具体", "分配", "安排", "使用", "明细", "情况", "")))
# (every alternative opens with a literal — the look-behind of 用于 comes after the word, and
# the two colons are two alternatives — so the engine skips to the candidates' first
# characters: this runs over every line. One alternative opening with a class, as `[:：]`
# did, makes it try all of them at every position: 8 × slower over the seed's lines;
# tests/audit/test_fast_paths.py checks that the scanned patterns keep their prefix)
# (分别安排/下达/拨付/投入: "下达资金100万元，甲乙丙三村分别安排30万元、40万元、30万元" shares it out)
# (按…分: a total broken down one way after another — "合计172万元。按资金使用方向分，A…，B…；按
# 下达年度分，2021年…，2022年…" (i12f, a 粮食专项 evaluation), the prose twin of the 部门整体
# form's 按收入性质分/按支出性质分 rows: each list is a breakdown of the same total; `_MARKER`
# reads it, the only alternative opening with 按)
# (含 opening a clause: "总投资100万元，含中央资金60万元、…" — the bracketed 含 without its
# brackets; 由…构成/组成: "总预算100万元，由中央资金…、省级资金…构成" names every part, so it
# is exhaustive like 分别为 — the 资金来源 sentence of the forms, root 003, round 3 153)
# (a colon right after an amount, "全年共支出100万元：设备购置60万元，…", and 一是 opening a
# clause, "项目资金100万元，一是设备购置60万元；二是…" — the 资金使用情况 paragraphs' other
# ways to open the breakdown; like 其中, maybe only some parts)
# (i13a: the genre's every verb of giving or paying after 分别 — 分别支持/扶持/奖补/奖励/资助/补贴/
# 分配/落实/发放/兑付/支付 — shares the amount out like 分别安排: "第一批资金9910万元,分别支持甲项目
# 3000万元、…" (the 中央水污染防治资金 evaluation of the unannotated pool's dev half, whose 其中 list
# read the batch's projects as parts of the whole: a false error), 026's 分别…任务资金)
_EXHAUSTIVE = ("分别是", "分别为", "分别有", "分别用于", "分别安排", "分别下达", "分别拨付", "分别投入",
               "分别补助", "分别承担", "分别筹集", "分别筹措", "分别配套", "分别支持", "分别扶持",
               "分别奖补", "分别奖励", "分别资助", "分别补贴", "分别分配", "分别落实", "分别发放",
               "分别兑付", "分别支付", "分别来源于", "资金构成为", "其构成为", "构成为", "分解为", "分为",
               "由")
_TOTAL_WORD = re.compile(r"总|合计|共|累计|全部|全年|年度|下达|安排|投入|筹集")
_COUNT_BETWEEN = ("个", "项", "家", "所", "户", "处", "条")
_GAP = re.compile(r"^[\s,，。:：;；、]*$")
# The items of a list are separated by 、，；(and 。 ends the sentence, hence the list).
# (和/及/以及 right after a figure join the last item: "中央资金60万元、省级资金30万元和县级资金
# 10万元")
_AFTER_FIGURE = "[\\d元人次户个米亩吨里项所家处台套辆间座名份]"
# (each alternative opens with its word and looks behind it afterwards, so the engine jumps to
# the candidates instead of trying the look-behind at every position)
# (and each mark an alternative of its own: with one alternative opening with a class the
# engine cannot skip to the candidates at all)
_JOINERS = rf"以及(?<={_AFTER_FIGURE}以及)|和(?<={_AFTER_FIGURE}和)|及(?<={_AFTER_FIGURE}及)"
_ITEM_SEPARATOR = re.compile(rf"、|,|，|;|；|{_JOINERS}")
# A later item that restates the total ends the list: "…，累计拨付500万元。" — and so does 共
# before the verb of an amount (共支出, 共安排, 共下达…: "2018年省财政共安排…资金178514万元，其中
# 城乡低保…、临时救助13350万元。2018年全省共支出…资金694110万元，其中…" — 山东 救助资金 评价
# 报告 (i13f 13); the 决算 and 资金使用 paragraphs of the genre state 共支出/共拨付 totals the same
# way, so a lost 。 glues the next total to the list), never the 共 of 公共
_RESTATES_TOTAL = re.compile(r"合计|共计|总计|小计|累计|总额|总共|一共|总|"
                             r"共(?<!公共)(?:支出|安排|下达|拨付|投入|使用|发放|兑付|筹集|落实|完成)")
# A later item that introduces another labelled budget figure ends it too: "年初预算100万元，
# 其中：人员经费50万元、公用经费30万元，调整后预算120万元" — 120 is no part of the 100.
_NEW_FIGURE = re.compile(
    r"年初|调整后|调整为|调增|调减|追加后|全年|同比|较上年|比上年|较去年|比去年|"
    r"实际|执行数|执行率|预算数|增长|增加|减少|下降|"
    # "…、乙村30万元，目前已拨付50万元": the state of payment is no part of the list
    r"目前|截至|截止|已拨付|已支付|已下达|尚未|剩余|结余|"
    # "总投资11278万元，其中援疆资金10278万元，拟申请援疆资金22426万元": an amount proposed or
    # applied for (拟申请/拟安排/拟补助) is no part of what was invested or spent
    r"拟|"
    # "培训人数200人，其中女性80人培训结束后考核，合格人数190人" (the 。 lost, i13f): the
    # outcome measured of the whole (合格, 达标, 满意 — a rate's numerator) is no part of it
    r"合格人数|合格率|考核合格|达标人数|满意人数"
)
# "其中中央资金80万元，支出76万元": an item named by a spending verb alone is the last part's own
# spending, no second part of the funds (项目支出, 公用支出 name parts: a noun comes first)
_OWN_SPENDING = re.compile(r"(?:已|实际|共|累计|全年)?(?:支出|支付|拨付|执行|到位|使用)(?:了|资金|金额|数)?"
                           r"(?:为|是)?")
# (上年结转, 本年财政拨款, 2022年度下达… are parts of a total, so 上年/本年/年度 alone are not
# such words.)
_REST = re.compile(r"其他|其它|其余|剩余|余下")
_CLAUSE_MARK = re.compile(r"[,，;；]")
_VALUES_JOINED = re.compile(r"\s*(?:、|和|及|与)\s*")


def _last_of_values(line: AuditLine, total: Figure) -> bool:
    """Whether `total` is the last of several values named together (60万元、40万元)."""
    before = [f for f in line.figures if f.end <= total.start]
    return bool(before) and _VALUES_JOINED.fullmatch(line.text, before[-1].end, total.start) is not None


_TOTAL_PART = re.compile(r"^[\s,，、；;]*(?:共|合计|总计|累计|总)")
_NAMES_FIRST = re.compile(r"[^，,；;。\d]+、[^，,；;。\d]+[，,；;。]")
_CHANGE = re.compile(r"增加|增长|减少|下降|增幅|降幅|增减|变动")
_PER_UNIT_PART = re.compile(r"每|人均|户均|亩均|单价|均价")
# What the sentence says was left out of a list that would name every part: "由中央资金60万元、
# 省级资金30万元构成，其余由县级自筹", "其中：基本支出60万元，项目支出30万元（不含上年结转10万元）" —
# the rest is named (without its figure, or in a remark), so a shortfall is what the text says
_LEFT_OUT = re.compile(r"其余|剩余|余下|另有|另外|另行|不含|未含|不包括|未包括|除此之外|此外")
# What happened to the whole amount may stand between it and its breakdown: "资金100万元已全部
# 下达，其中…", "…补助资金50万元，已全额拨付到位。其中…" (a clause without a figure of its own)
# (or how it was shared out: "对…资金6800万元进行了合理分解，已全部分解到位，其中甲市…" — a
# transfer payment's 绩效目标分解下达情况, the province sharing the central money out to its
# cities: i12f 河北 水利救灾; 分配 likewise)
_STATUS = (r"(?:(?:进行了?|予以)(?:合理|科学)?(?:分解|分配)|(?:已经|均已|已)?(?:全部|全额|足额|按时|及时)?"
           r"(?:下达|到位|拨付|落实|支付|兑付|发放|分解|分配)(?:到位|完毕)?)")
_STATUS_GAP = re.compile(rf"^[\s,，]*{_STATUS}(?:[\s,，]+{_STATUS})?[\s,，。:：]*$")
_PAIRED = re.compile(r"[、和与及]")
_BRACKET_CHAR = re.compile(r"[(（)）]")
_LABEL_CUT = re.compile(r"[。；;，,、:：]")
_LEADING_JOINER = re.compile(r"^[以及和、，,\s]+")
# (or its share of the plan: "完成投资100万元，占计划的100%，其中设备60万元、…"; or, in the
# 决算 wording of income and spending, its share of the year's budget and its change: "收入实现
# 111.11万元，为年初预算的116.9%，比上年增长9.0%，其中税收收入…" — i12f 铜梁 小林镇, the
# 财政决算/部门决算 reports of the genre)
_RATE_CLAUSE = re.compile(r"[,，](?:[^,，;；。:：\d]{0,12}率|占[^,，;；。:：\d]{0,10}|"
                          r"为[^,，;；。:：\d]{0,10}的|(?:比|较|同比)(?:\d{4}\s*年度?)?[^,，;；。:：\d]{0,8}"
                          r"(?:增长|增加|提高|上升|下降|减少|降低)了?)(?:为|达|是|达到)?")
_MAX_RATE_CLAUSES = 2  # (its share of the budget and its change, each in a clause of its own)
_ONE_CLAUSE = re.compile(r"[,，][^,，;；:：]+[,，:：]?")
_REMARK = re.compile(r"[（(][^（）()]{0,40}[）)]")
_SHARE_OF = re.compile(r"占\s*$")
_MONEY_NAME = re.compile(r"(?:经费|资金|金额|预算|支出|投资|费用|补助)(?:为|是|达|共计|合计|总计|共)?$")
_LABEL_TRAIL = re.compile(r"(?:为|是|达|达到|共|计|约|共计|合计|总计|累计|:|：|\s)+$")


def _other_measure(before: Figure, between: Figure, first: Figure | None) -> bool:
    """Whether `between` is a measure of what an amount pays for, standing between the amount
    (`before`) and the breakdown of it that `first` opens: "…补助资金17.80万元,计划兑现面积1980
    亩,其中:粮食折现补贴13.84万元、现金补贴3.96万元" (round 3 457; the 资金分配 notices name an
    amount, then its task, then its parts) — the parts are money, the area is not."""
    return first is not None and dimension(first.unit)[0] == "money" \
        and dimension(before.unit)[0] == "money" and bool(between.unit) \
        and dimension(between.unit)[0] not in ("money", "%", "‰") and "/" not in between.unit \
        and between.unit not in ("%", "‰")


_AVERAGE = re.compile(r"年均|平均|人均|户均|亩均|生均|均价|单价")
_DESCRIBED = re.compile(r"[\s,，]*(?:其|该|项目)?(?:资金|经费)?(?:使用|分配|安排|支出|拨付|到位|来源|"
                        r"构成|具体使用|具体分配)")


def _total_before(line: AuditLine, marker_start: int) -> Figure | None:
    """The stated total a marker refers to: the figure right before it, in a total's words."""
    # A bisection, not a scan: a report flattened into one long line has thousands of markers.
    n = line.count_before(marker_start)
    first = line.figures[n] if n < len(line.figures) else None  # the first figure listed
    # "下达资金500万元，用于5个村，分别为…": a count of the parts may stand between — unless
    # the parts are counted in its unit ("下设33个三级绩效指标，包括23个数量指标、…", 026)
    skipped = 0
    measured = False  # (the figure skipped measures what the amount pays for: 面积1980亩)
    while n > 1 and skipped < 1 and (
            (line.figures[n - 1].unit in _COUNT_BETWEEN
             and not (first is not None and first.unit == line.figures[n - 1].unit))
            or _other_measure(line.figures[n - 2], line.figures[n - 1], first)):
        measured = line.figures[n - 1].unit not in _COUNT_BETWEEN
        n -= 1
        skipped += 1
    gap_from = -1
    rates = 0
    while n > 1 and rates < _MAX_RATE_CLAUSES and line.figures[n - 1].unit in ("%", "‰") \
            and _RATE_CLAUSE.fullmatch(line.text, line.figures[n - 2].end, line.figures[n - 1].start):
        # "实际执行9265.35万元，项目执行率88.74%。其中中央补助…执行7177.37万元，省级…2087.98
        # 万元" (round 3, 140): the rate said of an amount stands between it and its breakdown
        if gap_from < 0:
            gap_from = line.figures[n - 1].end
        n -= 1
        rates += 1
    if not n:
        return None
    total = line.figures[n - 1]
    if _AVERAGE.search(_label_before(line.text, total)):
        # "近三年累计投入资金6000万元，年均投入2000万元，其中2023年投入2500万元": an average
        # (年均, 人均, 户均…) has no parts; the 其中 is of the amount it averages (i13f)
        return None
    # a remark in brackets between total and marker is no part of the gap: "下达我区111万元
    # （福财直〔2020〕67号），其中…" (round 3, 139)
    gap = _REMARK.sub("", line.text[max(total.end, gap_from):marker_start])
    label = _label_before(line.text, total)
    if "。" in gap.rstrip("。"):
        return None
    if ("；" in gap or ";" in gap) and n > 1 and line.figures[n - 2].unit == total.unit \
            and not re.search(r"[。；;]", line.text[line.figures[n - 2].end:total.start]):
        # "聘用60人（男性35人，女性25人；其中脱贫人口40人）": a 其中 after a ； that ends a list
        # (35人，25人) breaks down the whole the list divided, not the list's last item (i13f)
        return None
    # "补助资金总额118万元，对临河区设施农业受灾情况进行补助，其中：…" (round 3, 122): one
    # clause saying what the total is for may stand between, when the figure is called a
    # total and nothing else is counted in between
    status = _STATUS_GAP.match(gap) is not None  # (what happened to it: no length to bound)
    if not status and line.text.startswith("情况如下", marker_start):
        # "项目资金100万元，资金使用情况如下：…" (the 资金使用/分配情况 paragraphs): the gap names
        # the total's own use, allocation or sources
        status = _DESCRIBED.fullmatch(gap) is not None
    if not status and len(gap) > (20 if skipped else 12) and (
            skipped or len(gap) > 40 or not _TOTAL_WORD.search(label)
            or not _ONE_CLAUSE.fullmatch(gap.strip())):
        return None
    # "下达资金100万元，甲村、乙村、丙村分别为30万元、…": the recipients named before 分别
    recipients = _recipients(gap) if line.text.startswith("分别", marker_start) else None
    if _PAIRED.search(gap) and recipients is None:
        return None  # "预算、执行分别为…": the list pairs names with values, it is no breakdown
    if not (_GAP.match(gap) or _TOTAL_WORD.search(label) or status or measured
            or recipients is not None):
        return None
    if not total.unit and total.exact and first is not None and _MONEY_NAME.search(label) \
            and dimension(first.unit)[0] == "money" and first.start >= marker_start:
        # "项目经费2225038.16，其中：物业管理费644138.16元、租赁费1580900元" (seed S5): an
        # amount printed without its unit is in the unit of its parts — when they all share
        # it (`detect_enumerated_parts` checks)
        return replace(total, unit=first.unit)
    if not total.exact or not total.unit or "/" in total.unit or total.unit in ("%", "‰"):
        return None
    return total


# Words naming a quantity, not a recipient: "预算、执行分别为100万元、95万元" pairs two figures of
# different kinds with their values; "甲村、乙村、丙村分别为30万元、40万元、30万元" shares one amount.
_QUANTITY_NAME = re.compile(r"预算|执行|实际|计划|到位|支出|结余|结转|拨付|支付|完成|年初|调整|全年|上年|"
                            r"本年|目标|合同|资金|投资|金额|数|率|额")
_NAMES = re.compile(r"^[\s,，:：]*(?:其中[\s,，:：]*)?(?P<names>[\u4e00-\u9fffA-Za-z\d]{1,10}"
                    r"(?:[、和与及][\u4e00-\u9fffA-Za-z\d]{1,10})+)[\s]*$")


def _recipients(gap: str) -> int | None:
    """How many recipients a gap between a total and 分别… names ("，甲村、乙村、丙村"), or None
    when it is no such list (a name of a quantity among them: 预算、执行)."""
    names = _recipient_names(gap)
    return None if names is None else len(names)


def _recipient_names(gap: str) -> list[str] | None:
    """The recipients a gap between a total and 分别… names, or None (see `_recipients`)."""
    m = _NAMES.match(gap)
    if m is None:
        return None
    names = _PAIRED.split(m.group("names"))
    if any(not n for n in names):
        return None
    if any(_QUANTITY_NAME.search(n) for n in names) and not _source_names(names):
        return None
    return names


# "中央、省、县级资金分别为60万元、30万元、10万元" / "中央财政和省级财政分别补助…": the funding
# levels named first and shared one noun (the 资金来源 of the official 自评表 told in prose, as
# in root 003, round 3 153, 426): recipients of the whole, not quantities of different kinds
_SOURCE_NOUN = re.compile(r"(?:财政)?(?:资金|补助资金|补助|配套资金|配套|经费|投资|拨款)?$")


def _source_names(names: list[str]) -> bool:
    """Whether every name is a funding level, with at most the one money noun they share
    (中央、省、县级资金 — 中央 / 省 / 县级): the recipients of a 分别 list of sources."""
    return all(_SOURCE_WORD.fullmatch(_SOURCE_NOUN.sub("", n) or "-") for n in names)


def _label_before(text: str, fig: Figure) -> str:
    """The words right before a figure, back to punctuation (at most 12 characters)."""
    label = text[max(0, fig.start - 12):fig.start]
    return _LABEL_CUT.split(label)[-1]


def _head_noun(label: str) -> str:
    """The last two characters of a label without its verbs: 总面积为 → 面积."""
    label = _LABEL_TRAIL.sub("", label)
    return label[-2:] if len(label) >= 3 else ""


@dataclass(frozen=True, slots=True)
class _Listing:
    """The parts a marker introduces and how the list ended."""

    parts: tuple[Figure, ...]
    labels: tuple[str, ...]
    end: int
    natural_end: bool  # ended at the sentence end or at the restated total, not cut short
    subparts: tuple[tuple[int, Figure], ...] = ()  # (part index, an amount that 占 of it)


def _depth_after(text: str, start: int, end: int, depth: int) -> int:
    """Bracket depth at `end`, given the depth at `start`."""
    if not _BRACKET_CHAR.search(text, start, end):
        return depth  # (most stretches of text: no character to walk)
    for ch in text[start:end]:
        if ch in "(（":
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
    return depth


_RANK = {"、": 1, "和": 1, "及": 1, "以及": 1, ",": 2, "，": 2, ";": 3, "；": 3}


def _stop_word(label: str, first_label: str) -> re.Match[str] | None:
    """A word that makes an item a new figure rather than a part — unless every part says it.

    "上半年拨付200万元，下半年拨付300万元，累计拨付500万元": 累计 ends the list. "已执行60万元，
    未执行40万元": the first part says 执行 too, so 执行 is how the parts are named.
    """
    found = _RESTATES_TOTAL.search(label) or _NEW_FIGURE.search(label) or _OWN_SPENDING.fullmatch(label)
    return found if found and found.group() not in first_label else None


def _own_spending_of(label: str, part_label: str) -> bool:
    """Whether an item names the part before it and a spending verb (中央资金支出 after 中央资金)."""
    name = _LEADING_JOINER.sub("", part_label).strip(" :：")
    return len(name) >= 2 and label.startswith(name) \
        and _OWN_SPENDING.fullmatch(label[len(name):]) is not None


def _inside_figure(line: AuditLine, pos: int) -> bool:
    """Whether `pos` lies inside a figure: the comma of 10,000万元 separates no items."""
    n = line.count_before(pos)
    return n < len(line.figures) and line.figures[n].start < pos < line.figures[n].end


_YEAR_GROUP = re.compile(r"\s*(\d{4})\s*年度?")


def _next_year_group(label: str, first_label: str, head: str) -> bool:
    """Whether an item after a stronger separator opens the next year's group of the list
    (i11u): ``其中2021年省级资金A、中央资金B，2022年省级资金C、中央资金D`` — a breakdown over
    several years (multi-year evaluations, 全周期跟踪: round 3 山东 421; the two years of a
    report comparing budgets) names each year once, before the group's first item, the items
    of a year joined by 、 and the years by ，. The item must repeat the first part's name
    under another year — one the sentence names before the list, if it names any (`head`:
    2021年下达资金…，其中2021年…，2022年… totals 2021 alone)."""
    a = _YEAR_GROUP.match(label)
    b = _YEAR_GROUP.match(first_label)
    if a is None or b is None or a.group(1) == b.group(1):
        return False
    named = YEARS.findall(head)
    if named and a.group(1) not in named:
        return False
    name = label[a.end():].strip(" :：")
    return bool(name) and name == first_label[b.end():].strip(" :：")


_GROUP_ITEM = re.compile(r"[，,、]")
_GROUP_END = re.compile(r"[；;。]")


def _next_subject_group(line: AuditLine, start: int, stop: int, dim: str,
                        group: list[str]) -> bool:
    """Whether the ；-clause at `start` goes on with the list by naming the same kinds of parts
    for another subject: "其中九山河一期治理工程监理费22万元,建设用地测绘费4.98万元,青苗补偿费
    16.11万元;耒水河…治理工程监理费12.66万元,建设用地测绘费2.68万元,青苗补偿费27.55万元" (round 3
    471; the genre's 资金使用 paragraphs of multi-project funds and 其中 lists by town or batch).
    The clause must hold as many items as the group before it, each with one figure of the
    total's dimension, its later items named exactly as the group's, and its first named as the
    group's first after another subject (a shared name of two or more characters behind
    different subjects) — anything else after a ；is another figure, as before."""
    if len(group) < 2:
        return False
    text = line.text
    end = _GROUP_END.search(text, start, stop)
    clause_end = end.start() if end else stop
    names: list[str] = []
    at = start
    for sep in chain(_GROUP_ITEM.finditer(text, start, clause_end), (None,)):
        cut = sep.start() if sep else clause_end
        figs = [f for f in line.figures_between(at, cut) if dimension(f.unit)[0] == dim]
        if len(figs) != 1:
            return False
        names.append(_LEADING_JOINER.sub("", text[at:figs[0].start]).strip(" :："))
        at = sep.end() if sep else cut
    before = [_LEADING_JOINER.sub("", lb).strip(" :：") for lb in group]
    if len(names) != len(before) or names[1:] != before[1:]:
        return False
    first, other = names[0], before[0]
    shared = 0
    while shared < min(len(first), len(other)) and first[-1 - shared] == other[-1 - shared]:
        shared += 1
    return shared >= 2 and len(first) > shared and len(other) > shared


def _within_part(label: str, part_label: str) -> bool:
    """Whether an item is named as a part of the part before it: its label opens with that
    part's name and 中 (优质稻面积中高档优质稻 after 优质稻面积…)."""
    if "中" not in label:
        return False  # (no 中: no part of a part — most items, so no label is cut)
    name = _LEADING_JOINER.sub("", part_label).strip(" :：")
    return len(name) >= 2 and _LEADING_JOINER.sub("", label).strip(" :：").startswith(name + "中")


def _listing(line: AuditLine, start: int, limit: int, dim: str) -> _Listing | None:
    """The parts after a marker at `start`: one figure of the total's dimension per item.

    The list ends at the end of the sentence; at a separator stronger than the one between
    its first two parts ("中央资金150万元、省级资金50万元，到位资金200万元": a 、 list ends at
    the ，); at an item that restates the total (累计、合计) or introduces another labelled
    budget figure (调整后预算); or at an item breaking the one-figure-per-item pattern.
    None when the sentence runs past the line or another marker (`limit`) comes first: a
    nested breakdown is not read. Figures in brackets are remarks, not parts. The work is
    bounded by `limit`, so the markers of one long line are read in linear time.
    """
    text = line.text
    _, sentence_end = line.span_at(start)
    stop = min(sentence_end, limit)
    parts: list[Figure] = []
    labels: list[str] = []
    subparts: list[tuple[int, Figure]] = []  # (index of the part, a figure that 占 of it)
    group = 0  # where the group of parts being read began (a list by subject: see below)
    list_rank = 0  # the separator between the parts, once two parts are known
    rank_since_part = 0  # the strongest separator since the last part
    pos = start
    depth = 0
    ended_at = -1  # where a stronger separator ended the list; the next item tells how
    quiet = False  # whether an item of words only (no figure) followed the last part
    # (one search for a bracket anywhere in the list's reach: without one the depth stays 0,
    # and no item needs `_depth_after`'s search)
    bracketed = _BRACKET_CHAR.search(text, start, stop) is not None
    # (lazily: a list usually ends after a few items of a long sentence)
    for sep_match in chain((m for m in _ITEM_SEPARATOR.finditer(text, start, stop)
                            if not _inside_figure(line, m.start())), (None,)):
        sep = sep_match.start() if sep_match else stop
        item_start, pos = pos, (sep_match.end() if sep_match else stop + 1)
        figures: list[Figure] = []
        held: list[Figure] = []  # amounts that are a bracket's whole text: 甲村（60万元）
        at = item_start
        in_item = line.figures_between(item_start, sep)
        for f in in_item:
            if bracketed:
                depth = _depth_after(text, at, f.start, depth)
                at = f.start
            if depth == 0 and dimension(f.unit)[0] == dim:
                figures.append(f)
            elif depth == 1 and dimension(f.unit)[0] == dim and f.start > item_start \
                    and text[f.start - 1] in "（(" and text[f.end:f.end + 1] in ("）", ")"):
                held.append(f)
        if not figures and len(held) == 1:
            # "其中甲村（60万元）、乙村（30万元）…": each item names its part and gives its amount in
            # brackets after the name — the bracket is the item's amount, no remark on it
            figures = held
        if bracketed:
            depth = _depth_after(text, at, sep, depth)
        if parts and not in_item:
            quiet = True
        if figures and parts and (
                (_SHARE_OF.search(text, item_start, figures[0].start)
                 and not _SHARE_OF.search(labels[0]))
                or _within_part(text[item_start:figures[0].start], labels[-1])):
            # "其中基本支出1680.11万元，工资福利支出占854万元，公用支出占826.11万元；项目支出
            # 1627.66万元，…占216.85万元" (round 3, 152): an item that 占 an amount is a part
            # of the part before it, not of the total; so is one named "in" it ("其中优质稻面积
            # 610万亩，优质稻面积中高档优质稻171.1万亩": i12f 优质粮食工程)
            if len(figures) == 1 and figures[0].exact:
                subparts.append((len(parts) - 1, figures[0]))
            figures = []
        if figures and ended_at >= 0 and _next_year_group(
                text[item_start:figures[0].start], labels[0],
                text[max(line.span_at(start)[0], start - 200):start]):
            ended_at = -1  # "2021年省级资金A、中央资金B，2022年省级资金C、…": one list by year
        if figures and ended_at >= 0 and text[ended_at] in "；;" \
                and _next_subject_group(line, item_start, stop, dim, labels[group:]):
            ended_at, group = -1, len(parts)  # (the same kinds for the next subject)
        if figures and ended_at >= 0:
            # "甲50万元、乙60万元，合计120万元": the list ended where the total is restated;
            # anything else may be one more part written after a ，
            label = text[item_start:figures[0].start]
            return _Listing(tuple(parts), tuple(labels), ended_at,
                            bool(_RESTATES_TOTAL.search(label)), tuple(subparts))
        if figures:  # items without one are commentary: "为市、区政务服务中心使用", "占60%"
            label = text[item_start:figures[0].start].strip(" :：")
            if parts and label.startswith("分别"):
                # "其中第一批资金9910万元，分别支持甲项目3000万元、乙项目…；第二批资金7437万元，
                # 分别支持…" (i13f 10, 南昌 水污染防治 下达; the batches and uses of the transfer
                # reports' 分解下达 paragraphs): an item opening with 分别 breaks the part before
                # it down, whatever verb follows — its amounts are no parts of this list
                return _Listing(tuple(parts), tuple(labels), item_start, False, tuple(subparts))
            if parts and _own_spending_of(label, labels[-1]):
                # "其中中央资金80万元，中央资金支出76万元": the part named again with a spending
                # verb is that part's spending (the 资金使用 sentences of the genre state each
                # source's funds and then what of it was spent), no part of the total (i13f)
                return _Listing(tuple(parts), tuple(labels), item_start, False, tuple(subparts))
            word = _stop_word(label, labels[0]) if parts else None
            if word:
                return _Listing(tuple(parts), tuple(labels), item_start,
                                bool(_RESTATES_TOTAL.fullmatch(word.group())), tuple(subparts))
            if len(figures) > 1:
                return _Listing(tuple(parts), tuple(labels), item_start, False, tuple(subparts))
            parts.append(figures[0])
            labels.append(label)
            quiet = False
            if len(parts) == 2:
                list_rank = rank_since_part
            rank_since_part = 0
        if sep_match is not None and depth == 0 and ended_at < 0:
            rank = _RANK[sep_match.group()]
            if list_rank and rank > list_rank:
                ended_at = sep
            rank_since_part = max(rank_since_part, rank)
    if ended_at >= 0:
        # no figure after the list: it did end there — unless a marker cut the reading short
        return _Listing(tuple(parts), tuple(labels), ended_at, stop == sentence_end,
                        tuple(subparts))
    if stop < sentence_end:
        # another marker inside the sentence ("…本级59.75万元，…包括办公费、水电费…", round 3
        # 144; a nested breakdown): the parts read so far are parts, but the list may go on,
        # so only their excess over the total can be told — when the list was followed by
        # words only before that marker (the parts ran into nothing else). The figure right
        # before that marker is its total ("…，拨付资金80万元，其中…"), not a part of this list.
        if not quiet:
            return None
        # — unless it is the list's first item: right after this marker, it is this list's
        # part and the next marker's whole at once ("预算收入1100万元。其中,财政拨款1250万元,
        # 其中罚没收入100万元": 部门预算 statements break their 收入 down two levels deep,
        # round 3 170; i11p)
        if len(parts) > 1 and _total_before(line, stop) is parts[-1]:
            parts.pop()
            labels.pop()
        return _Listing(tuple(parts), tuple(labels), stop, False, tuple(subparts))
    # a line without a final 。 is a sentence too (headings, table cells, web text); PDF
    # lines wrapped mid-sentence were joined back by the reader
    return _Listing(tuple(parts), tuple(labels), sentence_end, True, tuple(subparts))


def _sources(labels: tuple[str, ...]) -> bool:
    """Whether every label names a funding source (中央…、省级…、自筹…)."""
    return bool(labels) and all(_SOURCE.match(_LEAD_MARK.sub("", lb.strip())) for lb in labels)


_MAX_SOURCE_SENTENCES = 4


def _sources_continued(line: AuditLine, listing: _Listing, limit: int, dim: str,
                       total: Figure | None = None) -> _Listing:
    """A breakdown by funding source whose items each end their sentence with their own state:
    "其中:中央财政衔接资金39万元,已下拨到位。自筹资金2696元,已完成自筹。" (round 3, 150 — the
    资金来源 of the official form told source by source). The list goes on into the next
    sentence while that sentence is again sources and nothing else (at most a few) — or,
    likewise, kinds of the total named by the total's own name (`_named_kinds`)."""
    def continues(labels: tuple[str, ...]) -> bool:
        # (the total's label read only when asked: most lists end at their sentence's end)
        return _sources(labels) or (total is not None
                                    and _named_kinds(_label_before(line.text, total), labels))

    for _ in range(_MAX_SOURCE_SENTENCES):
        if not listing.natural_end or listing.end >= limit or not continues(listing.labels) \
                or listing.end >= len(line.text):
            break
        more = _listing(line, listing.end, limit, dim)
        if more is None or not more.parts or not continues(listing.labels + more.labels):
            break
        offset = len(listing.parts)
        listing = _Listing(listing.parts + more.parts, listing.labels + more.labels, more.end,
                           more.natural_end,
                           listing.subparts + tuple((k + offset, f) for k, f in more.subparts))
    return listing


_KIND_NAME = 4  # the shortest name of a total its kinds must repeat (奖励资金, not 资金)


def _named_kinds(total_label: str, labels: tuple[str, ...]) -> bool:
    """Whether every part is a kind of the total by the total's own name (four characters or
    more): "获得产粮大县奖励资金165754万元。其中，常规产粮大县奖励资金157937万元，获奖县94个。
    超级产粮大县奖励资金7817万元，获奖县5个。" (i12f, 山东 产粮大县 — each kind told in its own
    sentence with its own count, as the sources are)."""
    name = _LABEL_TRAIL.sub("", total_label)
    if len(name) < _KIND_NAME or not labels:
        return False
    # (a part ending in the name's last k characters ends in its last _KIND_NAME too: "some k
    # from the whole name down to _KIND_NAME fits every part" is "the shortest fits", one
    # test per part, each label cut only until one fails)
    tail = name[-_KIND_NAME:]
    for lb in labels:
        part = _LEADING_JOINER.sub("", _LABEL_TRAIL.sub("", lb)).strip(" :：")
        if len(part) <= _KIND_NAME or not part.endswith(tail):
            return False
    return True


def _kinds_of_total(total_label: str, labels: tuple[str, ...]) -> bool:
    """Whether the total is called a total and every part a kind of it (总面积 → 商务面积、商业面积).

    Such a list reads as the total's breakdown by kind, so a remainder left unexplained
    deserves a warning. Parts named otherwise (人员经费 of 年初预算, 中央资金 of 总投资,
    "其中30万元用于…") may well be only some of the parts, and a total not called 总…
    (下达资金) may well be broken down only in part.
    """
    head = _head_noun(total_label)
    if not head or "总" not in total_label:
        return False
    names = [_LABEL_TRAIL.sub("", lb) for lb in labels]
    return all(name.endswith(head) and len(name) > len(head) for name in names)


def _kinds_named_whole(line: AuditLine, total: Figure, total_label: str,
                       labels: tuple[str, ...]) -> bool:
    """Whether the sentence names the total's whole as exactly the parts' kinds together:
    "全区共有…商务商业楼宇165栋,总面积723.60万㎡。其中商务面积407.60万㎡,商业面积239.80万㎡"
    (root 046) — 商务 + 商业 are all the kinds there are, so the list is complete."""
    head = _head_noun(total_label)
    kinds = [_LEADING_JOINER.sub("", _LABEL_TRAIL.sub("", lb))[:-len(head)] for lb in labels]
    if len(kinds) < 2 or any(not k for k in kinds):
        return False
    start, _ = line.span_at(total.start)
    before = line.text[start:total.start]
    return any(sep.join(kinds) in before for sep in ("", "、", "和", "与", "及"))


def _prefix_is_total(total: Figure, parts: tuple[Figure, ...], values: list[Decimal | None]) -> bool:
    """Whether the first two or more parts (not all) already add up to the total.

    After 其中/包括 they are then the breakdown and what follows is some other figure of the
    sentence (下达资金200万元，其中：中央资金150万元，省级资金50万元，到位资金200万元). Not
    for 分别 lists, whose items are all parts by the writer's own word: in the seed the
    first five floors make the stated total and the last two are the error. The parts'
    own rounding counts as in the whole list's check (`_within_parts_rounding`).
    """
    running = Decimal(0)
    for k, v in enumerate(values[:-1], start=1):
        running += v or 0
        if k >= 2 and (agrees(total.value, running)
                       or _within_parts_rounding(total, parts[:k], running)):
            return True
    return False


_SENTENCE_END = "。；;！!？?…"


def _cut_off(line: AuditLine, parts: tuple[Figure, ...], last_text: AuditLine | None) -> bool:
    """Whether an exhaustive list is cut off by the end of the text: the document's last line
    ends inside the list, in an item begun after the last part and never finished
    ("…科技项目监管经费9万元,科" — a page captured in part, a PDF page or an excerpt that
    stops mid-sentence). The items not printed may make up the shortfall, so it is only a
    warning; parts that already exceed the total stay an error."""
    if line is not last_text:
        return False
    rest = line.text[parts[-1].end:].rstrip()
    return bool(rest.strip(" ，,、和及")) and rest[-1] not in _SENTENCE_END \
        and not line.figures_between(parts[-1].end, len(line.text))


def _within_parts_rounding(total: Figure, parts: tuple[Figure, ...], total_sum: Decimal) -> bool:
    """Whether the total differs from its parts' sum by no more than the parts' own rounding,
    where the parts are printed coarser than the total.

    A total in 亿元 printed to the 万元 (援疆资金5.3085亿元) over parts rounded to three places
    (续建4.086亿元，新建1.223亿元: 22426万元 + 30659万元 = 5.3085亿元 stated in the same report) —
    each part may be half its last place off, so 5.309 for 5.3085 is the rounding, not an error.
    Only parts printed with decimals, in the total's unit and with fewer places than it: a
    whole amount is taken as exact (`half_unit`), and parts as fine as the total keep the
    exact check every list gets."""
    places_total = places(total.value)
    slack = sum((half_unit(p.value) for p in parts
                 if p.unit == total.unit and 0 < places(p.value) < places_total), Decimal(0))
    return bool(slack) and agrees_within(total.value, total_sum - slack, total_sum + slack)


def _difference_words(total_sum: Decimal, stated: Decimal, unit: str) -> tuple[str, str]:
    """The gap in words, Chinese and English: 合计比所述少 10万元 / 10万元 less."""
    gap = fmt(abs(total_sum - stated), places(stated))
    if total_sum < stated:
        return f"合计比所述少 {gap}{unit}", f"{gap}{unit} less"
    return f"合计比所述多 {gap}{unit}", f"{gap}{unit} more"


_USE_ITEM = re.compile(r"[\s:：]*(?:主要|分别)?用于")
# (a colon or 一是 right after another marker opens that marker's list: 其中：一是…)
_OPENER = re.compile(r"[:：]|一是")


def _uses_as_items(line: AuditLine, markers: list[re.Match[str]]) -> list[re.Match[str]]:
    """The markers without the 用于 that open the items of a list of uses: "其中用于设备购置60万元，
    用于培训30万元" / "资金100万元，用于设备60万元，用于培训30万元" — the genre's 资金使用情况
    names each use with its own 用于 (…方面), so the second 用于 is the list's next item, not
    a breakdown of the first item's amount (which would cut the list short); nor a colon or
    一是 after another marker of its sentence with no figure between (其中：一是…, 主要用于以下
    方面：一是…), which opens that marker's list."""
    kept: list[re.Match[str]] = []
    opened = -1  # the end of the sentence of the last list whose items open with 用于
    for m in markers:
        if m.group() == "用于" and m.start() < opened:
            continue
        if kept and _OPENER.fullmatch(m.group()) \
                and not line.figures_between(kept[-1].end(), m.start()) \
                and line.span_at(kept[-1].start()) == line.span_at(m.start()):
            continue  # (…主要用于以下方面：一是…: no item of the earlier list yet)
        kept.append(m)
        if m.group().endswith("用于") or _USE_ITEM.match(line.text, m.end()):
            opened = line.span_at(m.start())[1]
    return kept


# a paragraph that ends on its total ("项目资金总额100万元。", "…情况如下：下达资金100万元：")
# (the paragraph's own 。 or ：, not a form's cell printed bare: "其中: 一般公共预算:1325.68")
_ENDS_ON_FIGURE = re.compile(r"\s*[。：:]\s*$")
_OPENS_LIST = re.compile(r"^\s*(?:其中|分别)")


def _joined_with_total(doc: AuditDocument, line: AuditLine) -> AuditLine | None:
    """A line opening with 其中/分别 and the paragraph before it, as one line numbered as that
    paragraph, when that paragraph ends on its figure: "项目资金总额100万元。" / "其中中央资金…"
    — the genre breaks the 资金情况 paragraph before its breakdown as often as not (web pages
    and docx give each its own line). None when the line has no such opening or the paragraph
    before (blank lines skipped, at most two) is a table row or ends in words."""
    if not _OPENS_LIST.match(line.text):
        return None
    at = doc.index(line)  # (not number - 1: numbers skip the lines a wrap joined)
    if at is None or at == 0:
        return None
    k = at - 1
    for prev in doc.lines[max(0, k - 2):k + 1][::-1]:
        if not prev.text.strip():
            continue
        if not prev.figures or "|" in prev.text or _OPENS_LIST.match(prev.text) \
                or not _ENDS_ON_FIGURE.fullmatch(prev.text, prev.figures[-1].end):
            return None
        total = prev.figures[-1]
        dim = dimension(total.unit)[0]
        if sum(1 for f in prev.figures_between(*prev.span_at(total.start))
               if dimension(f.unit)[0] == dim) != 1:
            return None  # (…，省级资金40万元。: the last part of a list, no whole)
        offset = len(prev.text)
        # (the written-out constructor: `replace` looks every field up by name, ≈ 5 × slower)
        moved = tuple(Figure(f.value, f.unit, f.start + offset, f.end + offset, f.raw, f.qualifier)
                      for f in line.figures)
        return AuditLine(prev.number, prev.text + line.text, prev.figures + moved)
    return None


# a line ending in its marker and a colon ("项目资金100万元，其中：") and the items numbered one
# per line after it ("1.设备购置60万元；" / "（2）人员培训30万元；" / "三是宣传20万元。")
_MARKER_AT_END = re.compile(r"(?:其中|分别为|分别是|包括|具体为|具体如下|明细如下|情况如下|分配如下|安排如下|"
                            r"使用如下|如下|主要用于|用于|资金来源为|资金来源是|资金来源|来源为|来源是)"
                            r"\s*[:：]\s*$")
_ITEM_LINE = re.compile(r"\s*(?:\d{1,2}\s*[.、．](?!\d)|[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[)）]|"
                        r"[一二三四五六七八九十]{1,3}是|[①②③④⑤⑥⑦⑧⑨⑩])")
_MAX_ITEM_LINES = 20
# an item on a line of its own without a number: a short name, its one amount, the list's
# mark ("中央资金60万元；" — docx and web pages give every item of a 资金来源 list a paragraph)
_PLAIN_ITEM = re.compile(r"\s*[\u4e00-\u9fff][^。；;，,、|:：]{0,24}[；;，,、。]?\s*")


def _joined_items(doc: AuditDocument, line: AuditLine) -> AuditLine | None:
    """A line ending in its marker and a colon joined with the numbered items on the lines
    after it (blank lines passed over), as one line numbered as the marker's — docx and web
    pages give each item of a 资金使用情况 list its own paragraph, as the counts' numbered
    items on lines (`counts._items_on_lines`). An item ending its sentence (。) is joined with
    a ；: the list goes on on the next numbered line. None without such a list."""
    if not line.text.rstrip().endswith((":", "：")) or not _MARKER_AT_END.search(line.text):
        return None  # (the pattern ends in a colon and spaces: most lines end otherwise)
    items: list[AuditLine] = []
    k = line.number  # (the index of the line after it)
    if not 0 < k <= len(doc.lines) or doc.lines[k - 1] is not line:
        return None
    plain = False  # (items without numbers: see _PLAIN_ITEM)
    while k < len(doc.lines) and len(items) < _MAX_ITEM_LINES:
        nxt = doc.lines[k]
        k += 1
        if not nxt.text.strip():
            continue
        if not items and not _ITEM_LINE.match(nxt.text):
            plain = True
        if not nxt.figures or "|" in nxt.text or (
                not plain and not _ITEM_LINE.match(nxt.text)) or (
                plain and (len(nxt.figures) != 1 or not _PLAIN_ITEM.fullmatch(nxt.text))):
            break
        items.append(nxt)
        if plain and nxt.text.rstrip().endswith(("。", "！", "!")):
            break  # (a list of plain lines ends with its sentence)
    if len(items) < 2:
        return None
    text, figures = line.text, list(line.figures)
    for n, item in enumerate(items, start=1):
        body = item.text.rstrip()
        if body.endswith(("。", "；", ";")):
            body = body[:-1]
        figures.extend(replace(f, start=f.start + len(text), end=f.end + len(text))
                       for f in item.figures if f.end <= len(body))
        # (the items joined by ；, the last one ending the sentence)
        text += body + ("。" if n == len(items) else "；")
    return AuditLine(line.number, text, tuple(figures))


# "分别为60、30、20万元", "投资分别为30、40和30万元", "中央资金60、省级资金30、县级资金20万元": the
# genre prints a run of values' unit once, after the last, each value maybe behind its name
# (the 资金来源 and 资金分配 sentences of every province); money and the measures
# sums are stated in (人, 户, 亩…) only — 第2、3批 are ordinals, 2、3月 dates
_RUN_JOINER = re.compile(r"\s*(?:、|和|及|与|以及)\s*(?:[\u4e00-\u9fff]{1,10}\s*)?")
_RUN_UNITS = frozenset(("元", "万元", "亿元", "人", "户", "亩", "万亩", "人次", "公里", "平方米", "万人"))


def _shared_units(line: AuditLine) -> AuditLine:
    """`line` with the unit printed after the last of a run of bare values given to each of
    them (60、30、20万元 → 60万元、30万元、20万元); the line itself when it holds no such run."""
    figures = line.figures
    if len(figures) < 2 or ("、" not in line.text and "和" not in line.text and "及" not in line.text):
        return line
    out = list(figures)
    changed = False
    for j in range(len(out) - 1, 0, -1):
        unit = out[j].unit
        if unit not in _RUN_UNITS or not out[j].exact:
            continue
        k = j - 1
        while k >= 0 and not out[k].unit and out[k].exact \
                and _RUN_JOINER.fullmatch(line.text, out[k].end, out[k + 1].start) \
                and line.text[out[k].start - 1:out[k].start] != "第":
            f = out[k]
            out[k] = Figure(f.value, unit, f.start, f.end, f.raw, f.qualifier)
            changed = True
            k -= 1
    return AuditLine(line.number, line.text, tuple(out)) if changed else line


def detect_enumerated_parts(doc: AuditDocument) -> list[Finding]:
    """Total stated before 其中/分别是/包括 vs the parts listed after it — in its line, in the
    paragraph before a line that opens with the breakdown (`_joined_with_total`), or over the
    numbered lines after a line that ends in its marker (`_joined_items`)."""
    findings: list[Finding] = []
    last_text = next((ln for ln in reversed(doc.lines) if ln.text.strip()), None)
    for line in doc.figured:
        findings.extend(_enumerated(_shared_units(line), 0, last_text))
        if "基本支出" in line.text or "人员经费" in line.text:
            findings.extend(_partition_after(line))
        listed = _joined_items(doc, line)
        if listed is not None:
            at = _MARKER_AT_END.search(line.text)
            assert at is not None
            findings.extend(_enumerated(listed, at.start(), None, first_only=True))
        joined = _joined_with_total(doc, line)
        if joined is not None:
            own = len(joined.text) - len(line.text)
            # (only when the line gives its breakdown no total of its own)
            first = _MARKER.search(line.text)
            if first is not None and _total_before(line, first.start()) is None:
                findings.extend(_enumerated(joined, own, joined if last_text is line else None,
                                            first_only=True))
    return findings


# The partitions of the official forms: 支出 by its nature (基本支出 + 项目支出 — the 部门整体支出
# 绩效自评表's 按支出性质分, the 部门决算's 支出决算表) and 基本支出 by its economic kind (人员经费 +
# 公用经费, the 基本支出决算明细表). A list naming exactly the parts of one names the whole
# ("2021年我局预算支出为1250万元。其中,基本支出922万元,项目支出328万元", round 3 170; 401).
_PARTITIONS = (("支出", frozenset(("基本支出", "项目支出"))),
               ("基本支出", frozenset(("人员经费", "公用经费"))))
_PART_NAME = re.compile(r"^[\s,，、:：]*(?:其中[\s:：]*)?(?:和|及|以及)?\s*(?P<name>[\u4e00-\u9fff]+?)"
                        r"(?:为|是|共|计|合计|共计)?\s*$")


def _partition(labels: tuple[str, ...]) -> str | None:
    """The whole (支出, 基本支出) whose parts in the forms the labels name exactly, or None."""
    names = set()
    for lb in labels:
        m = _PART_NAME.match(lb)
        if m is None:
            return None
        names.add(m.group("name"))
    return next((whole for whole, parts in _PARTITIONS if names == parts), None)


def _whole_partition(total_label: str, labels: tuple[str, ...]) -> bool | None:
    """Whether the parts are exactly one of the forms' partitions of what the total names
    (支出总计 → 基本支出、项目支出): True when such a list leaves nothing out — 基本支出 is
    人员经费 + 公用经费 by definition, a budget's 支出 is 基本支出 + 项目支出 —, False when it
    may leave something out (the 部门决算's 支出 also holds 上缴上级支出, 经营支出, 对附属单位补助
    支出, which 事业单位 have), None when the parts are no partition of what the total names."""
    whole = _partition(labels)
    head = _LABEL_TRAIL.sub("", total_label)
    if whole == "基本支出":
        return True if head.endswith(("基本支出", "基本支出合计", "基本支出总计")) else None
    if whole == "支出":
        # (the year's spending or budget under any of its names: 支出总计, 总支出, 预算支出,
        # 部门预算总金额 — round 3 170, 401)
        return True if "预算" in head else (False if "支出" in head else None)
    return None


def _sibling_of_whole(total_label: str, labels: tuple[str, ...]) -> bool:
    """Whether a list is the partition of a whole other than the figure before it, which names
    that whole's sibling: "基本支出60万元，项目支出40万元，其中人员经费50万元，公用经费10万元" —
    人员经费 and 公用经费 are the 基本支出's, not the 项目支出's."""
    return _partition(labels) == "基本支出" and _LABEL_TRAIL.sub("", total_label).endswith("项目支出")


_PARTITION_AFTER = re.compile(
    r"\s*[，,]\s*(?P<a>基本支出|人员经费)(?:为|是)?\s*(?P<x>[^，,。；;、]{0,2}?)"
    r"(?=\d)")


def _partition_after(line: AuditLine) -> list[Finding]:
    """A total followed without a marker by one of the forms' partitions (`_PARTITIONS`):
    "2022年度支出总计100万元，基本支出60万元，项目支出40万元" — the two parts right after it,
    nothing else between; they must make the total."""
    out: list[Finding] = []
    figures = line.figures
    for k, total in enumerate(figures[:-2]):
        m = _PARTITION_AFTER.match(line.text, total.end)
        if m is None or m.group("x") or not total.exact or dimension(total.unit)[0] != "money":
            continue
        a, b = figures[k + 1], figures[k + 2]
        if a.start != m.end():
            continue
        second = "项目支出" if m.group("a") == "基本支出" else "公用经费"
        gap = line.text[a.end:b.start]
        if not re.fullmatch(rf"\s*[，,、]\s*(?:和|及|以及)?{second}(?:为|是)?\s*", gap):
            continue
        certain = _whole_partition(_label_before(line.text, total), (m.group("a"), second))
        if certain is None:
            continue
        rest = line.text[b.end:line.span_at(b.end)[1]]
        if line.figures_between(b.end, b.end + len(rest)) and not certain:
            continue  # (…项目支出30万元，上缴上级支出10万元: the 决算's other kinds go on)
        values = [in_unit(p, total.unit) for p in (a, b)]
        if any(v is None for v in values) or not (a.exact and b.exact):
            continue
        got = sum((v for v in values if v is not None), Decimal(0))
        if agrees(total.value, got) or _within_parts_rounding(total, (a, b), got):
            continue
        zh, en = _difference_words(got, total.value, total.unit)
        out.append(Finding(
            code="sum-mismatch",
            severity=Severity.ERROR if certain or got > total.value else Severity.WARNING,
            message=(f"所述合计 {total.raw}，其后{m.group('a')}与{second}之和为 "
                     f"{fmt(got, places(total.value))}{total.unit}（{zh}）"
                     f" / stated total {total.value}{total.unit}, its {m.group('a')} and "
                     f"{second} add up to {fmt(got, places(total.value))}{total.unit} ({en})"),
            stated=total.value, expected=Decimal(fmt(got, places(total.value))),
            operands=(a.value, b.value), unit=total.unit, line=line.number,
            excerpt=excerpt(line.text, total.start, b.end)))
    return out


def _enumerated(line: AuditLine, floor: int, last_text: AuditLine | None, *,
                first_only: bool = False) -> list[Finding]:
    """The lists of one line whose markers lie at or after `floor` (`first_only`: the first
    of them alone), against their totals."""
    findings: list[Finding] = []
    found = list(_MARKER.finditer(line.text))
    if not found:
        return findings  # (most lines: no list to read)
    markers = _uses_as_items(line, found)
    chain: tuple[int, int, Figure] | None = None  # (marker, list end, total) of a 按…分 list
    for i, m in enumerate(markers):
        if m.start() < floor:
            continue
        if first_only and i and markers[i - 1].start() >= floor:
            break
        by = m.group().startswith("按")
        if by and chain is not None and chain[0] == i - 1 \
                and _GAP.match(line.text[chain[1]:m.start()]):
            total: Figure | None = chain[2]  # (the next way of breaking the same total down)
        else:
            total = _total_before(line, m.start())
        if total is None:
            continue
        limit = markers[i + 1].start() if i + 1 < len(markers) else len(line.text)
        listing = _listing(line, m.end(), limit, dimension(total.unit)[0])
        if listing is None:
            continue
        if by:
            chain = (i, listing.end, total)
            if i + 1 < len(markers) and markers[i + 1].group().startswith("按") \
                    and _GAP.match(line.text[listing.end:limit]):
                # (the list ends where the next way of breaking the total down begins)
                listing = replace(listing, natural_end=True)
        listing = _sources_continued(line, listing, limit, dimension(total.unit)[0], total)
        findings.extend(_subpart_findings(line, listing))
        parts = listing.parts
        named = _recipient_names(_REMARK.sub("", line.text[total.end:m.start()])) \
            if m.group().startswith("分别") else None
        if named is not None and len(named) != len(parts):
            continue  # a value for each recipient named, or the pairing is not certain
        if not parts or not all(p.exact for p in parts):
            continue
        # (a part named as a reduction — 调减/核减/调出/收回, the words of `_ADJUST` — is
        # taken off: "下达资金A万元，其中：甲资金调减B万元，乙资金C万元…" (a batch's
        # adjustments, i12f 虎林 林业))
        signs = [-1 if _reduces(lb) else 1 for lb in listing.labels]
        if max(signs) < 0:
            signs = [1] * len(signs)  # (a total of reductions: 共调减…，其中甲调减…，乙调减…)
        if len(parts) == 1:
            if signs[0] < 0:
                continue
            # one part larger than the whole it is part of is wrong however many parts
            # were left unsaid ("预算收入1100万元。其中，财政拨款1250万元，…", round 3, 170)
            one = in_unit(parts[0], total.unit)
            if one is None or one <= total.value or agrees(total.value, one) \
                    or not total.raw.endswith(total.unit) \
                    or _NAMES_FIRST.match(line.text, m.end(), parts[0].start) \
                    or _TOTAL_PART.match(listing.labels[0]) \
                    or _last_of_values(line, total):
                # (设置一级指标3个，分别为产出指标、效益指标和满意度指标，二级指标8个: the list
                # was of names, the figure after it another count's; 每村补助5万元，其中贫困村
                # 10个，共补助100万元: the one amount named as a total is the list's sum, no part;
                # 甲镇、乙镇分别下达60万元、40万元，其中甲镇已拨付50万元: the last of values
                # named together, the 其中 may be of any of them)
                continue
        if not total.raw.endswith(total.unit) and any(p.unit != total.unit for p in parts):
            continue  # a total printed without a unit takes its parts' one unit, or none
        if any(_PER_UNIT_PART.search(lb) for lb in listing.labels):
            # "项目资金100万元，甲村、乙村分别补助每户2000元、3000元": the values are prices
            # per unit (每户, 人均…), not shares of the amount
            continue
        if total.unit == "元" and any(p.unit in ("万元", "亿元") for p in parts) \
                and "每" in _label_before(line.text, total):
            # "种植28000亩，每亩补贴100元，其中中央补贴资金200万元": a price per unit in 元 is no
            # whole of parts in 万元 — they break down the funds the price comes to
            continue
        unsigned = [in_unit(p, total.unit) for p in parts]
        if any(v is None for v in unsigned):
            continue
        values = [v * sign if v is not None else None for v, sign in zip(unsigned, signs, strict=True)]
        total_sum = sum((v for v in values if v is not None), Decimal(0))
        if agrees(total.value, total_sum):
            continue  # (most lists: nothing more to tell)
        if _within_parts_rounding(total, parts, total_sum):
            continue
        if _HIDDEN_AMOUNT.search(line.text, m.end(), listing.end) and (
                total_sum < total.value or min(signs) < 0):
            # an item whose amount the page hides or left blank (退耕还林抚育 点击查看>>
            # 万元, 资金****万元, ____万元) may make up a shortfall — or, beside a reduction,
            # an excess: only parts that can only add, above the total, are a contradiction
            continue
        # a list ending in 其他/其余 (其他资金渠道5876.19万元) names every part by itself
        # (and nothing said after it: "其他资金30万元已到位" may be a part of the rest)
        last_label = _LEADING_JOINER.sub("", listing.labels[-1])
        # (a 分别 after 其中 shares out only the part 其中 names: "其中城区、乡镇分别为…")
        total_label = _label_before(line.text, total)
        if _sibling_of_whole(total_label, listing.labels):
            continue
        if _CHANGE.search(total_label) and not any(_CHANGE.search(lb) for lb in listing.labels):
            # "基本支出80万元，较上年增加10万元，其中人员经费50万元、公用经费30万元": the change
            # stands between the amount and its breakdown; the parts, named as no change, are
            # the amount's
            continue
        # (a partition of the forms names every part; of a 决算's 支出, maybe not: a doubt)
        partition = _whole_partition(total_label, listing.labels) if listing.natural_end else None
        exhaustive = (m.group() in _EXHAUSTIVE
                      and "其中" not in line.text[total.end:m.start()]) or (
            listing.natural_end and bool(_REST.match(last_label))
            and bool(_GAP.match(line.text[parts[-1].end:listing.end]))) or partition is not None
        # (an exhaustive 分别 list has no figure that is not a part (seed S1); nor has a
        # run of items joined by 、 alone: "包括23个数量指标、2个质量指标、1个时效指标、…",
        # where a prefix of small counts hits the total by chance, 026)
        tight = not _CLAUSE_MARK.search(line.text, parts[0].end, parts[-1].start)
        # (nor has a breakdown by funding source: 中央资金…，省级资金…，县级资金…)
        sources = all(_SOURCE.match(_LEAD_MARK.sub("", lb)) for lb in listing.labels)
        if not exhaustive and not tight and not sources \
                and _prefix_is_total(total, parts, values):
            continue
        if total_sum < total.value:
            # 其中/包括 may name only some of the parts: a shortfall is no contradiction,
            # except (a warning) when every part is a kind of the total. A list cut short
            # by a clause of another pattern proves nothing either way.
            if not listing.natural_end:
                continue
            if _LEFT_OUT.search(line.text, parts[-1].end, line.span_at(parts[-1].end)[1]):
                continue
            if by:
                # (a part may be named without its amount: "…，县级配套资金尚未到位")
                severity = Severity.WARNING
                note = "（如有未列出的部分，请补充说明）"
            elif not exhaustive:
                if "等" in line.text[parts[-1].end:listing.end]:
                    continue
                if not _kinds_of_total(total_label, listing.labels):
                    continue
                if _kinds_named_whole(line, total, total_label, listing.labels):
                    severity, note = Severity.ERROR, ""
                else:
                    severity = Severity.WARNING
                    note = "（如有未列出的部分，请补充说明）"
            elif _cut_off(line, parts, last_text):
                severity = Severity.WARNING
                note = "（原文在列举中途截断，其余各项无从核对）"
            elif named is not None and _source_names(named):
                # (中央和省级资金分别为…: the levels named may leave out one that gave the
                # rest — a county's match unmentioned — so short of the whole is a doubt)
                severity = Severity.WARNING
                note = "（如有未列出的资金来源，请补充说明）"
            elif partition is False:
                severity = Severity.WARNING
                note = "（如有上缴上级、经营等其他支出，请补充说明）"
            else:
                severity = Severity.ERROR
                note = ""
        else:
            severity = Severity.ERROR
            note = ""
        slip = _unit_slip(line, total, parts)
        if slip is not None:
            findings.append(slip)
            continue
        sum_text = f"{fmt(total_sum, places(total.value))}{total.unit}"
        zh, en = _difference_words(total_sum, total.value, total.unit)
        if min(signs) < 0:
            zh, en = zh + "；调减的项按减数计", en + "; reductions subtracted"
        findings.append(Finding(
            code="sum-mismatch",
            severity=severity,
            message=(
                f"所述合计 {total.raw}，“{m.group()}”所列 {len(parts)} 项之和为 "
                f"{sum_text}（{zh}）{note}"
                f" / stated total {total.value}{total.unit}, the {len(parts)} listed parts "
                f"add up to {sum_text} ({en})"
            ),
            stated=total.value,
            expected=Decimal(fmt(total_sum, places(total.value))),
            operands=tuple(p.value for p in parts),
            unit=total.unit,
            line=line.number,
            excerpt=excerpt(line.text, total.start, parts[0].end),
        ))
    return findings


def _subpart_findings(line: AuditLine, listing: _Listing) -> list[Finding]:
    """A part of a 其中 list against the amounts that 占 of it (基本支出1680.11万元，工资福利支出
    占854万元，公用支出占826.11万元): they may be only some of it, so only an excess is an error."""
    out: list[Finding] = []
    for index in sorted({k for k, _ in listing.subparts}):
        subs = [f for k, f in listing.subparts if k == index]
        found = _excess(line, listing.parts[index], subs, "项占其的部分", "amounts said to be part of it")
        if found is not None:
            out.append(found)
    return out


def _excess(line: AuditLine, whole: Figure, parts: list[Figure], what_zh: str,
            what_en: str) -> Finding | None:
    """An error when two or more parts that may be only some of `whole` exceed it."""
    values = [in_unit(f, whole.unit) for f in parts]
    if len(parts) < 2 or any(v is None for v in values):
        return None
    got = sum((v for v in values if v is not None), Decimal(0))
    if got <= whole.value or agrees(whole.value, got):
        return None
    zh, en = _difference_words(got, whole.value, whole.unit)
    sum_text = f"{fmt(got, places(whole.value))}{whole.unit}"
    return Finding(
        code="sum-mismatch", severity=Severity.ERROR,
        message=(f"所述 {whole.raw}，其后所列 {len(parts)} {what_zh}之和为 {sum_text}（{zh}）"
                 f" / stated {whole.value}{whole.unit}, the {len(parts)} {what_en} "
                 f"add up to {sum_text} ({en})"),
        stated=whole.value, expected=Decimal(fmt(got, places(whole.value))),
        operands=tuple(f.value for f in parts), unit=whole.unit, line=line.number,
        excerpt=excerpt(line.text, whole.start, parts[-1].end))


def _unit_slip(line: AuditLine, total: Figure, parts: tuple[Figure, ...]) -> Finding | None:
    """``补助471.23元，其中中央补助189.63万元，地方补助281.6万元``: the parts make the total's
    number in their own unit — the total's unit is a slip (a warning), not a wrong sum."""
    units = {p.unit for p in parts}
    if len(units) != 1 or total.unit in units:
        return None
    unit = units.pop()
    got = sum((p.value for p in parts), Decimal(0))
    if not agrees(total.value, got):
        return None
    return Finding(
        code="unit-implausible", severity=Severity.WARNING,
        message=(f"所述合计 {total.raw} 与各分项之和 {fmt(got)}{unit} 数值相同、单位不同，"
                 f"单位可能应为{unit} / the total's number matches its parts in {unit}: "
                 f"a unit slip"),
        stated=total.value, expected=got, operands=tuple(p.value for p in parts),
        unit=total.unit, line=line.number, excerpt=excerpt(line.text, total.start, parts[-1].end))


# (a colon or the unit in brackets may follow the word: 合计：, 合计(万元))
_TOTAL_LABEL = re.compile(r"^[^其含]{0,8}(合\s*计|总\s*计|小\s*计)\s*(?:[(（][^)）]{0,6}[)）])?\s*[:：]?$")
_HEADER_UNIT = re.compile(r"[(（]\s*(万元|元|亿元|平方米|万平方米)\s*[)）]|单位\s*[:：]\s*(万元|元|亿元)")


_BLANKS = re.compile(r"[ \t\u3000][ \t\u3000]*")  # (a class first: the engine skips to the blanks)
_TOTAL_GATE = re.compile(r"[合总小]\s*计")


def _row_cells(line: AuditLine) -> list[Cell]:
    """The cells of a table row: ``|``-separated, or — text from PDFs and spreadsheets
    printed without borders — separated by blanks (甲村 50 45)."""
    text = line.text
    if "|" in text:
        return cells(line)
    if not _BLANKS.search(text.strip()):
        return []
    out: list[Cell] = []
    pos = 0
    for m in [*_BLANKS.finditer(text), None]:
        end = m.start() if m else len(text)
        if end > pos:
            out.append(Cell(text[pos:end], pos, end, line.figures_between(pos, end)))
        pos = m.end() if m else len(text)
    return out


def _numeric_row(line: AuditLine) -> tuple[str, list[Figure]] | None:
    row = _row_cells(line)
    if len(row) >= 3 and row[1].number is None and _ordinal(row[0].number):
        row = row[1:]  # "1 | 甲 | 60": a 序号 column before the label
    if "|" not in line.text and len(row) >= 3 and not row[0].figures and not row[1].figures \
            and len(row[0].text) == 1:
        # "合 计 213.4 259": PDF and spreadsheet text spreads a short label over its cell
        # (合　计, 小　计, 总　计 — round 3 480's 湖南 申报表, the statements' 合　　计): the words
        # before the first amount are one label
        k = next((n for n, c in enumerate(row) if c.figures), len(row))
        row = [Cell(line.text[row[0].start:row[k - 1].end], row[0].start, row[k - 1].end, ()),
               *row[k:]]
    if len(row) < 2 or row[0].number is not None:
        return None
    while len(row) > 2 and row[-1].text not in _DASHES and not row[-1].figures:
        # "（二）绩效目标 | 5 | 4 | 目标不够细化": a remark column (扣分原因, 备注, 偏差原因) filled
        # on some rows only — the score sheets of 评价报告 state why points were docked, the
        # allocation tables what a row's amount holds — is no amount; without this, a row
        # with a remark cut the rows above it off the 合计's column (i13f)
        row = row[:-1]
    # (a dash is an amount of none, as the forms and statements print it: 乙 | 40 | —)
    numbers = [c.number if c.text not in _DASHES else Figure(Decimal(0), "", c.start, c.end, c.text)
               for c in row[1:]]
    if any(n is None for n in numbers) or all(n.raw in _DASHES for n in numbers if n is not None):
        return None
    figures = [n for n in numbers if n is not None]
    if not all(f.exact and f.unit in ("", "元", "万元", "亿元") for f in figures):
        return None
    return row[0].text, figures


_DASHES = frozenset(("—", "——", "-", "－", "–", "/", "／", "\\"))


def _ordinal(fig: Figure | None) -> bool:
    """A 序号 cell: a bare whole number below 1000."""
    return fig is not None and not fig.unit and fig.exact and fig.value == fig.value.to_integral_value() \
        and 0 < fig.value < 1000 and "." not in fig.raw


def _years(figures: list[Figure]) -> bool:
    """A header row of years (2021 | 2022) is not a row of amounts."""
    return all(f.value == f.value.to_integral_value() and 1990 <= f.value <= 2100 and not f.unit
               for f in figures)


# A category row of a table, numbered as the forms and statements number their first level
# (一、设备购置 | 100 above 甲设备 | 60, 乙设备 | 40): it is the total of the rows under it.
_CN_ORDINAL = "[一二三四五六七八九十]+"
_CATEGORY_ROW = re.compile(rf"^\s*(?:(?P<top>{_CN_ORDINAL}\s*[、.．])|[（(]\s*{_CN_ORDINAL}\s*[)）])")


def _numbering(label: str) -> str | None:
    """The numbering of a category row: "top" (一、), "bracket" (（一）) or None."""
    m = _CATEGORY_ROW.match(label)
    return None if m is None else "top" if m.group("top") else "bracket"
_Row = tuple[AuditLine, str, list[Figure]]


def _table_rows(lines: tuple[AuditLine, ...], k: int, step: int, width: int) -> list[_Row] | None:
    """The numeric rows of `width` figures from line index `k` on, going `step` (±1), up to
    the first row that is not one; None when a 其中 row or a sub-total lies among them (the
    column is then no plain list). One blank line between rows is passed over: the html and
    docx readers put one between a table's rows."""
    rows: list[_Row] = []
    while 0 <= k < len(lines):
        if not lines[k].text.strip() and 0 <= k + step < len(lines) \
                and lines[k + step].text.strip():
            k += step
        row = _numeric_row(lines[k])
        if row is None or len(row[1]) != width or _years(row[1]):
            break
        if row[0].startswith(("其中", "含")) or _TOTAL_LABEL.match(row[0]):
            return None
        rows.append((lines[k], row[0], row[1]))
        k += step
    return rows


def _group_below(lines: tuple[AuditLine, ...], i: int, width: int, label: str) -> list[_Row] | None:
    """The members under a group's 合计 row (甲市合计 above 甲县, 乙县 …) up to the next
    group's — an allocation table printing each city's total first and its counties under it
    (i12f: 浙江 薄弱环节改善 分配表; the 分配表/安排表 of transfer payments by 省/市/县). Only a
    group closed by the next group's 合计 row is read (a table cut off, or going on across a
    page's header, proves nothing), and only a row naming its group (甲市合计, not 合计)."""
    name = _TOTAL_LABEL.match(label)
    if name is None or not label[:name.start(1)].strip():
        return None
    rows: list[_Row] = []
    k = i + 1
    while k < len(lines):
        if not lines[k].text.strip() and k + 1 < len(lines) and lines[k + 1].text.strip():
            k += 1  # (one blank line between rows)
        row = _numeric_row(lines[k])
        if row is None or len(row[1]) != width or _years(row[1]) or row[0].startswith(("其中", "含")):
            return None
        if _TOTAL_LABEL.match(row[0]):
            return rows if len(rows) >= 2 else None
        rows.append((lines[k], row[0], row[1]))
        k += 1
    return None


def _groups(rows: list[_Row]) -> list[tuple[_Row, list[_Row]]] | None:
    """Rows in table order read as first-level rows and the rows under each: every row when
    none is a numbered category; None when categories are numbered but the first row is not one
    (members without their category: no certain reading)."""
    if not any(_CATEGORY_ROW.match(label) for _, label, _ in rows):
        return [(r, []) for r in rows]
    style = _numbering(rows[0][1])
    # (一、 numbers the first level and （一） the second — 一、决策 over （一）项目立项, the score
    # sheets of 10号's framework and the statements' 功能分类 —: （一） rows are members of their
    # 一、 row, not categories beside it; rows read from a （三） on, their 一、 row cut off above
    # them, have no certain reading)
    if style is None or (style == "bracket"
                         and any(_numbering(label) == "top" for _, label, _ in rows)):
        return None
    out: list[tuple[_Row, list[_Row]]] = []
    for r in rows:
        if _numbering(r[1]) == style:
            out.append((r, []))
        else:
            out[-1][1].append(r)
    return out


def _category_findings(groups: list[tuple[_Row, list[_Row]]], unit: str | None,
                       rates: frozenset[int] = frozenset()) -> list[Finding]:
    """Each category row against the rows under it — a first-level row against its
    second-level categories when it has them (一、 over （一）), and each of those against
    its own rows."""
    findings: list[Finding] = []
    where = ("类别行", "其下", "category row", "under it")
    for head, members in groups:
        inner = _groups(members) if members else None
        if inner is None:
            continue
        subs = [sub for sub, _ in inner]
        if len(subs) >= 2:
            findings.extend(_column_findings(head[0], head[2], subs, unit, where, rates=rates))
        for sub, rows_under in inner:
            if len(rows_under) >= 2:
                findings.extend(_column_findings(sub[0], sub[2], rows_under, unit, where,
                                                 rates=rates))
    return findings


def _header_unit(lines: tuple[AuditLine, ...], above: int) -> str | None:
    """The unit a table's header states (金额（万元）, 单位：万元) in the four lines from `above` up."""
    for k in range(above, max(-1, above - 4), -1):
        um = _HEADER_UNIT.search(lines[k].text)
        if um:
            return um.group(1) or um.group(2)
    return None


# a column whose header names a rate or a share (支出率（%）, 完成率(%), 占比): its 合计 row is the
# rate of the totals, never the sum of the rows' rates — 资金分配/执行 tables print the rate
# column with its % in the header and bare numbers below (i13g: the rate family's table probe)
_RATE_HEADER_CELL = re.compile(r"率|[(（]\s*[%％]\s*[)）]|比例|比重|占比")


def _rate_columns(lines: tuple[AuditLine, ...], above: int, width: int) -> frozenset[int]:
    """The value columns (0 = the first after the label) whose header names a rate, the
    header being the line `above` (or the one over it) with a label cell and `width` cells
    and no figure of its own; empty when no such header is found."""
    for k in range(above, max(-1, above - 2), -1):
        cells = _row_cells(lines[k])
        if len(cells) == width + 1 and not any(c.number is not None for c in cells):
            return frozenset(j - 1 for j, c in enumerate(cells) if j and _RATE_HEADER_CELL.search(c.text))
    return frozenset()


def _column_findings(total_line: AuditLine, totals: list[Figure], rows: list[_Row],
                     unit: str | None, where: tuple[str, str, str, str],
                     first_column: int = 0, rates: frozenset[int] = frozenset()) -> list[Finding]:
    """A total row's figures against the column sums of `rows`, column by column (the first
    of them the table's column 2 + `first_column`); the columns in `rates` (their header a
    rate) are not added."""
    what_zh, rows_zh, what_en, rows_en = where
    findings: list[Finding] = []
    for col, stated_fig in enumerate(totals):
        if col in rates or stated_fig.raw in _DASHES or sum(r[2][col].raw not in _DASHES for r in rows) < 2:
            continue  # no total printed, or fewer than two amounts to add
        column = [r[2][col].value for r in rows]
        total_sum = sum(column, Decimal(0))
        if agrees(stated_fig.value, total_sum):
            continue
        findings.append(Finding(
            code="sum-mismatch",
            severity=Severity.ERROR,
            message=(
                f"第{col + 2 + first_column}列{what_zh}为 {stated_fig.value}，{rows_zh} {len(rows)} 行之和为 "
                f"{fmt(total_sum, places(stated_fig.value))}"
                f" / {what_en} {stated_fig.value}, the {len(rows)} rows {rows_en} add up to "
                f"{fmt(total_sum)}"
            ),
            stated=stated_fig.value,
            expected=Decimal(fmt(total_sum, places(stated_fig.value))),
            operands=tuple(column),
            unit=unit,
            line=total_line.number,
            excerpt=total_line.text.strip(),
        ))
    return findings


def detect_column_sums(doc: AuditDocument) -> list[Finding]:
    """A 合计/总计/小计 row of a flattened table against the rows directly above it — or, the
    statements' layout (部门预算/决算 tables print 合计 first), directly below it when no row
    of amounts stands above.

    A numbered category row (一、… / （一）…) is the total of the rows under it, as in the
    forms' and statements' tables: then the 合计 row takes the categories alone, and each
    category is checked against its own rows. Rows of 其中 or a sub-total among them leave the
    column alone, and so do categories whose first row is not numbered.
    """
    findings: list[Finding] = []
    lines = doc.lines
    for line in doc.figured:  # (a 合计 row holds its figures)
        if "计" not in line.text or not _TOTAL_GATE.search(line.text):  # (计 in every match)
            continue
        i = doc.index(line)
        assert i is not None  # (one of doc.figured)
        total_row = _numeric_row(line)
        if total_row is None or not _TOTAL_LABEL.match(total_row[0]):
            continue
        width = len(total_row[1])
        above = _table_rows(lines, i - 1, -1, width)
        below = _table_rows(lines, i + 1, 1, width) if not above else []
        if above is None or below is None:
            # a sub-total among the rows: the allocation tables' layout where each group's
            # 合计 row heads its members (省合计, 甲市合计, its counties, 乙市合计, …)
            members = _group_below(lines, i, width, total_row[0])
            if members:
                findings.extend(_column_findings(line, total_row[1], members,
                                                 _header_unit(lines, i - 1),
                                                 ("小计行", "其下", "sub-total row", "under it")))
            continue
        if above:
            rows = above[::-1]  # table order
            # the line above the first row (by index: line numbers skip the lines a wrapped
            # paragraph was joined from)
            first = doc.index(rows[0][0])
            assert first is not None  # (a row of doc.lines)
            unit = _header_unit(lines, first - 1)
            rates = _rate_columns(lines, first - 1, width)
            where = ("合计行", "上方", "total row", "above")
        else:
            if not below:
                continue
            rows = below
            unit = _header_unit(lines, i - 1)
            rates = _rate_columns(lines, i - 1, width)
            where = ("合计行", "下方", "total row", "below")
        groups = _groups(rows)
        if groups is None:
            continue
        top = [head for head, _ in groups]
        if len(top) >= 2:
            findings.extend(_column_findings(line, total_row[1], top, unit, where, rates=rates))
        findings.extend(_category_findings(groups, unit, rates))
    return findings


# A column of a table that is its row's total: 合计下达 after 已预下达 | 本次下达 (an allocation
# table adding this batch to the one sent in advance), 小计 before C级 | D级 | 无房 (a table of
# households or amounts by kind) — i12f: 浙江 薄弱环节改善 分配表, 大足 危房改造 分配表.
_TOTAL_COLUMN = re.compile(r"^[^其含\d]{0,4}(?:合\s*计|小\s*计|总\s*计)[^\d]{0,6}$")
# columns that are no amount of the row's kinds (a rate, a price, a count of the items, a note)
_NOT_ADDED = re.compile(r"率|%|％|单价|标准|序号|编号|备注|说明|比例|年度|年份|日期|得分|分值|权重")
_MAX_ROW_WIDTH = 16
_AGREEING = 2  # rows the relation must hold in before a row it fails in is a contradiction


def _row_numbers(line: AuditLine) -> tuple[str, list[Figure]] | None:
    """A row's label and its run of numeric cells (a dash is none: 0), remark cells allowed
    after them (追减…); None for a row of another shape."""
    row = _row_cells(line)
    if len(row) >= 3 and row[1].number is None and _ordinal(row[0].number):
        row = row[1:]  # (a 序号 column)
    if len(row) < 3 or row[0].figures:
        return None
    numbers: list[Figure] = []
    for c in row[1:]:
        fig = c.number if c.text not in _DASHES else Figure(Decimal(0), "", c.start, c.end, c.text)
        if fig is None:
            if not numbers:
                return None
            break  # (the remarks after the numbers: 追减“…”22.55万元)
        if not fig.exact:
            return None
        numbers.append(fig)
    return row[0].text, numbers


def _column_parts(header: list[str]) -> list[tuple[int, list[int]]]:
    """(a total column, the columns it adds up) of a header: a total at the end adds the columns
    before it back to the previous total; one heading its group adds those after it up to the
    next total or the repeat of its first member's name (小计 C级 D级 无房 C级 …)."""
    out: list[tuple[int, list[int]]] = []
    totals = [k for k, h in enumerate(header) if _TOTAL_COLUMN.match(h)]
    for t in totals:
        if t == len(header) - 1:
            k = t - 1
            parts = []
            while k >= 0 and k not in totals:
                parts.append(k)
                k -= 1
            parts.reverse()
        else:
            parts = []
            for k in range(t + 1, len(header)):
                if k in totals or (parts and header[k] == header[parts[0]]):
                    break
                parts.append(k)
        if len(parts) >= 2 and not any(_NOT_ADDED.search(header[k]) for k in parts):
            out.append((t, parts))
    return out


def detect_row_totals(doc: AuditDocument) -> list[Finding]:
    """A total column (合计/小计/总计) against the other columns of its row it adds up, in a
    table whose header names it. The table must prove the reading: the relation holds in at
    least two of its rows and in most of them (a 合计 that multiplies, or adds columns the
    header does not show, fails in most rows and is not read)."""
    findings: list[Finding] = []
    lines = doc.lines
    for k, line in enumerate(lines):
        if "计" not in line.text or line.figures or not _TOTAL_GATE.search(line.text):
            continue
        header = [c.text.strip() for c in _row_cells(line)]
        if not 3 <= len(header) <= _MAX_ROW_WIDTH:
            continue
        rows: list[tuple[AuditLine, list[Figure]]] = []
        j = k + 1
        while j < len(lines):
            if not lines[j].text.strip() and j + 1 < len(lines) and lines[j + 1].text.strip():
                j += 1  # (one blank line between rows)
            row = _row_numbers(lines[j])
            if row is None:
                break
            rows.append((lines[j], row[1]))
            j += 1
        if len(rows) < _AGREEING + 1:
            continue
        width = len(rows[0][1])
        if any(len(r[1]) != width for r in rows) or width not in (len(header), len(header) - 1):
            continue
        names = header[len(header) - width:]  # (the label column's name, if printed, dropped)
        for t, parts in _column_parts(names):
            checked = [(ln, figs[t], [figs[q] for q in parts]) for ln, figs in rows
                       if figs[t].raw not in _DASHES]
            summed = [(ln, tot, ps, sum((p.value for p in ps), Decimal(0))) for ln, tot, ps in checked]
            wrong = [row for row in summed if not agrees(row[1].value, row[3])]
            if not wrong or len(checked) - len(wrong) < max(_AGREEING, 2 * len(wrong)):
                continue
            for ln, tot, ps, got in wrong:
                findings.append(Finding(
                    code="sum-mismatch", severity=Severity.ERROR,
                    message=(f"“{names[t]}”列为 {tot.raw}，同行“{'、'.join(names[q] for q in parts)}”"
                             f"之和为 {fmt(got, places(tot.value))} / the {names[t]} column states "
                             f"{tot.raw}, the row's {len(parts)} columns it adds up make {fmt(got)}"),
                    stated=tot.value, expected=Decimal(fmt(got, places(tot.value))),
                    operands=tuple(p.value for p in ps), unit=_header_unit(lines, k) or tot.unit,
                    line=ln.number, excerpt=ln.text.strip()))
    return findings


# an amount a page hides or leaves blank where its number should be: a repost's mask (tender
# sites print 点击查看>> or **** for the figures of the 自评报告 they copy: bidcenter, qianlima,
# ixbang reposts in round 3 and i11f/i12f), a template's xx or a form's ____ before the unit
_HIDDEN_AMOUNT = re.compile(r"(?:[*＊xX×_＿?？□]+|点击查看>*|[(（]略[)）])\s*(?:万元|亿元|元)")


def _reduces(label: str) -> bool:
    """Whether a part is named as a reduction (调减/核减/调出/收回: the down words of `_ADJUST`)."""
    m = _ADJUST.search(label)
    return m is not None and m.lastgroup == "down"


# an amount left blank in a filled-in form: the label and the unit, no number
_BLANK_AMOUNT = re.compile(r"[\u4e00-\u9fff](?:万元|元|亿元)\s*$")
_BRACKET = re.compile(r"[（(]\s*(?:(?P<marker>含|其中|包括|包含)\s*[:：]?)?")
_CLOSE = re.compile(r"[）)]")


def _bracket_division(line: AuditLine, total: Figure, bare: bool, dim: str, pos: int, inner: str,
                      close_end: int) -> Finding | None:
    """One division of a bracketed breakdown (its items between ；) against the total before
    the bracket (see `detect_bracketed_parts`)."""
    text = line.text
    parts: list[Figure] = []
    for item in re.split(r"[、,，]", inner):
        figs = [f for f in line.figures_between(pos, pos + len(item))
                if bare or dimension(f.unit)[0] == dim]
        if not item.strip() and not parts:
            pos += len(item) + 1
            continue  # "（其中，…": the comma after the marker
        pos += len(item) + 1
        if not figs and _BLANK_AMOUNT.search(item):
            continue  # "政府专项经费万元": a form's amount left blank adds nothing (108)
        if len(figs) != 1 or not figs[0].exact:
            return None
        parts.append(figs[0])
    if len(parts) < 2:
        return None
    if bare:
        units = {p.unit for p in parts} - {""}
        if len(units) != 1 or dimension(next(iter(units)))[0] == "money":
            return None  # parts in one count unit (a bare part is in it too), or no reading
        values: list[Decimal | None] = [p.value for p in parts]
    else:
        values = [in_unit(p, total.unit) for p in parts]
    if any(v is None for v in values):
        return None
    got = sum((v for v in values if v is not None), Decimal(0))
    if agrees(total.value, got):
        return None
    if bare and got < total.value:
        return None  # a shortfall proves nothing when the unit itself is guessed
    zh, en = _difference_words(got, total.value, total.unit)
    sum_text = f"{fmt(got, places(total.value))}{total.unit}"
    return Finding(
        code="sum-mismatch",
        severity=Severity.ERROR if got > total.value else Severity.WARNING,
        message=(f"所述 {total.raw}，括号内所列 {len(parts)} 项之和为 {sum_text}（{zh}）"
                 f" / stated {total.value}{total.unit}, the {len(parts)} bracketed parts "
                 f"add up to {sum_text} ({en})"),
        stated=total.value, expected=Decimal(fmt(got, places(total.value))),
        operands=tuple(p.value for p in parts), unit=total.unit, line=line.number,
        excerpt=excerpt(text, total.start, close_end))


def detect_bracketed_parts(doc: AuditDocument) -> list[Finding]:
    """``培训120人（含教师50人、学生70人）``: the bracketed breakdown against the figure before it
    (the bracket may also open right after the figure without 含: ``100万元（中央资金60万元、…）``).

    Parts above the total are an error. A bracket may name only some kinds (贫困户1200户
    （含低保户300户、五保户50户）), so parts short of the total are a warning; a bracket
    ending in 等, holding another bracket or an item without exactly one figure of the
    total's dimension is not read.
    """
    findings: list[Finding] = []
    for line in doc.figured:
        text = line.text
        if "(" not in text and "（" not in text:
            continue
        for m in _BRACKET.finditer(text):
            n = line.count_before(m.start())
            if not n:
                continue
            total = line.figures[n - 1]
            # a bare bracket must follow its total directly: 投入资金100万元（中央资金60万元、…）
            gap = 1 if m.group("marker") else 0
            # "开工198007（其中，城镇棚户区197825套，国有工矿棚户区182）" (round 3, 173): a total
            # printed without its unit before an explicit breakdown counts in its parts' unit
            bare = not total.unit and bool(m.group("marker"))
            if total.end < m.start() - gap or not total.exact or not (total.unit or bare) \
                    or "/" in total.unit or total.unit in ("%", "‰"):
                continue
            close = _CLOSE.search(text, m.end())
            if close is None:
                continue
            inner = text[m.end():close.start()]
            if "等" in inner or "（" in inner or "(" in inner:
                continue
            dim = dimension(total.unit)[0]
            # "聘用60人（男性35人，女性25人；其中脱贫人口40人）": a bracket may break the total down
            # one way after another, each division after a ； (by sex, then by status — the
            # 受益对象/聘用人员 sentences of the genre, i13f): each division is a list of its own
            pos = m.end()
            for division in re.split(r"[;；]", inner):
                finding = _bracket_division(line, total, bare, dim, pos, division, close.end())
                pos += len(division) + 1
                if finding is not None:
                    findings.append(finding)
    return findings


# "中央资金60万元、省级资金30万元、县级资金10万元，合计100万元": the parts first, then the
# total in a word that says it is their sum.
# (a generic name may stand before the word — "中央资金60万元，省级资金40万元，项目资金合计100万元"
# — a name of the whole, not of one item: "丙村资金合计50万元" totals 丙村 alone)
# (两级/三级/各级: the funding levels summed, "中央…，省级…，县级…，三级资金合计…")
# (以上/上述 and a count of what is summed — 两项, 三笔, 各级, 两村 — in front: "以上两项合计",
# "两村共投入"; a place named as a whole, 全县, may hold more than the items listed: no sum)
_SUM_PREFIX = (r"(?:以上|上述|前述)?(?:(?:[两二三四五六七八九十]{1,2}|各)"
               r"(?:项|笔|批|类|级|村|镇|乡|户|家|部分))?(?:全部)?"
               r"(?:(?:项目|专项|本项目|年度|全年)?(?:资金|经费|投资|补助|补贴|支出|金额|费用))?")
_SUM_WORD = re.compile(rf"^{_SUM_PREFIX}(?:合计|共计|总计|总共|一共|共|累计共|计)(?:为|是|达)?$")
_NAMED_PREFIX = re.compile(rf"{_SUM_PREFIX}")
_HEAD_CUT = re.compile(r"[。；;，,、:：(（]")
# (each alternative opens with its literal: the engine then jumps to the candidates' first
# characters; a group of alternatives first made it try every position)
# (计 alone — "…县级资金20万元，计100万元", the genre's terse sum word — only with its figure right
# after it: 计划/计入/计提 name other things)
_SUM_WORD_AT = re.compile(r"合计(?:为|是|达)?|共计(?:为|是|达)?|总计(?:为|是|达)?|总共(?:为|是|达)?|"
                          r"一共(?:为|是|达)?|共(?:为|是|达)?|总投资|投资总额|资金总额|总金额|"
                          r"计(?:为)?(?=\s*\d)")
# A whole named after its parts without a sum word ("中央资金60万元，省级资金40万元，总投资100万元"):
# it may hold more than the parts listed, so only parts above it are an error.
_WHOLE_LABEL = re.compile(r"^(?:项目|本项目)?(?:总投资|投资总额|资金总额|总金额)(?:为|是|达)?$")
_NAMED_SUM = re.compile(r"[\u4e00-\u9fff]{2,12}")
_PART_STOP = re.compile(r"其中|包括|包含|分别|分为|分解为|构成为|主要有|来源于|[:：]")
_OWN_NAME = re.compile(r"\s*(?!其中|包括|包含|分别|具体|明细|如下)[\u4e00-\u9fff]{1,12}\s*[:：]\s*")
# (和/及 right after a figure join the last part: "投资分别为30万元、40万元和30万元，共100万元")
# (。 too: the parts may each have a sentence of their own, `_lone_items_back`)
_PART_SEPARATOR = re.compile(rf"、|,|，|;|；|\.|。|{_JOINERS}")
# an item that is a change or a rate, not an amount of its own (结余, 结转, 尚未拨付 are parts)
# (a price is no part: "采购电脑10台、打印机5台，单价分别为5000元、2000元，共计6万元" — the 共计 is
# of the quantities times the prices; main added the prices)
_NOT_PART = re.compile(r"全部|同比|较上年|比上年|较去年|比去年|增长|增加|减少|下降|调整后|调增|调减|"
                       r"执行率|超支|超出|超过|单价|均价|人均|户均|亩均|标准为|标准是|"
                       r"(?:补助|补贴|资助|收费|发放)标准|每")


_MAX_LIST = 600
_BACK_STEP = 120


def _items_back(line: AuditLine, floor: int, end: int,
                closed: bool = False) -> Iterator[tuple[int, int]]:
    """The (start, end) of the items before the one ending at `end`, nearest first, back to
    `floor`. Read back in steps and lazily, as a list stops at its first item that is no part:
    a long "sentence" (a flattened report, one 合计 after another) is then read in linear
    time; and at most _MAX_LIST characters back (a list is short). An ASCII full stop between
    items (16万元.上年度结余…) separates them too; a decimal point is inside its figure.
    With `closed`, `end` ends an item too, and that item comes first."""
    text = line.text
    low = max(floor, end - _MAX_LIST)
    top = end
    item_end: int | None = end if closed else None  # the separator ending the item being read
    while True:
        bottom = max(low, top - _BACK_STEP)
        seps = [(m.start(), m.end()) for m in _PART_SEPARATOR.finditer(text, bottom, top)
                if not _inside_figure(line, m.start())]
        for p, after in reversed(seps):
            if item_end is not None:
                yield after, item_end
            item_end = p
        if bottom <= low:
            break
        top = bottom
    if item_end is not None and low == floor:
        yield floor, item_end


def _priced(figs: list[Figure]) -> list[Figure]:
    """An item naming what was bought and then its cost — ``购置电锅炉2台6.75万元``,
    ``增设发酵池十二个3.2万元`` (the 资金使用 lists of project reports: round 3 410; the
    procurement lines of 自评报告 generally) — is one amount: the counts before it say what it
    bought. Anything else (two amounts, a count after the amount) is returned as it is."""
    money = [f for f in figs if dimension(f.unit)[0] == "money"]
    if len(money) != 1:
        return figs
    before = [f for f in figs if f is not money[0]]
    if all(f.end <= money[0].start and f.unit and dimension(f.unit) == (f.unit, Decimal(1))
           and f.unit not in ("%", "‰") for f in before):
        return money
    return figs


def _parts_before(line: AuditLine, total: Figure, floor: int,
                  closed: int | None = None) -> list[Figure] | None:
    """The items right before a 合计 figure, nearest first: one figure of the total's dimension
    each, back to the sentence start, a marker or an item that is no part (a total itself,
    a figure of the total's kind that is no amount of its own, text without a figure); an
    item counting only things of another kind is passed over. With `closed`, the last part
    ends there: at the bracket the total stands in ("…省级资金40万元（合计100万元）") or at the
    end of the sentence before it ("…乙村40万元。合计100万元。")."""
    text = line.text
    dim = dimension(total.unit)[0]
    parts: list[Figure] = []
    items = _items_back(line, floor, total.start) if closed is None \
        else _items_back(line, floor, closed, closed=True)
    for start, end in items:
        figs = [f for f in line.figures_between(start, end) if f.unit not in ("%", "‰")]
        if len(figs) > 1 and figs[-1].unit:
            # "《…的通知》(皖财农【2020】1351号)下达中央财政资金30.9万元" (round 3 153; 026, 414 and
            # the transfer-payment reports cite each allocation's document): a bare number in an
            # item's label is a document's year or number, no amount
            figs = [f for f in figs if f.unit]
        if parts and figs and all(f.unit and dimension(f.unit)[0] != dim for f in figs) \
                and not _RESTATES_TOTAL.search(text, start, figs[0].start):
            # "一是…完成繁育田850亩；二是企业自行采购原原种200万粒，建成原种基地400亩，共计
            # 建成原种繁育基地1250亩" (round 2, 025): an item counting something else lies
            # between the parts
            continue
        if len(figs) > 1 and dim == "money":
            figs = _priced(figs)
        if len(figs) != 1 or dimension(figs[0].unit)[0] != dim or not figs[0].exact \
                or "/" in figs[0].unit:
            break
        label = text[start:figs[0].start]
        if _OWN_NAME.fullmatch(label) and not _RESTATES_TOTAL.search(label):
            # "甲村：60万元；乙村：40万元；合计：100万元" — an item's name with its colon (the
            # forms' label: value), no marker
            parts.append(figs[0])
            continue
        if _RESTATES_TOTAL.search(label) or _NOT_PART.search(label) or _PART_STOP.search(label):
            # (the last marker: what follows it names the part)
            stop = next(iter(reversed(list(_PART_STOP.finditer(label)))), None)
            # (the whole named before the marker — "项目总投资分为建安工程费80万元、…" — is no
            # reason to drop the first part after it, i13f)
            named = label[stop.end():] if stop is not None else ""
            if stop is not None and not _RESTATES_TOTAL.search(named) and not _NOT_PART.search(label):
                parts.append(figs[0])  # 其中：甲10万元 — the first part after the marker
            break
        parts.append(figs[0])
    return parts


# 收入 and 支出 are the two sides of a budget or a 决算: "收入合计500万元，其中财政拨款收入450万元、
# 其他收入50万元；支出合计480万元，其中…" — the 部门决算/部门整体 texts and forms state each side's
# total and breakdown in turn (收入支出决算总表; 本溪, 天水, 临沧 决算 texts of the i13f search),
# so the parts just before one side's 合计 may be the other side's
_SIDES = {"收入": "支出", "支出": "收入"}
_SIDE_REACH = 20  # the characters before the earliest part that still name it


# the measures of an amount (spent, paid, passed on, arrived; its budget, contract or tender
# price, settlement): items naming different ones are different quantities
_STATE_WORD = re.compile(r"支出|支付|拨付|执行|到位|使用|兑付|发放|预算|中标|合同|结算|决算|审定|批复")


def _other_side(label: str, parts_text: str) -> bool:
    """Whether a sum named for one side of the budget (支出合计) follows parts named for the
    other (…收入450万元、其他收入50万元) and none for its own."""
    side = next((w for w in _SIDES if w in label), None)
    return side is not None and _SIDES[side] in parts_text and side not in parts_text


def detect_parts_then_total(doc: AuditDocument) -> list[Finding]:
    """Parts listed first, then 合计/共计 X: X against their sum (error — the word says sum).

    Silent when the nearest two or more parts alone give X (the 合计 covers fewer items than
    were listed) or when fewer than two parts are found.
    """
    findings: list[Finding] = []
    for line in doc.figured:
        text = line.text
        if "共" not in text and "计" not in text and "总" not in text:
            continue
        findings.extend(_totals_after_parts(_shared_units(line), 0))
        joined = _joined_with_parts(doc, line)
        if joined is not None:
            findings.extend(_totals_after_parts(joined, len(joined.text) - len(line.text)))
    return findings


# a line opening with its sum word ("合计100万元。", "以上资金共计100万元"): web pages and docx give
# the 合计 of a 资金 list a paragraph of its own as often as they give its 其中 one
_LINE_SUM = re.compile(r"\s*(?:以上|上述|[两三四五各]项)?[\u4e00-\u9fff]{0,6}?(?:合计|共计|总计|总共|一共)")
_LINE_STOP = "。；;，,：:！!？?"


def _joined_with_parts(doc: AuditDocument, line: AuditLine) -> AuditLine | None:
    """A line opening with its sum word joined after the paragraph before it (one blank line
    passed over), numbered as the sum's line: "甲村60万元，乙村40万元。" / "合计100万元。" — or
    after the run of short lines of one amount each before it ("中央资金60万元。" / "省级资金…"
    / "合计…"). None when the line opens otherwise or the paragraph before is a table row or has
    no figure."""
    if not _LINE_SUM.match(line.text) or "|" in line.text:
        return None
    at = doc.index(line)  # (not number - 1: numbers skip the lines a wrap joined)
    if at is None or at == 0:
        return None
    joined: list[AuditLine] = []
    k = at - 1
    while k >= 0 and len(joined) <= _MAX_LONE_ITEMS:
        prev = doc.lines[k]
        k -= 1
        if not prev.text.strip():
            if joined or k < at - 2:
                break  # (one blank line passed over before the paragraph, none inside a run)
            continue
        if not prev.figures or "|" in prev.text or _LINE_SUM.match(prev.text):
            break
        joined.append(prev)
        if len(prev.figures) > 1 or len(prev.text.strip()) > 24:
            break  # (a paragraph of its own; short lines of one amount each may run on)
    if not joined:
        return None
    text = ""
    figures: list[Figure] = []
    for prev in reversed(joined):
        head = prev.text.rstrip()
        if not head.endswith(tuple(_LINE_STOP)):
            head += "。"  # (a paragraph without its full stop still ends there)
        figures.extend(Figure(f.value, f.unit, f.start + len(text), f.end + len(text), f.raw,
                              f.qualifier) for f in prev.figures)
        text += head
    figures.extend(Figure(f.value, f.unit, f.start + len(text), f.end + len(text), f.raw, f.qualifier)
                   for f in line.figures)
    return AuditLine(line.number, text + line.text, tuple(figures))


# a sentence that is one part and nothing else: its name and its one amount ("县级资金20万元。")
_LONE_ITEM = re.compile(r"\s*[\u4e00-\u9fff（）()]{1,16}?(?:为|是|达)?\s*$")
_MAX_LONE_ITEMS = 8


def _lone_items_back(line: AuditLine, floor: int, dim: str) -> int:
    """Where the parts before a sum word opening its sentence begin: the sentence before it
    (`floor`), or — when that sentence is one part alone — the first of the run of such
    sentences before it ("中央资金60万元。省级资金30万元。县级资金20万元。三级资金合计100万元。":
    the web pages' 资金来源 lines each a sentence, joined by the reader or printed so)."""
    def lone(start: int, end: int) -> str | None:
        """The sentence's name when it is one part alone."""
        figs = line.figures_between(start, end)
        if len(figs) != 1 or dimension(figs[0].unit)[0] != dim \
                or _LONE_ITEM.fullmatch(line.text, start, figs[0].start) is None \
                or line.text[figs[0].end:end].strip(" 。；;"):
            return None
        return line.text[start:figs[0].start].strip().removesuffix("为").removesuffix("是") or None
    end = line.span_at(floor)[1]
    last = lone(floor, end)
    if last is None:
        return floor
    for _ in range(_MAX_LONE_ITEMS):
        if not floor:
            break
        start, stop = line.span_at(floor - 1)
        name = lone(start, stop)
        # (siblings end alike — 中央资金/省级资金, 甲村/乙村 —; 完成投资 then 支付资金 are two
        # measures of one thing, no parts)
        if name is None or name[-1] != last[-1]:
            break
        floor = start
    return floor


def _named_opens(text: str, at: int) -> bool:
    """Whether a sum word at `at` followed by what was summed opens its clause, alone or after
    the words naming the items summed ("，共计建成…", "，两村共投入…", "，以上资金共计拨付…")."""
    cut = max(text.rfind(c, max(0, at - 12), at) for c in "，,；;")
    return cut >= 0 and _NAMED_PREFIX.fullmatch(text, cut + 1, at) is not None


def _totals_after_parts(line: AuditLine, floor_total: int) -> list[Finding]:
    """The 合计 figures of a line at or after `floor_total` against the parts before them."""
    findings: list[Finding] = []
    text = line.text
    for word in _SUM_WORD_AT.finditer(text, floor_total):
        n = line.count_before(word.end())
        if n >= len(line.figures):
            continue
        total = line.figures[n]
        # "…，共计建成原种繁育基地1250亩" (round 2, 025): what was summed may be named
        # between the word and the figure
        named = total.start - word.end() > 1
        if named and not (_NAMED_SUM.fullmatch(text, word.end(), total.start)
                          and _named_opens(text, word.start())):
            continue
        if not total.exact or not total.unit or "/" in total.unit \
                or total.unit in ("%", "‰", ""):
            continue
        sentence_start, _ = line.span_at(total.start)
        head = text[max(sentence_start, (word.start() if named else total.start) - 14):word.end()
                    if named else total.start]
        # (the total may close the list in brackets: "…省级资金40万元（合计100万元）"; the sum
        # word may end in a colon, as the forms print their labels: "…，合计：100万元")
        colon = 0 if named else len(head) - len(head.rstrip(" :："))
        head = head[: len(head) - colon]
        label = _HEAD_CUT.split(head)[-1]
        whole = bool(_WHOLE_LABEL.match(label.strip()))
        if not (whole or _SUM_WORD.match(label.strip())) \
                or head[: len(head) - len(label)][-1:] not in "，,；;(（":
            continue
        # (a bracket opening the total closes the item before it)
        cut = head[: len(head) - len(label)][-1:]
        label_start = (word.end() if named else total.start) - colon - len(label)
        closed = label_start - 1 if cut and cut in "(（" else None
        floor = sentence_start
        if closed is None and sentence_start and not text[sentence_start:label_start].strip():
            # "甲村60万元、乙村40万元。合计100万元。": the sum word opens its sentence and sums
            # the one before
            floor, closed = line.span_at(sentence_start - 1)[0], sentence_start - 1
            run_from = _lone_items_back(line, floor, dimension(total.unit)[0])
            # (a run of one-part sentences may have begun in a sentence saying more: "丙村10万元，
            # 已完工。甲村60万元。乙村30万元。合计100万元。" — only parts above the total are sure)
            whole = whole or run_from < floor
            floor = run_from
        parts = _parts_before(line, total, floor, closed)
        if parts is None or len(parts) < 2:
            continue
        if _other_side(label, text[max(floor, parts[-1].start - _SIDE_REACH):label_start]):
            continue
        if len({frozenset(_STATE_WORD.findall(label_before(text, p, floor))) for p in parts}) > 1:
            # "A项目预算30万元，实际支出28万元；B项目预算70万元，实际支出70万元；合计预算100万元"
            # "一是中央资金60万元，已支付54万元；二是…；共计100万元，已支付90万元", "合同包1：预算
            # 30万元，中标价28万元；合同包2：…；合计中标45.6万元": items that alternate two measures
            # of each thing (its amount and what was spent or paid of it, its budget and its
            # contract price) are two lists in one, not parts of one total (the 资金使用 and 政府
            # 采购 sentences of the genre, i13f)
            continue
        values = [in_unit(p, total.unit) for p in parts]
        if any(v is None for v in values):
            continue
        running = Decimal(0)
        sums = []
        for v in values:
            running += v or 0
            sums.append(running)
        if any(agrees(total.value, x) for x in sums[1:]) or (whole and sums[-1] < total.value):
            continue
        got = sums[-1]
        zh, en = _difference_words(got, total.value, total.unit)
        sum_text = f"{fmt(got, places(total.value))}{total.unit}"
        first = parts[-1]
        findings.append(Finding(
            code="sum-mismatch", severity=Severity.ERROR,
            message=(f"所述{label.strip()} {total.raw}，前列 {len(parts)} 项之和为 {sum_text}（{zh}）"
                     f" / stated total {total.value}{total.unit}, the {len(parts)} parts listed "
                     f"before it add up to {sum_text} ({en})"),
            stated=total.value, expected=Decimal(fmt(got, places(total.value))),
            operands=tuple(p.value for p in reversed(parts)), unit=total.unit,
            line=line.number, excerpt=excerpt(text, first.start, total.end)))
    return findings


# "计划发放300户，实际发放366户，超额66户" (045); "申请基础养老金补贴945.72万元，…发放市级承担基础
# 养老金1045.28万元，超出预算金额99.56万元" (round 3, 131, six times): the amount over (or
# under) the plan is the actual figure stated right before it minus the planned one.
_OVER = re.compile(r"(?P<word>超额|超出|超支|节约|节余)(?:完成)?了?(?:预算|计划|目标|任务)?"
                   r"(?:金额|资金|数|部分)?(?:为|了|达)?$")
_UNDER_WORDS = ("节约", "节余")
_OVER_GATE = re.compile(r"超额|超出|超支|节约|节余")
_PLAN_WORD = re.compile(r"计划|预算|申请|安排|目标|年初|任务|下达")
_MAX_DIFF_SPAN = 2000  # longer "sentences" are flattened tables, not prose
_MAX_CANDIDATES = 8


_NAME_TAIL = re.compile(r"(?:为|是|共计|合计|总计|共|计|了)+$")


def _name(text: str, fig: Figure, floor: int) -> str:
    """What names a figure, for comparing names: its label without a trailing verb (not
    `plain_label`, which would cut the 达 of 下达)."""
    return _NAME_TAIL.sub("", label_before(text, fig, floor, 20))


_ITEM_START = re.compile(r"[;；]")


def _bigrams(text: str) -> set[str]:
    return {text[k:k + 2] for k in range(len(text) - 1)}


def _by_item(text: str, floor: int, actual: Figure, tied: list[Figure]) -> list[Figure]:
    """Plans whose names tie with the actual's: the one whose name shares the most pairs of
    characters with the actual's whole item (back to the ；before it, after the plans) — "申请基础养老金补贴
    945.72万元,缴费补贴46.36万元;…;实际缴费人数56294人,补贴金额154.89万元,超出预算金额108.53
    万元" (round 3, 131: the plans listed first, then each item's actual in its own ；-clause):
    补贴金额 ties 基础养老金补贴 and 缴费补贴, its item says 缴费. Still tied: all of them."""
    cut = max((m.end() for m in _ITEM_START.finditer(text, floor, actual.start)), default=floor)
    # (the item after the plans themselves: they are no evidence of what the item names)
    cut = max(cut, *(f.end for f in tied))
    item = _bigrams(text[cut:actual.start])
    scores = [(len(_bigrams(_name(text, f, floor)) & item), f) for f in tied]
    top = max(n for n, _ in scores)
    return [f for n, f in scores if n == top]


def detect_differences(doc: AuditDocument) -> list[Finding]:
    """An amount stated as over (超额/超出/超支) or under (节约/节余) the plan against actual − plan.

    The actual figure is the one of the amount's dimension stated right before it (nothing
    but its clause between); the planned one is, among the figures of that dimension earlier in
    the sentence, the one whose name shares the longest run of words with the actual's name
    (at least two characters, and no tie), or the only one when it is named a plan — and the
    sentence must name a plan (计划, 预算, 申请, 安排, 目标, 任务, 下达). Anything less
    certain is left alone.
    """
    findings: list[Finding] = []
    for line in doc.figured:
        text = line.text
        # (every word of the gate holds 超 or 节: two substring tests spare most lines the search)
        if ("超" not in text and "节" not in text) or not _OVER_GATE.search(text):
            continue
        for diff in line.figures:
            if not diff.exact or not diff.unit or diff.unit in ("%", "‰") or "/" in diff.unit:
                continue
            near = text[max(0, diff.start - 14):diff.start]
            if "超" not in near and "节" not in near:
                continue
            start, end = line.span_at(diff.start)
            if end - start > _MAX_DIFF_SPAN:
                continue
            over = _OVER.search(plain_label(label_before(text, diff, start, 16)) or
                                label_before(text, diff, start, 16))
            if not over:
                continue
            dim = dimension(diff.unit)[0]
            same = [f for f in line.figures_between(start, diff.start)
                    if dimension(f.unit)[0] == dim and f.exact and "/" not in f.unit]
            if len(same) < 2:
                continue
            actual = same[-1]
            if line.figures_between(actual.end, diff.start) \
                    or len(re.findall(r"[,，;；]", text[actual.end:diff.start])) > 1:
                continue
            if not _PLAN_WORD.search(text, start, actual.start):
                continue
            actual_label = _name(text, actual, start)
            scored = []
            for f in same[-_MAX_CANDIDATES - 1:-1]:
                name = _name(text, f, start)
                if _OVER.search(name):
                    continue
                scored.append((common_run(name, actual_label), f))
            if not scored:
                continue
            best = max(n for n, _ in scored)
            chosen = [f for n, f in scored if n == best]
            if len(scored) == 1 and _PLAN_WORD.search(label_before(text, scored[0][1], start, 20)):
                best = 2  # "预算资金100万元，实际支出90万元，节约资金10万元": the one plan named so
            if best >= 2 and len(chosen) > 1:
                chosen = _by_item(text, start, actual, chosen)
            if best < 2 or len(chosen) != 1:
                continue
            plan = chosen[0]
            a, b = in_unit(plan, diff.unit), in_unit(actual, diff.unit)
            if a is None or b is None:
                continue
            under = over.group("word") in _UNDER_WORDS
            ha = half_unit(plan.value) * (a / plan.value if plan.value else 1)
            hb = half_unit(actual.value) * (b / actual.value if actual.value else 1)
            got = (a - b) if under else (b - a)
            if agrees_within(diff.value, got - ha - hb, got + ha + hb):
                continue
            shown = fmt(got, places(diff.value))
            findings.append(Finding(
                code="sum-mismatch", severity=Severity.ERROR,
                message=(f"所述{over.group('word')} {diff.raw}，{actual.raw} 与 {plan.raw} 之差为 "
                         f"{shown}{diff.unit} / stated {'under' if under else 'over'} the plan by "
                         f"{diff.raw}, {actual.raw} − {plan.raw} gives {shown}{diff.unit}"),
                stated=diff.value, expected=Decimal(shown),
                operands=(plan.value, actual.value), unit=diff.unit, line=line.number,
                excerpt=excerpt(text, plan.start, diff.end, 10)))
    return findings


# "年度完成…补助2300.67万元，中央补助442.43万元，地方财政补助1858.24万元" (round 3, 145): the
# funding levels of the official form's 资金来源 (中央/省/市/县/本级/自筹…) listed right after
# an amount, without 其中, each named as a kind of it.
_SOURCE = re.compile(r"^(?:中央|省级|省|市级|市|州|县级|县|区级|区|乡镇|地方|本级|自筹|社会|上级|"
                     r"其他|其它)")
_SOURCE_WORD = re.compile(r"中央|省级|省|市级|市|州级|州|县级|县|区级|区|乡镇|乡级|地方|本级|自筹|社会|上级")
_SOURCE_SEPARATOR = re.compile(r"[、,，]")
# a separator and the start of a source's name: right after the whole (match) and, anywhere in
# the line, the gate that a line may hold such a list at all (search)
_SOURCE_NEXT = re.compile(r"[、,，](?:中央|省|市|州|县|区|乡镇|地方|本级|自筹|社会|上级)")
_LEAD_MARK = re.compile(r"^(?:其中|包括|包含|[:：\s])+")
# (every breakdown word a source's name may follow: "项目资金100万元，具体包括中央资金50万元、…" —
# 中央资金 is a source itself, no whole of the sources after it; i13a)
_LEAD_WORDS = re.compile(r"^(?:其中|具体|主要|包括|包含|含|即|为|分别|分为|分解为|其?构成为|来源于|[:：\s])+")
_TOTAL_TAIL = re.compile(r"(?:总额|总计|合计|总量|总数)$")
# The genre's words for an amount of money as a whole and for its sources (中央资金, 省级补助,
# 县级配套, 自筹经费): 资金来源 of the official 自评表 and of the 资金情况 paragraphs.
_MONEY_HEADS = ("资金", "投资", "预算", "经费", "补助", "补贴", "拨款", "配套")
# (only a general word names the whole: a 补助 is one kind of money, and 中央资金/地方资金 after
# 下达补助100万元 need not be its parts — tests/audit/test_prose_genre.py)
_WHOLE_HEADS = ("资金", "投资", "预算", "经费")


def detect_source_parts(doc: AuditDocument) -> list[Finding]:
    """An amount against the funding sources listed right after it (no marker): an error when
    the sources add up to more — they may name only some, so a shortfall proves nothing."""
    findings: list[Finding] = []
    for line in doc.figured:
        text = line.text
        if not _SOURCE_NEXT.search(text):
            continue
        figures = line.figures
        for k, total in enumerate(figures):
            if not total.exact or dimension(total.unit)[0] != "money" \
                    or not _SOURCE_NEXT.match(text, total.end):
                continue
            start, _ = line.span_at(total.start, clauses=True)
            called = _TOTAL_TAIL.sub("", _LABEL_TRAIL.sub("", label_before(text, total, start, 20)))
            head = called[-2:] if len(called) >= 2 else ""  # 资金总额 → 资金; …制度补助 → 补助
            if not head:
                continue
            # "项目总投资100万元，中央资金60万元、省级资金40万元": an amount of money named as a
            # whole (投资/资金/预算/经费) is broken down by sources named as money of any kind
            # — and an amount named as a source itself is none of their wholes: "其中，中央财政
            # 专项资金49.24亿元，中央预算内基建投资65.50亿元，…" (round 3, 173), "中央资金30万元，
            # 省级资金40万元，县级资金30万元" list siblings, not the parts of the first
            if _SOURCE.match(_LEAD_WORDS.sub("", called)):
                continue
            heads = _MONEY_HEADS if head in _WHOLE_HEADS else (head,)
            parts: list[Figure] = []
            pos = total.end
            for j in range(k + 1, len(figures)):  # no copy: the loop stops at the first non-source
                f = figures[j]
                gap = text[pos:f.start]
                sep = _SOURCE_SEPARATOR.match(gap)
                if not sep or _SOURCE_SEPARATOR.search(gap, sep.end()) or "。" in gap \
                        or ";" in gap or "；" in gap:
                    break
                name = plain_label(gap[sep.end():]).strip()
                if not (f.exact and dimension(f.unit)[0] == "money" and _SOURCE.match(name)
                        and name.endswith(heads) and len(name) > 2):
                    break
                parts.append(f)
                pos = f.end
            found = _excess(line, total, parts, "个资金来源", "funding sources listed after it")
            if found is not None:
                findings.append(found)
    return findings


# "下达我区111万元，其中…，调减40万元，全年实际下达71万元" (round 3, 139); "年初预算100万元，年中
# 追加20万元，调整后预算120万元" (the 年初预算数 / 调整后预算 pair of the official form): the
# amount after the adjustments is the first amount plus or minus them.
_ADJUST = re.compile(r"(?P<up>调增|追加|调入)|(?P<down>调减|核减|调出|收回)")
# (not 实际 alone: "下达资金100万元，追加20万元，实际到位100万元" — what arrived may differ)
_ADJUSTED = re.compile(r"调整后|调整为|变更后|追加后|调增后|调减后|全年|最终")
_LIST_MARK = re.compile(r"其中|包括|包含|含")
_ADJUST_GATE = re.compile(r"(?:调增|追加|调入|调减|核减|调出|收回)[^，,。；;\d]{0,6}\d")


def detect_adjusted(doc: AuditDocument) -> list[Finding]:
    """An adjusted amount (调整后/全年实际…) against the first amount ± the adjustments stated
    between them. The first amount is the one earlier in the sentence whose name shares the
    longest run of words with the adjusted one's (at least two characters, no tie); every
    figure of its dimension in between must be an adjustment (调增/追加/调减/核减…) or a part
    listed after 其中 before the first adjustment — else the reading is not certain."""
    findings: list[Finding] = []
    for line in doc.figured:
        text = line.text
        if not _ADJUST_GATE.search(text) or not _ADJUSTED.search(text):
            continue
        for result in line.figures:
            if not result.exact or dimension(result.unit)[0] != "money" \
                    or not _ADJUSTED.search(text, max(0, result.start - 20), result.start):
                continue
            start, end = line.span_at(result.start)
            if end - start > _MAX_DIFF_SPAN:
                continue
            result_label = _name(text, result, start)
            if not _ADJUSTED.search(result_label) or _ADJUST.search(result_label):
                continue
            before = [f for f in line.figures_between(start, result.start)
                      if dimension(f.unit)[0] == "money"]
            adjustments = [(f, _ADJUST.search(label_before(text, f, start, 12))) for f in before]
            if not any(a for _, a in adjustments):
                continue
            scored = [(common_run(_name(text, f, start), result_label), i)
                      for i, (f, a) in enumerate(adjustments) if a is None]
            if not scored:
                continue
            best = max(n for n, _ in scored)
            chosen = [i for n, i in scored if n == best]
            if best < 2 or len(chosen) != 1:
                continue
            base = adjustments[chosen[0]][0]
            value = in_unit(base, result.unit)
            tolerance = half_unit(base.value)
            seen_adjustment = False
            certain = value is not None and base.exact
            for f, adj in adjustments[chosen[0] + 1:]:
                if adj is None:
                    # a part of the first amount, listed after 其中 before any adjustment
                    if seen_adjustment or not _LIST_MARK.search(text, base.end, f.start):
                        certain = False
                        break
                    continue
                amount = in_unit(f, result.unit)
                if amount is None or not f.exact or value is None:
                    certain = False
                    break
                seen_adjustment = True
                value += amount if adj.group("up") else -amount
                tolerance += half_unit(f.value)
            if not certain or not seen_adjustment or value is None:
                continue
            if agrees_within(result.value, value - tolerance, value + tolerance):
                continue
            shown = fmt(value, places(result.value))
            findings.append(Finding(
                code="sum-mismatch", severity=Severity.ERROR,
                message=(f"所述 {result.raw}，{base.raw} 经所列调整后应为 {shown}{result.unit}"
                         f" / stated {result.raw}, {base.raw} with the adjustments stated gives "
                         f"{shown}{result.unit}"),
                stated=result.value, expected=Decimal(shown),
                operands=(base.value, *(f.value for f, a in adjustments[chosen[0] + 1:] if a)),
                unit=result.unit, line=line.number,
                excerpt=excerpt(text, base.start, result.end, 10)))
    return findings


# The 年度资金总额 block of the official 部门整体支出绩效自评表 (财预〔2020〕10号): 按收入性质分
# (一般公共预算、政府性基金拨款、纳入专户管理的非税收入拨款、其他资金) and 按支出性质分 (基本支出、
# 项目支出), flattened one cell per line with the two columns interleaved (round 3: 106, 123).
_BY_KIND = re.compile(r"按(?P<side>收入|支出)性质分\s*[:：]?")
_FORM_PART = re.compile(r"^\s*(?:其中\s*[:：]?\s*)?(?P<name>一般公共预算|政府性基金(?:拨款)?|"
                        r"纳入专户管理的非税收入(?:拨款)?|其他资金|基本支出|项目支出)\s*[:：]?")
_INCOME_KINDS = ("一般公共预算", "政府性基金", "纳入专户管理的非税收入", "其他资金")
_FORM_WINDOW = 16  # lines after the 按…分 labels that may hold the form's parts


def _form_value(line: AuditLine, start: int) -> Figure | None:
    """The one exact figure of a form cell after its label (None for a blank cell)."""
    figs = [f for f in line.figures if f.start >= start]
    return figs[0] if len(figs) == 1 and figs[0].exact else None


def detect_form_breakdowns(doc: AuditDocument) -> list[Finding]:
    """按收入性质分 X / 按支出性质分 Y of the 部门整体 form against the parts printed under them.

    Only a stated X (or Y) is checked — the form's own total row may be of the budget or of
    what was spent — and only when the block names the form's kinds (three of the four income
    kinds, both expense kinds); a part left blank adds nothing. Parts and totals must be in
    one unit (a bare number counts as the unit of its table).
    """
    findings: list[Finding] = []
    lines = doc.lines
    for i, line in enumerate(lines):
        m = _BY_KIND.search(line.text)
        if m is None or m.group("side") != "收入":
            continue
        totals: dict[str, tuple[AuditLine, Figure | None]] = {"收入": (line, _form_value(line, m.end()))}
        parts: dict[str, list[Figure]] = {"收入": [], "支出": []}
        names: dict[str, set[str]] = {"收入": set(), "支出": set()}
        for other in lines[i + 1:i + 1 + _FORM_WINDOW]:
            if not other.text.strip():
                continue
            mk = _BY_KIND.search(other.text)
            if mk is not None and mk.group("side") == "支出":
                totals["支出"] = (other, _form_value(other, mk.end()))
                continue
            mp = _FORM_PART.match(other.text)
            if mp is None:
                break
            name = mp.group("name")
            side = "支出" if name in ("基本支出", "项目支出") else "收入"
            names[side].add(next(k for k in (*_INCOME_KINDS, name) if name.startswith(k)))
            value = _form_value(other, mp.end())
            if value is not None:
                parts[side].append(value)
            elif other.figures:
                break  # a cell with more than its one figure: not the form
        if len(names["收入"]) < 3 or len(names["支出"]) < 2:
            continue
        for side, (where, total) in totals.items():
            got_parts = parts[side]
            if total is None or len(got_parts) < 2 or any(p.unit != total.unit for p in got_parts):
                continue
            got = sum((p.value for p in got_parts), Decimal(0))
            if agrees(total.value, got):
                continue
            zh, en = _difference_words(got, total.value, total.unit)
            sum_text = f"{fmt(got, places(total.value))}{total.unit}"
            findings.append(Finding(
                code="sum-mismatch", severity=Severity.ERROR,
                message=(f"按{side}性质分 {total.raw}，其下所列 {len(got_parts)} 项之和为 {sum_text}（{zh}）"
                         f" / by {'source' if side == '收入' else 'use'} {total.raw}, the "
                         f"{len(got_parts)} parts under it add up to {sum_text} ({en})"),
                stated=total.value, expected=Decimal(fmt(got, places(total.value))),
                operands=tuple(p.value for p in got_parts), unit=total.unit or None,
                line=where.number, excerpt=where.text.strip()))
    return findings


# The funds block of a label | value form (浙江省项目支出绩效自评表: 计划安排资金(万元) | 1088.00 |
# 实际到位资金(万元) | 1020.02, then 其中:中央财政 | … | 其中:中央财政 | …, 省财政, 市财政, 县财政 —
# root 020): each amount against the sources listed under it in its column pair.
_AMOUNT_LABEL = re.compile(r"资金|投资|预算|经费|拨款|补助")
_SOURCE_LABEL = re.compile(r"^(?:其中\s*[:：]?\s*)?(?:中央|省|市|州|县|区|乡镇|地方|本级|自筹|社会|上级|"
                           r"其他|其它)[\u4e00-\u9fff]{0,8}$")
_SOURCE_ROWS = 8  # lines under the amounts that may hold their sources


def _label_values(line: AuditLine) -> list[tuple[str, Figure | None]] | None:
    """A row of label | value pairs (a blank value is left out by the text): each label and
    the one figure after it, or None when the row is not made of such pairs."""
    pairs: list[tuple[str, Figure | None]] = []
    for cell in cells(line):
        fig = cell.number
        if fig is None:
            if cell.figures:
                return None  # a cell of words and figures: no form cell
            pairs.append((cell.text, None))
        elif pairs and pairs[-1][1] is None and fig.exact:
            pairs[-1] = (pairs[-1][0], fig)
        else:
            return None
    return pairs


def detect_source_rows(doc: AuditDocument) -> list[Finding]:
    """Amounts of a label | value form against the funding sources in the rows under them:
    an error when the sources add up to more (a blank source adds nothing; they may be only
    some, so a shortfall proves nothing)."""
    findings: list[Finding] = []
    lines = doc.lines
    for i, line in enumerate(lines):
        if "|" not in line.text or not _AMOUNT_LABEL.search(line.text) or not line.figures:
            continue
        head = _label_values(line)
        if not head or any(v is None or not _AMOUNT_LABEL.search(lb) for lb, v in head):
            continue
        rows: list[list[tuple[str, Figure | None]]] = []
        for below in lines[i + 1:i + 1 + _SOURCE_ROWS]:
            pairs = _label_values(below) if "|" in below.text else None
            if not pairs or len(pairs) != len(head) \
                    or not all(_SOURCE_LABEL.match(lb.replace(" ", "")) for lb, _ in pairs):
                break
            rows.append(pairs)
        if len(rows) < 2:
            continue
        for k, (_, total) in enumerate(head):
            parts = [f for r in rows if (f := r[k][1]) is not None]
            if total is None:
                continue
            found = _excess(line, total, parts, "个资金来源", "funding sources listed under it")
            if found is not None:
                findings.append(found)
    return findings


# A table printed one cell per line (web pages and PDF text lose the row structure): a header of
# w cells, one naming an amount, then rows of a label and w − 1 amounts, and a 合计 row — after
# its rows or before them.
_AMOUNT_HEADER = re.compile(r"金额|资金|预算|执行|支出|投资|经费|费用|万元|元")
_MAX_HEADER = 8


def _lone_amount(line: AuditLine) -> Figure | None:
    """The line's one figure when the line is just that amount (a bare number or money)."""
    fig = lone_figure(line.text, 0, line.figures) if line.figures else None
    if fig is None or not fig.exact or fig.unit not in ("", "元", "万元", "亿元"):
        return None
    return fig


def _cell_rows(cells_: list[AuditLine], width: int) -> list[_Row] | None:
    """`cells_` (non-blank lines) cut into rows of a label and width − 1 amounts; None when
    one row breaks the pattern."""
    if len(cells_) % width:
        return None
    rows: list[_Row] = []
    for k in range(0, len(cells_), width):
        label, values = cells_[k], [_lone_amount(c) for c in cells_[k + 1:k + width]]
        if label.figures or _TOTAL_LABEL.match(label.text.strip()) \
                or label.text.strip().startswith(("其中", "含")) or any(v is None for v in values):
            return None
        rows.append((label, label.text.strip(), [v for v in values if v is not None]))
    return rows


# A table printed one cell per line with columns of words beside its amounts (村名 | 金额 |
# 列支科目 | 备注, 序号 | 乡镇名称 | 项目名称 | 金额 | 备注 — the 资金分配表 attached to the
# 下达 notices: round 3 483, the unannotated pool's i12f/02; the 支出明细 of i11f/33, 38 print
# 支出内容 | 实际支出数 | 会计凭证号 | 备注 so), a blank cell printed as a bar of its own ("|"), and the
# 合计 row after the rows: its label spans the columns of words, its amounts follow it.


def _cell_text(line: AuditLine) -> str:
    """A cell line's text without the bar the page printed after it ("50 |" → "50")."""
    return line.text.strip().removesuffix("|").strip()


def _amount_cell(line: AuditLine) -> Figure | bool | None:
    """A cell of an amount column: its amount, False when blank (a bar or a dash), or None
    when it is neither (words)."""
    text = _cell_text(line)
    if not text or text in _DASHES:
        return False
    fig = lone_figure(text, 0, line.figures) if line.figures else None
    if fig is None or not fig.exact or fig.unit not in ("", "元", "万元", "亿元"):
        return None
    return fig


def _headed_cell_table(solid: list[AuditLine], i: int) -> list[Finding]:
    """The 合计 cell `solid[i]` of a one-cell-per-line table with columns of words, against
    its amount columns: the header is a run of bar-ended cells without figures above the rows,
    one naming an amount; every row fills the header's width (blank cells printed as bars);
    the amount columns hold only amounts or blanks; the 合计's amounts follow it in their
    order; exactly one header width reads so. Anything else: no reading."""
    totals: list[Figure] = []
    k = i + 1
    while k < len(solid) and isinstance(fig := _amount_cell(solid[k]), Figure):
        totals.append(fig)
        k += 1
    if not totals:
        return []
    # the header: the nearest cell naming an amount above the total, and the run of short
    # bar-ended cells without figures it stands in (the first row's words may run on from it)
    top = next((k for k in range(i - 1, max(-1, i - _MAX_ROWS_CELLS), -1)
                if _header_cell(solid[k]) and _AMOUNT_HEADER.search(_cell_text(solid[k]))), None)
    if top is None:
        return []
    start = top
    while start > 0 and _header_cell(solid[start - 1]):
        start -= 1
    end = top + 1
    while end < i and _header_cell(solid[end]):
        end += 1
    readings = [found for width in range(max(3, top - start + 1), min(_MAX_HEADER, end - start) + 1)
                if (found := _cell_table(solid, start, width, i, totals)) is not None]
    return readings[0] if len(readings) == 1 else []


def _header_cell(line: AuditLine) -> bool:
    """Whether a cell line may be a header cell: short words, no figure, ended by its bar."""
    text = _cell_text(line)
    return bool(text) and not line.figures and len(text) <= 8 and line.text.rstrip().endswith("|")


def _cell_table(solid: list[AuditLine], start: int, width: int, i: int,
                totals: list[Figure]) -> list[Finding] | None:
    """The findings of the table read with a header of `width` cells from `start` (maybe none),
    or None when it does not read so."""
    header = solid[start:start + width]
    body = solid[start + width:i]
    if len(body) < 2 * width or len(body) % width:
        return None
    rows = [body[r:r + width] for r in range(0, len(body), width)]
    amount_columns = []
    for col in range(width):
        cells_ = [_amount_cell(r[col]) for r in rows]
        name = _cell_text(header[col])
        if all(c is not None for c in cells_) and sum(isinstance(c, Figure) for c in cells_) >= 2 \
                and _AMOUNT_HEADER.search(name) and not _NOT_ADDED.search(name):
            amount_columns.append(col)
    if len(amount_columns) != len(totals):
        return None
    # a row is named by its words (its first cell that is no 序号): no sub-total, no 其中
    for r in rows:
        name = next((_cell_text(c) for c in r if not c.figures and _cell_text(c)), "")
        if not name or _TOTAL_LABEL.match(name) or name.startswith(("其中", "含")):
            return None
    unit = next((m.group(1) or m.group(2) for h in solid[max(0, start - 2):start + width]
                 if (m := _HEADER_UNIT.search(h.text)) is not None), None)
    findings: list[Finding] = []
    for n, (col, total) in enumerate(zip(amount_columns, totals, strict=True)):
        column: list[_Row] = []
        for r in rows:
            got = _amount_cell(r[col])
            column.append((r[0], _cell_text(r[0]),
                           [got if isinstance(got, Figure) else Figure(Decimal(0), "", 0, 0, "—")]))
        findings.extend(_column_findings(solid[i + 1 + n], [total], column, unit,
                                         ("合计行", "上方", "total row", "above"), first_column=col - 1))
    return findings


_MAX_ROWS_CELLS = 60  # (how far above its 合计 a table's header may be, in cells)


def detect_cell_per_line_sums(doc: AuditDocument) -> list[Finding]:
    """A 合计 row of a table printed one cell per line against its rows (after them or before)."""
    findings: list[Finding] = []
    solid = [ln for ln in doc.lines if ln.text.strip()]
    for i, line in enumerate(solid):
        if "计" not in line.text or not _TOTAL_GATE.search(line.text) or line.figures:
            continue
        if not _TOTAL_LABEL.match(line.text.strip()):
            if line.text.rstrip().endswith("|") and _TOTAL_LABEL.match(_cell_text(line)):
                findings.extend(_headed_cell_table(solid, i))
            continue
        totals: list[Figure] = []
        while i + 1 + len(totals) < len(solid) and (f := _lone_amount(solid[i + 1 + len(totals)])):
            totals.append(f)
        width = len(totals) + 1
        if not totals or width > _MAX_HEADER:
            continue
        after = i + 1 + len(totals)
        if after < len(solid) and not solid[after].figures \
                and _TOTAL_LABEL.match(solid[after].text.strip()):
            # "收入合计 / 500 / 支出合计 / 490": two tables side by side (the 收入支出决算总表 of
            # every 部门决算, 收入 | 金额 | 支出 | 金额): the row is twice as wide — not read (i13f)
            continue
        # rows above: back to a header of `width` cells without figures
        k = i
        while k - width >= 0 and _cell_rows(solid[k - width:k], width) is not None:
            k -= width
        above = _cell_rows(solid[k:i], width) if k < i else []
        header = solid[max(0, k - width):k]
        where = ("合计行", "上方", "total row", "above")
        if not above:
            # the rows after the 合计's own values, under a header right above the 合计
            start = i + width
            end = start
            while end + width <= len(solid) and _cell_rows(solid[end:end + width], width):
                end += width
            above = _cell_rows(solid[start:end], width) if end > start else []
            header = solid[max(0, i - width):i]
            where = ("合计行", "下方", "total row", "below")
        if not above or len(above) < 2 or len(header) != width \
                or any(h.figures for h in header) \
                or not any(_AMOUNT_HEADER.search(h.text) for h in header[1:]):
            continue
        unit = next((m.group(1) or m.group(2) for h in header
                     if (m := _HEADER_UNIT.search(h.text)) is not None), None)
        groups = _groups(above)
        if groups is None:
            continue
        top = [head for head, _ in groups]
        for col, total in enumerate(totals if len(top) >= 2 else []):
            if _RATE_HEADER_CELL.search(header[col + 1].text):
                continue  # (a rate's column: its 合计 is no sum)
            # (each total on its own line: the finding names that line)
            column = [(ln, lb, [figs[col]]) for ln, lb, figs in top]
            findings.extend(_column_findings(solid[i + 1 + col], [total], column, unit, where,
                                             first_column=col))
        rates = frozenset(j - 1 for j, h in enumerate(header) if j and _RATE_HEADER_CELL.search(h.text))
        findings.extend(_category_findings(groups, unit, rates))
    return findings


# --- a reported count, what dropped out, what was actually covered (i11u) ---------------------
#
# Subsidy reports count beneficiaries twice: as reported or planned (审核上报/申报/核定/计划 11200
# 户26940人) and as actually paid (实际享受补贴 11196户26930人), with what dropped out between
# (因死亡等原因减少4户10人; round 3 412's 一卡通 payments). The relation is the 超额/节约 one of
# `detect_differences` written the other way round: reported − dropped = actual. Counts only
# (户, 人, 个…: money adjustments are `detect_adjusted`'s), each unit in the same order in the
# three groups, the reported group named as such, the actual one named 实际/最终, all in the
# decrease's sentence or the one before, nothing of those units between the reported group and
# the decrease.

_DROPPED = re.compile(r"减少|核减|剔除|退出|清退|注销")
_DROP_GATE = ("减少", "核减", "剔除", "退出", "清退", "注销")
_REPORTED = re.compile(r"上报|申报|审核|核定|登记|摸底|计划|原有|原定|应")
_ACTUAL = re.compile(r"实际|最终|调整后")
_ADDED = re.compile(r"新增|增加|补录|追加|调增|纳入|补报")
_DROP_GAP = re.compile(r"[\u4e00-\u9fff]{1,10}(?=\s*\d)")
_PERIOD = re.compile(r"比上年|较上年|同比|比去年|较去年|环比|上年|去年|上期")


def _run_after(line: AuditLine, pos: int) -> list[Figure]:
    """The figures printed one after another from `pos` (4户10人): nothing but blanks between."""
    run: list[Figure] = []
    n = line.count_before(pos)
    at = pos
    while n < len(line.figures) and not line.text[at:line.figures[n].start].strip():
        run.append(line.figures[n])
        at = line.figures[n].end
        n += 1
    return run


def _counted(figs: list[Figure]) -> bool:
    return bool(figs) and all(f.exact and f.unit and dimension(f.unit) == (f.unit, Decimal(1))
                              and f.unit not in ("%", "‰") for f in figs)


def detect_dropped_counts(doc: AuditDocument) -> list[Finding]:
    """Reported count − the count that dropped out (减少/核减/剔除…) against the actual count."""
    findings: list[Finding] = []
    for line in doc.figured:
        text = line.text
        if not any(w in text for w in _DROP_GATE):
            continue
        for m in _DROPPED.finditer(text):
            # (what dropped out may be named first: 剔除不符合条件的4户, 减少了4户)
            gap = _DROP_GAP.match(text, m.end())
            dropped = _run_after(line, gap.end() if gap else m.end())
            if not _counted(dropped):
                continue
            units = [f.unit for f in dropped]
            low = max(0, m.start() - 40)  # (bounded: a report flattened into one line)
            clause = max(low - 1, *(text.rfind(c, low, m.start()) for c in "，,；;。")) + 1
            if _PERIOD.search(text, clause, m.start()):
                continue  # 比上年减少2户: a change from another year, no dropping out
            s_start, s_end = line.span_at(m.start())
            floor = line.span_at(s_start - 1)[0] if s_start else 0
            ceiling = line.span_at(s_end)[1] if s_end < len(text) else s_end
            # the actual group: the first run after the decrease starting with the first unit
            after = [f for f in line.figures_between(dropped[-1].end, ceiling) if f.unit == units[0]]
            if not after:
                continue
            actual = _run_after(line, after[0].start)[:len(units)]
            if [f.unit for f in actual] != units or not _counted(actual) \
                    or not _ACTUAL.search(label_before(text, actual[0], dropped[-1].end, 20)):
                continue
            # the reported group: the last figure of the first unit before the decrease
            before = [f for f in line.figures_between(floor, m.start()) if f.unit in units]
            if len(before) < len(units):
                continue
            reported = before[-len(units):]
            if [f.unit for f in reported] != units or not _counted(reported) \
                    or _run_after(line, reported[0].start)[:len(units)] != reported \
                    or not _REPORTED.search(label_before(text, reported[0], floor, 20)):
                continue
            # (only the decrease between: "…退出5人，新增10人，实际…" has another change)
            between = [f for f in line.figures_between(reported[-1].end, actual[0].start)
                       if f.unit in units and f not in dropped]
            if between or _ADDED.search(text, reported[-1].end, actual[0].start):
                continue
            for r, d, a in zip(reported, dropped, actual, strict=True):
                if agrees(r.value, a.value + d.value):
                    continue
                shown = fmt(a.value + d.value, places(r.value))
                findings.append(Finding(
                    code="sum-mismatch", severity=Severity.ERROR,
                    message=(f"所述 {r.raw}，减少 {d.raw} 后实际为 {a.raw}，{a.raw} + {d.raw} = "
                             f"{shown}{r.unit} / stated {r.raw}; {a.raw} actual + {d.raw} dropped "
                             f"= {shown}{r.unit}"),
                    stated=r.value, expected=Decimal(shown), operands=(a.value, d.value),
                    unit=r.unit, line=line.number,
                    excerpt=excerpt(text, reported[0].start, actual[-1].end, 10)))
    return findings
