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
"""

from __future__ import annotations

import re

from jixiao.domain.audit.facts import AuditDocument, AuditLine, Figure, excerpt
from jixiao.domain.findings import Finding, Severity

__all__ = ["detect_listed_counts"]

_COUNT_UNITS = ("个", "家", "项", "所", "处", "座", "条", "类", "种", "名", "户", "栋", "间", "台",
                "支", "批")
# (what is counted, up to 8 characters) then the marker; `match` anchors at the count.
# (or the list in brackets right after the counted noun: 3个村（甲村、乙村、丙村）)
_MARKER = re.compile(
    r"[\u4e00-\u9fff]{0,8}?[，,]?\s*(?:即|分别是|分别为|包括|具体为|依次为|[:：]|[（(])[:：]?\s*")
_PARTIAL = re.compile(r"含|包括|包含|如|主要|其中|例如|比如")
_LIST_END = re.compile(r"[，,。；;！？!?）)]")
_MAX_ITEM = 20


def detect_listed_counts(doc: AuditDocument) -> list[Finding]:
    """Announced count ≠ number of listed items (warning)."""
    findings: list[Finding] = []
    for line in doc.figured:
        for fig in line.figures:
            if fig.unit not in _COUNT_UNITS or not fig.exact or fig.value < 2 or fig.value > 50:
                continue
            m = _MARKER.match(line.text, fig.end)
            if not m:
                continue
            rest = line.text[m.end():]
            end = _LIST_END.search(rest)
            region = rest[: end.start()] if end else rest
            if "等" in region or re.search(r"\d", region) or line.figures_between(
                    m.end(), m.end() + len(region)):
                continue
            items = [x.strip() for x in region.split("、")]
            if len(items) < 2 or any(not x or len(x) > _MAX_ITEM for x in items):
                continue
            counts = {len(items)}
            if re.search(r"[和及与]", items[-1]):
                # "甲和乙" may be one name or two — or a name may hold 和 more than once: a
                # count off both readings is left alone (共有4家企业：甲公司、乙公司和丙公司)
                continue
            more = _continued(rest, end)
            if more:
                counts.add(len(items) + more)
            # a count that neither reading of a list going on after a comma gives is wrong
            # whichever is meant
            if int(fig.value) in counts:
                continue
            if len(counts) > 1 and min(counts) < int(fig.value) < max(counts):
                continue
            # 包括 need not name every item (5个村，包括甲村、乙村), nor need a list in brackets
            # (examples or a remark as often as the whole list): not certain
            partial = "包括" in m.group() or bool(_PARTIAL.match(region)) \
                or m.group().rstrip(" :：").endswith(("（", "("))
            findings.append(_finding(line.number, line.text, fig, items,
                                     fig.start, m.end() + len(region), certain=not partial))
        findings.extend(_listed_first(line))
    return findings


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


def _listed_first(line: AuditLine) -> list[Finding]:
    out: list[Finding] = []
    for fig in line.figures:
        if fig.unit not in _COUNT_UNITS or not fig.exact or fig.value < 2 or fig.value > 50 \
                or "、" not in line.text[max(0, fig.start - 60):fig.start]:
            continue
        m = _LIST_BEFORE.search(line.text, max(0, fig.start - 200), fig.start)
        if not m:
            continue
        listed = m.group("list")
        etc = listed.endswith("等")
        if "等" in listed[-2:] and not etc:
            continue
        items = [x.strip() for x in listed.removesuffix("等").removesuffix("等").split("、")]
        items[0] = _LEAD_VERB.sub("", items[0])
        if len(items) < 2 or any(not x or len(x) > _MAX_ITEM for x in items):
            continue
        counts = {len(items)}
        if re.search(r"[和及与]", items[-1]) or re.search(r"[和及与]", items[0]):
            counts.add(len(items) + 1)
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
        noun = line.text[fig.end:fig.end + 1]
        named = len({x[-1] for x in items}) == 1 or all(x.endswith(noun) for x in items)
        out.append(_finding(line.number, line.text, fig, items, m.start("list"), fig.end,
                            certain=named))
    return out


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
