"""Detector: a count announced against the items listed (直属事业单位3个，即甲、乙、丙).

The count must be followed directly by 即/分别是/包括/具体为 (or a colon) and the list
is the 、-separated run up to the next comma or full stop; or the list comes first and
the count right after it (甲村、乙村、丙村3个村). Lists ending in 等, items
carrying figures (those are parts of a sum, see `sums`), long items (prose, not a list)
and a final item joined by 和/及 that could be one name or two, are left alone unless
both readings agree. Names such as 市、区政务服务中心 contain 、 themselves: a list with a
one-character item gives a warning; so does a list after 包括 (it need not be complete) and
a list in front of the count whose items are not names of one kind (新建、改建道路5条 lists
actions); otherwise a mismatch is an error.

Also (issue 10, i13a — the families of `tests/audit/test_sum_count_families.py`): remarks in
brackets inside items, names of one kind joined by 和 split for certain, the counted noun naming
the list before it, the count after the list's comma (，共3个乡镇), the list on the next line or
separated by ，/；, the noun's alternative in brackets (12个乡镇（街道）), N方面/N点 before numbered
points, persons and times counted before their names, and a tally closing the sentence that
named the places (涉及甲镇、乙镇，…，共涉及2个镇).
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.audit.facts import AuditDocument, AuditLine, Figure, dimension, excerpt
from jixiao.domain.findings import Finding, Severity

__all__ = ["detect_listed_counts"]

_COUNT_UNITS = ("个", "家", "项", "所", "处", "座", "条", "类", "种", "名", "户", "栋", "间", "台",
                "支", "批")
# (what is counted, up to 8 characters) then the marker; `match` anchors at the count.
# (or the list in brackets right after the counted noun: 3个村（甲村、乙村、丙村）)
# (the list may open the next sentence or clause with its marker word: "涉及3个乡镇。分别为甲镇、…",
# web text that cut the sentence there — never with a colon or bracket alone)
_MARKER = re.compile(
    r"[\u4e00-\u9fff]{0,8}?(?:[，,]?\s*(?:即|分别是|分别为|包括|具体为|依次为|[:：]|[（(])|"
    r"[。；;]\s*(?:分别是|分别为|具体为|依次为))[:：]?\s*")
_PARTIAL = re.compile(r"含|包括|包含|如|主要|其中|例如|比如")
_LIST_END = re.compile(r"[，,。；;！？!?）)]")
# (the counted noun before its bracketed alternative: 12个乡镇（街道）)
_NOUN_NOTE = re.compile(r"[\u4e00-\u9fff]{1,4}(?=[（(][\u4e00-\u9fff]{1,2}[)）])")
# (the counted noun's alternative in brackets: 5个（家）, 12个乡镇（街道）, 3个村（社区）; a longer
# bracket is a remark — 8个地市(不含厦门) — not a noun)
_UNIT_NOTE = re.compile(r"[（(][\u4e00-\u9fff]{1,2}[)）]")
_MAX_ITEM = 20


# persons and times counted before their names or occasions ("资助3人，分别为张三、李四、王五",
# "开展3次督导：一是…") — only before the list: "党员、干部30人参加" counts people of those kinds
_HEADS = ("人", "次")


# 两 is read as 2 only before a count unit: "涉及两条线路，分别为…" (114), "两个中心" — the figure
# reader leaves 两 alone (两委, 两学一做 are names)
_TWO = re.compile("两(?=" + "|".join(_COUNT_UNITS) + ")")


# PDF text spaces a count from its number and unit: "涉及 3 个乡镇" (round 3 401 and 403 print
# "2022 年", "13 号" so); the figure reader takes a spaced unit only before punctuation (30 人参加
# may be 人参), but a count unit followed by its counted noun is a count (个人/个体/个性 are not)
_SPACED_COUNT = re.compile(r"\s(" + "|".join(_COUNT_UNITS) + r")(?=[\u4e00-\u9fff])(?![人体性别])")


def _counts_of(line: AuditLine) -> tuple[Figure, ...]:
    """The line's figures, with 两 before a count unit read as 2 and a count spaced from its
    unit (3 个乡镇) read with it."""
    figures = line.figures
    if " " in line.text or "\u3000" in line.text:
        spaced = [(f, _SPACED_COUNT.match(line.text, f.end)) for f in figures]
        if any(m for _, m in spaced):
            figures = tuple(Figure(f.value, m.group(1), f.start, m.end(), line.text[f.start:m.end()])
                            if m and not f.unit and f.exact else f for f, m in spaced)
    if "两" not in line.text:
        return figures
    twos = [Figure(Decimal(2), line.text[m.end()], m.start(), m.end() + 1, m.group() +
                   line.text[m.end()]) for m in _TWO.finditer(line.text)]
    return tuple(sorted((*figures, *twos), key=lambda f: f.start)) if twos else figures


def detect_listed_counts(doc: AuditDocument) -> list[Finding]:
    """Announced count ≠ number of listed items (warning)."""
    findings: list[Finding] = []
    for index, line in enumerate(doc.lines):
        # (a line with no figure may still count with 两: 涉及两条线路，分别为…)
        if not line.figures and "两" not in line.text:
            # (nor with N方面/N点, which the figure reader does not read: 存在三方面问题：一是…)
            if "方面" in line.text or "点" in line.text:
                findings.extend(_ordinal_lists(doc.lines, index, _aspects(line)))
            continue
        # the line's counts, found once for the three readings below
        stated = [f for f in _counts_of(line) if (f.unit in _COUNT_UNITS or f.unit in _HEADS)
                  and f.exact and 2 <= f.value <= 50]
        if not stated:
            if "方面" in line.text or "点" in line.text:
                findings.extend(_ordinal_lists(doc.lines, index, _aspects(line)))
            continue
        for fig in stated:
            # (3台（套）, 5个（家）: the forms' 计量单位 printed with its alternative in brackets)
            noun_end = _NOUN_NOTE.match(line.text, fig.end)
            note = _UNIT_NOTE.match(line.text, noun_end.end() if noun_end else fig.end)
            m = _MARKER.match(line.text, note.end() if note else fig.end)
            if not m:
                continue
            # (an item's remark in brackets is no item: "下设3个科室：办公室、财务科（挂审计办）、
            # 业务科" — the 机构设置 paragraphs of 部门整体 reports, round 3 157 and 179)
            # (a list is short: the remarks of the next few hundred characters are enough)
            rest = _masked(line.text, m.end(), min(len(line.text), m.end() + _MASK_REACH))[m.end():]
            if not rest.strip() and m.group().rstrip().endswith((":", "：")):
                # "涉及3个乡镇：" / "甲镇、乙镇、丙镇。" — the list on the next line
                below = _list_below(doc.lines, index)
                if below is not None and int(fig.value) not in _readings(below):
                    findings.append(_finding(line.number, line.text, fig, below, fig.start,
                                             m.end(), certain="包括" not in m.group()))
                continue
            end = _LIST_END.search(rest)
            region = rest[: end.start()] if end else rest
            if m.group().rstrip().endswith((":", "：")) and re.search(r"\d", region):
                priced = _priced_items(line, m.end())
                if priced is not None and priced[0] != int(fig.value):
                    findings.append(_finding(line.number, line.text, fig, priced[1],
                                             fig.start, priced[2]))
                continue
            if "等" in region or re.search(r"\d", region) or line.figures_between(
                    m.end(), m.end() + len(region)):
                continue
            items = [x.strip() for x in region.split("、")]
            if len(items) == 1 and end is not None and end.group() in "，,；;" \
                    and not _PARTIAL.search(m.group()):
                # names separated by ，or ；: "涉及3个村，分别为：甲村，乙村，丙村"
                named = _clause_names(rest)
                if named is not None and len(named) != int(fig.value):
                    findings.append(_finding(line.number, line.text, fig, named, fig.start,
                                             m.end() + len(rest.split("。")[0])))
                continue
            if len(items) < 2 or any(not x or len(x) > _MAX_ITEM for x in items):
                continue
            # "甲和乙" may be one name or two, and a name may hold 和 itself (住房和城乡建设局,
            # 人力资源和社会保障局): every reading lies between no joiner splitting and every
            # one splitting, so only a count outside that range is wrong whichever is meant
            # (设置一级指标4个，分别为产出指标、效益指标和满意度指标 — the genre's last item
            # joined by 和/及 as often as by 、)
            items = _split_sure(items)
            counts = {len(items), len(items) + _joiners(items)}
            more = _continued(rest, end)
            if more:
                counts.add(len(items) + more)
            # a count that neither reading of a list going on after a comma gives is wrong
            # whichever is meant
            if int(fig.value) in counts:
                continue
            # "共涉及3个乡镇12个村，分别为甲镇、乙镇、丙镇": counts run together (乡镇 and their
            # villages, 户 and 人) — the list may be of any of them
            if any(int(c.value) in counts for c in _counts_run_into(line, stated, fig)):
                continue
            if len(counts) > 1 and min(counts) < int(fig.value) < max(counts):
                continue
            # 包括 need not name every item (5个村，包括甲村、乙村), nor need a list in brackets
            # (examples or a remark as often as the whole list): not certain
            partial = "包括" in m.group() or bool(_PARTIAL.match(region)) \
                or m.group().rstrip(" :：").endswith(("（", "("))
            findings.append(_finding(line.number, line.text, fig, items,
                                     fig.start, m.end() + len(region), certain=not partial))
        findings.extend(_listed_first(line, stated))
        if "共" in line.text or "合计" in line.text or "总计" in line.text:
            findings.extend(_summary_counts(line, stated))
        findings.extend(_ordinal_lists(doc.lines, index, stated + _aspects(line)))
        if "为主" in line.text:
            findings.extend(_mainly(line, stated))
    for line in doc.figured:
        # (two counts and two parts of each at least)
        if len(line.figures) >= 6 and ("(" in line.text or "（" in line.text):
            findings.extend(_by_subject(line))
    return findings


# (及 of a verb joins nothing: 涉及、惠及、普及、遍及、波及、覆盖…; the verb may open the
# first item when a word stands before it: 项目惠及甲镇、乙镇和丙镇)
_PRICED_ITEM = re.compile(r"\s*(?P<name>[^\d，,、；;。：:]{2,30}?)\s*\d")


def _priced_items(line: AuditLine, at: int) -> tuple[int, list[str], int] | None:
    """(how many, their names, where they end) of the items after a count's colon when each is
    a name and its one amount, separated by ；: "抽查到人到户项目2个:特色种养业奖补项目1500万元;
    扶贫小额贷款贴息项目2343.3万元。" (round 3 448 — the 抽查/资金分配 lists name each item with
    its money); None when the sentence is no such list (an item without its amount, with two, a
    list ending in 等)."""
    end = line.span_at(at)[1]
    text = line.text[at:end].rstrip("。；; ")
    if "等" in text:
        return None
    names: list[str] = []
    pos = at
    for item in re.split(r"[；;]", text):
        figs = line.figures_between(pos, pos + len(item))
        m = _PRICED_ITEM.match(item)
        if len(figs) != 1 or dimension(figs[0].unit)[0] != "money" or m is None \
                or pos + m.end() - 1 != figs[0].start or pos + len(item) - figs[0].end > 2:
            return None  # (an item going on after its amount is not a name and its money)
        names.append(m.group("name"))
        pos += len(item) + 1
    return (len(names), names, at + len(text)) if len(names) >= 2 else None


_JOINER = re.compile(r"和|与|(?<![涉惠普遍波顾危触提])及")


def _joiners(items: list[str]) -> int:
    """How many more items the list names if every 和/及/与 inside its items joins two."""
    return sum(len(_JOINER.findall(x)) for x in items)


def _split_sure(items: list[str]) -> list[str]:
    """The items with every 和/及/与 that certainly joins two names split: those whose every
    piece ends in the one last character the list's other names share ("分别为甲镇、乙镇和丙镇",
    "产出指标、效益指标和满意度指标" — names of one kind, the genre's last item joined by 和 as
    often as by 、); 住房和城乡建设局 (住房 ends otherwise) may be one name and stays whole."""
    plain = {x[-1] for x in items if x and not _JOINER.search(x)}
    if len(plain) != 1:
        return items
    last = next(iter(plain))
    out: list[str] = []
    for x in items:
        pieces = [p.strip() for p in _JOINER.split(x)]
        if len(pieces) > 1 and all(len(p) >= 2 and p[-1] == last for p in pieces):
            out.extend(pieces)
        else:
            out.append(x)
    return out


# an item's remark in brackets right after its name: (挂区重点项目办), （含分中心）
_REMARK = re.compile(r"(?<=[\u4e00-\u9fff])[（(][^（）()。；;]{1,40}[）)]")


def _masked(text: str, start: int, end: int) -> str:
    """`text` with the remarks in brackets after a name between `start` and `end` blanked (same
    length, so positions keep their figures)."""
    if text.find("（", start, end) < 0 and text.find("(", start, end) < 0:
        return text  # (most counts: no bracket near, no copy)
    return text[:start] + _REMARK.sub(lambda r: " " * len(r.group()), text[start:end]) + text[end:]


def _readings(items: list[str]) -> set[int]:
    """The counts a 、-list may give: every reading of its 和/及 (see `_split_sure`)."""
    items = _split_sure(items)
    return set(range(len(items), len(items) + _joiners(items) + 1))


def _list_below(lines: tuple[AuditLine, ...], index: int) -> list[str] | None:
    """The items of a 、-list making up the next non-blank line after line `index` by itself
    (names only: no figure, no 等, each short), or None."""
    for nxt in lines[index + 1:index + 3]:
        text = nxt.text.strip()
        if not text:
            continue
        body = text.rstrip("。；;")
        items = [x.strip() for x in body.split("、")]
        if len(items) < 2 or re.search(r"[\d等，,：:|]", body) \
                or any(not x or len(x) > _MAX_ITEM for x in items):
            return None
        return items
    return None


_MASK_REACH = 300
_CLAUSE_ITEM = re.compile(r"[，,；;]")


def _clause_names(rest: str) -> list[str] | None:
    """The names of a list separated by ，or ；that runs to the end of its sentence, when it is
    one: every item a short name (2–10 characters, no figure, no 等, no ordinal) and all ending in one
    character (甲村，乙村，丙村); None otherwise — a clause going on in words ends no list."""
    sentence = re.split(r"[。！？!?]", rest, maxsplit=1)[0]
    items = [x.strip() for x in _CLAUSE_ITEM.split(sentence)]
    if items and not items[-1]:
        items.pop()
    if len(items) < 2 or any(not 2 <= len(x) <= 10 or re.search(r"[\d等、和及与]", x)
                             or _FIRST.match(x) for x in items):
        # (numbered items are `_ordinal_lists`' to read)
        return None
    return items if len({x[-1] for x in items}) == 1 else None


# (spaced as PDF text prints them too: "涉及 3 个乡镇 12 个村"; or each count in a clause of
# its own, named before it — "共设置一级指标4个，二级指标9个，三级指标18个，分别为决策、过程、
# 产出、效益": the 指标体系 paragraphs of the genre's 评价报告 count each level, then name the
# first — i13f)
_RUN_GAP = re.compile(r"[\u4e00-\u9fff]{0,4}\s*(?:[，,、]\s*[\u4e00-\u9fff]{1,8}\s*)?")


def _counts_run_into(line: AuditLine, stated: list[Figure], fig: Figure) -> list[Figure]:
    """The counts printed right before `fig` with only their nouns between (3个乡镇12个村)."""
    run: list[Figure] = []
    later = fig
    for c in reversed([c for c in stated if c.end <= fig.start]):
        if not _RUN_GAP.fullmatch(line.text, c.end, later.start):
            break
        run.append(c)
        later = c
    return run


def _continued(rest: str, end: re.Match[str] | None) -> int:
    """How many more names a list cut at a comma may go on with: "其他事业单位8个：甲中心、乙中心、
    丙站、丁站，新增戊所、己所、庚所、辛所" (round 3, 179) — the next clause is another 、 run
    of names, so the count may cover both runs (0 when it is no such run)."""
    if end is None or end.group() not in "，,":
        return 0
    tail = rest[end.end():]
    stop = _LIST_END.search(tail)
    region = tail[: stop.start()] if stop else tail
    items = [x.strip() for x in region.split("、")]
    if len(items) < 2 or re.search(r"\d", region) or any(not x or len(x) > _MAX_ITEM for x in items):
        return 0
    return len(items)


# a verb in front of a list is no part of its first name (涉及甲镇、乙镇: 及 joins nothing)
_LEAD_VERB = re.compile(r"^(?:涉及|包括|包含|覆盖|涵盖|共有|分布在|位于|惠及|辐射|对|向|为|在|有)")


# "甲、乙、丙3个单位" / "甲、乙、丙共3家": the list comes first, the count right after it.
_LIST_BEFORE = re.compile(
    r"(?:^|[，,。；;:：（(])(?P<list>[^，,。；;:：（()）\d]{3,200}?)(?:共|共计|合计|这|计)?$")
# (the list runs from the last of those marks before the figure, or from the line's start: no
# other start can match — the list holds no mark — so the pattern is matched there alone
# instead of searched from every position of the 200 characters before each count)
_LIST_OPEN = re.compile(r"[，,。；;:：（(]")
_BACK_TO_LIST = re.compile(r"[，,]\s*(?:共|共计|合计|总计|一共|计)有?\s*$")


def _list_before(text: str, end: int) -> re.Match[str] | None:
    """``_LIST_BEFORE.search(text, max(0, end - 200), end)``, matched at its one possible start."""
    floor = max(0, end - 200)
    mark = _LIST_OPEN.search(text[floor:end][::-1])
    if mark is None:
        return _LIST_BEFORE.match(text, 0, end) if not floor else None
    return _LIST_BEFORE.match(text, end - mark.start() - 1, end)


def _listed_first(line: AuditLine, stated: list[Figure]) -> list[Finding]:
    out: list[Finding] = []
    for fig in stated:
        if fig.unit in _HEADS:
            continue
        # "项目涉及城关镇、北山镇、东岭镇，共3个乡镇": the count opening its clause after the list
        back = _BACK_TO_LIST.search(line.text, max(0, fig.start - 8), fig.start)
        list_end = back.start() if back else fig.start
        if "、" not in line.text[max(0, list_end - 60):list_end]:
            continue
        m = _list_before(line.text, list_end)
        low = max(0, list_end - 60)
        if (m is None or line.text[m.start("list") - 1:m.start("list")] in ("（", "(")) and (
                line.text.find("）", low, list_end) >= 0 or line.text.find(")", low, list_end) >= 0):
            # (a remark in brackets inside the list cut it: read it again without the remarks —
            # only then, as the copy costs a line's length)
            m = _list_before(_masked(line.text, max(0, list_end - 200), list_end), list_end)
        if not m:
            continue
        listed = m.group("list")
        etc = listed.endswith("等")
        if "等" in listed[-2:] and not etc:
            continue
        items = [x.strip() for x in listed.removesuffix("等").removesuffix("等").split("、")]
        items[0] = _LEAD_VERB.sub("", items[0])
        noun = _NOUN.match(line.text, fig.end)
        kinds = noun.group() if noun else ""
        # "覆盖的行政村为城内、北关、…共计30个行政村" (round 3 484), "涉及乡镇有甲、乙、丙3个乡镇":
        # the counted noun names the list before it opens — its items are the counted things
        # (the 项目概况's 覆盖范围/实施地点 sentences name villages that share no last character)
        opened = _NAMED_BEFORE.search(items[0]) if len(kinds) >= 2 else None
        if opened is not None and opened.group("noun").endswith(kinds[-2:]):
            items[0] = items[0][opened.end():]
        else:
            opened = None
        if len(items) < 2 or any(not x or len(x) > _MAX_ITEM for x in items):
            continue
        items = _split_sure(items)
        counts = {len(items), len(items) + _joiners(items)}
        if int(fig.value) in counts:
            continue
        if len(counts) > 1 and min(counts) < int(fig.value) < max(counts):
            continue
        # "甲、乙、丙等3个": 等 may stand for more items, so only a count below the list is
        # certain
        if etc and int(fig.value) > max(counts):
            continue
        # 新建、改建道路5条: a list in front may name actions or kinds of the counted thing,
        # not the things; it lists them when the items are names of one kind (甲村、乙村、丙村
        # 3个村: one last character, or the counted noun's)
        # (a counted noun of two kinds names both: 办公室、财务股、业务股4个股室, 甲村、乙社区
        # 2个村（社区）— each item ends in one of its characters)
        if items[-1].endswith("的"):
            continue  # "甲镇、乙镇和丙镇的12个村": things that belong to the places listed
        named = opened is not None or len({x[-1] for x in items}) == 1 \
            or (bool(kinds) and all(x[-1] in kinds for x in items))
        if named and kinds and items[-1][-1] in _PLACES and not any(c in _PLACES for c in kinds):
            # "分别为甲镇、乙镇和丙镇12个村": the places the counted things lie in (towns
            # holding villages), not the things themselves: the count says nothing of the list
            continue
        out.append(_finding(line.number, line.text, fig, items, m.start("list"), fig.end,
                            certain=named))
    return out


_NOUN = re.compile(r"[\u4e00-\u9fff]{1,3}")
# "…涉及阳原县西城镇、揣骨疃镇，…，共涉及1个县2个镇30个行政村" (round 3 484; the 项目概况's
# 覆盖范围 sentences and the 实施地点 of transfer-payment reports close with such a tally): a count
# after a summing word (共/共计/合计/总计), and one 、-list earlier in its sentence whose names all
# end in the counted noun's last character (…镇 for 镇, …村 for 行政村)
_SUMMING = re.compile(r"共|合计|总计")
_NAME_RUN = re.compile(r"[\u4e00-\u9fff]{2,12}(?:、[\u4e00-\u9fff]{2,12})+")
_NOT_ALL = re.compile(r"如|例如|比如|包括|包含|其中|主要|等")


def _summary_counts(line: AuditLine, stated: list[Figure]) -> list[Finding]:
    """Tallies (共涉及2个镇) against the one list of such names earlier in their sentence."""
    out: list[Finding] = []
    text = line.text
    for fig in stated:
        if fig.unit in _HEADS:
            continue
        start = line.span_at(fig.start)[0]
        clause = max(start, *(text.rfind(c, start, fig.start) + 1 for c in "，,；;"))
        if not _SUMMING.search(text, clause, fig.start):
            continue
        noun = _NOUN.match(text, fig.end)
        if noun is None:
            continue
        last = noun.group()[-1]
        runs = []
        for m in _NAME_RUN.finditer(text, start, clause):
            items = _split_sure([x for x in m.group().split("、") if x])
            if all(x.endswith(last) for x in items[:-1]) and last in items[-1]:
                # (the last name may run on into words — 丁镇为对照 —: a list of such names all
                # the same, which makes the count's list unsure)
                runs.append((m, items))
        if len(runs) != 1 or not runs[0][1][-1].endswith(last):
            continue  # (none, or several lists of such names: which one is counted is unsure)
        m, items = runs[0]
        if last in text[start:m.start()] or last in text[m.end():clause]:
            continue  # (另有丙镇…: another such place named elsewhere in the sentence)
        after = text[m.end():m.end() + 1]
        if _NOT_ALL.search(text, max(start, m.start() - 4), m.start()) or after == "等" \
                or _joiners(items) or len(items) < 2 or len(items) == int(fig.value):
            continue
        # the list is the whole only when the tally says it with the list's own verb (涉及… /
        # 共涉及…); "在甲村实施，惠及丙镇、丁镇，共涉及5个镇" may count the villages' towns too:
        # then only a count below the names listed is certain
        opened = max(start, *(text.rfind(c, start, m.start()) + 1 for c in "，,；;"))
        verbs = set(_TALLY_VERB.findall(text, opened, m.start() + len(items[0]) + 2))
        same = bool(verbs & set(_TALLY_VERB.findall(text, clause, fig.start)))
        out.append(_finding(line.number, text, fig, items, m.start(), fig.end,
                            certain=same or int(fig.value) < len(items)))
    return out


_TALLY_VERB = re.compile(r"涉及|覆盖|惠及|辐射|分布|实施|建设|下辖|包括")
_NAMED_BEFORE = re.compile(r"(?P<noun>[\u4e00-\u9fff]{2,6})(?:为|有|是|包括|包含)[:：]?")
_PLACES = "省市州县区乡镇"  # the levels places are named by, each holding the ones below


def _finding(number: int, text: str, fig: Figure, items: list[str], start: int,
             end: int, *, certain: bool = True) -> Finding:
    """A count against its list: an error when the list is certainly the counted items and
    every item is a name of its own; a warning when an item is one character (市、区政务服务
    中心 may be two names or one) or the list may not be the counted items (`certain`)."""
    listed = len(items)
    severity = Severity.ERROR if certain and all(len(x) >= 2 for x in items) else Severity.WARNING
    return Finding(
        code="count-mismatch", severity=severity,
        message=(f"所述 {fig.raw}，列举了 {listed} 项"
                 f" / states {fig.raw} but lists {listed} items"),
        stated=fig.value, expected=type(fig.value)(listed),
        unit=fig.unit, line=number, excerpt=excerpt(text, start, end, 10))


# --- a count and the numbered items after it -------------------------------------------------
#
# The genre's sections announce their items and then number them: "下设2个管理机构，一是…；二是…"
# (157), "存在以下三个方面的问题：一是…；二是…", "主要措施有4项：(1)…(2)…", or the items on the lines
# that follow ("设立3个工作组：" / "1.综合组" / "2.技术组"). The count must lead straight into
# item one (a colon or comma, then the first ordinal), and name what a list is made of
# (方面, 问题, 措施, 项, 个…); the items are the consecutive ordinals of that one series, up to
# the next item one of the series (a new list).

_CN = "一二三四五六七八九十"
_CN_NUMBERS = (*_CN, *("十" + c for c in _CN[:9]), "二十")  # 1 … 20 in Chinese


def _series(first: str) -> list[str] | None:
    """The ordinals 1…20 of the series whose first item is printed as `first`."""
    table = {
        "一是": [f"{c}是" for c in _CN_NUMBERS],
        "（一）": [f"（{c}）" for c in _CN_NUMBERS], "(一)": [f"({c})" for c in _CN_NUMBERS],
        "（1）": [f"（{n}）" for n in range(1, 21)], "(1)": [f"({n})" for n in range(1, 21)],
        "1.": [f"{n}." for n in range(1, 21)], "1、": [f"{n}、" for n in range(1, 21)],
        "1．": [f"{n}．" for n in range(1, 21)], "①": list("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"),
        "第一，": [f"第{c}，" for c in _CN_NUMBERS], "第一、": [f"第{c}、" for c in _CN_NUMBERS],
        "一、": [f"{c}、" for c in _CN_NUMBERS],
    }
    return table.get(first)


_FIRST = re.compile(r"\s*(?P<first>一是|（一）|\(一\)|（1）|\(1\)|1[.、．](?!\d)|①|第一[，、]|一、)")
# (the list may be announced once more before its colon: "以下4项工作，具体如下：", "4个方面的
# 问题，分别是：一是…")
_HEAD = re.compile(r"(?P<noun>[\u4e00-\u9fff]{0,10}?)(?:如下)?"
                   r"(?:\s*[，,]\s*(?:具体如下|如下|分别是|分别为|具体为|具体是)(?=\s*[:：]))?\s*[:：，,]")
_LIST_NOUN = ("方面", "问题", "措施", "工作", "原因", "环节", "阶段", "任务", "内容", "目标", "举措",
              "经验", "做法", "建议", "部分", "领域", "重点", "机构", "单位", "科室", "项目", "类别",
              "小组", "工作组", "渠道", "途径", "特点", "成效", "亮点", "指标")


def _ordinal_lists(lines: tuple[AuditLine, ...], index: int, counts: list[Figure]
                   ) -> list[Finding]:
    """Counts of line `index` (``counts``) against the numbered items after them."""
    findings: list[Finding] = []
    line = lines[index]
    for fig in counts:
        if fig.value > 20:  # (a list numbered one by one is short)
            continue
        head = _HEAD.match(line.text, fig.end)
        if head is None:
            continue
        noun = head.group("noun").removesuffix("的")
        # (方面 may be followed by what is done in them: 从四个方面改进：一是…)
        if noun and not noun.endswith(_LIST_NOUN) and not noun.startswith("方面"):
            continue
        if fig.unit == "点" and not noun and head.group()[-1] not in ":：":
            continue  # (提高了3点，… measures; 以下三点：一是… counts)
        first = _FIRST.match(line.text, head.end())
        if first is not None:
            found = _items_in_line(line.text, first.start("first"), first.group("first"))
        elif head.end() >= len(line.text.rstrip()) and line.text[head.end() - 1] in ":：":
            found = _items_on_lines(lines, index + 1)
        else:
            continue
        if found is None:
            continue
        items, truncated = found
        if items < 2 or items == int(fig.value):
            continue
        findings.append(Finding(
            code="count-mismatch",
            severity=Severity.WARNING if truncated else Severity.ERROR,
            message=(f"所述 {fig.raw}，其后编号列出 {items} 项"
                     f" / states {fig.raw} but numbers {items} items"),
            stated=fig.value, expected=type(fig.value)(items),
            unit=fig.unit, line=line.number,
            excerpt=excerpt(line.text, fig.start, head.end(), 10)))
    return findings


# "存在三方面问题：一是…", "提出两点建议：（一）…": the 问题/建议 sections count their points by
# 方面/点 without a measure word, which the figure reader does not take as a unit
# (found from the words themselves — str.find — and the numeral read back from each: a pattern
# opening with a class and a look-behind would be tried at every position of every line)
_ASPECT_NUMBER = re.compile(r"(?<![第\d.])(?P<n>[两二三四五六七八九]|十[一二三四五六七八九]?|\d{1,2})个?$")
_CN_VALUE = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


def _aspects(line: AuditLine) -> list[Figure]:
    """The counts of points of a line written N方面/N点 (not 第N点, not 3.5点, not 多方面)."""
    text = line.text
    out: list[Figure] = []
    for word in ("方面", "点"):
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            m = _ASPECT_NUMBER.search(text, max(0, at - 4), at)
            if m is not None and not (end < len(text) and text[end] in "0123456789多余"):
                n = m.group("n")
                value = int(n) if n.isdigit() else (2 if n == "两" else
                                                    10 + _CN_VALUE.get(n[1:], 0) if n.startswith("十")
                                                    else _CN_VALUE[n])
                if 2 <= value <= 20 and not any(f.start <= m.start() < f.end and f.unit
                                                for f in line.figures):
                    out.append(Figure(Decimal(value), text[m.end("n"):end], m.start(), end,
                                      text[m.start():end]))
            at = text.find(word, end)
    return sorted(out, key=lambda f: f.start)


def _items_in_line(text: str, at: int, first: str) -> tuple[int, bool] | None:
    """How many consecutive items of `first`'s series the text numbers from `at` — up to the
    next item one of the series (another list) — and whether the text ends in the last one."""
    series = _series(first)
    if series is None:
        return None
    again = text.find(first, at + len(first))
    bound = again if again >= 0 else len(text)
    count, pos = 1, at + len(first)
    while count < len(series):
        nxt = text.find(series[count], pos, bound)
        if nxt < 0:
            break
        count, pos = count + 1, nxt + len(series[count])
    # the last item running to the end of a line without its full stop: the capture may
    # have cut the list
    tail = text[pos:bound].rstrip()
    return count, bound == len(text) and not tail.endswith(("。", "；", ";", "."))


_HEADING_START = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}[、.．]|"
                            r"[（(][一二三四五六七八九十\d]{1,3}[)）])")


def _items_on_lines(lines: tuple[AuditLine, ...], start: int) -> tuple[int, bool] | None:
    """Items numbered one per line from line `start` on (blank lines passed over)."""
    k = start
    while k < len(lines) and not lines[k].text.strip():
        k += 1
    if k == len(lines):
        return None
    first = _FIRST.match(lines[k].text)
    if first is None or first.start("first") != len(lines[k].text) - len(lines[k].text.lstrip()):
        return None
    series = _series(first.group("first"))
    if series is None:
        return None
    count, unsure = 0, False
    while k < len(lines) and count < len(series):
        text = lines[k].text.strip()
        k += 1
        if not text:
            continue
        if text.startswith(series[count]):
            count += 1
            continue
        if not count or _FIRST.match(text) or _HEADING_START.match(text) \
                or (count < len(series) - 1 and text.startswith(series[count + 1])):
            break
        # an item's text may go on over the next lines: where the list ends is then not
        # certain (the next numbered line may be the document's own numbering)
        unsure = True
    return count, unsure or k >= len(lines)


# --- counts in several units broken down by subject ---------------------------------------
#
# "补贴购机农户5户，机具5台套（甲办事处3户、3台套，乙办事处1户、1台套，丙办事处1户、1台套）" (176):
# two or more counts in different units, then a bracket naming subjects, each with a figure in
# every unit. Each unit's parts must make its count. The parts above a count are an error; short
# of it, an error only when another unit's parts make their count exactly (the bracket then
# lists every subject), else left alone (a bracket may name some subjects only). A bracket the
# text never closes (176 as captured) ends before the first figure in another unit.

_BRACKET = re.compile(r"[（(]")
_CLOSE_BRACKET = re.compile(r"[）)。；;]")
_TOTAL_GAP = re.compile(r"[\u4e00-\u9fff]{0,2}[，,、]?\s*[\u4e00-\u9fff]{0,6}\s*")
_UNIT_TAIL = re.compile(r"[\u4e00-\u9fff]{0,2}\s*")


def _counted(fig: Figure) -> bool:
    return bool(fig.unit) and fig.exact and "/" not in fig.unit \
        and fig.unit not in ("%", "‰", "个百分点") and dimension(fig.unit)[0] != "money"


def _by_subject(line: AuditLine) -> list[Finding]:
    findings: list[Finding] = []
    text = line.text
    for m in _BRACKET.finditer(text):
        n = line.count_before(m.start())
        # the counts right before the bracket, each in its own unit (…5户，机具5台套（)
        totals: list[Figure] = []
        end = m.start()
        while n and len(totals) < 4:
            fig = line.figures[n - 1]
            gap = text[fig.end:end]
            # (the last count may run on into its noun: 5台套（…）)
            if not _counted(fig) or (totals and not _TOTAL_GAP.fullmatch(gap)) \
                    or (not totals and not _UNIT_TAIL.fullmatch(gap)):
                break
            totals.append(fig)
            end, n = fig.start, n - 1
        units = {f.unit for f in totals}
        if len(totals) < 2 or len(units) != len(totals):
            continue
        close = _CLOSE_BRACKET.search(text, m.end())
        stop = close.start() if close else len(text)
        inside = line.figures_between(m.end(), stop)
        closed = close is not None and close.group() in "）)"
        parts: dict[str, list[Figure]] = {u: [] for u in units}
        for fig in inside:
            if fig.unit not in units:
                if closed:
                    parts = {}
                break  # (unclosed: the breakdown ends where another kind of figure starts)
            if not fig.exact:
                parts = {}
                break
            parts[fig.unit].append(fig)
        if not parts or any(len(p) < 2 for p in parts.values()) \
                or len({len(p) for p in parts.values()}) != 1:
            continue  # every subject gives a figure in every unit
        made = {u: sum((f.value for f in p), start=type(p[0].value)(0)) for u, p in parts.items()}
        total_of = {f.unit: f for f in totals}
        exact_units = [u for u in units if made[u] == total_of[u].value]
        for unit in sorted(units):
            total = total_of[unit]
            if made[unit] == total.value:
                continue
            if made[unit] < total.value and not exact_units:
                continue
            findings.append(Finding(
                code="count-mismatch", severity=Severity.ERROR,
                message=(f"所述 {total.raw}，其后按单位分列之和为 {made[unit]}{unit}"
                         f" / states {total.raw}, the subjects listed add up to {made[unit]}"),
                stated=total.value, expected=made[unit],
                operands=tuple(f.value for f in parts[unit]), unit=unit, line=line.number,
                excerpt=excerpt(text, total.start, parts[unit][-1].end, 10)))
    return findings


# "主要种植3种作物，以玉米、大豆为主": the items after 以…为主 are the main ones of the counted
# things, a part of them — more of them than the count is a contradiction, fewer is not.
_MAINLY = re.compile(r"[\u4e00-\u9fff]{0,8}?[，,]\s*(?:其中|主要)?以"
                     r"(?P<list>[^，,。；;（()）\d]{2,120}?)为主")


def _mainly(line: AuditLine, stated: list[Figure]) -> list[Finding]:
    out: list[Finding] = []
    for fig in stated:
        m = _MAINLY.match(line.text, fig.end)
        if m is None:
            continue
        items = [x.strip() for x in m.group("list").split("、")]
        if len(items) < 2 or any(not x or len(x) > _MAX_ITEM for x in items) \
                or re.search(r"[和及与等]", items[-1]) or len(items) <= int(fig.value):
            continue
        out.append(_finding(line.number, line.text, fig, items, fig.start, m.end()))
    return out
