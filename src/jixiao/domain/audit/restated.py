"""Detector: the same quantity stated twice in one paragraph with different values.

``二是物业管理费24.7万元。……每年应承担物业管理费21万元``: both figures are labelled
物业管理费 in the same paragraph, so they must agree. The label is the text directly in
front of the figure back to the previous punctuation, with ordinals (一是), 其中 and the
verbs of obligation (每年应承担) stripped; labels must then be identical (a year, a place
or 预算/实际 in front keeps them apart). Only money and area figures are compared, and
only within one paragraph (line): across a whole report the same words often name a
budget in one place and a payment in another. Long labels (a whole event described) and
statements carrying different dates (2020年10月30日 … 2021年4月21日), figures in different
items of a list (一是…；二是…, 1.…2.…, 一、…二、…), figures scoped to different subjects
(甲镇：补助资金…。乙镇：补助资金…) and parts of different wholes (下达资金…，其中中央资金…，
拨付资金…，其中中央资金…) are not compared.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal
from typing import NamedTuple

from jixiao.domain.audit.facts import (
    YEARS,
    AuditDocument,
    AuditLine,
    Figure,
    agrees,
    dimension,
    excerpt,
    in_unit,
)
from jixiao.domain.audit.names import project_names, without_project
from jixiao.domain.audit.prose_tables import SCORE as _PROSE_SCORE
from jixiao.domain.audit.prose_tables import other_scope
from jixiao.domain.audit.tables import FUNDS
from jixiao.domain.findings import Finding, Severity

__all__ = ["detect_restated", "detect_restated_across", "label_of"]

_DELIMITER = re.compile(r"[,，。；;:：、|()（）\[\]【】“”\"'\s…]")
_LEAD = re.compile(
    r"^(?:其中|[一二三四五六七八九十]+是|\d+[.、]|(?:每年|全年|年度|每月)?(?:应|需|须)?"
    r"(?:承担|支付|缴纳|缴交|计)?)+"
)
_TRAIL = re.compile(r"(?:为|是|共计|合计|总计|共|计|达|达到|约|约为)+$")
_TRAIL_ENDS = ("为", "是", "计", "共", "达", "到", "约")  # the last characters of _TRAIL's words
_LEAD_FIRST = "其一二三四五六七八九十每全年应需须承支缴计"  # the first characters of _LEAD's words
_COMPARED = ("money", "area")
# A change names no quantity of its own: "收入…，同比上年度增加20万元；支出…，同比上年度增加10万元"
# are two different increases under the same words.
_RELATIVE = re.compile(r"增加|减少|增长|下降|同比|较上年|比上年|较去年|比去年|节约|结余|剩余|超支|"
                       r"提高|降低|增幅|降幅|差额|超出|超过|节余")
_MAX_LABEL = 12
# Dates qualify a statement: figures dated differently describe different events.
# (the first digit taken out of the alternatives: a pattern opening with it lets the engine jump
# from digit to digit; `\d{4}…|\d{1,2}…` was tried at every position of the line)
_DATE = re.compile(r"\d(?:\d{3}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?|\d?\s*月\s*\d{1,2}\s*日)")


# A document number (文号: 川财资环〔2022〕34号, 大足教财[2021]4号, damaged 川财社〔2020165号)
# qualifies the sentence citing it: a transfer payment's report tells each allocation by the
# document that made it ("根据…〔2021〕10号文件，下达资金A万元，其中：…。根据…〔2021〕35号文件，
# 下达资金B万元，其中：…": i12f 虎林 林业, 雅安 林业, 大足 土门; i11f 甘孜, 宣城), so figures of
# sentences citing different numbers are different allocations, like figures dated differently.
_DOC_NUMBER = re.compile(r"\d{4}\s*[〕\]】)）]?\s*\d{1,5}\s*号")


def _documents(line: AuditLine, fig: Figure,
               cache: dict[tuple[int, int], frozenset[str]]) -> frozenset[str]:
    """The document numbers cited in the sentence of `fig` (read once per sentence: `cache`)."""
    span = line.span_at(fig.start)
    if span not in cache:
        cache[span] = frozenset(re.sub(r"\s", "", m.group())
                                for m in _DOC_NUMBER.finditer(line.text, *span))
    return cache[span]


def _dates(line: AuditLine, fig: Figure,
           cache: dict[tuple[int, int], frozenset[str]]) -> frozenset[str]:
    """The dates of the clause holding `fig` — found once per clause (`cache`), as a clause
    may be a whole long line when its punctuation was lost."""
    span = line.span_at(fig.start, clauses=True)
    if span not in cache:
        cache[span] = frozenset(m.group() for m in _DATE.finditer(line.text, *span))
    return cache[span]


def label_of(text: str, fig: Figure) -> str:
    """The words naming a figure: the text before it back to punctuation, ordinals and verbs cut."""
    # a label is short; text without punctuation is no label
    return _window_label(text[max(0, fig.start - 40):fig.start])


def _window_label(window: str) -> str:
    """`label_of` from the 40 characters before the figure (`_window`: all a label depends on)."""
    window = window.rstrip(" ")  # (PDF text: "物业管理费 24.7 万元")
    # the last delimiter before the figure: one search of the reversed window
    m = _DELIMITER.search(window[::-1])
    label = window[len(window) - m.start():] if m else window
    if label.endswith(_TRAIL_ENDS):  # (most labels end in their noun: nothing to cut)
        label = _TRAIL.sub("", label)
    if label and (label[:1] in _LEAD_FIRST or label[:1].isdecimal()):  # (else nothing to cut)
        # (the pattern is anchored at the start: one match there is all `sub` would cut)
        lead = _LEAD.match(label)
        label = label[lead.end():] if lead else label
    return label


# where a list item starts: ；, 一是, （一）/(1), 一、, 第二, and 1. / 2、 (not a decimal point)
# (the first character taken first, then each alternative's rest after a look-behind for it: a
# pattern opening with a character class lets the engine jump to the candidates, where the
# look-ahead it opened with was tried at every position of the line)
_ITEM_BOUNDARY = re.compile(r"[；;一二三四五六七八九十（(第\d](?:(?<=[；;])|"
                            r"(?<=[一二三四五六七八九十])[一二三四五六七八九十]*是|"
                            r"(?<=[（(])[一二三四五六七八九十\d]+[)）]|"
                            r"(?<=[一二三四五六七八九十])[一二三四五六七八九十]*、|"
                            r"(?<=第)[一二三四五六七八九十]+[，,、是]|"
                            r"(?<=\d)(?<![\d.]\d)\d?[.．、](?!\d))")
_NO_SCOPE = ("其中", "分别是", "分别为", "包括")
_SENTENCE_SUBJECT = re.compile(r"(?:^|(?<=[，,。；;\d元人户个\s]))([\u4e00-\u9fff]{2,8})[：:]")
_CLAUSE_MARK = re.compile(r"[。；;]")
_DIGIT = re.compile(r"\d")


def _sentence_subject(text: str, fig: Figure) -> str:
    """The subject opening a figure's sentence ("甲镇：项目资金50万元，已支付45万元" → 甲镇 for
    both figures), or '' — read in one paragraph only, where "甲镇：…。乙镇：…" pairs the
    subjects' figures (across a report such a colon more often ends a section's label)."""
    head = text[max(0, fig.start - 200):fig.start]
    # (the last subject before the figure: with the full stops lost, "…45万元乙镇：…" opens the
    # next subject right after a figure)
    subject = ""
    for m in _SENTENCE_SUBJECT.finditer(head, max(head.rfind(ch) for ch in "。；;") + 1):
        subject = m.group(1)
    return subject if subject not in _NO_SCOPE else ""


def _scope(text: str, fig: Figure, label: str) -> str:
    """The subject a "X：label N" statement belongs to (甲镇：补助资金10万元 → 甲镇)."""
    head = text[max(0, fig.start - 200):fig.start]
    cut = head.rfind(label) if label else -1
    if cut <= 0 or head[cut - 1] not in ":：":
        return ""
    start = max(head.rfind(ch, 0, cut - 1) for ch in "。；;，,") + 1
    scope = head[start:cut - 1].strip()
    if scope in _NO_SCOPE or (scope.endswith(_REPORT_PART) and not _SUBJECT_WORD.search(scope)):
        # (年度预算执行情况：项目预算100万元 — a part of the report names no subject: the funds
        # paragraphs of the genre open with their section's words and a colon, 资金使用情况：…)
        return ""
    return scope


_SUBJECT_WORD = re.compile(r"项目|镇|乡|村|街道|社区|学校|公司|单位|合作社|基地")


_LIST_REACH = 300  # how far back a list's 其中 is looked for (a list is short; a line may not be)


def _parent(line: AuditLine, fig: Figure, labels: dict[int, str] | None = None) -> str:
    """The whole a part belongs to: ``下达资金100万元，其中中央资金60万元`` — the label of the
    last figure before the 其中 that opens the figure's list ('' when no 其中 leads to it).
    Parts of different wholes (其中中央资金 of the budget, of the payments) are different.
    The 其中 is looked for back to the start of the figure's sentence (at most _LIST_REACH
    characters): a list of long item names (上一轮集体和个人国家级公益林补助…) puts its later
    parts far from the 其中, and the genre lists each batch's breakdown in a sentence of its
    own (根据…号文件，下达资金A万元，其中：…造林补助…。根据…号文件，下达资金B万元，其中：…造林
    补助…, a transfer payment's 绩效目标分解下达情况: i12f, 虎林 林业; i11f, 塔城 援疆)."""
    floor = max(line.span_at(fig.start)[0], fig.start - _LIST_REACH)
    head = line.text[floor:fig.start]
    at = head.rfind("其中")
    if at < 0 or _CLAUSE_MARK.search(head, at):
        return ""
    pos = floor + at
    n = line.count_before(pos)
    if not n:
        return ""
    parent = line.figures[n - 1]
    # (`labels`: the labels already read, by figure start; a list's parts share one parent)
    known = labels.get(parent.start) if labels is not None else None
    # "下达资金100万元，其中中央资金60万元，省级资金40万元，已拨付中央资金60万元，省级资金30万元":
    # a clause naming a payment or its state after the 其中 opens another whole's list
    state = _STATE.search(head, at)
    # (and the whole's value: two wholes of one name stated with two values — an allocation
    # and its revision after 追减/调整, each broken down, "…资金412.85万元，其中一般项目…。追减…。
    # …资金189.28万元，其中一般项目…" (i13f, 盐边 文化 run into one paragraph) — have parts of
    # their own; the wholes' own contradiction, if any, is the wholes' to tell)
    return "其中/" + (known if known is not None else label_of(line.text, parent)) \
        + "=" + str(parent.value) + ("/" + state.group() if state else "")


_STATE = re.compile(r"[，,；;](?:已|实际|累计|目前)?(?:拨付|支付|支出|到位|使用|执行|兑付|发放)")
# count units a report states its items in before their funds ("续建项目87个，援疆资金…")
_COUNT_UNITS = frozenset("个项所处座家户人名条宗批套台次场")
_SUBJECT_START = re.compile(r"[，,。；;：:、（(）)\s]")
_WHOLE_COUNT = re.compile(r"共|总|合计|累计|全部")


def _counted_subject(line: AuditLine, fig: Figure) -> str:
    """The items a money figure belongs to when its clause follows a count of them:
    ``续建项目87个，援疆资金4.086亿元`` (the count right before the figure, one ， at most
    between) or ``市级5项，概算投资…，当年计划投资22.67亿元`` (the count opening the figure's
    sentence) → the words before the count, quotes dropped ('' when there is no such count)."""
    n = line.count_before(fig.start)
    if not n:
        return ""
    start, _ = line.span_at(fig.start)
    count = None
    prev = line.figures[n - 1]
    if prev.unit in _COUNT_UNITS and prev.start >= start:
        gap = line.text[prev.end:fig.start]
        if len(gap) <= 20 and gap.count("，") + gap.count(",") <= 1:
            count = prev
    if count is None:
        first = line.figures[line.count_before(start)]
        if first is not fig and first.unit in _COUNT_UNITS and 0 <= first.start - start <= 12:
            count = first
    if count is None:
        return ""
    head = line.text[max(start, count.start - 20):count.start]
    cut = max((m.end() for m in _SUBJECT_START.finditer(head)), default=0)
    subject = head[cut:].strip("“”\"' ")
    # (共实施项目8个，项目资金60万元: the count of all the items names the whole, no kind of it)
    return "" if _WHOLE_COUNT.search(subject) else subject


def _counted_subjects_differ(line: AuditLine, first: Figure, later: Figure,
                             named: list[tuple[Figure, str, str]], label: str,
                             known: dict[int, str]) -> bool:
    """Whether the two figures are the funds of different counted groups: "续建项目87个，援疆资金
    4.086亿元，新建项目15个，援疆资金1.223亿元" (the genre lists projects by kind, each kind's
    count and then its funds under the same name: 援疆/衔接/补助资金 of 续建/新建, 交钥匙/交支票
    projects; 省级6项…当年计划投资19亿元。市级5项…当年计划投资22.67亿元 under the year's total)
    — two quantities, not one stated twice. Only where the paragraph names two groups or more
    under this label (`named`: the line's labelled figures): then a figure of a group against
    one of none is a part against its whole. A single counted subject (补助对象120户，补助资金
    60万元 … 补助资金65万元) is compared as before; a name with a word before it (经核实产业类项目)
    is the same group. `known`: the subjects already read in this line, by figure start (the
    first statement of a name is compared with every later one)."""
    a = _subject_of(line, first, known)
    b = _subject_of(line, later, known)
    if not a and not b:
        return False
    if a and b:
        return not (a.endswith(b) or b.endswith(a))
    groups = {_subject_of(line, f, known) for f, lb, _ in named if lb == label}
    groups.discard("")
    return len(groups) >= 2


def _subject_of(line: AuditLine, fig: Figure, known: dict[int, str]) -> str:
    """`_counted_subject`, read once per figure of a line (`known`, by figure start)."""
    subject = known.get(fig.start)
    if subject is None:
        subject = known[fig.start] = _counted_subject(line, fig)
    return subject


def detect_restated(doc: AuditDocument) -> list[Finding]:
    """Same label, same paragraph, different money or area figures; then the quantities
    restated across paragraphs (`detect_restated_across`), the labels read once for both."""
    raw: dict[str, str] = {}
    return [*_same_paragraph(doc, raw), *_across(doc, raw)]


def _raw_label(text: str, fig: Figure, raw: dict[str, str]) -> str:
    """`label_of`, read once per 40 characters before a figure (all a label depends on)."""
    return _known_label(text[max(0, fig.start - 40):fig.start], raw)


def _known_label(window: str, raw: dict[str, str]) -> str:
    """`_window_label` of a window, read once per distinct window (`raw`)."""
    label = raw.get(window)
    if label is None:
        label = raw[window] = _window_label(window)
    return label


def _same_paragraph(doc: AuditDocument, raw: dict[str, str]) -> list[Finding]:
    findings: list[Finding] = []
    for line in doc.figured:
        seen: dict[tuple[str, str, str], Figure] = {}
        # List-item boundaries, found once per line and only when a pair needs them:
        # searching the text between two figures for each pair rescanned a long single-line
        # report again and again.
        bounds: list[tuple[int, int]] = []
        bound_starts: list[int] | None = None
        dates: dict[tuple[int, int], frozenset[str]] = {}
        dated: bool | None = None  # whether the line states any date at all
        documents: dict[tuple[int, int], frozenset[str]] = {}
        numbered: bool | None = None  # whether the line cites any document number
        labels: dict[int, str] = {}
        subjects: dict[int, str] = {}  # (`_counted_subject` by figure start)
        named: list[tuple[Figure, str, str]] = []
        for fig in line.figures:
            dim = dimension(fig.unit)[0]
            if not fig.exact or dim not in _COMPARED:
                continue
            label = labels[fig.start] = _raw_label(line.text, fig, raw)
            if not 3 <= len(label) <= _MAX_LABEL or _DIGIT.search(label) \
                    or _RELATIVE.search(label):
                continue
            named.append((fig, label, dim))
        if len(named) < 2:
            continue
        # a name stated once in the line matches nothing, nor does one stated with one amount
        # every time (most names that repeat): their subjects are never asked for
        values: dict[tuple[str, str], set[tuple[Decimal, str]]] = {}
        for fig, label, dim in named:
            values.setdefault((label, dim), set()).add((fig.value, fig.unit))
        for fig, label, dim in named:
            if len(values[label, dim]) < 2:
                continue
            # (the subject opening the sentence names its later figures too: "甲镇：项目资金50万元，
            # 已支付45万元。乙镇：…，已支付30万元。", i13f)
            key = (_scope(line.text, fig, label) or _sentence_subject(line.text, fig)
                   or _parent(line, fig, labels), label, dim)
            first = seen.get(key)
            if first is None:
                seen[key] = fig
                continue
            # (the values first: most statements agree, and the readings below only tell
            # apart statements that do not)
            later = in_unit(fig, first.unit)
            if later is None or agrees(first.value, later) or agrees(later, first.value):
                continue
            if dated is None:
                # (a date names its 年 or its 日)
                dated = ("年" in line.text or "日" in line.text) and _DATE.search(line.text) is not None
            if dated and _dates(line, first, dates) != _dates(line, fig, dates):
                continue  # (a line without a date: every clause's dates are the same, none)
            if dated and _two_years(line.text, first, fig):
                continue
            if numbered is None:
                numbered = "号" in line.text and _DOC_NUMBER.search(line.text) is not None
            if numbered and _documents(line, first, documents) != _documents(line, fig, documents):
                continue  # (two allocations, each by its own document)
            if _counted_subjects_differ(line, first, fig, named, label, subjects):
                continue
            if _qualifiers_differ(line.text, first, fig) or _recipients_differ(line.text, first, fig) \
                    or _remarks_of_different_figures(line, first, fig):
                continue
            if bound_starts is None:
                bounds = [(m.start(), m.end()) for m in _ITEM_BOUNDARY.finditer(line.text)]
                bound_starts = [b[0] for b in bounds]
            k = bisect_left(bound_starts, first.end)
            if k < len(bounds) and bounds[k][1] <= fig.start:
                continue  # 一是…；二是…: list items about different subjects
            findings.append(Finding(
                code="restated-mismatch",
                severity=Severity.ERROR,
                message=(
                    f"同一段中“{label}”先写作 {first.raw}，后写作 {fig.raw}"
                    f" / “{label}” is stated as {first.raw} and later as {fig.raw}"
                ),
                stated=first.value,
                expected=later,
                operands=(first.value, later),
                unit=first.unit,
                line=line.number,
                excerpt=excerpt(line.text, first.start, first.end, 20)
                + " … " + excerpt(line.text, fig.start, fig.end, 20),
            ))
    return findings


# --- across sentences and lines --------------------------------------------------------------
#
# Reports of the genre state their key figures in several sections (项目概况, 资金投入情况,
# 绩效指标完成情况, 总结): 114 repeats "下达资金56万元，实际完成投资54.6万元" and "完成工程量波型
# 护栏1820米，标志标牌18块" in three sections; 027, 118, 122 and 147 state the project's funds
# three to five times under different names (安排项目资金 / 下达建设资金 / 计划资金全部到位;
# 预算经费 / 预算价 / 列入部门预算经费 / 预算金额). The readings, most certain first:
#
# - the project's allocated funds (下达/安排/批复/预算/计划投资/总投资…, no part, payment, year
#   or source of its own) stated three times or more with exactly two values, one of them once;
# - one specific name (six characters or more) stated three times or more, likewise;
# - a repeated passage: two sentences that name at least two of the same labelled figures, all
#   agreeing but one (the passage was copied, one figure edited);
# - a quantity's name stated exactly twice, each the only figure of its kind in its sentence;
# - the total score (自评得分…) stated three times or more with one odd value.
#
# Which statement is wrong is told by the majority where there is one; otherwise the later
# statement is reported (the restatement). What keeps two statements apart: years, a subject
# (甲镇：, a heading naming a project or place, …项目：), the whole of a 其中, a month, and
# sentences that name another figure alike with two values (parallel sections of a report of
# several projects, 136).

_YEAR_LEAD = re.compile(r"^(?:\d{4}\s*年度?)+")
_SUBJECT_LEAD = re.compile(r"^(?:(?:该|本|此)(?:项目|单位|部门)?|共计|合计|总计|共)+")
_MAX_NAME = 30  # the funds' name may hold the project's (2022年云龙产业园…项目预算经费)
_SPECIFIC = 6  # a label this long names one thing (完成工程量波型护栏), not a role (实际支付)
_CLAUSE_START = re.compile(r"[，,。；;：:！？!?]")
_UNCOMPARED_UNITS = ("", "%", "‰", "分", "个百分点")
# the subject a statement is about, in a report of several projects, places or units: the
# headings above it that name one ((三)信息化项目, 2.甲镇 — not 二、绩效分析 or (一)资金使用情况,
# which name a part of the report) or the words before a colon or full stop in the line
# (2、XX专项资金项目：预算…)
_HEADING = re.compile(r"^\s*(?:(?P<l2>[（(][一二三四五六七八九十]{1,3}[)）])|"
                      r"(?P<l1>[一二三四五六七八九十]{1,3}[、.．])|(?P<l4>[（(]\d{1,2}[)）])|(?P<l3>\d{1,2}[、.．](?!\d)))\s*"
                      r"(?P<name>[^，,。；;：:\d]{2,30}?)\s*[：:。]?\s*$")
_HEADING_FIRST = frozenset("（(一二三四五六七八九十0123456789")  # the characters _HEADING opens with
_REPORT_PART = ("情况", "分析", "目标", "概况", "措施", "问题", "建议", "结论", "评价", "说明", "指标",
                "内容", "依据", "过程", "结果", "成效", "效益", "效果", "管理", "使用", "执行", "安排",
                "方面", "工作", "原因", "计划", "打算", "意见", "其他", "附件", "要求", "信息", "绩效",
                "自评", "投入", "产出", "决策", "方向", "组织", "实施", "资金", "预算", "职能", "机构",
                "任务", "分工", "步骤", "方法", "做法", "经验", "不足", "应用", "公开", "整改", "收支",
                "支出", "收入", "设置", "完成", "开展", "基本", "总体", "简介", "背景")
_PROJECT_END = re.compile(r"项目\s*[：:。]")
_NAME_REVERSED = re.compile(r"[\u4e00-\u9fff\d]{2,30}")


def _inline_projects(text: str) -> list[tuple[int, str]]:
    """(end, name) of every "…项目：" / "…项目。" of a line (2、XX专项资金项目：预算…): the name is
    the run of words before 项目, read backwards from each 项目 (a pattern scanning forwards
    would try every character of the line)."""
    found = []
    for m in _PROJECT_END.finditer(text):
        name = _NAME_REVERSED.match(text[max(0, m.start() - 30):m.start()][::-1])
        if name:
            found.append((m.end(), name.group()[::-1] + "项目"))
    return found


_ITEM_START = re.compile(r"[，,；;。、:：]")
_QUALIFIER = re.compile(r"[（(]([^（）()]{1,12})[）)]")
# a remark right after the figure qualifies it too — "下达资金100万元（第一批），下达资金50万元（第二批）"
# (the batches of the transfer reports' 分解下达 paragraphs, i12v's batch wording; the 盐边/南昌
# 下达 paragraphs of the i13f search) — unless it breaks the amount down or restates it (含…,
# 其中…, 大写…, 即…)
_REMARK_AFTER = re.compile(r"\s*[（(](?!含|其中|包括|包含|大写|即|约|合)([^（）()]{1,12})[）)]")


def _qualifiers_differ(text: str, a: Figure, b: Figure) -> bool:
    """Whether two figures of one name are qualified by two different remarks in their items:
    "商业段外立面墙身(瓷砖)重新喷涂…面积520.75㎡,商业段外立面墙身(砖墙)重新喷涂…面积2021.26㎡"
    (round 3 477, a 项目建设内容 list) names two walls, not one quantity twice; nor do two
    amounts each followed by its own remark (下达资金100万元（第一批）…50万元（第二批）)."""
    found = []
    for fig in (a, b):
        remarks = set()
        after = _REMARK_AFTER.match(text, fig.end)
        if after:
            remarks.add(after.group(1))
        # (a remark before needs its bracket: a figure with none in the 60 characters before
        # it has no such qualifier, and most have none — the items' marks are then never
        # searched)
        if text.find("(", max(0, fig.start - 60), fig.start) >= 0 \
                or text.find("（", max(0, fig.start - 60), fig.start) >= 0:
            marks = list(_ITEM_START.finditer(text, max(0, fig.start - 60), fig.start))
            remarks.update(_QUALIFIER.findall(
                text, marks[-1].end() if marks else max(0, fig.start - 60), fig.start))
        if not remarks:
            return False
        found.append(remarks)
    return found[0] != found[1]


_GAP_TO_BRACKET = re.compile(r"\s*")


def _bracket_opened(text: str, fig: Figure) -> int:
    """Where the bracket holding a figure opens (-1 when it stands in none), back to 40
    characters."""
    floor = max(0, fig.start - 40)
    opened = max(text.rfind("（", floor, fig.start), text.rfind("(", floor, fig.start))
    closed = max(text.rfind("）", floor, fig.start), text.rfind(")", floor, fig.start))
    return opened if opened > closed else -1


def _remarks_of_different_figures(line: AuditLine, a: Figure, b: Figure) -> bool:
    """Whether two figures each stand in a bracket of its own right after two different
    amounts — remarks on each: "中央资金60万元（已拨付55万元），省级资金40万元（已拨付40万元）"
    (i13f) pays each part; the same amount stated twice keeps its remarks comparable."""
    text = line.text
    oa, ob = _bracket_opened(text, a), _bracket_opened(text, b)
    if oa < 0 or ob < 0 or oa == ob:
        return False
    owners = []
    for opened in (oa, ob):
        n = line.count_before(opened)
        if not n or not _GAP_TO_BRACKET.fullmatch(text, line.figures[n - 1].end, opened):
            return False  # (a bracket not right after an amount: no remark on one)
        owners.append(line.figures[n - 1])
    x, y = owners
    lx, ly = label_of(text, x), label_of(text, y)
    return not (x.raw == y.raw and (lx.endswith(ly) or ly.endswith(lx)))


def _recipient(text: str, fig: Figure) -> str:
    """The recipient named right after an amount (下达资金80万元到甲镇 → 到甲镇), or ''."""
    m = _TO_RECIPIENT.match(text, fig.end)
    return m.group().strip() if m else ""


def _recipients_differ(text: str, a: Figure, b: Figure) -> bool:
    """Whether two amounts of one name go to two different recipients named after them:
    "下达资金100万元到甲镇，下达资金80万元到乙镇" allocates twice (i12v's recipient wording)."""
    ra, rb = _recipient(text, a), _recipient(text, b)
    return bool(ra or rb) and ra != rb


def _context_differs(a: _Statement, b: _Statement, raw: dict[str, str]) -> bool:
    """Whether the sentences of two statements name another figure alike (rates included) with
    two values: parallel sections of one template about two subjects (该项目预算安排资金100万元，
    实际支出98万元，执行率98% / …90万元，执行率90%), not one passage copied and edited."""
    seen: dict[str, Figure] = {}
    for s, first in ((a, True), (b, False)):
        for fig in s.line.figures_between(*s.line.span_at(s.figure.start)):
            if fig is s.figure or not fig.exact or not fig.unit:
                continue
            label = _cross_label(_raw_label(s.line.text, fig, raw)) + "/" + fig.unit
            if first:
                seen[label] = fig
            elif label in seen and not (agrees(seen[label].value, fig.value)
                                        or agrees(fig.value, seen[label].value)):
                return True
    return False


_MAX_REPEATS = 8  # a label stated in more sentences than this is a generic word, not one quantity
# the project's allocated funds, named by what the forms call it …
_ALLOCATED = re.compile(r"下达|安排|批复|预算|计划投资|计划资金|总投资|项目资金|资金总额|投资总额|到位")
# … but not by the names of the budget system, whose 预算 names a kind of public money (the four
# budgets, the stabilisation fund): "一般公共预算财力…，动用预算稳定调节基金等…" state a town's or
# department's income and spending (决算报告, 部门整体支出 reports and the 部门整体 form's 按收入
# 性质分 rows), several different amounts, none the project's allocation (i12f: 铜梁 小林镇 决算)
_BUDGET_SYSTEM = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算|"
                            r"预算稳定调节基金|预算内|预算外")
# what names a quantity of its own (an amount, an area, a length, a count of things) …
_QUANTITY = re.compile(r"资金|预算|投资|经费|金额|总额|费用|面积|长度|里程|规模|人数|户数|总数|数量|产量|"
                       r"(?:[租物管]|补助|补贴|工程|建设|维修|服务|培训)费")
# … and what makes two statements of one name two moments of a progress (已拨付资金 at June and
# at December), a plan and its outcome, or one batch or item of several
_PROGRESS = re.compile(r"已|累计|截至|截止|目前|现|本次|当期|首|第|批|预计|计划|目标|完成|实际|到账|"
                       r"拨付|支付|支出|使用|兑付|发放|新增|其中|每|单")
_NEAR = re.compile(r"约|近|超过")  # an approximate score is no statement of the total
_DAY = re.compile(r"\d{1,2}\s*月|月底|月末|季度|上半年|下半年")


def _alone(s: _Statement) -> bool:
    """Whether the statement is the only figure of its dimension in its sentence: a figure
    among others may be a component's (每公里造价100万元，总投资350万元) or a breakdown's whole."""
    dim = dimension(s.figure.unit)[0]
    return sum(1 for f in s.line.figures_between(*s.line.span_at(s.figure.start))
               if dimension(f.unit)[0] == dim) == 1


_OUTPUT_NAME = 4  # a verb and its object at least (培训农民): 培训 alone may be any training
# what makes a statement a target, a plan or an indicator's value rather than what was done: its
# section (绩效目标, 年度目标, 绩效指标) or its sentence (计划, 预计, 力争, 拟, 任务, 指标值)
_TARGETED = re.compile(r"目标|计划|预计|预期|力争|拟|任务|指标|标准|要求|不少于|不低于|达到|确保|争取")


_DONE = re.compile(r"完成|实现|执行|落实|情况")


def _targeted(s: _Statement) -> bool:
    """Whether the statement stands under a target's heading (绩效目标, 年度目标; not 绩效目标
    完成情况, which reports what was done) or in a sentence that sets one."""
    last = s.section.rsplit("/", 1)[-1]
    return bool((_TARGETED.search(last) and not _DONE.search(last))
                or _TARGETED.search(s.line.text, *s.line.span_at(s.figure.start)))


def _dated(s: _Statement) -> bool:
    """Whether the clause of a statement names a month or a part of the year (a moment, not
    the year's figure)."""
    head = s.line.text[max(0, s.figure.start - 60):s.figure.start]
    if "月" not in head and "季" not in head and "半" not in head:
        return False  # (every word of `_DAY` holds one of them: most statements name none)
    m = _CLAUSE_START.search(head[::-1])
    return _DAY.search(head[len(head) - m.start():] if m else head) is not None


_ADJUSTED = re.compile(r"调整|追加|调增|调减|追减|年初|压减|收回")
_INVESTMENT = re.compile(r"总投资|投资总额|计划投资")
_VERB_LEAD = re.compile(r"^(?:上级|下达|安排|批复|计划|列入|共|累计)+")
# … and what makes an amount something else: a payment or its progress, a part (其中, a fund
# source, a batch), another period, a change, a per-unit amount, a target
_NOT_ALLOCATED = re.compile(
    r"已|支付|拨付|支出|执行|使用|完成|结算|决算|到账|结余|结转|上年|去年|累计|截至|截止|中央|省|市级|"
    r"县级|区级|本级|乡镇|镇级|村级|自筹|配套(?:资金|经费|补助)|其中|批|年初|调整|追加|调增|调减|目标|收入|超|节约|差|"
    r"剩余|未|增|减|另|下年|下一年|明年|次年|"
    r"每|单价|标准|均|各|分别|含|占|外|非|前|后|月|季|半年|部分|本次|首|尾")


def _after_name(label: str) -> str:
    """What a label says after the project's name (云龙产业园基础设施配套路网项目预算经费 →
    预算经费): words of the name (配套路网) say nothing about which amount it is."""
    at = label.rfind("项目")
    return label[at:] if at >= 4 else label


def _project_name(label: str) -> str:
    """The project's name a funds label starts with (甲项目预算 → 甲), '' when none."""
    at = label.rfind("项目")
    return _VERB_LEAD.sub("", label[:at]) if at > 0 else ""


def _clause_years(text: str, fig: Figure) -> frozenset[str]:
    """The years named in the comma clause that ends at `fig` (2022年预算价为3483万元 → 2022)."""
    head = text[max(0, fig.start - 60):fig.start]
    m = _CLAUSE_START.search(head[::-1])
    clause = head[len(head) - m.start():] if m else head
    return frozenset(YEARS.findall(clause))


def _two_years(text: str, first: Figure, later: Figure) -> bool:
    """Whether two statements' comma clauses name different years (i11u).

    A year opening a clause scopes the items the clause lists: ``其中2021年省级资金…、中央资金…，
    2022年省级资金…、中央资金…`` (a report over two years, round 3 山东 421; the growth readings'
    ``2021年收入…，2022年收入…``) names two 中央资金, one per year. A clause without a year says
    nothing either way and is still compared."""
    a, b = _clause_years(text, first), _clause_years(text, later)
    return bool(a) and bool(b) and a != b


def _cross_label(label: str) -> str:
    """A label without the subject and year in front (该项目下达资金 → 下达资金), in either
    order (该项目2020年度财政资金 → 财政资金); 该项目资金 keeps its 项目 (→ 项目资金, the name
    the genre gives the project's funds: 资金 alone names nothing)."""
    if label[:1].isdecimal():
        label = _YEAR_LEAD.sub("", label)
    if label and label[0] in "该本此共合总":  # (not "": it is in every string)
        stripped = _SUBJECT_LEAD.sub("", label)
        if len(stripped) < 3 and label.endswith("项目" + stripped):
            stripped = "项目" + stripped
        label = stripped
        if label[:1].isdecimal():
            label = _YEAR_LEAD.sub("", label)
    if label.startswith("项目") and len(label) >= 5:  # 项目总投资 = 本项目总投资 (项目资金 stays)
        label = label[2:]
    return label


class _Statement(NamedTuple):
    """One prose figure with its cross-report label (a tuple: a report makes dozens of them,
    and a frozen dataclass is several times slower to build)."""

    line: AuditLine
    figure: Figure
    label: str
    sentence: int  # index of the sentence in the document
    project: str  # the project it is about, when the report names several ('' otherwise)
    section: str = ""  # the headings above it, report parts included (一、绩效目标/…)


def _statements(doc: AuditDocument, raw: dict[str, str]) -> list[_Statement]:
    """Every exact figure of the prose with its cross-line label (tables are left to the
    table detectors and `prose_tables`)."""
    out: list[_Statement] = []
    sentence = 0
    # what a line's text gives (its figures' labels and sentences) is read once per distinct
    # text: a long report repeats lines, and a label depends only on the text before it
    read: dict[str, tuple[int, list[tuple[int, str, int, str]]]] = {}
    windows: dict[str, str] = {}
    names = project_names(doc)
    subjects = ["", "", "", ""]  # by heading level: 一、 （一） 1. （1）
    heading = ""
    parts = ["", "", "", ""]  # the headings' names, report parts too
    section = ""
    for line in doc.lines:
        # (a heading's only figure may be its own number: 1.甲镇; it opens with its number)
        if len(line.text) <= 40 and line.text.lstrip()[:1] in _HEADING_FIRST \
                and (not line.figures or (len(line.figures) == 1 and line.figures[0].start < 3)):
            named = _HEADING.match(line.text)
            if named:
                level = next(i for i, g in enumerate(("l1", "l2", "l3", "l4")) if named.group(g))
                name = named.group("name")
                subjects[level:] = [name if name.endswith("项目")
                                    or not name.endswith(_REPORT_PART) else ""] + [""] * (3 - level)
                heading = "/".join(x for x in subjects if x)
                parts[level:] = [name] + [""] * (3 - level)
                section = "/".join(x for x in parts if x)
        if not line.figures or "|" in line.text:
            continue
        found = read.get(line.text)
        if found is None:
            found = read[line.text] = _line_labels(line, windows, raw, names)
        spans, labelled = found
        out.extend(_Statement(line, line.figures[k], label, sentence + i, project or heading,
                              section)
                   for k, label, i, project in labelled)
        sentence += spans
    return out


def _line_labels(line: AuditLine, windows: dict[str, str], raw: dict[str, str],
                 names: tuple[str, ...] = ()) -> tuple[int, list[tuple[int, str, int, str]]]:
    """(number of sentences, [(figure index, label, sentence index)]) of one line; `windows`
    keeps the label of the 40 characters before a figure (all a label depends on), so a
    line that repeats its wordings reads each once; `names`: the report's project names,
    cut from the labels' start (`names.without_project`)."""
    if not any(f.exact and f.unit not in _UNCOMPARED_UNITS and "/" not in f.unit
               for f in line.figures):
        return 1, []  # (sentence numbers only tell sentences apart: one is enough here)
    ends = [b for _, b in line.spans()]
    i = 0  # the sentence of the figure: figures and sentences are both in order
    labelled: list[tuple[int, str, int, str]] = []
    projects = _inline_projects(line.text) if "项目" in line.text else []
    for k, fig in enumerate(line.figures):
        if not fig.exact or fig.unit in _UNCOMPARED_UNITS or "/" in fig.unit:
            continue
        while i < len(ends) - 1 and fig.start >= ends[i]:
            i += 1
        window = line.text[max(0, fig.start - 40):fig.start]
        label = windows.get(window)
        if label is None:  # (the window sliced once for both readings of it)
            label = windows[window] = _usable(without_project(_cross_label(
                _with_period(line.text, fig, _known_label(window, raw))), names))
        if not label and (not window or window[-1] in _FIGURE_FIRST_AFTER):
            label = _named_after(line.text, fig)
        if label:
            project = next((name for end, name in reversed(projects) if end <= fig.start),
                           "") if projects else ""
            # (an amount allocated to a recipient named after it — 下达资金80万元到乙镇 — is that
            # recipient's: its subject, as a heading naming a town would be)
            project = _recipient(line.text, fig) or project
            labelled.append((k, label, i, project))
    return len(ends), labelled


# A figure opening its clause and named after it: "100万元预算资金已全部下达", "95万元实际支出
# 全部用于…" — the year's budget or spending only (a name after a figure is otherwise as often
# its use: 100万元用于道路维修, 20万元为自筹)
_FIGURE_FIRST_AFTER = frozenset("，,。；;：:、（(")
_AFTER_NAME = re.compile(r"\s*(?:的)?(?P<name>[\u4e00-\u9fff]{2,8}?)(?=已|全部|均|于|被|由|[，,。；;]|$)")


def _named_after(text: str, fig: Figure) -> str:
    """The budget or spending name right after a figure that opens its clause, '' when none."""
    m = _AFTER_NAME.match(text, fig.end)
    if m is None:
        return ""
    name = m.group("name")
    return name if name in _ROLE_NAMES else ""


_PERIOD_WORDS = ("年度", "全年")


def _with_period(text: str, fig: Figure, label: str) -> str:
    """The label with the 年度/全年 that `label_of` cuts as the start of an obligation
    (每年应承担…) put back when what is left is too short to name anything (预算, 支出): 年度预算
    and 全年预算 are the forms' names of the year's budget (i11p), not 预算 of no period."""
    at = fig.start - len(label)
    if not label or len(label) >= 3 or text[at:fig.start] != label \
            or text[max(0, at - 2):at] not in _PERIOD_WORDS:
        return label  # (全年预算安排 stays 预算安排, as the other statements of it are read)
    if at - 2 > 0 and not _DELIMITER.match(text, at - 3):
        return label  # (本年度预算, 项目年度预算: the label went on before the period)
    return text[at - 2:fig.start]


def _usable(label: str) -> str:
    """The label when it can name a quantity, else '' (too short or long, a number in it, a
    change rather than a quantity)."""
    if not 3 <= len(label) <= _MAX_NAME or _DIGIT.search(label) or _RELATIVE.search(label):
        return ""
    return label


def _key(s: _Statement) -> tuple[str, str, frozenset[str], str]:
    """What identifies a quantity: its name, its dimension, its years and its subject (its
    project, a 甲镇：, the whole of its 其中)."""
    return (s.label, dimension(s.figure.unit)[0], _clause_years(s.line.text, s.figure),
            s.project + "/" + (_scope(s.line.text, s.figure, s.label) or _whole_of(s)))


def _whole_of(s: _Statement) -> str:
    """`_parent` read over the whole clause (。；) before the figure: a 其中 list across lines
    may run on for more than a label's length (161: 其中：中央…（含…），地方…，其他资金渠道…)."""
    start = s.line.span_at(s.figure.start, clauses=True)[0]
    at = s.line.text.rfind("其中", start, s.figure.start)
    if at < 0:
        return ""
    n = s.line.count_before(at)
    if not n or s.line.figures[n - 1].start < start:
        return "其中/"
    return "其中/" + label_of(s.line.text, s.line.figures[n - 1])


def _same(a: _Statement, b: _Statement) -> bool:
    later = in_unit(b.figure, a.figure.unit)
    return later is not None and (agrees(a.figure.value, later) or agrees(later, a.figure.value))


def _odd_one(group: list[_Statement]) -> tuple[_Statement, _Statement] | None:
    """(the odd statement, one of the majority) when the group states exactly two values,
    one of them once and the other at least twice; None otherwise."""
    values: list[list[_Statement]] = []
    for s in group:
        for bucket in values:
            if _same(bucket[0], s):
                bucket.append(s)
                break
        else:
            if len(values) == 2:
                return None  # a third value (and the loop stays linear in a long report)
            values.append([s])
    if len(values) != 2:
        return None
    few, many = sorted(values, key=len)
    if len(few) != 1 or len(many) < 2:
        return None
    return few[0], many[0]


def _restated_finding(odd: _Statement, other: _Statement, why: str,
                      severity: Severity = Severity.ERROR) -> Finding:
    later = in_unit(other.figure, odd.figure.unit)
    assert later is not None
    return Finding(
        code="restated-mismatch",
        severity=severity,
        message=(f"“{odd.label}”写作 {odd.figure.raw}，而第 {other.line.number} 行{why}写作 "
                 f"{other.figure.raw} / “{odd.label}” is stated as {odd.figure.raw}, line "
                 f"{other.line.number} states {other.figure.raw}"),
        stated=odd.figure.value,
        expected=later,
        operands=(odd.figure.value, later),
        unit=odd.figure.unit,
        line=odd.line.number,
        excerpt=excerpt(odd.line.text, odd.figure.start, odd.figure.end, 20),
    )


def detect_restated_across(doc: AuditDocument) -> list[Finding]:
    """A repeated passage with one figure changed, one specific name or the project's
    allocated funds stated with one odd value, across sentences and lines (see the comment
    above). Each figure is accused at most once, the reading with a majority first."""
    return _across(doc, {})


def _across(doc: AuditDocument, raw: dict[str, str]) -> list[Finding]:
    findings = _scores_restated(doc)
    statements = _statements(doc, raw)
    if not statements:
        return findings  # (one statement may still restate the form's funds: `_against_form_funds`)
    used: set[tuple[int, int]] = set()  # (line, start) of the figures already compared

    def report(odd: _Statement, other: _Statement, where: str,
               severity: Severity = Severity.ERROR) -> None:
        ids = {(odd.line.number, odd.figure.start), (other.line.number, other.figure.start)}
        if odd.line is other.line or ids & used or _context_differs(odd, other, raw):
            return
        used.update(ids)
        findings.append(_restated_finding(odd, other, where, severity))

    # the project's allocated funds under its several names
    allocated: dict[str, bool] = {}
    for s in statements:
        if s.label not in allocated:
            allocated[s.label] = _ALLOCATED.search(_BUDGET_SYSTEM.sub("", s.label)) is not None \
                and not _NOT_ALLOCATED.search(_after_name(s.label))
    funds = [s for s in statements if allocated[s.label]
             and dimension(s.figure.unit)[0] == "money"]
    if len(funds) > 3 * _MAX_REPEATS:
        funds = []  # the funds of many projects or years: no single odd one to tell
    elif funds and any(_ADJUSTED.search(s.label) for s in statements):
        # a budget adjusted during the year has two values (预算安排100万元 … 追加20万元 … 全年
        # 预算120万元), and the prose need not say which one each statement names
        funds = []
    by_years: dict[tuple[bool, frozenset[str], str], list[_Statement]] = {}
    for s in funds:
        if not _scope(s.line.text, s.figure, s.label) and not _parent(s.line, s.figure):
            # a multi-year project's investment is not the year's funds (总投资500万元，本年度
            # 预算安排100万元): the two are never pooled
            kind = _INVESTMENT.search(s.label) is not None
            by_years.setdefault((kind, _clause_years(s.line.text, s.figure), s.project),
                                []).append(s)
    for kind, project in {(k, p) for k, _, p in by_years}:
        dated = [y for k, y, p in by_years if k is kind and p == project and y]
        if len(dated) == 1 and (kind, frozenset(), project) in by_years:
            # a report about one year names it in some statements and not in others
            by_years[kind, dated[0], project].extend(by_years.pop((kind, frozenset(), project)))
    for group in by_years.values():
        # a report of several projects names each one's funds (甲项目预算…，乙项目预算…)
        if len({n for s in group if (n := _project_name(s.label))}) > 1:
            continue
        odd = _odd_one(group)
        # the odd one named exactly as a statement of the majority: parallel sections of one
        # template (该项目预算安排资金… per project), not one amount under several names
        if odd is not None and not any(s.label == odd[0].label for s in group
                                       if s is not odd[0] and _same(s, odd[1])) \
                and not _named_expense(odd[0], [s for s in group if _same(s, odd[1])]):
            report(*odd, "（项目资金）")
    # the full key only for names stated more than once (most figures are stated once)
    by_name: dict[tuple[str, str], list[_Statement]] = {}
    for s in statements:
        if len(s.label) <= _MAX_LABEL:
            by_name.setdefault((s.label, dimension(s.figure.unit)[0]), []).append(s)
    by_key: dict[tuple[str, str, frozenset[str], str], list[_Statement]] = {}
    for named in by_name.values():
        if 1 < len(named) <= _MAX_REPEATS:
            for s in named:
                by_key.setdefault(_key(s), []).append(s)
    # one specific name stated three times or more, once with another value
    for key, group in by_key.items():
        if len(key[0]) >= _SPECIFIC and len(group) >= 3 and key[1] != "%":
            odd = _odd_one(group)
            if odd is not None:
                report(*odd, "")
    # repeated passages: sentence pairs sharing two keys or more, each stated once in each
    per_sentence: dict[int, dict[tuple[str, str, frozenset[str], str], _Statement]] = {}
    for key, group in by_key.items():
        sentences = {s.sentence for s in group}
        if len(sentences) < 2 or len(sentences) > _MAX_REPEATS or len(sentences) != len(group):
            continue  # (a key twice in one sentence: which one repeats is not said)
        for s in group:
            per_sentence.setdefault(s.sentence, {})[key] = s
    shared: dict[tuple[int, int], list[tuple[str, str, frozenset[str], str]]] = {}
    for key, group in by_key.items():
        members = sorted(s.sentence for s in group
                         if per_sentence.get(s.sentence, {}).get(key) is s)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                shared.setdefault((a, b), []).append(key)
    for (a, b), keys in sorted(shared.items()):
        if len(keys) < 2:
            continue
        differing = [k for k in keys if not _same(per_sentence[a][k], per_sentence[b][k])]
        if len(differing) != 1:
            continue
        key = differing[0]
        if _context_differs(per_sentence[a][key], per_sentence[b][key], raw):
            continue  # two subjects' passages: their rates differ with their amounts
        odd = _odd_one(by_key[key]) or (per_sentence[b][key], per_sentence[a][key])
        report(*odd, "（重复的一段）")
    # a name of a quantity stated exactly twice, in different paragraphs: the later one
    # restates the earlier (the report says which is meant no more than that)
    adjusted = any(_ADJUSTED.search(s.label) for s in statements)
    pairs = [g for k, g in by_key.items() if len(g) == 2 and _QUANTITY.search(k[0])
             and not _PROGRESS.search(k[0]) and k[1] != "%"
             and not (adjusted and "预算" in k[0])  # (an adjusted budget has two values)
             and k[0] not in _ROLE_NAMES]  # (the year's budget and spending: read below, all years)
    # (where the year's budget and spending are stated, by (line, start): all `_leads` asks)
    # (the role names are short: every statement of them is in `by_name`, whose keys are few)
    roles_at = {(s.line.number, s.figure.start) for (label, _), group in by_name.items()
                if label in _ROLE_NAMES for s in group}
    for first, second in pairs:
        # (each the whole its name says: alone in its sentence, or opening it — 项目资金100万元，
        # 实际支出95万元 — as the genre's funds paragraph restates the overview's figure)
        if not _same(first, second) and not (_dated(first) or _dated(second)) \
                and _leads(first, roles_at) and _leads(second, roles_at):
            report(second, first, "")
    # an output named by what was done (培训农民, 新建道路, 覆盖建档立卡贫困户) stated exactly twice,
    # neither time as a target: the 项目概况 and the 产出 sections of the genre's outline restate
    # what was done (round 3 114: 完成工程量波型护栏1820米 in three sections) — a warning: a
    # 项目概况 may state the planned content without saying it is a plan (118: 实现新建…32.63公里)
    outputs = [g for k, g in by_key.items() if len(g) == 2 and len(k[0]) >= _OUTPUT_NAME
               and k[1] not in ("money", "%") and not _QUANTITY.search(k[0])
               and not _PROGRESS.search(k[0]) and not _TARGETED.search(k[0])]
    for first, second in outputs:
        if not _same(first, second) and not (_dated(first) or _dated(second)) \
                and _alone(first) and _alone(second) \
                and not (_targeted(first) or _targeted(second)) \
                and not any(_REMAINDER.search(x.line.text, *x.line.span_at(x.figure.start))
                            for x in (first, second)):
            report(second, first, "", Severity.WARNING)
    # the year's budget or spending under the names the prose gives it (年度预算数 / 全年预算 /
    # 预算安排; 实际支出 / 执行数 / 全年支出), each statement alone in its sentence: two values
    # are a contradiction (the later one reported), three or more tell the odd one
    for role, names in _ROLES.items():
        if role == "budget" and adjusted:
            continue  # (an adjusted budget has two values)
        named = [s for s in statements if s.label in names and dimension(s.figure.unit)[0] == "money"]
        if len({(s.figure.value, s.figure.unit) for s in named}) < 2:
            continue  # (one amount stated every time — most reports: no two statements differ)
        stated = [s for s in named if not _dated(s) and _leads(s, roles_at)]
        groups: dict[tuple[frozenset[str], str], list[_Statement]] = {}
        for s in stated:
            k = _key(s)
            groups.setdefault((k[2], k[3]), []).append(s)
        _one_year(groups)
        for group in groups.values():
            if len(group) == 2 and not _same(*group):
                report(group[1], group[0], "")
            elif len(group) > 2 and (odd := _odd_one(group)) is not None:
                report(*odd, "")
    if not adjusted:
        for prose, field in _against_form_funds(doc, statements, roles_at):
            report(prose, field, "（绩效目标表“年度资金总额”）")
    for claim, whole in _whole_claims(statements, adjusted):
        report(claim, whole, "（项目资金）", _pair_severity(claim, whole))
    for later, earlier in _allocations_named_twice(statements, adjusted):
        report(later, earlier, "（下达资金）", _pair_severity(later, earlier))
    return findings


# "下达金凤区中央财政水利发展资金1785万元" … "下达资金1785万元" (round 3 426), "上级下达中央农业防灾
# 减灾资金总额118万元" … "上级下达的补助资金总额118万元" (122), "下达资金56万元" … "下达建设资金56万元"
# (027): the transfer-payment reports state what the level above allocated (下达/拨付下达) in
# 绩效目标分解下达情况 and again in 资金投入情况, under a longer and a shorter name
_ALLOCATE_VERB = re.compile(r"下达")
_LEVELS = re.compile(r"中央|省级|省|市级|市|州|县级|县|区级|本级|自筹|配套|地方|社会")
_FUNDS_END = re.compile(r"(?:资金|经费)(?:总额|总计|合计)?$")
_GENERIC = re.compile(r"上级|下达|拨付|的|财政|专项|项目|补助|转移支付|资金|经费|总额|总计|合计|"
                      r"[我本全][区县市镇乡]|中央|省级|省|市级|县级|区级|本级")
_PROGRAMME = re.compile(r"中央|省级|省|市级|县级|区级|发展资金|补助资金|衔接资金|专项资金|转移支付|"
                        r"减灾资金|奖补资金")
_FUND_PROGRAMME = re.compile(r"发展资金|补助资金|衔接资金|专项资金|转移支付|减灾资金|奖补资金")
_PART_WORDS = re.compile(r"已|累计|截至|截止|目前|本次|首|第|批|追加|调整|调增|调减|年初|其中|剩余|"
                         r"结余|结转|上年|未|尚|每|各|分别|部分|用于|拟|计划|预计|目标")

# a batch named anywhere in the sentence, a remark included: "下达资金40万元（第二批）"
_BATCH = re.compile(r"第[一二三四五六七八九十\d]+批|批次|分批|首批")
# a recipient named after the amount: "下达资金80万元到甲镇" is that recipient's part
_TO_RECIPIENT = re.compile(r"\s*(?:下达|拨付|下拨)?(?:到|至|给)[\u4e00-\u9fff]{0,10}?"
                           r"(?:镇|乡|村|街道|社区|部门|单位|学校|企业|合作社)")


# the words that name an allocation or the funds as such (what is left of a label without them
# names what the funds are for)
_FUNDS_WORDS = re.compile(_ALLOCATED.pattern + "|" + _GENERIC.pattern + r"|安排|共|计")


def _named_expense(odd: _Statement, majority: list[_Statement]) -> bool:
    """Whether the odd statement of the project's funds names an expense of its own that no
    statement of the majority names: "安排工作经费10万元", "下达培训经费10万元" beside the
    project's 安排资金/下达资金 (the 资金使用 lists of the genre name each expense as X经费/X费;
    i12v's 另下达工作经费) is that expense, a part — not the funds under another name."""
    if not odd.label.endswith("费"):
        return False
    own = _FUNDS_WORDS.sub("", odd.label)
    return len(own) >= 2 and not any(own in s.label for s in majority)


def _allocations_named_twice(statements: list[_Statement], adjusted: bool
                             ) -> list[tuple[_Statement, _Statement]]:
    """(later, earlier): the only two statements of what was allocated (下达…资金), under two
    names — one saying nothing but the funds allocated, the other at most naming the transfer
    programme or its level — each the first amount of its sentence, of the same years and
    subject, with two values. A funding level named in one name only (中央) is the same funds
    when the report names no other level's allocation."""
    if adjusted:
        return []
    # (the name's words tested first: most statements name no allocation)
    said = [s for s in statements if _ALLOCATE_VERB.search(s.label) and _FUNDS_END.search(s.label)
            and dimension(s.figure.unit)[0] == "money" and not _dated(s)
            and not _PART_WORDS.search(s.label) and _first_amount(s)
            and not _BATCH.search(s.line.text, *s.line.span_at(s.figure.start))
            and not _TO_RECIPIENT.match(s.line.text, s.figure.end)]
    if len(said) < 2:
        return []
    levels = {lv for s in said for lv in _LEVELS.findall(s.label)}
    groups: dict[tuple[frozenset[str], str], list[_Statement]] = {}
    for s in said:
        k = _key(s)
        groups.setdefault((k[2], k[3].split("/")[0] + "/"), []).append(s)
    _one_year(groups)
    pairs: list[tuple[_Statement, _Statement]] = []
    for group in groups.values():
        if len(group) != 2 or _same(*group):
            continue
        a, b = group
        la, lb = set(_LEVELS.findall(a.label)), set(_LEVELS.findall(b.label))
        if la != lb and (len(levels) > 1 or not all(
                _FUND_PROGRAMME.search(s.label) for s, lv in ((a, la), (b, lb)) if lv)):
            # (下达中央资金60万元 … 下达资金100万元: the central part of the whole; a level named
            # in one name only is the whole's when that name is the transfer programme's own:
            # 下达…中央财政水利发展资金)
            continue
        if a.label == b.label:
            continue  # (the same name twice: the readings above)
        # one name says nothing but "the funds allocated" (下达资金, 上级下达的补助资金总额); the
        # other, if it says more, names the transfer programme or its level (中央财政水利发展
        # 资金) — not a component (下达道路建设资金 … 下达桥梁建设资金 are two amounts)
        specific = [s for s in group if _GENERIC.sub("", s.label)]
        if len(specific) > 1 or any(not _PROGRAMME.search(s.label) for s in specific):
            continue
        pairs.append((b, a))
    return pairs


# "乡村振兴衔接资金2179万元目前已全部拨付" (round 3 118), "该项目资金270.21万元全部用于…" (419),
# "10441万元资金全部拨付到位" (140): an amount said to be paid, used or arrived in full is the
# project's whole funds, restated — as the outline of the forms' 资金投入情况 asks (到位、拨付、
# 使用) after the funds were named in 项目概况
_IN_FULL = re.compile(r"(?:的)?(?:项目|财政|专项)?(?:资金)?\s*(?:目前|现|均|也)?(?:已经|已)?"
                      r"(?:全部|全额|足额)(?:拨付|下达|到位|用于|使用|支付|兑付|发放|下拨)")
# what names the whole of a project's funds: its allocation, its budget, or the funds as such
# (a named use — 村级办公经费, 设备购置资金 — is a part; `_NOT_ALLOCATED` keeps sources and parts out)
# a sentence naming the rest (其余50万元为自筹, 剩余资金…, 另有…) says the amount is a part; one
# naming a moment (截至6月, 上半年) a stage of the payments; one breaking the amount down or
# naming last year's money (其中上年结转…) another whole than the year's funds
_REMAINDER = re.compile(r"其余|剩余|其他|其它|另有|另外|余下|除|截至|截止|\d{1,2}\s*月|季度|上半年|"
                        r"下半年|其中|结转|上年|追加|尚|部分")
_WHOLE_FUNDS = re.compile(r"下达|安排|批复|预算|项目资金|资金总额|财政资金|专项资金")
_CLAIMED = re.compile(r"^(?:项目|财政|专项|[^\d]{0,8}(?:衔接|补助|奖补|转移支付|专项))?资金$")


def _whole_claims(statements: list[_Statement], adjusted: bool
                  ) -> list[tuple[_Statement, _Statement]]:
    """(claim, whole) pairs: an amount said to be paid or used in full (`_IN_FULL`) under a name
    of the project's funds, against the project's funds named as a whole elsewhere — each the
    first amount of its sentence, of the same years and subject, all stating one value — when
    the claim states another. Never in a report whose budget was adjusted (two wholes)."""
    if adjusted:
        return []
    claims: list[_Statement] = []
    wholes: list[_Statement] = []
    for s in statements:
        claimed = _CLAIMED.match(s.label) is not None
        if not claimed and _WHOLE_FUNDS.search(s.label) is None:
            continue  # (named neither as a claim nor as the whole: most statements, not read on)
        if dimension(s.figure.unit)[0] != "money" or _dated(s):
            continue
        after = _NOT_ALLOCATED.search(_after_name(s.label)) is None
        if after and claimed and _IN_FULL.match(s.line.text, s.figure.end) \
                and not _REMAINDER.search(s.line.text, *s.line.span_at(s.figure.start)):
            claims.append(s)
            continue
        elif after and _WHOLE_FUNDS.search(s.label) and not _INVESTMENT.search(s.label):
            wholes.append(s)
    if not claims:
        return []
    wholes = [s for s in wholes if _first_amount(s)]  # (asked only once a claim is known)
    if not wholes:
        return []
    groups: dict[tuple[frozenset[str], str], list[_Statement]] = {}
    for s in (*wholes, *claims):
        k = _key(s)
        groups.setdefault((k[2], k[3].split("/")[0] + "/"), []).append(s)
    _one_year(groups)
    pairs: list[tuple[_Statement, _Statement]] = []
    for group in groups.values():
        said = [s for s in group if s in wholes]
        if not said or any(not _same(said[0], s) for s in said[1:]):
            continue  # (wholes of two values: the odd-one readings above tell)
        pairs.extend((c, said[0]) for c in group if c in claims and not _same(said[0], c))
    return pairs


# the words that name funds of one kind (财政资金, 补助资金, 乡村振兴衔接资金, 中央…资金) rather than
# the project's funds as such (项目资金, 下达资金, 预算): a kind may be a part of the whole (上级: what
# the level above gave, beside a 配套 or 自筹 the report may name)
_KIND = re.compile(r"财政|专项|补助|补贴|奖补|衔接|发展|转移支付|减灾|中央|省|市级|县级|区级|本级|上级|"
                   r"自筹|配套")


def _pair_severity(claim: _Statement, whole: _Statement) -> Severity:
    """Error where no reading makes one of two amounts paired by name the other's part: both
    name the project's funds as such, or the one that names a kind of funds (乡村振兴衔接资金,
    财政资金, 中央…资金) is larger than the one that names the whole (a part above its whole);
    a warning where the kind may be the whole's part (衔接资金 1852 of 项目资金 2179: other
    funds may make the rest) or the two name different kinds."""
    kind_claim, kind_whole = bool(_KIND.search(claim.label)), bool(_KIND.search(whole.label))
    later = in_unit(whole.figure, claim.figure.unit)
    if later is None or kind_claim == kind_whole:
        return Severity.ERROR if not kind_claim or _KIND.findall(claim.label) == \
            _KIND.findall(whole.label) else Severity.WARNING
    claim_larger = claim.figure.value > later
    return Severity.ERROR if claim_larger == kind_claim else Severity.WARNING


def _leads(s: _Statement, roles_at: set[tuple[int, int]]) -> bool:
    """Whether a statement of the year's budget or spending is the whole its name says: every
    money figure before it in its sentence names the budget or spending too (``项目预算资金100万元，
    实际支出95万元，执行率95%`` — the funds paragraph of the genre states both in one sentence).
    A figure after another amount of any other name may be that amount's part or payment
    (``项目资金100万元，其中…``, ``下达资金100万元，已拨付…``); a whole its sentence breaks down
    (``全年支出3300.12万元，其中基本支出…``) may be a department's or a fund's rather than the
    project's, as a statement among others was before (`_alone`). `roles_at`: the (line, start)
    of the statements named as the year's budget or spending."""
    start, end = s.line.span_at(s.figure.start)
    if _BREAKDOWN.search(s.line.text, s.figure.end, end):
        return _alone(s)
    if _REST_AFTER.search(s.line.text, s.figure.end, end):
        # (项目资金80万元已全部拨付，20万元尚在审核中: with the rest named after it, the amount is a part)
        return _alone(s)
    dim = dimension(s.figure.unit)[0]  # (an area or a count leads the figures of its kind)
    return all((s.line.number, f.start) in roles_at
               for f in s.line.figures_between(start, s.figure.start)
               if dimension(f.unit)[0] == dim)


_BREAKDOWN = re.compile(r"其中|包括|包含|含|分别")
_REST_AFTER = re.compile(r"其余|剩余|余下|尚|未|另有|另外|其他|其它|结余|结转")


def _first_amount(s: _Statement) -> bool:
    """Whether the statement is the first amount of its sentence (a breakdown's whole, or
    alone): an amount after another may be a part or a payment of it."""
    start = s.line.span_at(s.figure.start)[0]
    return not any(dimension(f.unit)[0] == "money"
                   for f in s.line.figures_between(start, s.figure.start))


def _one_year(groups: dict[tuple[frozenset[str], str], list[_Statement]]) -> None:
    """Statements naming no year joined to those of the one year the others name, subject by
    subject: a report about one year names it in some statements and not in others (本项目
    2022年度预算资金100万元 … 项目预算资金100万元), as the funds' reading does."""
    for subject in {k[1] for k in groups}:
        dated = [y for y, sub in groups if sub == subject and y]
        if len(dated) == 1 and (frozenset(), subject) in groups:
            groups[dated[0], subject].extend(groups.pop((frozenset(), subject)))


# The names the prose gives the year's budget and spending, whole labels only (培训费实际支出 is
# an item's spending, 中央资金预算 a part's budget).
_ROLES = {
    # (i13r: 年度预算金额, 当年预算, 本年预算, 批复预算 and 预算执行数 — the names the funds
    # paragraphs of the genre and the 自评表's 预算执行数 column give the same two amounts)
    "budget": frozenset(("年度预算数", "年度预算", "全年预算数", "全年预算", "预算数", "预算安排",
                         "预算安排资金", "安排预算", "预算资金", "项目预算", "预算金额", "年度预算资金",
                         "全年预算资金", "项目预算资金", "项目预算数", "年度预算金额", "当年预算",
                         "本年预算", "批复预算", "当年预算资金", "年度预算安排")),
    "executed": frozenset(("实际支出", "全年实际支出", "执行数", "全年执行数", "实际执行", "支出金额",
                           "资金支出", "实际支出金额", "全年支出", "年度支出", "执行金额", "实际执行数",
                           "项目支出数", "实际支出数", "预算执行数", "预算执行金额", "全年执行金额")),
}


_INLINE_PROJECT = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])"
                             r"([^，,。；;：:、\d]{1,20}?项目)")


def _subject_at(line: AuditLine, pos: int, headings: list[str], at: int | None) -> str:
    """The project a statement at `pos` of `line` (index `at` of its document) is about: the
    last numbered project heading run into the line before it (…。二、乙项目项目资金…: a
    report's paragraphs joined), else the nearest heading above the line (or the line itself)
    naming a project (一、甲项目 — not 二、绩效分析; `headings`, from `_project_headings`), or ''."""
    inline = [m.group(1) for m in _INLINE_PROJECT.finditer(line.text, 0, pos)]
    if inline:
        return inline[-1]
    return headings[at] if at is not None else ""


def _project_headings(doc: AuditDocument) -> list[str]:
    """For each line of `doc`, the name of the nearest heading at or above it naming a project
    (一、甲项目), or '' — one pass, so that asking it for every statement stays linear."""
    out: list[str] = []
    current = ""
    for line in doc.lines:
        text = line.text
        if len(text) <= 40 and text.lstrip()[:1] in _HEADING_FIRST:
            named = _HEADING.match(text)
            if named and named.group("name").rstrip("…．. ").endswith("项目"):
                current = named.group("name")
        out.append(current)
    return out


_ROLE_NAMES = frozenset().union(*_ROLES.values())

# The head of the forms' 项目支出绩效目标表 / 绩效目标申报表 (the official templates, printed after
# the report or as its 绩效目标 part): 项目资金（万元）| 年度资金总额 | 其中：财政拨款 | 上年结转 |
# 其他资金, the transfer payments' 年度金额（万元）(round 3 472, 457; the 自评表's own funds rows
# open with 年度资金总额 too, read as a table by `prose_tables`). In text the label's value
# is on its line or, one cell per line, on the next line holding figures.
_FORM_FUNDS = re.compile(r"^[|｜\s]*(?:项目资金\s*(?:[（(]\s*万?元\s*[)）])?\s*[|｜]?\s*)?"
                         r"(?:年度资金总额|年度金额|年度资金)\s*(?:[（(]\s*(?P<unit>万元|元)\s*[)）])?"
                         r"\s*[:：]?\s*[|｜]?")
# the rows the block goes on with: its sources (any of them may be what the prose calls the budget)
_FORM_SOURCES = re.compile(r"^[|｜\s]*(?:其中\s*[:：]?\s*)?(?:本年)?(?:财政拨款|财政资金|上年结转|其他资金|"
                           r"中央|省级|市级|县级|地方|自筹|一般公共预算|政府性基金)")
_FORM_REACH = 4  # lines between a label and its value cell (blank and border lines of one-cell rows)
_BLOCK_REACH = 12  # lines of the block after its 年度资金总额 row
_FORM_TITLE = 20  # lines above the head where the form prints its title and year ((2025年度))
_TITLE_LINES = 5  # the report's title and its heading lines


class _Field(NamedTuple):
    """A value of the form's funds head: the figure, its line, the money unit it is in ('' when
    the form says none: 元 and 万元 both read)."""

    line: AuditLine
    figure: Figure
    unit: str


def _field_values(doc: AuditDocument, k: int, at: int, unit: str) -> list[_Field]:
    """The figures of the form cell that starts at `at` in line `k` (its own line after the
    label, else the next line holding figures and no words)."""
    lines = doc.lines
    line = lines[k]
    own = [f for f in line.figures if f.start >= at]
    if own:
        return [_Field(line, f, f.unit if f.unit in _MONEY_UNITS else unit) for f in own]
    for nxt in lines[k + 1:k + 1 + _FORM_REACH]:
        if not nxt.figures:
            if nxt.text.strip(" |｜\t"):
                return []  # (words: another cell, no value)
            continue
        if _WORDS.search(nxt.text):
            return []
        return [_Field(nxt, f, f.unit if f.unit in _MONEY_UNITS else unit) for f in nxt.figures]
    return []


_MONEY_UNITS = ("元", "万元", "亿元")
_WORDS = re.compile(r"[\u4e00-\u9fff]{2}")


def _form_funds(doc: AuditDocument) -> list[_Field]:
    """Every value of the one funds head of the forms (年度资金总额 and its sources), the total
    first; [] when the report prints none or several (several projects' forms)."""
    heads = [k for k, line in enumerate(doc.lines)
             if "年度" in line.text and _FORM_FUNDS.match(line.text)]
    if len(heads) != 1:
        return []
    k = heads[0]
    m = _FORM_FUNDS.match(doc.lines[k].text)
    assert m is not None
    unit = m.group("unit") or ""
    # a form of another year than the report's (the next year's 绩效目标表 printed after a 自评
    # report) states another year's funds: the year over the form against the title's
    above = next((j for j in range(k, max(0, k - _FORM_TITLE), -1)
                  if YEARS.search(doc.lines[j].text)), None)  # (the nearest line naming a year)
    if above is not None:
        form_years = set(YEARS.findall(doc.lines[above].text))
        title_years = {y for line in doc.lines[:min(_TITLE_LINES, above)]
                       for y in YEARS.findall(line.text)}
        if title_years and not form_years & title_years:
            return []
    values = _field_values(doc, k, m.end(), unit)
    if not values:
        return []
    for j in range(k + 1, min(len(doc.lines), k + 1 + _BLOCK_REACH)):
        source = _FORM_SOURCES.match(doc.lines[j].text)
        if source:
            values += _field_values(doc, j, source.end(), unit)
    return values


def _field_agrees(prose: Figure, field: _Field) -> bool:
    """Whether the prose amount is the field's value, in the field's unit or, when the form
    names none, in 元 or 万元."""
    units = (field.unit,) if field.unit else ("元", "万元")
    for unit in units:
        value = in_unit(prose, unit)
        if value is not None and (agrees(field.figure.value, value) or agrees(value, field.figure.value)):
            return True
    return False


def _against_form_funds(doc: AuditDocument, statements: list[_Statement],
                        roles_at: set[tuple[int, int]]
                        ) -> list[tuple[_Statement, _Statement]]:
    """(prose, field) pairs: the year's budget stated in the prose (a budget name, the whole
    of its sentence, no subject or date of its own) that is none of the values of the forms'
    funds head (`_form_funds`: the total or any of its sources). Never when the report's
    自评表 funds table was read (`prose_tables` compares those), nor with several projects."""
    if any(t.kind == FUNDS for t in doc.tables):
        return []
    fields = _form_funds(doc)  # (first: most reports print no such form, and the prose is long)
    money = [f for f in fields if f.figure.exact and f.figure.unit in ("", *_MONEY_UNITS)]
    if not money or any(f.figure.unit not in ("", *_MONEY_UNITS) for f in fields[:1]):
        return []
    total = money[0]
    pairs = []
    for s in statements:
        if s.label in _ROLES["budget"] and not s.project and dimension(s.figure.unit)[0] == "money" \
                and not any(_field_agrees(s.figure, f) for f in money) \
                and not _dated(s) and _leads(s, roles_at) \
                and not _scope(s.line.text, s.figure, s.label) and not _whole_of(s):
            # (the field's total as a statement: a line and a figure, its label the form's)
            pairs.append((s, _Statement(total.line, _in_money(total), "年度资金总额", -1, "")))
    return pairs


def _in_money(field: _Field) -> Figure:
    """The field's figure in a money unit (a bare 5.00 under a form naming none: 万元, the
    forms' unit for 项目资金)."""
    if field.figure.unit in _MONEY_UNITS:
        return field.figure
    f = field.figure
    return Figure(f.value, field.unit or "万元", f.start, f.end, f.raw, f.qualifier)


def _scores_restated(doc: AuditDocument) -> list[Finding]:
    """The project's total score stated three times or more in the prose (项目自评得分95分 in
    the summary, 综合得分95分 in the conclusion…) with exactly two values, one of them once:
    the odd one is wrong. Two different values alone may be two projects' (`prose_tables`)."""
    stated: list[tuple[Decimal, AuditLine, re.Match[str]]] = []
    years: list[frozenset[str]] = []  # (the years each statement's sentence names before it)
    for line in doc.figured:  # (a score is a figure of its line)
        if "分" not in line.text or "|" in line.text:
            continue
        for m in _PROSE_SCORE.finditer(line.text):
            before = line.text[max(0, m.start() - 3):m.start()]
            if _NEAR.search(before) or other_scope(line.text, m.start()):
                continue
            stated.append((Decimal(m.group("score")), line, m))
            years.append(frozenset(YEARS.findall(line.text, line.span_at(m.start())[0], m.start())))
    # a score whose sentence names a year no other statement names is that year's ("2022年该
    # 项目自评得分88分" beside this year's 95: the 与上年对比 of the genre's 评价结论, i13f), as
    # 上年/去年 already are (`other_scope`)
    stated = [st for i, st in enumerate(stated)
              if not years[i] or any(years[i] & y for j, y in enumerate(years) if j != i)]
    if len(stated) < 3:
        return []
    headings = _project_headings(doc)
    if len({_subject_at(st[1], st[2].start(), headings, doc.index(st[1])) for st in stated}) > 1:
        # "一、甲项目 … 自评得分95分。二、乙项目 … 自评得分90分。三、丙项目 … 95分": a report of
        # several projects under headings naming each states each one's score (i13f)
        return []
    values: dict[Decimal, list[tuple[Decimal, AuditLine, re.Match[str]]]] = {}
    for item in stated:
        values.setdefault(item[0], []).append(item)
    if len(values) != 2:
        return []
    few, many = sorted(values.values(), key=len)
    if len(few) != 1 or len(many) < 2:
        return []
    value, line, m = few[0]
    other = many[0]
    return [Finding(
        code="restated-mismatch", severity=Severity.ERROR,
        message=(f"自评得分写作 {value} 分，而第 {other[1].number} 行等处写作 {other[0]} 分"
                 f" / the total score is stated as {value}, line {other[1].number} and others "
                 f"state {other[0]}"),
        stated=value, expected=other[0], operands=(value, other[0]), unit="分",
        line=line.number, excerpt=excerpt(line.text, m.start(), m.end(), 10))]
