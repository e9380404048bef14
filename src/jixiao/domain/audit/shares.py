"""Detectors: a share of a whole, a growth rate, and paid + unpaid against the whole.

All three read one sentence at a time (ended by 。！？ or the end of the line) and accuse
only when exactly one reading of the operands is possible:

- `detect_shares` (share): ``其中满意180人，占90%`` / ``…占总数的90%`` — the figure right
  before 占 against the one larger figure of its dimension earlier in the sentence.
- `detect_growth` (growth): ``收入120万元，较上年的100万元增长20%`` — (this year − last year)
  ÷ last year against the stated rate; 下降/减少 the other way round. Last year's figure is
  the one labelled 上年/去年/同期 — not a change (较上年增加20万元) nor another quantity of
  last year (上年结转资金): what its label names must be what this year's figure's label names.
- `detect_paid_unpaid` (paid-unpaid): ``合同金额100万元，已支付60万元，尚未支付40万元`` —
  paid + unpaid against the contract (or budget) total stated before them; the whole may be
  what is due (``应发放补助资金100万元，已发放80万元，尚未发放20万元``: due-paid).

Rates printed with decimals are compared at their printed precision, operands ± half their
last digit; approximate figures are never operands.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import pairwise

from jixiao.domain.audit.facts import (
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
    places,
    plain_label,
    ratio_agrees,
)
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import round_half_up

__all__ = [
    "detect_growth",
    "detect_growth_amounts",
    "detect_paid_unpaid",
    "detect_share_table",
    "detect_shares",
]

_MAX_SPAN = 2000  # longer "sentences" are flattened tables: not read as prose
# (the verbs the genre puts after a share's name: 占比为 / 占比达 / 占比达到 / 比例是 — 决算 and
# 部门整体 reports' 支出结构 and the 自评报告's 受益对象 sentences write each of them)
_SHARE = re.compile(r"(?:占|占比(?:为|达到?|是)?|占总(?:数|额|量|人数|面积|投资|资金)?的?|"
                    r"(?:比例|比重)(?:为|达到?|是))$")
_SHARE_OF = re.compile(r"占(?P<what>[\u4e00-\u9fff]{2,12}?)的?(?:比例|比重)?(?:为|达|约为)?$")
_WHOLE_WORDS = re.compile(r"^(?:全部|全|总|本|该)|的$")
# (占项目总投资（1290万元）的38.67%: the whole's figure may stand in brackets)
_WHOLE_INSIDE = re.compile(r"占[\u4e00-\u9fff]{1,12}[（(]?(?P<num>\d[\d.,]*)[\u4e00-\u9fff]{0,3}?[)）]?"
                           r"的(?:比例|比重)?(?:为|是)?$")
# a total named after the shares ("人员经费434.89万元，占比54.42%；公用经费…，占比…，总支出799.12万元":
# 决算 and 部门整体 reports' 支出结构)
_TOTAL_AFTER = re.compile(r"(?:^|[^\u4e00-\u9fff])?(?:总|合计|共计|总计|全部|共)[\u4e00-\u9fff]{0,6}$")
_OPENS_WITH_PART = re.compile(r"[\s:：,，]*其中")
_GAP_COMMA = re.compile(r"[，,]?")
_GROWTH = re.compile(r"(?P<dir>增长|增加|提高|上升|提升|下降|减少|降低|增幅|降幅)(?:了|率|幅度|幅)?"
                     r"(?:为|是|达|达到)?\s*$")
_LAST_YEAR = re.compile(r"上年|去年|上一年|同期|前一年")
# the year compared with, named by its number (较2021年的118.3万元, 比2021年（118.3万元）): last
# year's figure as much as 上年's — the 部门整体/决算 reports' 收支与上年对比 wording
_BASE_YEAR = re.compile(r"(?:较|比|与|同)\s*\d{4}\s*年度?(?:同期)?(?:的|相比)?$")
# a change word right before a rate (what `_GROWTH` ends with, a few characters before the %)
_GROWTH_GATE = re.compile(r"(?:增长|增加|提高|上升|提升|下降|减少|降低|增幅|降幅)[^%％]{0,12}%")
# (到位/到账: funds due to arrive — 应到位 A，实际到位 B，尚未到位 C — are paid in by the level
# above as a contract is paid out: the 到位 wording of the funds paragraphs of the national
# 自评报告 outline, 资金到位情况; 2020 form's 资金到位率)
# (已付/未付: 合同价款…，已付…，未付…; 应缴纳/实际缴纳/尚欠缴: dues paid in)
_PAY = r"(?:支付|拨付|付款|使用|支出|发放|兑付|执行|到位|到账|缴纳|缴|付)"
# (已支付工程款/进度款: the contract's payments may be named after the verb; 已按合同约定支付,
# 已按进度拨付: the terms the payment followed may stand between 已 and the verb; 实付/实拨/实发:
# the forms' 应X/实X pair)
# (已支付工程进度款, 待支付合同进度款 — round 3: a works contract's payment named by its kind and
# stage, up to five characters before 款)
_PAID = re.compile(rf"(?:(?:已|累计|实际)(?:完成|按[\u4e00-\u9fff]{{1,6}}?)?总?{_PAY}|实(?:付|拨|发))"
                   r"(?:资金|金额|款项|[\u4e00-\u9fff]{0,4}款)?$")
# (尚欠: what is still owed; 剩余质保金: the retention left unpaid until acceptance; 余款/尾款;
# 尚欠工程款: the contract's payments named after the remainder's word too; 资金缺口: what is
# due and not paid, stated as a gap — only ever read beside one whole and one paid amount; not
# 差额, which names an excess as readily as a shortfall; 少付/少拨: paid short of what was due)
_UNPAID = re.compile(rf"(?:(?:未|尚未|待|剩余|还需|结余|尚欠|欠付){_PAY}?完?的?"
                     r"(?:资金|金额|款项|尾款|质保金|[\u4e00-\u9fff]{0,3}款)?|余款|尾款|欠款|尚欠|欠付|"
                     r"资金缺口|缺口资金|缺口|少(?:付|拨付|拨|发放|发))$")
# the remainder named after its figure: "还有30万元尚未支付", "尚余8万元未拨付", "资金尚未拨付"
_UNPAID_AFTER = re.compile(rf"\s*(?:资金|款项|尾款)?(?:尚|还|仍)?(?:未|没有|待){_PAY}")
# (every alternative opens with a literal: one opening with a group, (?:待|还需)…, made the engine
# try the whole pattern at every position of the line — 6 × slower over the seed's lines)
_REMAINDER_GATE = re.compile(rf"未|剩余|结余|余款|尾款|欠|缺口|少(?:付|拨|发)|待{_PAY}|还需{_PAY}|"
                             r"超(?:支?付|拨|发)|多(?:支?付|拨|发)")
# paid over what was due, stated as the excess (应付A，实际支付B，超付C: B − C = A)
_OVERPAID = re.compile(r"(?:超|多)(?:付|支付|拨付|拨|发放|发)(?:资金|金额|款项|[\u4e00-\u9fff]{0,3}款)?$")
# the whole: a contract's or settlement's amount (结算审定金额 / 审计金额: the audited settlement
# the payments of a works contract are measured against), or what is due (应拨付 A，已拨付 B，
# 尚未拨付 C)
_WHOLE = re.compile(r"(?:合同(?:总?金额|价款|总价|总额|价)|中标(?:价|金额)|总投资|项目总额|结算(?:金额|价)|"
                    r"审定(?:金额|价|造价)|审计(?:金额|结算价)|决算(?:金额|价)|"
                    r"(?:下达|批复|安排|调整后|^|项目|年度|全年)预算(?:资金|数)?|"
                    # the funds allocated, under the names the transfer-payment and project
                    # reports give them (下达资金 / 下达衔接资金 / 安排资金 / 批复资金 / 资金总额:
                    # the 资金拨付情况 of round 3 412, 425 and i11f 03; the names rates' budget
                    # reader knows)
                    r"(?:下达|批复|安排)[\u4e00-\u9fff]{0,8}?资金|资金总额|"
                    rf"应{_PAY}(?:[\u4e00-\u9fff]{{0,4}}(?:资金|金额|款项|补助|补贴|费用)|"
                    r"[\u4e00-\u9fff]{0,3}款)?)"
                    # (下达资金共356.8万元: a total's word between the name and its figure)
                    r"(?:共计|共|合计|总计|总额)?(?:为|是|达)?$")


def _label(text: str, fig: Figure, floor: int) -> str:
    # (spaced: PDF text prints "合同金额 100 万元" — the blank before a figure is no delimiter)
    return plain_label(label_before(text, fig, floor, 30, spaced=True))


def _spans(line: AuditLine) -> list[tuple[int, int]]:
    return [(a, b) for a, b in line.spans() if b - a <= _MAX_SPAN]


def _percent(fig: Figure) -> bool:
    return fig.unit == "%" and fig.exact


def _has_own_share(line: AuditLine, figure: Figure, part: Figure) -> bool:
    """Whether `figure` is followed, before `part`, by a share of its own (…A万元，占比a%；
    B万元，占比b%): such a figure is a sibling part of a list of shares, not their whole."""
    figures, n = line.figures, line.count_before(figure.end)
    while n < len(figures) and figures[n].start <= figure.end:
        n += 1
    if n == len(figures) or figures[n].start >= part.start:
        return False
    later = figures[n]
    return _percent(later) and _SHARE.search(line.text, figure.end, later.start) is not None


def _whole_elsewhere(line: AuditLine, spans: list[tuple[int, int]], index: int,
                     figures: tuple[Figure, ...], k: int, part: Figure) -> list[Figure]:
    """The whole of a share with none before its part: the one total named after the shares in
    the sentence (总支出799.12万元), or — for a sentence opening with 其中 — the one larger
    figure of the sentence before ("项目总投资1290万元。其中中央资金473万元，占比36.67%")."""
    start = spans[index][0]
    dim = dimension(part.unit)[0]

    def larger(f: Figure) -> bool:
        return f.exact and dimension(f.unit)[0] == dim and (in_unit(f, part.unit) or 0) > part.value > 0

    after = [f for f in figures[k + 1:] if larger(f) and _TOTAL_AFTER.search(_label(line.text, f, start))]
    if after:
        return after if len(after) == 1 else []
    if index > 0 and _OPENS_WITH_PART.match(line.text, start):
        a, b = spans[index - 1]
        prior = [f for f in line.figures_between(a, b) if larger(f)]
        return prior if len(prior) == 1 else []
    return []


def detect_shares(doc: AuditDocument) -> list[Finding]:
    """N of M = x%: the share against the figure before 占 and the whole before it."""
    findings: list[Finding] = []
    for line in doc.figured:
        if "占" not in line.text and "比例" not in line.text and "比重" not in line.text:
            continue
        spans = _spans(line)
        for index, (start, end) in enumerate(spans):
            figures = line.figures_between(start, end)
            for k, share in enumerate(figures):
                if not _percent(share):
                    continue
                # (PDF text: "占 90%" — the blank before the share is no word)
                head = line.text[max(start, share.start - 16):share.start].rstrip(" ")
                named = None
                inner = _WHOLE_INSIDE.search(line.text, max(start, share.start - 30), share.start)
                if inner is not None:
                    # "贫困户120户，占全村总户数300户的40%": the whole is named inside the 占
                    # phrase, right after the part
                    n = line.count_before(inner.start())
                    whole_at = line.count_before(inner.start("num"))
                    if n and line.figures[n - 1].start >= start and whole_at < len(line.figures) \
                            and line.figures[whole_at].start == inner.start("num") \
                            and _GAP_COMMA.fullmatch(line.text, line.figures[n - 1].end, inner.start()):
                        before = [line.figures[whole_at], line.figures[n - 1]]
                        named = ""
                if named is None and not _SHARE.search(head[-8:]):
                    # 占项目总投资的60%: the whole is named; it must be a figure so labelled
                    m = _SHARE_OF.search(head)
                    if m is None:
                        continue
                    named = _WHOLE_WORDS.sub("", m.group("what"))
                    if len(named) < 2:
                        continue
                inside = named == ""
                if not inside:
                    before = [f for f in figures[:k] if f.unit not in ("%", "‰")]
                if not before:
                    continue
                part = before[-1]
                if not part.exact or not part.unit or "/" in part.unit \
                        or (not inside and share.start - part.end > 12 + (len(head) - 8 if named
                                                                            else 0)):
                    continue
                dim = dimension(part.unit)
                # 占调查总人数的90%: the whole is the figure whose name shares the most with
                # the name after 占 (调查200人), two characters at least
                wholes = [f for f in before[:-1] if f.exact and dimension(f.unit)[0] == dim[0]
                          and (in_unit(f, part.unit) or 0) >= part.value > 0
                          and not (named is None and _has_own_share(line, f, part))]
                if named and wholes:
                    runs = [common_run(named, _label(line.text, f, start)) for f in wholes]
                    best = max(runs)
                    wholes = [f for f, r in zip(wholes, runs, strict=True) if r == best and r >= 2]
                if not wholes and named is None and not inside:
                    wholes = _whole_elsewhere(line, spans, index, figures, k, part)
                if not wholes:
                    continue
                values = [(in_unit(w, part.unit), w) for w in wholes]
                if any(v is not None and ratio_agrees(share.value, part.value, v, Decimal(100))
                       for v, _ in values):
                    continue
                if len(wholes) != 1:
                    continue
                value, whole = values[0]
                assert value is not None
                implied = round_half_up(part.value / value * 100, max(2, places(share.value)))
                findings.append(Finding(
                    code="share-mismatch", severity=Severity.ERROR,
                    message=(f"所述占比 {share.raw}，{part.raw} ÷ {whole.raw} = {fmt(implied)}%"
                             f" / stated share {share.raw}, {part.value} ÷ {whole.value} = "
                             f"{fmt(implied)}%"),
                    stated=share.value, expected=implied, operands=(part.value, whole.value),
                    unit="%", line=line.number,
                    excerpt=excerpt(line.text, whole.start, share.end, 10)))
    return findings


_CHANGE = re.compile(r"增长|增加|减少|下降|提高|降低|增幅|降幅|多|少|节约|结转|结余|差额")
_YEAR_WORDS = re.compile(r"上一?年度?|去年度?|前一年度?|同期|同比|本年度?|今年|当年|全年|"
                         r"\d{4}\s*年度?|较|比|与|的|为|是|共计|共|实现|完成|达到|达")


def _same_quantity(last: str, current: str) -> bool:
    """Whether last year's label and this year's name one quantity: what remains of the
    former without its year words (上年收入 → 收入) is empty or part of the latter."""
    a, b = _YEAR_WORDS.sub("", last), _YEAR_WORDS.sub("", current)
    return not a or not b or a in b or b in a


_YEAR = re.compile(r"(\d\d{3})\s*年")  # (a class first, not a repeat: the engine skips to the digits)
_INCREMENT = re.compile(r"(?:上年|去年|上一年|同期|同比|较|比)[^，,。；;]{0,6}?"
                        r"(?P<dir>增长|增加|提高|上升|多|下降|减少|降低|少)了?$")
_DOWN = ("下降", "减少", "降低", "少", "降幅")
# an average over years, a plan or a target is not the change the two figures make
_OTHER_GROWTH = re.compile(r"(?:年均|平均|计划|目标|预计|预期|力争|要求|争取|累计)[\u4e00-\u9fff]{0,2}"
                           r"(?:增长|增加|提高|上升|提升|下降|减少|降低|增幅|降幅)")
# "收入由上年的100万元增加到120万元" / "从2021年的100万元增长到2022年的120万元": the change named
# between last year's figure and this year's
# (增至/降至/减至/升至: the one-character verbs of the same wording, 由A增至B — statistical
# bulletins' and reports' short form beside 增加到)
_FROM_TO = re.compile(r"(?:(?:增加|增长|提高|上升|提升|下降|减少|降低)(?:到|至|为)|[增降减升](?:至|到))"
                      r"[^，,。；;]{0,12}$")
_FROM = re.compile(r"(?:由|从)[^，,。；;]{0,12}$")


# the comparison a growth rate names right before it (比上年增长, 较2021年下降, 同比增长)
_COMPARED_RATE = re.compile(r"(?P<with>(?:较|比|同比)(?:上年|去年|上一年|前一年|\d{4}年)?度?(?:同期)?)"
                            r"(?:增长|增加|提高|上升|提升|下降|减少|降低)(?:了|幅度|幅)?(?:为|是|达到?)?$")


_BRACKET_AFTER_YEAR = re.compile(r"(?:上年|去年|上一年|同期|前一年)度?(?:同期)?\s*[（(]$")
_BASE_YEAR_BRACKET = re.compile(r"(?P<words>(?:较|比)\s*\d{4}\s*年度?(?:同期)?)\s*[（(]$")
_WORDS_BEFORE = re.compile(r"[\u4e00-\u9fff]{1,12}$")


def _bracket_label(text: str, fig: Figure, floor: int) -> str:
    """`_label`, or — for a figure opening a bracket right after 上年/同期 (较上年（100万元）增长
    20%: last year's figure given as a remark) — the words before the bracket."""
    if fig.start > floor and text[fig.start - 1] in "（(":
        head = _WORDS_BEFORE.search(text, max(floor, fig.start - 13), fig.start - 1)
        if head is not None and _BRACKET_AFTER_YEAR.search(text, head.start(), fig.start):
            return head.group()
        year = _BASE_YEAR_BRACKET.search(text, max(floor, fig.start - 14), fig.start)
        if year is not None:
            return year.group("words")
    return _label(text, fig, floor)


def _year_pair(amounts: list[Figure], labels: dict[int, str]) -> tuple[Figure, Figure] | None:
    """(last year's, this year's) when the labels name two consecutive years (2021年收入…，
    2022年收入…), one figure each."""
    by_year: dict[int, list[Figure]] = {}
    for f in amounts:
        years = {int(y) for y in _YEAR.findall(labels[f.start])}
        if len(years) == 1:
            by_year.setdefault(years.pop(), []).append(f)
    if not by_year:
        return None
    now = max(by_year)
    if len(by_year.get(now, [])) != 1 or len(by_year.get(now - 1, [])) != 1:
        return None
    return by_year[now - 1][0], by_year[now][0]


_THIS_YEAR = re.compile(r"本年|今年|当年")
_PLAN_WORDS = re.compile(r"计划|目标|预计|预期|任务")


def _this_year_pair(amounts: list[Figure], labels: dict[int, str]) -> tuple[Figure, Figure] | None:
    """(the year named by its number, this year's) when one figure says 本年/今年/当年 and the
    one other of its quantity names a year (本年收入137.9万元，2021年收入118.3万元，较上年增长…):
    this year's is no numbered year of its own, so the numbered one is the year compared with."""
    now = [f for f in amounts if _THIS_YEAR.search(labels[f.start]) and not _YEAR.search(labels[f.start])]
    dated = [f for f in amounts if _YEAR.search(labels[f.start]) and not _THIS_YEAR.search(labels[f.start])]
    if len(now) != 1 or len(dated) != 1 or len(amounts) != 2 \
            or dimension(now[0].unit)[0] != dimension(dated[0].unit)[0] \
            or not _same_quantity(labels[dated[0].start], labels[now[0].start]) \
            or (_PLAN_WORDS.search(labels[dated[0].start]) is None) \
            != (_PLAN_WORDS.search(labels[now[0].start]) is None):
        return None  # (a plan against an outcome — 当年计划投资 / 2021年完成投资 — is no year pair)
    return dated[0], now[0]


def _from_to(text: str, amounts: list[Figure], start: int) -> tuple[Figure, Figure] | None:
    """(before, after) when the sentence says 由/从 A 增加到/下降至 B, one pair only."""
    pairs = [(a, b) for a, b in pairwise(amounts)
             if dimension(a.unit)[0] == dimension(b.unit)[0]
             and _FROM_TO.search(text, a.end, b.start)
             and _FROM.search(text, max(start, a.start - 13), a.start)]
    return pairs[0] if len(pairs) == 1 else None


_COMPARED_NEXT = re.compile(r"\s*[，,]\s*(?:比|较|同比)")


def _growth_operands(amounts: list[Figure], labels: dict[int, str], down: bool,
                     text: str = "", start: int = 0
                     ) -> tuple[Decimal, Decimal, Figure, Figure] | None:
    """(last year's value, this year's value, the base figure, the other figure) — from last
    year's and this year's figures, from 由 A 增加到 B, or from one of them and the stated
    change (较上年增加20万元); None unless exactly one reading exists."""
    pair = _from_to(text, amounts, start) if text else None
    changes = [f for f in amounts if _INCREMENT.search(labels[f.start])]
    last = [f for f in amounts if (_LAST_YEAR.search(labels[f.start]) or _BASE_YEAR.search(labels[f.start]))
            and not _CHANGE.search(labels[f.start])]
    plain = [f for f in amounts if not _LAST_YEAR.search(labels[f.start])
             and not _BASE_YEAR.search(labels[f.start])
             and not _CHANGE.search(labels[f.start]) and not _INCREMENT.search(labels[f.start])]
    if pair is None and len(last) == 1:  # (由 A 增加到 B names both figures itself)
        same = [f for f in plain if dimension(f.unit)[0] == dimension(last[0].unit)[0]]
        if len(same) == 1 and _same_quantity(labels[last[0].start], labels[same[0].start]):
            pair = (last[0], same[0])
    elif pair is None and not last and not changes:
        pair = _year_pair(plain, labels) or _this_year_pair(plain, labels)
    if pair is not None:
        base, this_year = pair
        now = in_unit(this_year, base.unit)
        if now is None or not (base.exact and this_year.exact):
            return None
        return base.value, now, base, this_year
    # this year's figure and the change: last year's is their difference
    if len(changes) != 1 or last:
        return None
    change = changes[0]
    # (of the change's dimension: "共分三批下达资金241.8亿元，比上年增加65.8亿元" counts batches)
    plain = [f for f in plain if dimension(f.unit)[0] == dimension(change.unit)[0]]
    if len(plain) > 1 and text:
        # "播种面积744万亩，其中优质稻610万亩，高档优质稻171.1万亩，比上年增加54.6万亩，增幅
        # 46.9%": the comparison opens right after the figure it compares (the genre's "A X，
        # 比上年增加Y，增幅Z%": i12f 车购税 2006, 优质粮食工程; i11f 南县政协)
        plain = [f for f in plain if f.end <= change.start
                 and _COMPARED_NEXT.match(text, f.end, change.start)][-1:]
    if len(plain) != 1:
        return None
    this_year = plain[0]
    delta = in_unit(change, this_year.unit)
    named = _INCREMENT.search(labels[change.start])
    if delta is None or named is None or not (change.exact and this_year.exact) \
            or change.start < this_year.start or (named.group("dir") in _DOWN) != down:
        return None
    before = this_year.value + delta if down else this_year.value - delta
    return before, this_year.value, this_year, change


def _growth_from_sentence_before(line: AuditLine, before: tuple[int, int], amounts: list[Figure],
                                 labels: dict[int, str], down: bool
                                 ) -> tuple[Decimal, Decimal, Figure, Figure] | None:
    """This year's figure closing the sentence before, for a rate stated with the change only:
    "收入:792.22万元。同比上年度增加189.25万元,增加31.39%" (南县政协 2021), "2019年收入总计
    1207.72万元。比2018年增加38.5万元,2019年比2018年增加3.29%" (a 2019 决算 report) — the sentence
    before states that one figure and nothing else, of the change's dimension — or several all
    alike: 收入总计 and 支出总计 of "收支较上年决算数减少3,888.01万元、下降14%" (沙坪坝 交通 2021,
    i12f). The change must compare with last year (上年/同期/同比/a year), not 较年初."""
    if len(amounts) != 1 or not _INCREMENT.search(labels[amounts[0].start]):
        return None
    change_label = labels[amounts[0].start]
    if not (_LAST_YEAR.search(change_label) or "同比" in change_label or _YEAR.search(change_label)):
        return None
    prior = [f for f in line.figures_between(*before) if f.unit not in ("%", "‰", "")]
    if not prior or len({(f.value, f.unit) for f in prior}) != 1 \
            or dimension(prior[0].unit)[0] != dimension(amounts[0].unit)[0]:
        return None
    prior = prior[-1:]
    label = _label(line.text, prior[0], before[0])
    if _CHANGE.search(label) or _LAST_YEAR.search(label) or _BASE_YEAR.search(label):
        return None
    return _growth_operands([prior[0], amounts[0]], {**labels, prior[0].start: label}, down)


def detect_growth(doc: AuditDocument) -> list[Finding]:
    """较上年增长 x%: this year's and last year's figures (or one of them and the change)
    against the stated growth."""
    findings: list[Finding] = []
    for line in doc.figured:
        # (the gate names what the readings below need: a rate after a change word, and last
        # year named, a comparison, 由/从 A 增加到 B, or two years)
        text = line.text
        if "%" not in text or not _GROWTH_GATE.search(text) \
                or not (_LAST_YEAR.search(text) or "比" in text or "较" in text
                        or "由" in text or "从" in text or _THIS_YEAR.search(text)
                        or len(set(_YEAR.findall(text))) > 1):
            continue
        spans = _spans(line)
        for index, (start, end) in enumerate(spans):
            figures = line.figures_between(start, end)
            for k, rate in enumerate(figures):
                if not _percent(rate):
                    continue
                m = _GROWTH.search(line.text[max(start, rate.start - 8):rate.start])
                if not m:
                    continue
                if _OTHER_GROWTH.search(line.text, max(start, rate.start - 12), rate.start):
                    continue  # 年均增长10%, 计划增长25%: another rate than this year's change
                # last year's figure may follow the rate ("较上年增长20%，上年收入100万元",
                # "同比增长20%（2021年为100万元）"), up to the next rate
                after = next((j for j in range(k + 1, len(figures)) if _percent(figures[j])),
                             len(figures))
                amounts = [f for f in (*figures[:k], *figures[k + 1:after])
                           if f.unit not in ("%", "‰", "") and "/" not in f.unit]
                labels = {f.start: _bracket_label(line.text, f, start) for f in amounts}
                down = m.group("dir") in _DOWN
                compared = _COMPARED_RATE.search(line.text, max(start, rate.start - 16), rate.start)
                if compared is not None:
                    # "比上年增长3.29%，增加38.5万元": the change stated after the rate names only
                    # its verb — the comparison is the rate's (决算 and 自评 reports write the
                    # rate and the amount in either order)
                    for f in amounts:
                        if f.start > rate.start and _AMOUNT_CHANGE.fullmatch(labels[f.start]):
                            labels[f.start] = compared.group("with") + labels[f.start]
                found = _growth_operands(amounts, labels, down, line.text, start)
                if found is None and index > 0:
                    # (the amounts before the rate: what follows it explains the change —
                    # 主要原因是甲项目收支2,000万元…)
                    found = _growth_from_sentence_before(
                        line, spans[index - 1], [f for f in amounts if f.start < rate.start],
                        labels, down)
                if found is None:
                    continue
                before, now, first, second = found
                if before <= 0:
                    continue
                change = (before - now) if down else (now - before)
                if change >= 0 and ratio_agrees(rate.value, change, before, Decimal(100)):
                    continue
                implied = round_half_up((now - before) / before * 100, max(2, places(rate.value)))
                findings.append(Finding(
                    code="growth-mismatch", severity=Severity.ERROR,
                    message=(f"所述{m.group('dir')} {rate.raw}，({fmt(now)} − {fmt(before)}) ÷ "
                             f"{fmt(before)} = {fmt(implied)}% / stated change {rate.raw}, "
                             f"({fmt(now)} − {fmt(before)}) ÷ {fmt(before)} = {fmt(implied)}%"),
                    stated=rate.value, expected=abs(implied),
                    operands=(second.value, first.value), unit="%", line=line.number,
                    excerpt=excerpt(line.text, min(first.start, second.start), rate.end, 10)))
    return findings


_AMOUNT_CHANGE = re.compile(r"(?P<dir>增加|增长|提高|多|减少|下降|降低|少)了?$")
_CHANGE_GATE = re.compile(r"(?:增加|增长|提高|多|减少|下降|降低|少)了?\d")


def detect_growth_amounts(doc: AuditDocument) -> list[Finding]:
    """较上年增加 X: this year's figure minus last year's against the stated change amount.

    ``2022年收入120万元，较上年的100万元增加20万元`` — the same two figures `detect_growth`
    reads for a rate (one labelled 上年/去年/同期 naming the same quantity as the one other
    figure, or two consecutive years), and exactly one change amount of their dimension
    labelled 增加/减少… after them; the direction must agree too.
    """
    findings: list[Finding] = []
    for line in doc.figured:
        text = line.text
        if not _CHANGE_GATE.search(text) or not (_LAST_YEAR.search(text) or _YEAR.search(text)):
            continue
        for start, end in _spans(line):
            if not _CHANGE_GATE.search(text, start, end):
                continue
            figures = [f for f in line.figures_between(start, end)
                       if f.unit not in ("%", "‰", "") and "/" not in f.unit]
            points = [f for f in figures if f.unit == "个百分点"]
            if points:
                # "满意度95%，较上年的90%提高5个百分点": a rate's change is in points, between
                # this year's and last year's rates
                figures = [f for f in line.figures_between(start, end)
                           if f.unit == "%" or f in points]
                points_unit = True
            else:
                points_unit = False
            if len(figures) < 3:
                continue
            labels = {f.start: _label(text, f, start) for f in figures}
            changes = [f for f in figures if _AMOUNT_CHANGE.search(labels[f.start])]
            if len(changes) != 1 or not changes[0].exact:
                continue
            change = changes[0]
            rest = [f for f in figures if f is not change
                    and (f.unit == "%" if points_unit
                         else dimension(f.unit)[0] == dimension(change.unit)[0])]
            last = [f for f in rest if _LAST_YEAR.search(labels[f.start])
                    and not _CHANGE.search(labels[f.start])]
            plain = [f for f in rest if f not in last and not _CHANGE.search(labels[f.start])]
            pair: tuple[Figure, Figure] | None = None
            if len(last) == 1 and len(plain) == 1 \
                    and _same_quantity(labels[last[0].start], labels[plain[0].start]):
                pair = (last[0], plain[0])
            elif not last:
                pair = _year_pair(plain, labels)
            if pair is None or change.start < max(pair[0].start, pair[1].start):
                continue
            before, now = pair
            # the two figures must name one quantity exactly (2022年提前下达 and 2023年下达 are
            # two different amounts, whatever 较上年增加 then refers to)
            a, b = (_YEAR_WORDS.sub("", labels[before.start]), _YEAR_WORDS.sub("", labels[now.start]))
            if a and b and a != b:
                continue
            vb: Decimal | None
            vn: Decimal | None
            vc: Decimal | None
            if points_unit:
                vb, vn, vc = before.value, now.value, change.value
            else:
                vb, vn, vc = (in_unit(before, change.unit), in_unit(now, change.unit),
                              in_unit(change, change.unit))
            if vb is None or vn is None or vc is None or not (before.exact and now.exact):
                continue
            m = _AMOUNT_CHANGE.search(labels[change.start])
            assert m is not None
            got = (vb - vn) if m.group("dir") in _DOWN else (vn - vb)
            slack = half_unit(before.value) + half_unit(now.value)
            if agrees_within(change.value, got - slack, got + slack):
                continue
            shown = fmt(got, places(change.value))
            findings.append(Finding(
                code="growth-mismatch", severity=Severity.ERROR,
                message=(f"所述{m.group('dir')} {change.raw}，{now.raw} − {before.raw} = {shown}"
                         f"{change.unit} / stated change {change.raw}, {now.raw} − {before.raw} = "
                         f"{shown}{change.unit}"),
                stated=change.value, expected=Decimal(shown),
                operands=(now.value, before.value), unit=change.unit, line=line.number,
                excerpt=excerpt(text, min(before.start, now.start), change.end, 10)))
    return findings


def detect_paid_unpaid(doc: AuditDocument) -> list[Finding]:
    """合同金额 C，已支付 A，尚未支付 B: A + B against C."""
    findings: list[Finding] = []
    for line in doc.figured:
        text = line.text
        # (each word of the gate holds one of 未余尾欠待还缺少超多: substring tests before the search)
        if ("未" not in text and "余" not in text and "尾" not in text and "欠" not in text
                and "待" not in text and "还" not in text and "缺" not in text and "少" not in text
                and "超" not in text and "多" not in text) \
                or not _REMAINDER_GATE.search(text):
            continue
        spans = _spans(line)
        done: set[int] = set()
        # one sentence; or two, the remainder explained in the next one (预算A，支出B。…剩余
        # 未执行的C万元为…) — only when the first holds the whole and the paid part and no
        # remainder of its own
        windows = [*spans, *((a[0], b[1]) for a, b in pairwise(spans)
                             if b[1] - a[0] <= _MAX_SPAN)]
        for start, end in windows:
            money = [f for f in line.figures_between(start, end)
                     if dimension(f.unit)[0] == "money" and f.exact]
            labels = {f.start: _label(line.text, f, start) for f in money}
            paid = [f for f in money if _PAID.search(labels[f.start])]
            unpaid = [f for f in money if (_UNPAID.search(labels[f.start])
                                           or (_OVERPAID.search(labels[f.start])
                                               and not _LAST_YEAR.search(labels[f.start])
                                               and "较" not in labels[f.start]
                                               and "比" not in labels[f.start])
                                           or (_UNPAID_AFTER.match(line.text, f.end)
                                               and "其中" not in labels[f.start]))
                      and not _PAID.search(labels[f.start])]
            whole = [f for f in money if _WHOLE.search(labels[f.start])]
            if len(paid) != 1 or len(unpaid) != 1 or len(whole) != 1:
                continue
            a, b, c = paid[0], unpaid[0], whole[0]
            # the whole before them or after them (已支付A，尚未支付B，合同金额C)
            if not a.start < b.start or c.start in done or a.start < c.start < b.start:
                continue
            if any(a.start < f.start < b.start for f in money):
                continue  # (已支付工程款60万元、设计费20万元，尚欠…: more paid than the one read)
            done.add(c.start)
            va, vb = in_unit(a, c.unit), in_unit(b, c.unit)
            if va is None or vb is None:
                continue
            over = _OVERPAID.search(labels[b.start]) is not None
            got = va - vb if over else va + vb  # (超付 C: paid − C is what was due)
            if agrees(c.value, got):
                # "下达预算2596万元，实际总支出2595.6208万元。…剩余未执行完的0.3792万元" (round 3,
                # 119): a remainder printed finer than the whole is checked at its own precision
                # (a whole amount is exact, `half_unit`)
                if a.unit == b.unit == c.unit and places(b.value) > places(c.value) and not over:
                    rest = c.value - a.value
                    slack = half_unit(c.value) + half_unit(a.value)
                    if not agrees_within(b.value, rest - slack, rest + slack):
                        shown = fmt(rest, places(b.value))
                        findings.append(Finding(
                            code="paid-unpaid-mismatch", severity=Severity.ERROR,
                            message=(f"未付 {b.raw}，{labels[c.start]} {c.raw} − 已付 {a.raw} = "
                                     f"{shown}{c.unit} / unpaid {b.raw}, the total {c.raw} − "
                                     f"paid {a.raw} = {shown}{c.unit}"),
                            stated=b.value, expected=Decimal(shown),
                            operands=(c.value, a.value), unit=c.unit, line=line.number,
                            excerpt=excerpt(line.text, c.start, b.end, 10)))
                continue
            findings.append(Finding(
                code="paid-unpaid-mismatch", severity=Severity.ERROR,
                message=(f"{labels[c.start]} {c.raw}，已付 {a.raw} {'− 超付' if over else '+ 未付'} "
                         f"{b.raw} = {fmt(got, places(c.value))}{c.unit} / the total {c.raw} vs "
                         f"paid {'− overpaid' if over else '+ unpaid'} "
                         f"{fmt(got, places(c.value))}{c.unit}"),
                stated=c.value, expected=Decimal(fmt(got, places(c.value))),
                operands=(a.value, b.value), unit=c.unit, line=line.number,
                excerpt=excerpt(line.text, c.start, b.end, 10)))
    return findings


# A breakdown printed as a table with its shares (资金来源 | 金额（万元）| 占比: 中央资金 | 300 | 60%,
# …, 合计 | 500 | 100%), html/docx/xlsx rows or pipes: each row's share against its amount ÷ the
# 合计 row's.
_SHARE_HEAD = re.compile(r"^(?:占比|比例|比重|所占比例|占总[\u4e00-\u9fff]{0,4}比(?:例|重))")
_VALUE_HEAD = re.compile(r"^(?:金额|资金|数量|人数|户数|面积|支出|收入|预算|投资|数额)"
                         r"(?![\u4e00-\u9fff]*(?:来源|名称|类别|性质|用途|项目|内容|科目))")
_TOTAL_ROW = re.compile(r"^(?:合计|总计|总额|小计|共计)")


def _lone(cell: Cell) -> Figure | None:
    fig = cell.number
    return fig if fig is not None and fig.exact else None


def detect_share_table(doc: AuditDocument) -> list[Finding]:
    """Each row's 占比 against its amount ÷ the 合计 row's, in a table whose header names an
    amount column and a share column; rows with another number of cells are not read, and
    without one 合计 row (right after the rows) nothing is."""
    findings: list[Finding] = []
    lines = doc.lines
    for index, line in enumerate(lines):
        if "|" not in line.text or not ("占" in line.text or "比" in line.text):
            continue
        head = [c.text for c in cells(line)]
        shares = [i for i, t in enumerate(head) if _SHARE_HEAD.match(t)]
        values = [i for i, t in enumerate(head) if _VALUE_HEAD.match(t)]
        if len(shares) != 1 or len(values) != 1:
            continue
        si, vi = shares[0], values[0]
        rows: list[tuple[AuditLine, Figure, Figure]] = []
        total: tuple[AuditLine, Figure] | None = None
        for row in lines[index + 1:]:
            if "|" not in row.text:
                break
            got = cells(row)
            if got and _TOTAL_ROW.match(got[0].text):
                value = _lone(got[vi]) if len(got) == len(head) else None
                if value is None:  # (a 合计 row without its share cell: the amount is the last)
                    nums = [f for c in got if (f := _lone(c)) is not None and f.unit != "%"]
                    value = nums[0] if len(nums) == 1 else None
                total = (row, value) if value is not None else None
                break
            if len(got) != len(head):
                continue
            value, share = _lone(got[vi]), _lone(got[si])
            if value is not None and share is not None and share.unit == "%":
                rows.append((row, value, share))
        if total is None or len(rows) < 2:
            continue
        whole = total[1]
        for row, value, share in rows:
            part = in_unit(value, whole.unit) if value.unit and whole.unit else value.value
            if part is None or whole.value <= 0 \
                    or ratio_agrees(share.value, part, whole.value, Decimal(100)):
                continue
            implied = round_half_up(part / whole.value * 100, max(2, places(share.value)))
            findings.append(Finding(
                code="share-mismatch", severity=Severity.ERROR,
                message=(f"所述占比 {share.raw}，{value.raw} ÷ 合计 {whole.raw} = {fmt(implied)}%"
                         f" / stated share {share.raw}, {value.value} ÷ {whole.value} = "
                         f"{fmt(implied)}%"),
                stated=share.value, expected=implied, operands=(part, whole.value), unit="%",
                line=row.number, excerpt=excerpt(row.text, 0, len(row.text), 0)))
    return findings
