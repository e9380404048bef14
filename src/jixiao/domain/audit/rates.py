"""Detector: a rate stated beside its numerator and denominator in prose.

``受理有效诉求72728件，在线答复53467件，在线答复率73.52%`` — the rate's name
(在线答复率) names its numerator (在线答复 53467件); the denominator is another figure of
the same unit in the same clause. The rate is checked only when exactly one figure
carries the numerator's name, and it is reported only when exactly one denominator is
possible and it does not give the rate (at the rate's printed precision, rounded or cut).
Anything less certain — 接通率 beside 接听来电, 办结率 with no 办结 count — is left alone.

Execution rates (预算执行率, 资金执行率) are named differently: the numerator is the one
执行数/支出 figure and the denominator the 预算数/下达资金 figures of the sentence — or, for the
project's own spending in a sentence without one, the budgets stated before it (the national
自评报告 outline's 资金投入 / 资金执行 paragraphs). A 资金到位率 beside the amount that arrived
is read against those budgets too. Several possible wholes are several readings: a rate is
reported only when none of them gives it.

`detect_rate_columns` reads plain tables with a rate column (项目 | 预算数 | 执行数 | 执行率),
in rows or one cell per line, each row's rate against the row's own columns.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from decimal import Decimal
from itertools import pairwise

from jixiao.domain.audit.facts import (
    AuditDocument,
    AuditLine,
    Cell,
    Figure,
    cells,
    common_run,
    dimension,
    excerpt,
    in_unit,
    plain_label,
    ratio_agrees,
)
from jixiao.domain.audit.table_funds import table_lines
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import round_half_up

__all__ = ["detect_rate_columns", "detect_stated_rates"]

# 办结率, and 满意度 (a share of the respondents: its numerator is labelled 满意)
# (完成进度/完成比例: a completion rate by another name, "已下达补助2373.51万元，完成进度100%")
# (支付进度/支付比例, 拨付进度: the share of a contract or allocation paid; 执行进度/支出进度:
# the execution rate by another name)
# (预算执行率指标完成值95%, 资金支付率实际完成值为95%: the 自评表's indicator restated in the
# prose of the 自评报告 — the national outline's 绩效指标完成情况 — is the rate itself; never its
# 目标值/指标值, which is no statement of what was done; i11p)
_RATE_LABEL = re.compile(r"(?P<stem>[\u4e00-\u9fff]{2,10}?)(?:率|(?<=满意)度|(?<=完成)(?:进度|比例|程度)|"
                         r"(?<=支付|拨付)(?:进度|比例)|(?<=执行|支出)进度)"
                         r"(?:指标)?(?:实际完成值|完成值|实际值)?(?:为|达|达到|是)?$")
# what a rate's label ends with (its rate word or the indicator's 完成值/实际值, then an optional
# verb): a label that does not is never searched — the pattern, anchored at the end, is tried
# at every position of the label
_RATE_ENDS = tuple(word + verb for word in ("率", "度", "比例", "进度", "完成值", "实际值")
                   for verb in ("", "为", "达", "达到", "是"))


def _rate_label(label: str) -> re.Match[str] | None:
    """``_RATE_LABEL.search(label)``."""
    return _RATE_LABEL.search(label) if label.endswith(_RATE_ENDS) else None


# A "sentence" this long is no prose (a flattened table, punctuation lost): its rates are
# not read. Pairing every rate with every figure of it would also be quadratic.
_MAX_SPAN = 2000
_MAX_LABEL = 40  # the label patterns below only look at its last characters


def _label(line: AuditLine, fig: Figure, start: int) -> str:
    # (read once per line: a line's clauses, sentences and sentence pairs ask for the same)
    label = line.label_before(fig, start, _MAX_LABEL, spaced=True)
    # "全年预算数为人民币1000万元": the currency is no part of the name
    return label[:-3] if label.endswith("人民币") else label


# "满意的有141人", "满意户数48户", "办结数量90件": what a count is of, without the words
# that only introduce it
_COUNT_TAIL = re.compile(r"(?:的|有|为|是|达|共计|共|计)+$|(?:户数|人数|份数|次数|件数|数量|数)$")


_TAIL_CHARS = frozenset("的有为是达共计数量")
# (累计/当年/本年/开累 投资完成率: the period a rate is of is no part of what it counts)
_STEM_HEAD = re.compile(r"^(?:资金|项目|专项|年度|全年|累计|开累|当年|本年度?)+")
_DONE_HEAD = re.compile(r"^(?:已经|已|实际|累计|共计|共|全年|当年|本年)+")


_NEGATION_CHARS = frozenset("不未非无没")  # (a set test before the search: most labels hold none)
_NEGATED = re.compile(r"(?:不|未|非|无|没有)(?:合格|满意|达标|通过|到位|完成|覆盖|执行|参保|就业|入学)"
                      r"[\u4e00-\u9fff]{0,3}$")
# "截至12月31日拨付资金", "2023年度已到位", "12月底累计支付": the date the figure is as of
_DATE_HEAD = re.compile(r"^(?:截[至止]|到)?(?:\d{4}年度?)?(?:\d{1,2}月(?:份)?)?(?:\d{1,2}日)?(?:底|末|初)?"
                        r"(?:前|止|为止)?")
_DATE_FIRST = frozenset("截到0123456789")


def _names(label: str, stem: str) -> bool:
    """Whether a figure labelled `label` is the numerator of the rate named `stem`率.

    The rate may name what the money is (资金拨付率, 资金到位率: 实际拨付, 实际到位) or put
    its two words the other way round (投资完成率: 已完成投资). A date opening the label
    (截至12月31日拨付资金) is no part of what it names."""
    if label[:1] in _DATE_FIRST:
        label = _DATE_HEAD.sub("", label)
    if not _NEGATION_CHARS.isdisjoint(label) and _NEGATED.search(label, max(0, len(label) - len(stem) - 4)):
        # 不合格2件 of 合格率, 不满意10户 of 满意度, 未达标 of 达标率: the complement, never the
        # numerator (抽检 reports state the failures beside the pass rate)
        return False
    if label.endswith(stem) or (len(label) >= 2 and stem.endswith(label)):
        return True
    if label[-1:] not in _TAIL_CHARS:
        clean = label
    else:
        clean = _COUNT_TAIL.sub("", _COUNT_TAIL.sub("", label))
        if clean.endswith(stem) or (len(clean) >= 2 and stem.endswith(clean)):
            return True
    label = clean
    if len(stem) == 4:
        # (…and with what it counts after them: 回收有效问卷 of 有效回收率, 完成投资额 of 投资完成率)
        swapped = label.rfind(stem[2:] + stem[:2])
        if swapped >= 0 and len(label) - swapped - 4 <= 2:
            return True
    # 实拨/实付/已付 of 拨付率/支付率: the forms' 应X … 实X pair (应拨资金100万元，实拨95万元)
    if len(stem) == 2 and len(label) >= 2 and label[-2] in "实已" and label[-1] in stem:
        return True
    short = _STEM_HEAD.sub("", stem)
    if short != stem and len(short) >= 2 and (
            label.endswith(short) or (len(short) == 4 and label.endswith(short[2:] + short[:2]))):
        return True
    # a rate named by what is counted and a generic measure (参保覆盖率, 培训完成率,
    # 补贴发放到位率, 医保报销兑现率): the thing counted, alone or said to be done, names the
    # numerator (实际参保11640人, 已培训1164人次) — not a whole that ends in it (项目总投资)
    generic = _GENERIC_MEASURE.search(stem)
    if generic and generic.start() >= 2:
        head = stem[:generic.start()]
        bare = _DONE_HEAD.sub("", label)
        if bare == head or (bare.endswith(head) and _DONE.search(label)):
            return True
    # what the rate's last word counts, named by that word and a measure (受害面积 of 森林受害率,
    # 死亡人数 of 人口死亡率, 处理量 of 污水处理率: the rate's name opens with the whole it is of)
    if len(stem) >= 4 and stem[-2:] in label:
        bare = _DONE_HEAD.sub("", label)
        if bare[:2] == stem[-2:] and _MEASURE.fullmatch(bare, 2):
            return True
    # the verb and its object: 覆盖贫困户950户 of 覆盖率, 资助学生95人 of 资助率; with what it
    # is said of before it too (水质达标断面25个 of 达标率, 抽检合格产品312件 of 合格率) — never
    # a negation (不达标断面, 未合格)
    at = label.find(stem)
    if at < 0:
        return False
    bare = _DONE_HEAD.sub("", label)
    if len(stem) < len(bare) <= len(stem) + 3 and bare.startswith(stem):
        return True
    before, after = label[:at], label[at + len(stem):]
    if before.endswith(("不", "未", "非", "无", "没")) or label.rfind(stem) != at or len(before) > 4:
        return False
    # (the funds the verb moved named after it: 已拨付财政补助资金 of 拨付率, round 3 149)
    return 0 < len(after) <= 3 or (len(after) <= 8 and after.endswith(("资金", "经费")))


_MEASURE = re.compile(r"面积|人数|户数|数量|数|量|人口|人次|次数|件数|金额")


# the measure words a rate's name may end in after what it counts (参保覆盖率, 培训完成率)
_GENERIC_MEASURE = re.compile(r"(?:覆盖|完成|到位|落实|兑现|达标|合格|执行|发放)$")


# a limit the figure is compared with is never a rate's whole ("森林受害面积93.24公顷,低于控制指标
# 1169.76公顷;森林受害率0.0738‰", round 3 467: the whole, the forest area, is not stated) — the
# forms' 负向指标 print their cap as 控制指标/控制数, prose compares with 低于/不超过/上限
_LIMIT = re.compile(r"低于|高于|少于|多于|不超过|不高于|不低于|控制(?:指标|数|线|目标)|限额|上限|下限|警戒")


# the answers a 满意度 counts, whatever the rate is prefixed with (综合/总体/群众/服务对象满意度):
# those said to be satisfied — 满意, 非常满意和满意, 满意及基本满意 (the questionnaires' grades)
# — before the figure, or after it ("其中180人表示满意", "有45户对服务满意"); never 不满意
_SATISFIED = re.compile(r"(?<![不未])满意(?:的)?(?:有|为|共)?$")
_SATISFIED_AFTER = re.compile(r"\s*(?:人|户|份|名|位|家)?(?:次)?(?:表示|对[\u4e00-\u9fff]{0,8})?"
                              r"(?:非常|比较|基本)?满意(?![度率])")


# a survey's rate is over the answers counted (有效/回收 questionnaires, people asked)
_SURVEYED = re.compile(r"有效|回收|收回|调查|抽取|抽查|访问|受访|发放")


_SCALE = {"%": Decimal(100), "‰": Decimal(1000)}
# 支付完成率 / 拨付完成率 / 发放完成率: the share paid out, named with 完成 (third-party
# evaluations' summaries, round 3 425; 资金拨付完成率 in provinces' 自评表 indicators) — the
# numerator is what was paid (已支付), not a plan achieved
_PAID_VERBS = ("支付", "拨付", "发放", "兑付", "到位")
_UNPAID = re.compile(r"未|尚未|剩余|待")
# what was due or planned is the whole, never the numerator (应到位资金 of 资金到位率)
# (应 inside the label too: 全县应参保人数; not the 应 of 供应/响应/适应/效应/相应/对应/反应)
_PLANNED = re.compile(r"(?<![供响适效相对反])应(?![用急对])|计划|预期|目标")
_DONE = re.compile(r"实际|^已|完成")
_COMPLETION = re.compile(r"完成(?:率|进度|比例|程度)")


def _clause_findings(line: AuditLine, start: int, end: int,
                     skip: frozenset[int] = frozenset(),
                     settled: set[int] | None = None, completion_from: int = -1,
                     rates_from: int = -1, decided: set[int] | None = None) -> list[Finding]:
    """Rates of the span [start, end) checked against their named numerator (see module doc).

    `skip` holds the starts of rates already settled in a narrower span (a clause); the
    starts of the rates this span settles (one numerator found) are added to `settled`.
    With `rates_from`, only rates from that offset on are read (the span then covers the
    sentence before theirs too); the starts of the rates given a whole to divide by are added
    to `decided`.
    With `completion_from`, only completion rates from that offset on are read, by what was
    done and what was planned (the span then covers the sentence before theirs too).
    """
    figures = line.figures_between(start, end)
    findings: list[Finding] = []
    counts: list[Figure] | None = None
    labels: dict[int, str] = {}
    for rate in figures:
        if rate.unit not in _SCALE or not rate.exact or rate.start in skip \
                or rate.start < completion_from or rate.start < rates_from:
            continue
        m = _rate_label(_label(line, rate, start))
        if not m:
            continue
        stem = m.group("stem")
        if stem.endswith(_EXECUTION_STEMS):
            continue  # execution rates name their operands differently: see _execution
        if stem.endswith("完成") and stem[:-2].endswith(_PAID_VERBS):
            stem = stem[:-2]  # 支付完成率 is the 支付率: what was paid, not a plan achieved
        if counts is None:  # (once per span: the same for each of its rates)
            # (not the 10万公顷 of "0.064次/10万公顷": a figure after / is part of a compound unit)
            counts = [f for f in figures if f.exact and f.unit not in ("%", "‰", "")
                      and "/" not in f.unit and line.text[f.start - 1:f.start] not in ("/", "／")]
            labels = {f.start: _label(line, f, start) for f in counts}
        named = [] if completion_from >= 0 else [
            f for f in counts if (_names(labels[f.start], stem) or (
                stem.endswith("满意") and (_SATISFIED.search(labels[f.start])
                                         or _SATISFIED_AFTER.match(line.text, f.end))))
            and not _UNPAID.search(labels[f.start]) and not _PLANNED.search(labels[f.start])]
        # the numerator before the rate; or after it when the rate leads (投诉率0.5‰，…投诉5件)
        numerators = [f for f in named if f.start < rate.start] or named
        planned: list[Figure] = []
        if not numerators and stem.endswith("完成"):
            # "计划培训100人，实际培训95人，完成率95%": a completion rate is what was done (实际,
            # 已…) of what was planned (计划, 目标, 任务) — the 指标值 / 实际完成值 pair of the
            # official form, in prose; over 100 % when the plan was exceeded
            done = [f for f in counts if max(start, completion_from) <= f.start
                    and _DONE.search(labels[f.start]) and not _PLANNED.search(labels[f.start])]
            # what was done before the rate, or after it when the rate leads or sits between
            numerators = [f for f in done if f.start < rate.start] or done
            # a plan and its revision (计划培训100人，调整为80人): which one the rate is of
            # is not said — two plans
            planned = [f for f in counts if _PLANNED.search(labels[f.start])
                       or "调整" in labels[f.start]]
            # (in any units of one dimension: 计划投资190000万元 … 完成投资28.78亿元)
            if len(numerators) != 1 or len(planned) != 1 \
                    or dimension(planned[0].unit)[0] != dimension(numerators[0].unit)[0]:
                continue
        if not numerators and completion_from < 0 and not planned:
            findings.extend(_complement(line, rate, stem, counts, labels, start))
            continue
        if len(numerators) != 1:
            continue
        if settled is not None:
            settled.add(rate.start)
        num = numerators[0]
        dim = dimension(num.unit)
        scale = _SCALE[rate.unit]
        # 已支付 A，尚未支付 B，支付率 x%: the whole is A + B (the unpaid part is named by the
        # rate's stem too)
        # (the same dimension in any unit: 已支付950000元，尚未支付5万元)
        unpaid = [f for f in counts if f is not num and dimension(f.unit)[0] == dim[0]
                  and _UNPAID.search(labels[f.start]) and _names(labels[f.start], stem)]
        denominators = planned or [f for f in counts if f is not num and dimension(f.unit)[0] == dim[0]
                                   and (in_unit(f, num.unit) or 0) >= num.value > 0
                                   and f not in unpaid and not _LIMIT.search(labels[f.start])]
        if denominators and not planned:
            # a figure another rate of the span names as its own numerator is that rate's, not
            # this one's whole ("开累完成投资154.21亿元，累计投资完成率44.04%，省方资本金累计到位
            # 86.83亿元，到位率75.11%": progress reports state several figure-and-rate pairs in one
            # sentence; the 到位率's whole, the capital due, is not stated)
            claimed = _claimed(line, figures, counts, labels, rate, stem, start)
            denominators = [f for f in denominators if f.start not in claimed]
        if denominators and not planned and stem.endswith("完成"):
            # a completion rate is over the plan, even one it exceeded: a planned figure
            # beside a larger whole (总投资519.86亿元，当年计划投资63.27亿元 … 完成投资77.57亿元，
            # 投资完成率122.6%, i11f 18) is one more reading
            denominators += [f for f in counts if f is not num and f not in denominators
                             and dimension(f.unit)[0] == dim[0] and _PLANNED.search(labels[f.start])]
        if not denominators and not unpaid and stem.endswith("完成"):
            # "计划投资19亿元，完成投资28.78亿元，投资完成率151.47%": a completion rate is over the
            # plan even when it was exceeded — the one planned figure of its dimension (the
            # 指标值 / 实际完成值 pair of the forms; investment progress reports, i11f 18)
            denominators = [f for f in counts if f is not num and dimension(f.unit)[0] == dim[0]
                            and _PLANNED.search(labels[f.start])]
            denominators = denominators if len(denominators) == 1 else []
        if not denominators and not unpaid and dim[0] == "money" and stem.endswith(_PAID_VERBS):
            # a payment above its allocation (下达197万元，已支付233.73万元，支付率94.91%) is paid
            # over it all the same: the one budget named before the payment is the whole
            denominators = [f for f in counts if f.start < num.start and f.exact
                            and dimension(f.unit)[0] == "money" and not _SCOPE.search(labels[f.start])
                            and _BUDGET.search(plain_label(labels[f.start]))]
            # (a rate capped at 100 % — 超额拨付 reported as 100% — is a convention, no error)
            denominators = denominators if len(denominators) == 1 and rate.value != scale else []
        whole = [num.value + v for v in (in_unit(u, num.unit) for u in unpaid) if v is not None]
        candidates = [(num.value, w, scale) for w in whole] + [
            (num.value, d.value, scale * dimension(num.unit)[1] / dimension(d.unit)[1])
            for d in denominators]
        if candidates and decided is not None:
            decided.add(rate.start)
        if not candidates or any(ratio_agrees(rate.value, *c) for c in candidates):
            continue
        # the one possible whole: paid + unpaid when both are stated, else the one larger figure
        # — or, for a survey's 满意度, whichever it is (issued or valid questionnaires, people
        # asked): no reading gives the rate, and the answers counted are named
        surveyed = [d for d in denominators if _SURVEYED.search(labels[d.start])]
        if len(whole) == 1:
            den_value, den_text = whole[0], f"({num.raw} + {unpaid[0].raw})"
        elif not unpaid and (len(denominators) == 1
                             or (stem.endswith("满意") and len(surveyed) >= 1)):
            den = denominators[0] if len(denominators) == 1 else max(surveyed, key=lambda d: d.start)
            den_value = den.value * dimension(den.unit)[1] / dimension(num.unit)[1]
            den_text = den.raw
        else:
            continue
        first = min([num.start, *(u.start for u in unpaid), *(d.start for d in denominators)])
        implied = num.value / den_value * scale
        findings.append(_mismatch(
            rate, implied, f"所述{stem}率 {rate.raw}，{num.raw} ÷ {den_text}",
            f"stated rate {rate.raw}, {num.value} ÷ {den_value}", (num.value, den_value), line,
            excerpt(line.text, first, rate.end, 10)))
    return findings


def _complement(line: AuditLine, rate: Figure, stem: str, counts: Sequence[Figure],
                labels: dict[int, str], start: int) -> list[Finding]:
    """A rate stated beside its failures instead of its passes ("抽检50件，不合格2件，合格率96%";
    "调查190户，不满意10户，满意度94.74%"): (whole − failures) ÷ whole, with the one failure
    figure named by the negated stem and the one larger figure of its dimension."""
    negated = [f for f in counts if stem[-2:] in labels[f.start] and _NEGATED.search(labels[f.start])]
    if len(negated) != 1:
        return []
    neg = negated[0]
    wholes = [f for f in counts if f is not neg and dimension(f.unit)[0] == dimension(neg.unit)[0]
              and (in_unit(f, neg.unit) or 0) > neg.value and not _LIMIT.search(labels[f.start])
              and not _NEGATED.search(labels[f.start])]
    if len(wholes) != 1:
        return []
    whole = in_unit(wholes[0], neg.unit)
    if whole is None or ratio_agrees(rate.value, whole - neg.value, whole, _SCALE[rate.unit]):
        return []
    implied = (whole - neg.value) / whole * _SCALE[rate.unit]
    return [_mismatch(rate, implied,
                      f"所述{stem}率 {rate.raw}，({wholes[0].raw} − {neg.raw}) ÷ {wholes[0].raw}",
                      f"stated rate {rate.raw}, ({whole} − {neg.value}) ÷ {whole}",
                      (whole - neg.value, whole), line,
                      excerpt(line.text, min(wholes[0].start, neg.start), rate.end, 10))]


def _claimed(line: AuditLine, figures: Sequence[Figure], counts: Sequence[Figure],
             labels: dict[int, str], rate: Figure, stem: str, start: int) -> set[int]:
    """The starts of the figures that another rate of the span (another name) names as its
    numerator — or, for a completion rate, as its plan — stated before that rate."""
    claimed: set[int] = set()
    for other in figures:
        if other is rate or other.unit not in _SCALE:
            continue
        m = _rate_label(_label(line, other, start))
        if m is None or m.group("stem") == stem:
            continue
        completion = m.group("stem").endswith("完成")
        # (and a completion rate's plan: 计划投资350亿元，累计完成投资…，投资完成率…)
        claimed.update(f.start for f in counts if f.start < other.start
                       and ((_names(labels[f.start], m.group("stem"))
                             and not _PLANNED.search(labels[f.start]))
                            or (completion and _PLANNED.search(labels[f.start]) is not None)))
    return claimed


_SPENT_WORDS = r"(?:执行数|执行|支出数|支出|使用资金|使用|拨付|实际支出|执行金额|实际支付|已支付|决算数)"
# (the project's spending stated alone may name what it spent after the verb: 实际执行飞行经费
# (round 3 452), 已拨付财政补助资金 (149) — up to six characters before the funds' word; not read
# beside a rate in its own sentence, where the funds named may be another rate's)
_SPENT_OBJECT = r"(?:资金|金额|[\u4e00-\u9fff]{0,6}(?:经费|资金))?"
_EXECUTED = re.compile(_SPENT_WORDS + r"(?:资金|金额)?$")
# (what was left, or what is planned — 计划支出, 预计支出, 下年度安排支出 — is not what was spent)
_NOT_SPENT = re.compile(r"未|结余|剩余|结转|计划|预计|下年|下一年|明年|拟")
# (预算安排数, 预算批复数, 批复资金, 下达指标: the budget under the names the 自评报告 give it;
# 资金到位: what arrived)
# (下达…资金: the allocation named by its kind, 下达财政衔接资金 / 下达财政专项扶贫资金 — the
# transfer-payment reports' wording, round 3 412, 425)
_BUDGET = re.compile(r"(?:预算数|预算|预算资金|预算安排数?|下达资金|下达[\u4e00-\u9fff]{1,8}资金|安排资金|"
                     r"到位资金|资金总额|财政拨款|拨款|"
                     r"(?:^|项目|专项)资金|总资金|批复数|批复资金|批复金额|预算总额|预算金额|下达指标|"
                     # (下达预算指标 / 批复预算指标 / 预算指标: the allocation as the finance
                     # bureaus' 指标文 name it — 提前下达…资金预算指标, round 3 426, 477, i12f 01)
                     r"(?:下达|批复|安排)?(?:预算|资金)指标|"
                     # the funds that arrived: a rate may be over them ("资金到位90万元，已支出
                     # 85.5万元，执行率95%") — one more reading, never the only one
                     r"资金到位|实际到位|到位数|到位金额|"
                     # the allocation with its verb after the funds' name (县本级资金共计下达
                     # 9799.2万元, round 3 452; plain_label drops the 达 it takes for a verb)
                     r"资金(?:共计|合计|总计|共)?(?:下达?|安排|批复))$")
# (执行数 too: the forms' name of what was spent, whatever the rate calls it)
_USED = re.compile(r"(?:使用资金|使用|支出数|支出|实际支出|实际支付|已支付|执行数|执行金额)$")
_SPENDING = re.compile(r"支付|拨付|支出|使用|执行")
# rates of spending the budget: 预算执行率, 资金使用率 (使用率 of a budget: "预算20万元，实际支付
# 20万元，使用率100%")
_EXECUTION_STEMS = ("执行", "资金使用", "使用", "支出")
# "执行数为125.25万元，完成预算的83.50%": a rate named as a share of the budget
_BUDGET_SHARE = re.compile(r"(?:完成|占|为|达到|达|是)(?:年度|全年|调整后)?预算(?:数|资金)?的?$")



# the execution rate of the whole budget, whatever it is prefixed with: 预算执行率 (the forms'
# name), 项目执行率 (round 3, 140), 资金执行率, plain 执行率 — its budget may be stated above
# (and its other names: 资金支出率 (round 3 120), 支出率 (484), 资金使用率 (463), the monitoring
# forms' 预算执行进度 / 支出进度 — the genre's words for spending the budget: 执行, 支出, 使用)
_WHOLE_RATE = re.compile(r"(?:^|[^\u4e00-\u9fff]|项目|预算|资金|经费|财政资金|年度|全年|总体|整体)"
                         r"(?:预算)?(?:资金)?(?:执行|支出|使用)(?:率|进度)(?:为|达|达到|是)?$")
# a rate of spending: a span stating one is another execution statement (another project's)
_SPENDING_RATE = re.compile(r"(?:执行|使用|支出)(?:率|进度)(?:为|达|达到|是)?$")
# the part of the funds a figure is of: its rate is over that part's budget, never the whole's
# ("项目预算100万元，其中中央资金80万元…；中央资金支出76万元，执行率95%")
_SCOPE = re.compile(r"中央|省级|省本级|市级|县级|区级|州级|本级|乡级|自筹|配套|地方|上级|社会")
# The spending of the whole project, whose budget may be stated above: named by the spending
# words alone, after a date or a word for the project — not an item's or a sub-project's
# ("甲子项目实际支出30万元，执行率100%" is not over the whole budget stated above), and not in
# a sentence that opens an item of a list ((一), 1., 一是, 其中)
_PROJECT_SPENDING = re.compile(
    r"^(?:截[至止]|[\d年月日底末初]|全年|年度|本年度?|当年|该项目|本项目|项目|资金|预算|经费|财政|"
    r"已经|已|实际|累计|共计|共|总|为|了|完成)*" + _SPENT_WORDS + _SPENT_OBJECT + "$")
_ITEM_HEAD = re.compile(r"\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]|[一二三四五六七八九十]+[是、]|"
                        r"[①②③④⑤⑥⑦⑧⑨⑩]|其中)")
# the national outline's sections, numbered and run into their text ("2.资金使用情况：实际支出
# …", "（一）预算执行情况：…", "三、资金到位情况："): a heading of the project's funds, not an item
# of a list
_OUTLINE_HEAD = re.compile(r"\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]|"
                           r"[一二三四五六七八九十]+、)\s*(?:项目)?(?:资金|预算|经费)[\u4e00-\u9fff]{0,6}情况\s*[:：]")


def _item_head(text: str, pos: int) -> bool:
    """Whether the span at `pos` opens an item of a list ((一), 1., 一是, 其中) — not one of the
    outline's funds sections (`_OUTLINE_HEAD`)."""
    return _ITEM_HEAD.match(text, pos) is not None and _OUTLINE_HEAD.match(text, pos) is None


_LOOK_BACK = 6  # non-empty lines: the 预算安排 paragraph sits right above the 资金使用 one
_SENTENCES_BACK = 12  # sentences of the rate's own line, the same reach
_MAX_BUDGETS = 3


def _budgets_before(doc: AuditDocument, index: int, start: int) -> list[tuple[Figure, str]]:
    """The budgets an execution rate refers to when its own sentence states none: those of
    the nearest sentence before it — in its line, then up to `_LOOK_BACK` non-empty lines
    above — that states one. The 自评报告 outline puts 预算安排情况 and 资金使用情况 in
    consecutive sentences or paragraphs ("项目预算100万元。截至年底，实际支出95万元，执行率
    95%"; "…经费预算数为16万元。" / "(2)资金使用情况" / "…实际执行数为10.01万元，预算执行率为
    63%。", round 3, 171; "…经费预算10441万元。" / "(1)…资金到位率100%。" / "(2)…实际执行
    9265.353442万元，项目执行率88.74%。", round 3, 140). Empty when a sentence in between
    states spending or a spending rate (another project's figures), or the nearest one states
    more than `_MAX_BUDGETS` budgets."""
    line = doc.lines[index]
    # the sentences before `start` in its line, the nearest _SENTENCES_BACK of them, found by
    # bisection (a report flattened into one line must not make every rate walk over all of it)
    back: list[tuple[int, int]] = []
    pos = start
    while pos > 0 and len(back) < _SENTENCES_BACK:
        back.append(line.span_at(pos - 1))
        pos = back[-1][0]
    spans: Sequence[tuple[int, int]] = back[::-1]
    seen = 0
    k = index
    while True:
        for a, b in reversed(spans):
            found, stop = _budget_in(line, a, b)
            if found or stop:
                return found
        k -= 1
        while k >= 0 and not doc.lines[k].text.strip():
            k -= 1
        seen += 1
        if k < 0 or seen > _LOOK_BACK:
            return []
        line = doc.lines[k]
        spans = line.spans()[-_SENTENCES_BACK:] if line.figures else ()


def _budget_in(line: AuditLine, start: int, end: int) -> tuple[list[tuple[Figure, str]], bool]:
    """(the budgets of a span with their labels, whether the span ends the search): a span
    stating spending or a spending rate ends it with no budget, as does one stating too many
    budgets."""
    figures = line.figures_between(start, end)
    labels = [(f, plain_label(line.label_before(f, start, _MAX_LABEL, spaced=True)))
              for f in figures]
    if any((f.unit in _SCALE and _SPENDING_RATE.search(lb))
           or (f.unit not in _SCALE and _EXECUTED.search(lb)) for f, lb in labels):
        return [], True
    budget = {in_unit(f, "元"): (f, lb) for f, lb in labels
              if f.exact and dimension(f.unit)[0] == "money" and _BUDGET.search(lb)
              and not _SCOPE.search(lb)}
    if budget:
        return (list(budget.values()) if len(budget) <= _MAX_BUDGETS else []), True
    return [], False


def _executed_after(line: AuditLine, money: list[Figure], labels: dict[int, str], rate: Figure,
                    end: int, past_rates: bool = False) -> list[Figure]:
    """The spending a rate that leads its sentence names after it ("预算执行率为95%，全年预算数
    100万元，全年执行数95万元"; "执行率95%（执行数95万元/预算数100万元）"): up to the next rate
    (or, `past_rates`, past it) or 其中 (a part's figures)."""
    stop = end
    nxt = next((f for f in line.figures_between(rate.end, end) if f.unit in _SCALE), None)
    if nxt is not None and not past_rates:
        stop = nxt.start
    part = line.text.find("其中", rate.end, stop)
    if part >= 0:
        stop = part
    return [f for f in money if rate.end <= f.start and f.end <= stop
            and _EXECUTED.search(labels[f.start]) and not _NOT_SPENT.search(labels[f.start])]


def _execution(doc: AuditDocument, index: int, start: int, end: int) -> list[Finding]:
    """预算执行率 against the one 执行数/支出 and the 预算数/下达资金 of the sentence (or, for a
    rate of the whole budget in a sentence without one, the budgets stated before it:
    `_budgets_before`). Several budgets are several readings: an error only when none gives
    the rate. A part's spending (中央资金支出) is divided only by that part's budget."""
    line = doc.lines[index]
    figures = line.figures_between(start, end)
    money = [f for f in figures if f.exact and dimension(f.unit)[0] == "money"]
    findings: list[Finding] = []
    labels: dict[int, str] | None = None
    for rate in figures:
        if rate.unit != "%" or not rate.exact:
            continue
        rate_label = _label(line, rate, start)
        m = _rate_label(rate_label)
        if not (m and m.group("stem").endswith(_EXECUTION_STEMS)) \
                and not _BUDGET_SHARE.search(rate_label):
            continue
        if not money and _WHOLE_RATE.search(_INDICATOR_WORDS.sub("", rate_label)):
            # "项目预算100万元，实际支出95万元。预算执行率为95%。" / "…。预算执行率指标完成值
            # 95%": the rate stated alone after the 资金使用情况 sentence (i11p)
            findings.extend(_execution_before(doc, index, start, rate))
            continue
        if labels is None:
            labels = {f.start: plain_label(_label(line, f, start)) for f in money}
        # 使用率 is what was used or paid, not what was passed on (拨付)
        spent = _USED if m and m.group("stem").endswith("使用") else _EXECUTED
        executed = {in_unit(f, "元"): f for f in money if f.start < rate.start
                    and spent.search(labels[f.start])
                    and not _NOT_SPENT.search(labels[f.start])}
        # the spending named after the rate: the rate leads ("预算执行率为95%，全年预算数…，全年
        # 执行数…") or sits between the budget and the spending ("全年预算数200万元，执行率95%，
        # 全年执行数190万元")
        leads = not executed
        if leads:
            executed = {in_unit(f, "元"): f for f in
                        _executed_after(line, money, labels, rate, end)}
        if len(executed) != 1:
            continue
        (num_yuan, num) = next(iter(executed.items()))
        rate_scope = _SCOPE.search(rate_label)
        if rate_scope and rate_scope.group() not in labels[num.start]:
            continue  # 中央资金执行率 beside the whole's 全年执行数: the part's spending is not said
        scope = _SCOPE.search(labels[num.start]) or rate_scope
        budget = {in_unit(f, "元"): f for f in money if _BUDGET.search(labels[f.start])
                  and (scope.group() in labels[f.start] if scope else
                       not _SCOPE.search(labels[f.start]))}
        if scope and not budget:
            # the part's budget may be named without a budget word (其中中央资金80万元)
            budget = {in_unit(f, "元"): f for f in money if f is not num
                      and scope.group() in labels[f.start] and not _NOT_SPENT.search(labels[f.start])
                      and not _SPENDING.search(labels[f.start])}
        outside = not budget  # the budget is read outside the sentence
        if not budget and len(money) == 1 and not scope and _WHOLE_RATE.search(rate_label) \
                and not _item_head(line.text, start):
            # the project's spending — or one named as the budget is (百岁宫…专项经费预算数 /
            # 百岁宫…专项项目经费实际执行数, round 3 171)
            before = _budgets_before(doc, index, start)
            if _PROJECT_SPENDING.match(labels[num.start]) or any(
                    common_run(lb, labels[num.start]) >= 4 for _, lb in before):
                budget = {in_unit(f, "元"): f for f, _ in before}
        if not budget or len(budget) > _MAX_BUDGETS:
            continue
        # (the rate against the budgets first: most rates agree, and the spending read next
        # only finds another reason to say nothing)
        if num_yuan is None or any(y is None or y <= 0 for y in budget):
            continue
        if any(ratio_agrees(rate.value, num.value, d.value,
                            Decimal(100) * dimension(num.unit)[1] / dimension(d.unit)[1])
               for d in budget.values()):
            continue
        # another spending figure (累计支付 beside 本年实际支付): which one the rate divides is
        # not said
        # (before the rate, or after it up to the next rate or 其中: "已支付45万元，预算执行率95%，
        # 全年执行数190万元" names two)
        after = _executed_after(line, money, labels, rate, end, past_rates=True)
        if len({in_unit(f, "元") for f in money if (f.start < rate.start or f in after)
                and _SPENDING.search(labels[f.start])
                and not _NOT_SPENT.search(labels[f.start])}) > 1:
            continue
        # "预算100万元，调整后预算120万元，实际支出114万元，预算执行率95%": with several budgets
        # the rate may be of any of them — an error only when it is of none; the one named
        # last before the spending (调整后) is quoted
        dens = sorted((f for f in budget.values() if f.start < num.start or outside),
                      key=lambda f: (not outside, f.start)) or list(budget.values())
        den = dens[-1]
        den_yuan = in_unit(den, "元")
        assert den_yuan is not None
        implied = num_yuan / den_yuan * 100
        findings.append(_mismatch(
            rate, implied,
            f"所述执行率 {rate.raw}，{num.raw} ÷ {den.raw}{'（上文所述预算）' if outside else ''}",
            f"stated rate {rate.raw}, executed ÷ budget", (num.value, den.value), line,
            excerpt(line.text, num.start if outside else min(den.start, num.start, rate.start),
                    max(rate.end, num.end), 10)))
    return findings


# what is left of the budget (结余/结转/剩余 资金): spent + left is the budget
_LEFT = re.compile(r"(?:结余|结转|剩余)(?:资金|金额|经费)?$")


def _over_spent_and_left(line: AuditLine, rate: Figure, spent: Figure, left: Figure) -> list[Finding]:
    """An execution rate against spent ÷ (spent + left): the budget no sentence states."""
    got = in_unit(left, spent.unit)
    if got is None or not spent.exact or not left.exact:
        return []
    whole = spent.value + got
    if whole <= 0 or ratio_agrees(rate.value, spent.value, whole, Decimal(100)):
        return []
    return [_mismatch(rate, spent.value / whole * 100,
                      f"所述执行率 {rate.raw}，{spent.raw} ÷ ({spent.raw} + 结余 {left.raw})",
                      f"stated rate {rate.raw}, spent ÷ (spent + left)", (spent.value, whole), line,
                      excerpt(line.text, rate.start, rate.end, 20))]


_INDICATOR_WORDS = re.compile(r"(?:指标)?(?:实际完成值|完成值|实际值)")


def _sentence_before(doc: AuditDocument, index: int, start: int
                     ) -> tuple[AuditLine, int, int] | None:
    """The sentence right before `start`: in its line, else the last of the previous
    non-empty line (a heading between them ends the search: another section)."""
    line = doc.lines[index]
    if start > 0:
        a, b = line.span_at(start - 1)
        return line, a, b
    for k in range(index - 1, max(-1, index - 3), -1):
        above = doc.lines[k]
        if above.text.strip():
            if not above.figures:
                return None
            a, b = above.span_at(len(above.text.rstrip()) - 1)
            return above, a, b
    return None


def _execution_before(doc: AuditDocument, index: int, start: int, rate: Figure) -> list[Finding]:
    """An execution rate stated alone against the one project spending and the budgets of
    the sentence right before it (several budgets: an error only when none gives the rate)."""
    found = _sentence_before(doc, index, start)
    if found is None:
        return []
    line, a, b = found
    if b - a > _MAX_SPAN or _item_head(line.text, a):
        return []
    money = [f for f in line.figures_between(a, b) if dimension(f.unit)[0] == "money"]
    if not money or any(not f.exact for f in money) \
            or any(f.unit in ("%", "‰") for f in line.figures_between(a, b)):
        return []  # (an approximate figure, or a rate of its own: that sentence is settled)
    labels = {f.start: plain_label(_label(line, f, a)) for f in money}
    spent = [f for f in money if _PROJECT_SPENDING.match(labels[f.start])
             and not _NOT_SPENT.search(labels[f.start])]
    budgets = [f for f in money if f not in spent and _BUDGET.search(labels[f.start])
               and not _SCOPE.search(labels[f.start])]
    left = [f for f in money if f not in spent and _LEFT.search(labels[f.start])]
    if len(spent) == 1 and not budgets and len(left) == 1 and len(money) == 2 \
            and not _SCOPE.search(labels[spent[0].start]):
        # "实际执行飞行经费9109.54万元,结余689.66万元。项目执行率92.96%" (round 3 452): with no
        # budget stated, what was spent and what is left make it
        return _over_spent_and_left(doc.lines[index], rate, spent[0], left[0])
    at = doc.index(line) if len(spent) == 1 and money == spent else None
    if at is not None:
        # the spending stated alone too, its budget a sentence or a line further up (the 自评表
        # captured as one 名称：数值 per line — 年度预算数：200万元 / 全年执行数：188.6万元 /
        # 预算执行率：91.3% —, or the outline's 预算 / 支出 / 执行率 sentences in a row)
        budgets = [f for f, _ in _budgets_before(doc, at, a)]
        money = [*money, *budgets]
    if len(spent) != 1 or not budgets or len(budgets) > _MAX_BUDGETS \
            or len(spent) + len(budgets) != len(money) or _SCOPE.search(labels[spent[0].start]):
        return []
    num = spent[0]
    if any(ratio_agrees(rate.value, num.value, d.value,
                        Decimal(100) * dimension(num.unit)[1] / dimension(d.unit)[1])
           for d in budgets):
        return []
    den = budgets[-1]
    num_yuan, den_yuan = in_unit(num, "元"), in_unit(den, "元")
    if num_yuan is None or den_yuan is None or den_yuan <= 0:
        return []
    here = doc.lines[index]
    return [_mismatch(rate, num_yuan / den_yuan * 100,
                      f"所述执行率 {rate.raw}，{num.raw} ÷ {den.raw}（上文所述）",
                      f"stated rate {rate.raw}, executed ÷ budget", (num.value, den.value), here,
                      excerpt(here.text, rate.start, rate.end, 20))]


# 资金到位率 and the amount that arrived, named before it (实际到位资金) or after it
# ("10441万元资金全部拨付到位，资金到位率100%", round 3 140: the national outline's
# (1)项目资金投入情况 paragraph)
_ARRIVAL_RATE = re.compile(r"(?:^|项目|预算|专项|财政)?(?:资金)?到位率(?:为|达|达到|是)?$")
_ARRIVED = re.compile(r"(?:实际|已)到位(?:资金|金额)?$")
_PROJECT_ARRIVED = re.compile(r"^(?:截[至止]|[\d年月日底末]|全年|年度|本年度?|当年|该项目|本项目|项目|"
                              r"预算|专项|财政|资金|经费|共计|共|实际|已)*(?:到位(?:资金|金额)?)?$")
_ARRIVED_AFTER = re.compile(r"(?:资金|经费)?(?:已经|已|均)?(?:全部|足额|全额|如数)?(?:拨付|下达|落实)?"
                            r"(?:已)?到位")


def _sole_amount(line: AuditLine, start: int, end: int) -> tuple[Figure, str] | None:
    """The one money amount of the sentence [start, end) with its plain label; None when the
    sentence has none, several, or an approximate one (`_arrival`, `_paid_share`)."""
    money = [f for f in line.figures_between(start, end) if dimension(f.unit)[0] == "money"]
    if len(money) != 1 or not money[0].exact:
        return None
    return money[0], plain_label(_label(line, money[0], start))


def _arrival(doc: AuditDocument, index: int, start: int, end: int) -> list[Finding]:
    """A 资金到位率 beside the one amount of its sentence that arrived, against the budgets
    stated before it (`_budgets_before`): an error only when none of them gives the rate."""
    line = doc.lines[index]
    sole = _sole_amount(line, start, end)
    if sole is None:
        return []
    got, label = sole
    # a part's arrival (中央资金80万元已全部到位) is over the part's budget, not the whole's
    # (and only the project's: 甲子项目资金30万元已全部到位 is a sub-project's)
    if _SCOPE.search(label) or _item_head(line.text, start) or not (
            (_ARRIVED.search(label) and _PROJECT_ARRIVED.match(label))
            or (_ARRIVED_AFTER.match(line.text, got.end) and _PROJECT_ARRIVED.match(label))):
        return []
    return _over_budgets_before(doc, index, start, got, _ARRIVAL_RATE,
                                ("到位率", "上文所述预算", "arrived ÷ budget"))


def _against_budgets(rate: Figure, amount: Figure, budgets: Sequence[Figure]
                     ) -> tuple[Figure, Decimal] | None:
    """(the budget quoted, amount ÷ it in %) when no budget gives the rate; None when one does
    or there is none (several budgets are several readings; the last named is quoted)."""
    if not budgets or any(ratio_agrees(rate.value, amount.value, b.value,
                                       Decimal(100) * dimension(amount.unit)[1] / dimension(b.unit)[1])
                          for b in budgets):
        return None
    den = budgets[-1]
    amount_yuan, den_yuan = in_unit(amount, "元"), in_unit(den, "元")
    if amount_yuan is None or not den_yuan:
        return None
    return den, amount_yuan / den_yuan * 100


def _over_budgets_before(doc: AuditDocument, index: int, start: int, amount: Figure,
                         rate_name: re.Pattern[str], words: tuple[str, str, str]) -> list[Finding]:
    """The one rate after `amount` in its sentence named by `rate_name`, against `amount` ÷
    each budget stated before the sentence (`_budgets_before`): an error only when none gives
    it (`_arrival`, `_paid_share`). `words`: the rate's name and the budget's in the message
    (到位率 / 上文所述预算), and the English for the division."""
    line = doc.lines[index]
    _, end = line.span_at(start)
    rates = [r for r in line.figures_between(start, end) if r.unit == "%" and r.exact
             and r.start > amount.start and rate_name.search(_label(line, r, start))]
    if len(rates) != 1:
        return []
    rate = rates[0]
    against = _against_budgets(rate, amount, [f for f, _ in _budgets_before(doc, index, start)])
    if against is None:
        return []
    den, implied = against
    name, budget_words, en = words
    return [_mismatch(rate, implied, f"所述{name} {rate.raw}，{amount.raw} ÷ {den.raw}（{budget_words}）",
                      f"stated rate {rate.raw}, {en}", (amount.value, den.value), line,
                      excerpt(line.text, amount.start, rate.end, 10))]


# 资金拨付率 / 支付率 of the whole funds beside the one amount paid, the allocation stated in a
# paragraph before (i11u): transfer-payment reports state 下达资金 under 项目基本情况 and what was
# paid under 资金拨付情况 ("2023年下达财政衔接资金280万元，…" / "二、项目资金拨付情况…" /
# "…该项目已拨付资金269.30万元，资金拨付率96%", round 3 412) — the outline `_budgets_before`
# already reads for execution rates
# (支付进度 / 拨付进度 / 支付比例: the same share under the names _RATE_LABEL reads)
_PAID_RATE = re.compile(r"(?:^|项目|预算|专项|财政|资金)(?:资金)?(?:拨付|支付)(?:完成)?(?:率|进度|比例)"
                        r"(?:为|达|达到|是)?$")
_PAID_GATE = re.compile(r"付(?:完成)?(?:率|进度|比例)")  # what every 拨付率/支付进度 (完成率) holds
_PROJECT_PAID = re.compile(r"^(?:截[至止]|[\d年月日底末]|全年|年度|本年度?|当年|该项目|本项目|项目|"
                           r"预算|专项|财政|资金|经费|共计|共|累计|实际|已经|已)*(?:拨付|支付)(?:资金|金额)?$")


def _paid_share(doc: AuditDocument, index: int, start: int, end: int) -> list[Finding]:
    """A 资金拨付率/支付率 beside the one amount of its sentence, the project's payment, against
    the allocations stated before it (`_budgets_before`): an error only when none gives the
    rate. A sentence naming a whole of its own is read by `_clause_findings`."""
    line = doc.lines[index]
    sole = _sole_amount(line, start, end)
    if sole is None:
        return []
    paid, label = sole
    if _SCOPE.search(label) or _item_head(line.text, start) or not _PROJECT_PAID.match(label):
        return []
    return _over_budgets_before(doc, index, start, paid, _PAID_RATE,
                                ("拨付率", "上文所述下达资金", "paid ÷ allocated"))


_CONTRACT = re.compile(r"合同(?:总?金额|价款|总价|总额|价)$")


def _moved_alone(doc: AuditDocument, index: int, start: int, end: int) -> list[Finding]:
    """A 拨付率/支付率/到位率 stated alone in its sentence, after the sentence stating the one
    payment (or arrival) of the project: over the allocations of that sentence, else those
    stated before it (`_budgets_before`) — the outline's 资金到位 / 资金拨付 sentences and then
    the rate (as `_execution_before` reads an execution rate stated alone). An error only when
    no allocation gives the rate."""
    line = doc.lines[index]
    own = line.figures_between(start, end)
    if not own or any(f.unit not in _SCALE for f in own) or len(own) != 1 or not own[0].exact:
        return []
    rate = own[0]
    rate_label = _label(line, rate, start)
    paid_rate = _PAID_RATE.search(rate_label) is not None
    if not paid_rate and not _ARRIVAL_RATE.search(rate_label):
        return []
    found = _sentence_before(doc, index, start)
    if found is None:
        return []
    above, a, b = found
    at = doc.index(above)
    if b - a > _MAX_SPAN or _item_head(above.text, a) or at is None:
        return []
    figures = above.figures_between(a, b)
    money = [f for f in figures if dimension(f.unit)[0] == "money"]
    if not money or any(not f.exact for f in money) or any(f.unit in _SCALE for f in figures):
        return []
    labels = {f.start: plain_label(_label(above, f, a)) for f in money}
    moved = [f for f in money if not _SCOPE.search(labels[f.start]) and (
        _PROJECT_PAID.match(labels[f.start]) if paid_rate
        else (_ARRIVED.search(labels[f.start]) and _PROJECT_ARRIVED.match(labels[f.start])))]
    # (a payment's whole may be its contract: 合同金额…，已支付…。支付率… — the 合同金额 | 已支付 |
    # 支付比例 columns of the payment tables rate_columns reads)
    budgets = [f for f in money if f not in moved and not _SCOPE.search(labels[f.start])
               and (_BUDGET.search(labels[f.start]) or (paid_rate and _CONTRACT.search(labels[f.start])))]
    if len(moved) != 1 or len(moved) + len(budgets) != len(money):
        return []
    if not budgets:
        budgets = [f for f, _ in _budgets_before(doc, at, a)]
    amount = moved[0]
    against = _against_budgets(rate, amount, budgets)
    if against is None:
        return []
    den, implied = against
    name = "拨付率" if paid_rate else "到位率"
    return [_mismatch(rate, implied,
                      f"所述{name} {rate.raw}，{amount.raw} ÷ {den.raw}（上文所述）",
                      f"stated rate {rate.raw}, {'paid' if paid_rate else 'arrived'} ÷ allocated",
                      (amount.value, den.value), line, excerpt(line.text, rate.start, rate.end, 20))]


# --- excess rates: 超任务43%, 超额完成24%, 比计划超出5% ----------------------------------------
#
# An excess stated as a percentage is (what was done − what was planned) ÷ the plan: the
# progress reports' 超任务/超额完成 (i11f 21: 实际改造数超任务43%; i11f 29: 超出计划安排资金9%),
# the 自评报告's 比目标多完成. An excess of a rate (完成率超出…) is not one. Read only with one
# plan and one outcome of one dimension in the rate's sentence (or the plan alone in the
# sentence before); the total reading (done ÷ plan, "超额完成124%") is accepted too. A bound
# (不超过5%, 不得超出) is no excess, nor percentage points (超5个百分点: no % figure).
_EXCESS = re.compile(r"(?<![不未没率度例重])(?:超(?:(?:额|出)(?:完成)?了?(?:年度|全年|原定?)?"
                     r"(?:计划|任务|目标|预期|预算)?|(?:完成)?了?(?:年度|全年|原定?)?"
                     r"(?:计划|任务|目标|预期|预算))(?:安排)?(?:数|指标|资金|投资|金额)?|"
                     r"比(?:年度|全年|原定?)?(?:计划|任务|目标|预期|预算)(?:数)?"
                     r"(?:多完成|多|超出|超|高出)了?)(?:的)?$")
_PLAN = re.compile(r"计划|预期|目标|任务|预算|(?<![供响适效相对反])应(?![用急对])")
_OUTCOME = re.compile(r"实际|^已|完成")
# (one alternative per word: an alternative opening with a group makes the engine try the
# pattern at every position of the sentence)
_EXCESS_GATE = re.compile(r"超|比(?:年度|全年|原定?)?(?:计划|任务|目标|预期|预算)|"
                          r"计划(?:数|任务|值)?的|任务(?:数|任务|值)?的|目标(?:数|任务|值)?的")


def _excess_parts(line: AuditLine, start: int, end: int, floor: int,
                  rate: Figure) -> tuple[list[Figure], list[Figure]]:
    """The plans and the outcomes among the exact amounts/counts of [start, end)."""
    plans: list[Figure] = []
    done: list[Figure] = []
    for f in line.figures_between(start, end):
        if not f.exact or f.unit in _SCALE or not f.unit or "/" in f.unit or f is rate \
                or line.text[f.start - 1:f.start] in ("/", "／"):
            continue
        label = _label(line, f, floor)
        # (计划完成投资 is a plan; 完成任务 and 实际支出 are outcomes)
        if _PLANNED.search(label) or (_PLAN.search(label) and not _OUTCOME.search(label)):
            plans.append(f)
        elif _OUTCOME.search(label):
            done.append(f)
    return plans, done


# "完成计划的95%", "达到年度任务的95%", "为目标值的95%": what was done as a share of the plan — the
# completion rate named by its plan (占年度目标任务的100%, round 3, is the shares detector's 占…的)
_PLAN_SHARE = re.compile(r"(?:完成|达到|达|为|是)(?:了)?(?:年度|全年|当年|本年)?(?:目标)?(?:计划|任务|目标)"
                         r"(?:数|任务|值)?的$")


def _share_of_plan(line: AuditLine, spans: Sequence[tuple[int, int]], k: int,
                   rate: Figure) -> list[Finding]:
    """A share of the plan against the one outcome ÷ the one plan of its sentence (or the
    plan alone in the sentence before)."""
    start, end = spans[k]
    plans, done = _excess_parts(line, start, end, start, rate)
    if not plans and len(done) == 1 and k > 0:
        plans = _excess_parts(line, spans[k - 1][0], start, spans[k - 1][0], rate)[0]
    if len(plans) != 1 or len(done) != 1:
        return []
    plan, outcome = plans[0], done[0]
    (kind, f_plan), (kind_done, f_done) = dimension(plan.unit), dimension(outcome.unit)
    scale = _SCALE[rate.unit] * f_done / f_plan
    if kind != kind_done or plan.value <= 0 or ratio_agrees(rate.value, outcome.value, plan.value, scale):
        return []
    return [_mismatch(rate, outcome.value / plan.value * scale,
                      f"所述完成比例 {rate.raw}，{outcome.raw} ÷ {plan.raw}",
                      f"stated share of the plan {rate.raw}, done ÷ planned", (outcome.value, plan.value),
                      line, excerpt(line.text, min(plan.start, outcome.start), rate.end, 10))]


def _excess(line: AuditLine, spans: Sequence[tuple[int, int]], k: int) -> list[Finding]:
    """Excess rates — and shares of the plan (完成计划的95%) — of sentence `k` of the line
    against their plan and outcome."""
    start, end = spans[k]
    findings = []
    for rate in line.figures_between(start, end):
        if rate.unit not in _SCALE or not rate.exact:
            continue
        label = _label(line, rate, start)[-16:]
        if _PLAN_SHARE.search(label):
            findings.extend(_share_of_plan(line, spans, k, rate))
            continue
        if not _EXCESS.search(label):
            continue
        plans, done = _excess_parts(line, start, end, start, rate)
        if not plans and len(done) == 1 and k > 0:
            plans = _excess_parts(line, spans[k - 1][0], start, spans[k - 1][0], rate)[0]
        if len(plans) != 1 or len(done) != 1:
            continue
        plan, outcome = plans[0], done[0]
        (kind, f_plan), (kind_done, f_done) = dimension(plan.unit), dimension(outcome.unit)
        if kind != kind_done:
            continue
        scale = _SCALE[rate.unit]
        a, p = outcome.value * f_done / f_plan, plan.value
        if a <= p or ratio_agrees(rate.value, a - p, p, scale) or ratio_agrees(rate.value, a, p, scale):
            continue
        findings.append(_mismatch(
            rate, (a - p) / p * scale, f"所述超出比例 {rate.raw}，({outcome.raw} − {plan.raw}) ÷ {plan.raw}",
            f"stated excess {rate.raw}, ({a} − {p}) ÷ {p}", (outcome.value, plan.value), line,
            excerpt(line.text, min(plan.start, outcome.start), rate.end, 10)))
    return findings


def _exp(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _mismatch(rate: Figure, implied: Decimal, zh: str, en: str, operands: tuple[Decimal, ...],
              line: AuditLine, quoted: str) -> Finding:
    """The one shape of a rate finding: what the rate's operands give, at the rate's precision
    (two decimals at least), in Chinese (`zh`: "所述执行率 95%，95万元 ÷ 100万元") and English."""
    shown, unit = round_half_up(implied, 2), rate.unit or "%"
    return Finding(
        code="rate-mismatch", severity=Severity.ERROR,
        message=f"{zh} = {shown}{unit} / {en} = {shown}{unit}",
        stated=rate.value, expected=round_half_up(implied, max(2, -_exp(rate.value))),
        operands=operands, unit=unit, line=line.number, excerpt=quoted)


def _has_rate_sign(text: str, start: int, end: int) -> bool:
    return text.find("%", start, end) >= 0 or text.find("‰", start, end) >= 0


def detect_stated_rates(doc: AuditDocument) -> list[Finding]:
    """Rates whose own numerator and denominator, stated beside them, give another value."""
    findings: list[Finding] = []
    for index, line in enumerate(doc.lines):
        if "%" not in line.text and "‰" not in line.text:
            continue
        settled: set[int] = set()
        decided: set[int] = set()
        text = line.text
        for start, end in line.spans(clauses=True):
            # (a clause without a % or ‰ sign holds no rate: nothing to read, nothing settled)
            if end - start <= _MAX_SPAN and _has_rate_sign(text, start, end):
                findings.extend(_clause_findings(line, start, end, settled=settled,
                                                 decided=decided))
        spans = line.spans()
        in_clauses = frozenset(settled)  # once: a copy per sentence would be quadratic
        for start, end in spans:
            if end - start <= _MAX_SPAN:
                if (text.find(";", start, end) >= 0 or text.find("；", start, end) >= 0) \
                        and _has_rate_sign(text, start, end):
                    # a rate whose numerator is in an earlier clause of its sentence
                    # (受理诉求100件；办结90件；办结率90%)
                    findings.extend(_clause_findings(line, start, end, in_clauses, settled,
                                                     decided=decided))
                if text.find("%", start, end) >= 0:  # (an execution rate is a % figure)
                    findings.extend(_execution(doc, index, start, end))
                if text.find("到位率", start, end) >= 0:
                    findings.extend(_arrival(doc, index, start, end))
                if _PAID_GATE.search(text, start, end):
                    findings.extend(_paid_share(doc, index, start, end))
                if _PAID_GATE.search(text, start, end) or text.find("到位率", start, end) >= 0:
                    findings.extend(_moved_alone(doc, index, start, end))
        if "超" in text or "比" in text or "的" in text:
            for k, (start, end) in enumerate(spans):
                if end - start <= _MAX_SPAN and _EXCESS_GATE.search(text, start, end) \
                        and _has_rate_sign(text, start, end):
                    findings.extend(_excess(line, spans, k))
        # "全年共受理群众诉求1000件。其中按期办结950件，办结率95%。": the whole in the sentence
        # before — only when the rate's sentence says so (其中…) or states the rate alone
        # ("…办结950件。办结率95%。"), and only for a rate its own sentence gave nothing to
        # divide by: a sentence before that states a sibling (其中寄宿生300人) is no whole
        in_sentences = frozenset(decided)
        pending = [f.start for f in line.figures if f.unit in _SCALE and f.start not in in_sentences]
        starts = [a for a, _ in spans] if pending else []
        for k in sorted({bisect_right(starts, p) - 1 for p in pending}):
            if k < 1:
                continue
            (a, _), (b, end) = spans[k - 1], spans[k]
            own = line.figures_between(b, end)
            counted = [f for f in own if f.unit not in _SCALE]
            if end - a <= _MAX_SPAN and (
                    text.startswith("其中", b + len(text[b:end]) - len(text[b:end].lstrip()))
                    or all(f.unit in _SCALE for f in own)
                    # "受理投诉120件。办结118件，办结率98.33%": the rate's sentence names its
                    # one numerator and no whole — the whole closes the sentence before (the
                    # outline's 产出 paragraphs: what was received, then what was done), when
                    # that sentence is no item of a list (其中寄宿生300人: a sibling) and the
                    # rate no survey's (a survey counts whom it asked, not all it served);
                    # two figures that could be the whole leave it unread
                    or (len(counted) == 1 and counted[0].exact and "满意" not in text[b:end]
                        and not _item_head(text, a) and not _item_head(text, b)
                        and _whole_before(line, a, b, counted[0]))):
                findings.extend(_clause_findings(line, a, end, in_sentences, rates_from=b,
                                                 decided=decided))
        if "完成" in text and _COMPLETION.search(text):
            # "…绩效目标值2373.51万元。已下达补助2373.51万元，完成进度100%" (round 3, 149): the
            # plan in the sentence before the one reporting what was done
            # (a rate whose numerator its own sentence named but gave no whole is still open:
            # "当年计划投资19亿元。1-12月份完成投资28.78亿元，投资完成率151.47%")
            in_sentences = frozenset(decided)
            for (a, _), (b, end) in pairwise(spans):
                if end - a <= _MAX_SPAN and _COMPLETION.search(text, b, end):
                    findings.extend(_clause_findings(line, a, end, in_sentences,
                                                     completion_from=b, decided=decided))
            if spans and _COMPLETION.search(text, *spans[0]):
                findings.extend(_completion_above(doc, index, spans[0], frozenset(decided)))
    return findings


# what names a whole of things handled or due (受理投诉, 应参保, 计划培训, 抽检样品, 发放问卷)
_WHOLE_WORDS = re.compile(r"受理|申请|申报|应|计划|任务|目标|抽检|检测|抽查|调查|发放|参加|报名")


def _whole_before(line: AuditLine, a: int, b: int, counted: Figure) -> bool:
    """Whether the sentence [a, b) states one whole for the figure `counted` of the next
    sentence: one exact figure of its dimension at least as large, named as a whole of things
    handled or due (`_WHOLE_WORDS`) or sharing two characters with what is counted (检测水样 /
    达标水样) — not a base of another kind (辖区常住人口 of 建档立卡, round 3's 建档率)."""
    dim = dimension(counted.unit)[0]
    wholes = [f for f in line.figures_between(a, b) if f.unit not in _SCALE
              and dimension(f.unit)[0] == dim and (in_unit(f, counted.unit) or 0) >= counted.value]
    if len(wholes) != 1 or not wholes[0].exact:
        return False
    label = plain_label(_label(line, wholes[0], a))
    return bool(_WHOLE_WORDS.search(label)) or common_run(label, _label(line, counted, b)) >= 2


def _completion_above(doc: AuditDocument, index: int, span: tuple[int, int],
                      decided: frozenset[int]) -> list[Finding]:
    """A completion rate in the first sentence of its paragraph, with what was done and no
    plan, against the plan closing the paragraph above ("…总投资519.86亿元,当年计划投资63.27
    亿元。" / "截止目前,…完成投资77.57亿元,投资完成率122.6%。" — i11f 18, the 重点工程 progress
    report; the 自评报告 outline's 绩效目标 and 完成情况 paragraphs): the last sentence above must
    state one planned figure of the dimension, the rate's sentence one outcome and no plan."""
    k = index - 1
    while k >= 0 and not doc.lines[k].text.strip():
        k -= 1
    if k < 0 or not doc.lines[k].figures:
        return []
    line, above = doc.lines[index], doc.lines[k]
    start, end = span
    if _item_head(line.text, start):
        return []  # (其中甲项目…, (一)…: a part's or an item's outcome is not over the whole plan)
    a, b = above.spans()[-1]
    findings = []
    for rate in line.figures_between(start, end):
        if rate.unit not in _SCALE or not rate.exact or rate.start in decided:
            continue
        m = _rate_label(_label(line, rate, start))
        if m is None or not m.group("stem").endswith("完成"):
            continue
        plans, done = _excess_parts(line, start, end, start, rate)
        plans_above = [f for f in _excess_parts(above, a, b, a, rate)[0]
                       if _PLANNED.search(_label(above, f, a))]
        if plans or len(done) != 1 or len(plans_above) != 1:
            continue
        outcome, plan = done[0], plans_above[0]
        (kind, f_plan), (kind_done, f_done) = dimension(plan.unit), dimension(outcome.unit)
        scale = _SCALE[rate.unit] * f_done / f_plan
        if kind != kind_done or plan.value <= 0 or ratio_agrees(rate.value, outcome.value, plan.value, scale):
            continue
        findings.append(_mismatch(
            rate, outcome.value / plan.value * scale,
            f"所述{m.group('stem')}率 {rate.raw}，{outcome.raw} ÷ {plan.raw}（上段所述计划）",
            f"stated rate {rate.raw}, done ÷ planned (the paragraph above)", (outcome.value, plan.value),
            line, excerpt(line.text, outcome.start, rate.end, 10)))
    return findings


# --- a table with a rate column: 项目 | 预算数 | 执行数 | 执行率, 计划数 | 完成数 | 完成率 -----------
#
# Reports list projects, fund sources or tasks as plain tables whose last columns are two
# amounts and their rate (部门整体 reports' 项目支出 tables, 资金支付 tables, 任务完成 tables),
# outside the forms the table reconstructor knows. A row's rate is checked against the columns
# of its own row that the rate's name relates to (执行率 ↔ 执行数/实际支出, 支付率 ↔ 已支付,
# 完成率 ↔ 完成数): the numerator is such a column, the whole any other amount column of the row,
# and the rate is reported only when no such pair gives it.

_RATE_HEADER = re.compile(r"^(?P<stem>[\u4e00-\u9fff]{1,10}?)(?:率|进度|比例)(?:[(（]\s*[%％]\s*[)）])?$")
# not a rate of two columns of the row: a change, a share of the column's total, a running total
_NOT_ROW_RATE = re.compile(r"增长|下降|增幅|降幅|同比|环比|变动|变化|累计|上年|占|比重|得分|满意")
_NOT_OPERAND = re.compile(r"序号|行次|编号|年度|年份|分值|得分|权重|率|%|％|比例|进度")
_SPENT_HEADER = re.compile(r"执行|支出|使用|支付|拨付")
# 控制率 of the 部门整体 form's 财政供养人员情况: 实际在职人数 ÷ 编制数 (round 3, 106)
_STAFFED = re.compile(r"实际|在职|实有")
# a column of names (项目名称, 资金来源, 单位), not of amounts (项目资金, 预算数)
_NAME_HEADER = re.compile(r"^(?!.*(?:数|额|资金|费|支出|预算|投资))"
                          r".*(?:项目|名称|单位|来源|类别|类型|内容|任务|指标|科目|地区|乡镇)")
_ROW_TOKEN = re.compile(r"[^\s|]+(?: (?:%|‰|万元|亿元|元)(?![^\s|]))?")
_MAX_TABLE_ROWS = 200


def _row_cells(line: AuditLine) -> list[Cell]:
    """The cells of a row printed with ``|`` borders, tabs or spaces between its cells."""
    if "|" in line.text:
        return cells(line)
    return [Cell(m.group(), m.start(), m.end(), line.figures_between(m.start(), m.end()))
            for m in _ROW_TOKEN.finditer(line.text)]


def _rate_columns(header: list[Cell]) -> list[tuple[int, list[int], list[int]]]:
    """For each rate column of a header: (its index, the columns that may be its numerator,
    the amount columns before it)."""
    out: list[tuple[int, list[int], list[int]]] = []
    names = [re.sub(r"[(（][^)）]*[)）]$", "", c.text) for c in header]
    for k, cell in enumerate(header):
        m = _RATE_HEADER.match(cell.text)
        if m is None or _NOT_ROW_RATE.search(cell.text) or k < 2:
            continue
        stem = m.group("stem")
        amounts = [i for i in range(k) if names[i] and not _NOT_OPERAND.search(names[i])
                   and not _NAME_HEADER.match(names[i])]
        numerators = [i for i in amounts if common_run(stem, names[i]) >= 2
                      or (stem.endswith("执行") and _SPENT_HEADER.search(names[i]))
                      or (stem.endswith("控制") and _STAFFED.search(names[i]))
                      # the forms' 应X … 实X pair: 应发人数 | 实发人数 | 发放率
                      or (names[i][:1] in "实已" and names[i][1:2] in stem and names[i][1:2] != "")]
        if numerators and len(amounts) >= 2:
            out.append((k, numerators, amounts))
    return out


def _value(cell: Cell) -> Figure | None:
    fig = cell.number
    return fig if fig is not None and fig.exact and fig.unit not in _SCALE else None


_Columns = list[tuple[int, list[int], list[int]]]
_Row = list[tuple[Cell, AuditLine]]


def _row_findings(header: list[Cell], columns: _Columns, row: _Row) -> list[Finding]:
    """The rate cells of one row against the row's own amounts (see above)."""
    findings: list[Finding] = []
    for k, numerators, amounts in columns:
        rate, line = row[k][0].number, row[k][1]
        if rate is None or not rate.exact or rate.unit not in ("%", ""):
            continue
        # a target where less is better (≤) may be scored the other way round
        if any(row[i][0].text.lstrip().startswith(("≤", "<", "≦", "<=")) for i in amounts):
            continue
        values = {i: v for i in amounts if (v := _value(row[i][0])) is not None}
        pairs = [(i, j) for i in numerators if i in values for j in values if j != i
                 and dimension(values[i].unit)[0] == dimension(values[j].unit)[0]
                 and (in_unit(values[j], values[i].unit) or 0) > 0]
        # a bare rate is a percentage under a (%) header; else it may be a fraction
        scales = [Decimal(100)] if rate.unit or "%" in header[k].text or "％" in \
            header[k].text else [Decimal(100), Decimal(1)]
        whole = {j: in_unit(values[j], values[i].unit) or values[j].value for i, j in pairs}
        if not pairs or any(ratio_agrees(rate.value, values[i].value, whole[j], scale)
                            for i, j in pairs for scale in scales):
            continue
        # a completion capped at 100 % (目标 100, 完成 120, 完成率 100%) is a convention
        if rate.value in (100, 1) and any(values[i].value > whole[j] for i, j in pairs):
            continue
        # quoted: the numerator nearest the rate over the whole nearest before it
        i, j = max(pairs, key=lambda p: (p[0], p[1] < p[0], p[1]))
        a, b = values[i], values[j]
        implied = a.value / whole[j] * 100
        findings.append(_mismatch(
            rate, implied, f"“{header[k].text}”{rate.raw}，{a.raw} ÷ {b.raw}",
            f"stated rate {rate.raw}, {a.value} ÷ {b.value}", (a.value, b.value), line,
            excerpt(line.text, row[0][0].start, row[k][0].end, 0)
            if row[0][1] is line else " | ".join(c.text for c, _ in row)))
    return findings


_CELL_LINE = 16  # a header cell printed on a line of its own is short


def _lone_cell(line: AuditLine) -> Cell | None:
    """A line holding one cell (a web page's table one cell per line: "预算数" or "预算数 |")."""
    text = line.text.strip().strip("|").strip()
    if not text or "|" in text:
        return None
    start = line.text.index(text)
    return Cell(text, start, start + len(text), line.figures_between(start, start + len(text)))


def _fits(header: list[Cell], columns: _Columns, row: list[Cell]) -> bool:
    """Whether cells read one per line fall under the header as a row: a figure under each
    amount column, a rate (%, or a number under a (%) header) under each rate column, words
    under each column of names (项目, 项目名称) — so a header read from the wrong first cell,
    which shifts every cell, is not taken."""
    rates = {k for k, _, _ in columns}
    amounts = {i for _, _, a in columns for i in a}
    for i, (h, c) in enumerate(zip(header, row, strict=True)):
        fig = c.number
        if i in rates:
            if fig is None or (fig.unit != "%" and "%" not in h.text and "％" not in h.text):
                return False
        elif i in amounts:
            if fig is None or fig.unit == "%":
                return False
        elif _NAME_HEADER.match(h.text) and c.figures:
            return False
    return True


def _header_cell(line: AuditLine) -> bool:
    """A line that can be one header cell: short, no figure but a year (2023 年实际在职人数)."""
    text = line.text.strip()
    return 0 < len(text) <= _CELL_LINE and all(
        f.unit in ("", "年") and len(f.raw.strip()) == 4 and 1990 <= f.value <= 2099
        for f in line.figures)


def _one_cell_per_line(doc: AuditDocument, index: int, in_tables: frozenset[int]) -> tuple[
        list[Finding], int]:
    """A rate-column table printed one cell per line whose rate header is line `index`: the
    header is the run of short cells without figures around it (blank lines between cells
    passed over: a docx page prints each cell as a paragraph); its first column is the one
    that makes the cells below fall into rows (the run may begin with a title). The findings
    and the index after the table."""
    lines = doc.lines
    filled = [k for k in range(max(0, index - 24), min(len(lines), index + 24))
              if lines[k].text.strip()]
    at = filled.index(index)
    first = at
    while first > 0 and at - first < 11 and _header_cell(lines[filled[first - 1]]):
        first -= 1
    last = at
    while last + 1 < len(filled) and last - first < 11 and _header_cell(lines[filled[last + 1]]):
        last += 1
    # (the header may end before the last short cell: a first row whose name is short —
    # 甲项目 | 245.6 | … printed one cell per line — reads like one more header cell; the
    # header ending at the rate column or after it, the fewest cells first)
    for stop in range(at, last + 1):
        body = [ln for ln in lines[filled[stop] + 1:filled[stop] + 1 + _MAX_TABLE_ROWS]
                if ln.text.strip()]
        for start in range(at - 1, first - 1, -1):  # the fewest columns first
            cut = [_lone_cell(lines[k]) for k in filled[start:stop + 1]]
            header = [c for c in cut if c is not None]
            columns = _rate_columns(header) if len(header) == len(cut) else []
            if not columns:
                continue
            n = len(header)
            rows: list[_Row] = []
            for r in range(0, len(body) - n + 1, n):
                chunk = body[r:r + n]
                cells_ = [_lone_cell(ln) for ln in chunk]
                row = [(c, ln) for c, ln in zip(cells_, chunk, strict=True) if c is not None]
                if len(row) != n or any(ln.number in in_tables for ln in chunk) \
                        or not _fits(header, columns, [c for c, _ in row]):
                    break
                rows.append(row)
            if rows:
                findings = [f for row in rows for f in _row_findings(header, columns, row)]
                end_line = rows[-1][-1][1]
                return findings, next(k for k in range(filled[stop] + 1, len(lines))
                                      if lines[k] is end_line) + 1
    return [], index + 1


def detect_rate_columns(doc: AuditDocument) -> list[Finding]:
    """Rows of a table with a rate column against the row's own amounts (see above)."""
    findings: list[Finding] = []
    in_tables = table_lines(doc)  # (the forms' tables are checked by their own detectors)
    index = 0
    lines = doc.lines
    while index < len(lines):
        line = lines[index]
        index += 1
        text = line.text
        if line.figures or line.number in in_tables or not ("率" in text or "进度" in text
                                                             or "比例" in text):
            continue
        header = _row_cells(line)
        if len(header) == 1 and _RATE_HEADER.match(header[0].text):
            found, index = _one_cell_per_line(doc, index - 1, in_tables)
            findings.extend(found)
            continue
        if len(header) < 3 or len(header) > 12:
            continue
        columns = _rate_columns(header)
        if not columns:
            continue
        for row_line in lines[index:index + _MAX_TABLE_ROWS]:
            if not row_line.text.strip():  # (html and docx text may part rows by blank lines)
                index += 1
                continue
            row = _row_cells(row_line) if row_line.figures else []
            if len(row) != len(header) or row_line.number in in_tables:
                break
            index += 1
            findings.extend(_row_findings(header, columns, [(c, row_line) for c in row]))
    return findings
