"""Detector: unit price × quantity × months against the amount the same sentence states.

``租用面积共计8477.09平方米，按2元/平方米/月计算，每年应承担物业管理费21万元`` states a
price, a quantity and an annual amount: 8477.09 × 2 × 12 = 203450.16 元 = 20.35万元 ≠ 21.

Published text often loses the unit: ``按2/.平方米计算``. A damaged price unit is never
guessed: the candidate readings are per month and per year (or one-off). When another
sentence of the same document with a damaged price is reproduced by exactly one reading
(the rent line of the Baoshan report: 8477.09 × 20 × 12 = 203.45万 ✓), that reading is
taken for the document; otherwise a damaged price that matches no reading is left alone.

The sentence must hold exactly one price, one quantity in the price's unit, one amount
after the price, and no percentage (a share would make the arithmetic different).

A product the text writes out (``50户×2000元/户=10万元``, the 测算依据 of the genre) is read as
written, factor by factor (`_explicit_products`), and never by the price readings above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise

from jixiao.domain.audit.chains import per_unit
from jixiao.domain.audit.facts import (
    AuditDocument,
    AuditLine,
    Figure,
    cells,
    common_run,
    excerpt,
    fmt,
    places,
    product_agrees,
)
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import round_half_up

__all__ = ["detect_percent_of", "detect_price_table", "detect_unit_price"]

_MONEY_FACTOR = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
_ANNUAL = re.compile(r"每年|全年|年度|一年|年均|年租金|年物业")
_PRICE = re.compile(r"^(?P<money>元|万元|\?)/(?P<qty>[^/]+)(?:/(?P<per>月|年|天|日))?$")


@dataclass(frozen=True, slots=True)
class _Case:
    line: AuditLine
    price: Figure
    quantity: Figure
    amount: Figure
    factors: tuple[Decimal, ...]  # candidate numbers of periods (12 months, 1 year, …)
    damaged: bool
    # the amount is the funds of the sentence before, named after the subsidy but not for the
    # same purpose: funds above the product may pay for more (a warning), below it cannot
    loose: bool = False
    # the quantity or the amount is read in the clause before or after the price's (。/；):
    # it may be another quantity or amount of the same unit, so a mismatch is a warning
    remote: bool = False

    def scale(self, factor: Decimal) -> Decimal:
        """Periods × the money unit of the price ÷ the money unit of the stated amount."""
        m = _PRICE.match(self.price.unit)
        money = m.group("money") if m else "元"
        return factor * _MONEY_FACTOR.get(money, Decimal(1)) / _MONEY_FACTOR[self.amount.unit]

    def implied(self, factor: Decimal) -> Decimal:
        """The amount the price implies, in the stated amount's unit."""
        return self.price.value * self.quantity.value * self.scale(factor)

    def agreeing(self) -> list[Decimal]:
        # the printed price and quantity may themselves be rounded (8477.09 ± 0.005)
        return [f for f in self.factors if product_agrees(
            self.amount.value, (self.price.value, self.quantity.value), self.scale(f))]


def _months(sentence: str, figures: tuple[Figure, ...]) -> Decimal | None:
    months = [f for f in figures if f.unit == "个月" and f.exact]
    if len(months) == 1:
        return months[0].value
    return Decimal(12) if _ANNUAL.search(sentence) else None


_PREFIX = re.compile(
    r"每(?P<qty>平方米|平米|㎡|人次|人|户|公里|千米|亩|吨|间|套|台|辆|个|件|所|处|座|名|册|张|项|家|栋|"
    r"生|校|村)"
    r"(?:每?(?P<per>月|年|天|日))?"
    # (每个 + the place it counts, then the words: "每个示范村奖补20万元", "每个行政村补助5万元" — the
    # genre's 村级 subsidies name the kind of village after 每个)
    r"(?:(?<=个)[\u4e00-\u9fff]{0,3}(?:村|社区|学校|乡镇|镇|站|基地|合作社|小组))?[\u4e00-\u9fff]{0,4}$"
)
# what a 人均/户均 price is per: the counts it may divide
_PERSONS = ("人", "名", "位")  # (measure words of persons: one count whichever is printed)
# (人均 of 名 or 位 counted: "聘用保洁员5名，人均年工资3万元" — the persons' measure words, as for 每人)
_HEAD_COUNTS = {"人": ("人次", *_PERSONS), "户": ("户",)}
_HEADS = "".join(_HEAD_COUNTS)
# "购置电脑10台，单价5000元" / "培训200人次，人均培训费500元" / "惠及农户1800户，户均补贴2000元":
# a price named for one of the counted things, whose unit is the one count of the clause
_UNIT_COST = re.compile(rf"(?:单价|均价|(?P<head>[{_HEADS}])均[\u4e00-\u9fff]{{0,4}})(?:为|是)?$")
# (金额/总价/总额: the procurement lines' amount, "采购电脑10台，金额6万元，单价5000元")
# (…金 and …费: the money nouns the genre names a paid total by — 租金, 慰问金, 奖励金, 物业费,
# 服务费, 工资 — as often as 资金/经费: "全年租金7.2万元，租用面积200平方米，每平方米每月30元",
# "共发放慰问金3.6万元，慰问困难群众120人，每人300元")
_AMOUNT_FIRST = re.compile(r"(?:资金|经费|费用|补贴|补助|奖补|金额|总价|总额|共计|合计|总计|共|金|费|工资)"
                           r"(?:为|是)?$")
# the words `_UNIT_COST` ends a price's name with, built from the same heads so the two stay one list
_UNIT_COST_GATE = re.compile(rf"单价|均价|[{_HEADS}]均")
_COUNTED = ("人次", "人", "户", "台", "辆", "个", "件", "套", "间", "所", "处", "座", "名", "册", "张",
            "项", "家", "栋")
_QTY_CANON = {"平米": "平方米", "㎡": "平方米"}
# a price per pupil, school or village is over the count of them in its measure word (资助学生
# 200人，每生每年2000元; 新建学校3所，每校补助100万元; 覆盖20个村，每村补助5万元 — the genre's
# 学生资助/校舍/村级 subsidies): the noun after 每 names what the count counts
_NOUN_COUNTS = {"生": ("人", "名"), "校": ("所",), "村": ("个",)}
_RESULT = re.compile(r"[，,]?\s*(?:共计|合计|总计|折合|计|共)(?:为)?\s*")
# what a period names in front of a price's name: 月租金, 年服务费, 月工资, 年补助 — the rents, fees,
# wages and subsidies the genre prices per month or year (护林员、保洁员 wages: "月工资2000元/人";
# rents and 物业: "月租金每平方米30元"; services: "年服务费5万元/人")
_PERIOD_NOUN = (r"(?:租金|租费|单价|费用|物业费|租赁费|管理费|服务费|劳务费|管护费|"
                r"工资|薪酬|报酬|津贴|补助|补贴|生活费)")
_PERIOD_BEFORE = re.compile(rf"(?:每(?P<p1>月|年)|(?P<p2>月|年){_PERIOD_NOUN})$")


# A per-unit the figure reader leaves after a money figure: "造价100万元/公里", "2000元/名",
# "5万元/村", "100元/头", a period first "2000元/月/人" or "2000元/月·人" (the genre prints the
# per-unit of a standard after a slash for every counted thing it pays for: roads per 公里, pupils
# per 名, villages per 村, livestock per 头, and the period before or after it)
_SLASH_UNIT = re.compile(
    r"/\s*(?:(?P<p1>月|年)\s*[/·・.]\s*)?"
    r"(?P<qty>平方米|平米|㎡|公里|千米|人次|人|户|名|位|所|校|村|头|只|株|棵|座|处|家|场|册|间|套|台|辆|"
    r"个|件|亩|吨|米)"
    r"(?:\s*[/·・.]\s*(?P<p2>月|年|天|日))?(?![\u4e00-\u9fff])")
_QTY_OF_SLASH = {"位": "名", "校": "所"}  # (a slash unit read as the count's measure word)


def _prefixed_price(text: str, start: int, fig: Figure) -> Figure:
    """``每公里造价100万元`` / ``租金每平方米每月20元``: a price whose unit comes first; a price
    printed with its unit but its period in front (``租金每月20元/平方米``); and a per-unit
    after a slash that the figure reader left out (``造价100万元/公里``, ``2000元/月/人``)."""
    if fig.unit in _MONEY_FACTOR and text.startswith("/", fig.end):
        slash = _SLASH_UNIT.match(text, fig.end)
        if slash is None:
            return fig
        qty = _QTY_CANON.get(slash.group("qty"), slash.group("qty"))
        qty = _QTY_OF_SLASH.get(qty, qty)
        period = slash.group("p1") or slash.group("p2") \
            or _period_before(text, max(start, fig.start - 12), fig.start)
        return replace(fig, unit=f"{fig.unit}/{qty}" + (f"/{period}" if period else ""))
    if fig.unit not in _MONEY_FACTOR:
        price = _PRICE.match(fig.unit)
        if price is None or price.group("per") or price.group("money") == "?":
            return fig
        period = _period_before(text, max(start, fig.start - 12), fig.start)
        return replace(fig, unit=f"{fig.unit}/{period}") if period else fig
    end = fig.start
    while end > start and text[end - 1] in " \u3000":  # PDF text: "每平方米每月 20 元"
        end -= 1
    m = _PREFIX.search(text, max(start, end - 12), end)
    # (the period may come first: "每学期每生补助500元" as often as "每生每学期500元", i13f)
    if m and _OTHER_PERIOD.search(text, max(start, min(m.start(), end - 12)), end):
        # "每生每学期500元，全年补助10万元": per a period the year holds an unsaid number of
        # (学期, 季度, 次…), so what the price comes to in a year is not said
        return fig
    # "每人每亩100元" (round 3 412), "每户每头补助…": of two units the price is per the last one
    while m and "每" in text[m.end("per") if m.group("per") else m.end("qty"):end]:
        inner = _PREFIX.search(text, m.start() + 1, end)
        if inner is None:
            break  # (每平方米租金每月20元: the later 每 names the period)
        m = inner
    if not m:
        return fig
    qty = _QTY_CANON.get(m.group("qty"), m.group("qty"))
    period = m.group("per")
    if not period:
        # "每平方米租金每月20元": the period after the price's name; "月租金每平方米30元" /
        # "每月每平方米30元": named before the quantity
        period = _period_before(text, m.end("qty"), end) \
            or _period_before(text, max(start, m.start() - 6), m.start(), at_end=True)
    per = f"/{period}" if period else ""
    return replace(fig, unit=f"{fig.unit}/{qty}{per}")


_OTHER_PERIOD = re.compile(r"每(?:学期|季度|季|周|旬|期|批|次|轮|茬|季节)")
_PERIOD_WORD = re.compile(rf"每(?P<p1>月|年|天|日)|(?P<p2>月|年|日){_PERIOD_NOUN}|按(?P<p3>月|年|天|日)")


def _period_before(text: str, start: int, end: int, at_end: bool = False) -> str | None:
    """The period (月/年/天) a price's words name between `start` and `end` (每月, 月租金, 按月);
    with `at_end`, only words right before `end`."""
    if at_end:
        m = _PERIOD_BEFORE.search(text, start, end)
        return (m.group("p1") or m.group("p2")) if m else None
    found = None
    for m in _PERIOD_WORD.finditer(text, start, end):
        found = m.group("p1") or m.group("p2") or m.group("p3")
    return found


def _words_end(text: str, at: int) -> int:
    """Where the words before a figure end: PDF text prints blanks between them (单价 5000 元)."""
    while at > 0 and text[at - 1] == " ":
        at -= 1
    return at


def _named_unit_cost(text: str, start: int, figures: tuple[Figure, ...]) -> tuple[Figure, ...]:
    """The clause's figures with a 单价/人均 amount read as a price per its one counted thing."""
    named = [f for f in figures if f.unit in _MONEY_FACTOR
             and _UNIT_COST.search(text, max(start, f.start - 10), _words_end(text, f.start))]
    if len(named) != 1:
        return figures
    price = named[0]
    m = _UNIT_COST.search(text, max(start, price.start - 10), _words_end(text, price.start))
    assert m is not None
    counted = [f for f in figures if f.start < price.start and f.unit in _COUNTED
               and (not m.group("head") or f.unit in _HEAD_COUNTS[m.group("head")])]
    if not counted:
        # "人均补助1000元，共补助100人", "购置单价5000元的电脑10台": the price named first, its
        # count after it
        counted = [f for f in figures if f.start > price.end and f.unit in _COUNTED
                   and (not m.group("head") or f.unit in _HEAD_COUNTS[m.group("head")])]
    if len(counted) != 1:
        return figures
    return tuple(replace(f, unit=f"{f.unit}/{counted[0].unit}") if f is price else f
                 for f in figures)


def _cases(line: AuditLine) -> list[_Case]:
    out: list[_Case] = []
    # The gate names every way a price is read below (a per-unit figure, 每… before an
    # amount, a 单价/人均 amount): a new way to read a price must be added here too.
    # (单价/均价/人均/户均: 价 or 均 tested before the search)
    if "每" not in line.text and not (("价" in line.text or "均" in line.text)
                                     and _UNIT_COST_GATE.search(line.text)) \
            and not ("/" in line.text and any("/" in f.unit or line.text.startswith("/", f.end)
                                              for f in line.figures)):
        # (a unit with a slash is read off a / or a 每 of the line: without either, its
        # figures are never looked at)
        return out
    signed = any(sign in line.text for sign in _SIGNS)
    for start, end in line.spans(clauses=True):
        figures = line.figures_between(start, end)
        if any(f.unit in ("%", "‰") for f in figures):
            continue
        if signed and _TIMES_GATE.search(line.text, start, end) and any(
                _TIMES.fullmatch(line.text, a.end, b.start) for a, b in pairwise(figures)):
            continue  # (the writer's own arithmetic: `_explicit_products` reads it as written)
        figures = tuple(_prefixed_price(line.text, start, f) for f in figures)
        prices = [f for f in figures if _PRICE.match(f.unit)]
        if not prices and _UNIT_COST_GATE.search(line.text, start, end):
            figures = _named_unit_cost(line.text, start, figures)
            prices = [f for f in figures if _PRICE.match(f.unit)]
        if len(prices) != 1 or not prices[0].exact:
            continue
        price = prices[0]
        pm = _PRICE.match(price.unit)
        assert pm is not None
        quantities = [f for f in figures if f.unit == pm.group("qty")]
        if pm.group("qty") in _NOUN_COUNTS:
            noun = pm.group("qty")
            quantities = [f for f in figures if f.unit in _NOUN_COUNTS[noun]
                          and (noun == "生" or noun in line.text[max(0, f.start - 3):f.end + 3])]
        elif pm.group("qty") in _PERSONS:
            # "聘用50名保洁员，每人每年工资2.4万元": 名/位 count the persons a 每人 price is per
            # (and two head counts, 50名…、10人…, leave which one it is unsaid)
            quantities = [f for f in figures if f.unit in _PERSONS]
        amounts = [f for f in figures if f.start > price.end and f.unit in _MONEY_FACTOR]
        price_label = line.label_before(price, start, spaced=True)
        gain, subsidy = bool(_GAIN.search(price_label)), bool(_SUBSIDY.search(price_label))
        if any(_OTHER_AMOUNT.search(label := line.label_before(f, start, spaced=True))
               or bool(_GAIN.search(label)) != gain or (subsidy and "投资" in label)
               for f in amounts):
            # (an amount per unit itself — 户均补贴1400元 after 每亩补贴100元 —, an investment
            # holding more than the subsidy — 每校补助100万元，…总投资500万元 —, or a gain after
            # a price of spending — 每村补助5万元，带动农户增收200万元 — or the funds after a
            # gain per unit — 户均增收2000元，共带动100户，补助资金50万元 — is not what the price
            # comes to; a gain per unit and the gain it comes to are a product)
            continue
        if any(_LEFT_OVER.search(line.text, max(start, f.start - 6), f.start)
               or _LEVEL_SHARE.search(line.label_before(f, start, spaced=True)) for f in amounts):
            # (an amount named as the rest — 剩余资金20万元用于工作经费, 其余60万元用于…, 另有
            # 补助8万元 — is what the product leaves over or comes beside: which amount is the
            # product is then not said; so is a level's share — 覆盖70个行政村，每村补助4400元，
            # 中央资金20万元 — the other levels may pay the rest)
            continue
        if len(amounts) > 1 and _RESULT.fullmatch(line.text, price.end, amounts[0].start) \
                and not line.figures_between(price.end, amounts[0].start):
            # "费用成本每亩4000元，计12万元，可实现…净收入3万元" (round 3, 107): the amount the
            # next clause states as the result (计, 共计, 合计, 折合) is the product; what
            # follows is another figure
            amounts = amounts[:1]
        if not amounts:
            # "发放补贴资金10万元，按每户2000元标准，补助50户": the amount named first
            amounts = [f for f in figures if f.end <= price.start and f.unit in _MONEY_FACTOR
                       and _AMOUNT_FIRST.search(line.text, max(start, f.start - 8), f.start)]
        loose = False  # the amount from the sentence before, linked by the subsidy's word only
        if not amounts and not any(f.unit in _MONEY_FACTOR for f in figures if f is not price):
            amounts, loose = _amount_before(line, start, end)
        remote = False
        if not quantities and len(amounts) == 1 and pm.group("qty") not in _NOUN_COUNTS:
            quantities = _quantity_before(line, start, pm.group("qty"))
            remote = bool(quantities)
        elif len(quantities) == 1 and not amounts and not any(
                f.unit in _MONEY_FACTOR for f in figures if f is not price):
            amounts = _amount_after(line, end)
            remote = bool(amounts)
        if len(quantities) != 1 or len(amounts) != 1:
            continue
        quantity, amount = quantities[0], amounts[0]
        if not (quantity.exact and amount.exact):
            continue
        if line.text.startswith("/", amount.end) or _yuan(amount) < _price_yuan(price):
            # "70个行政村,每村4400元,市级需配套704元/村" (round 3 472): an amount per unit
            # too (its unit after a slash the figure reader leaves out, or below the price), not
            # what the price comes to
            continue
        if "每" in line.label_before(quantity, start, spaced=True) \
                or _YEARS_NAMED.search(line.label_before(amount, start, spaced=True)):
            # "新建学校3所，每校建筑面积1000平方米，每平方米造价3000元": the quantity is per
            # school (per_unit reads only the chains' units); "…每生1000元，2021年补助资金8万元",
            # "两年共补助20万元": the amount is of another year, or of several
            continue
        if per_unit(line.text, quantity, start):
            # "种植30亩，每亩产量2吨，单价500元/吨，实现收入3万元": the quantity is itself per
            # another unit, so the product is a chain's (`chains`), not price × quantity
            continue
        # (a total read in the next clause names its period there: "…；全年租金7.2万元")
        months = _months(line.text[start:max(end, amount.end)], figures)
        per = pm.group("per")
        damaged = pm.group("money") == "?"
        if damaged:
            factors: tuple[Decimal, ...] = ((months,) if months else ()) + (Decimal(1),)
        elif per == "月":
            if months is None:
                continue
            factors = (months,)
        elif per in ("天", "日"):
            continue  # daily prices need the number of billable days, never stated plainly
        else:
            factors = (Decimal(1),)
        out.append(_Case(line, price, quantity, amount, factors, damaged, loose, remote))
    return out


def _quantity_before(line: AuditLine, start: int, unit: str) -> list[Figure]:
    """The one quantity in the price's unit that the clause before states, when the price's
    own clause states none: "租用办公用房200平方米。租金每平方米每月30元，全年租金7.2万元" (the
    项目概况 of rent and 物业 projects names the area, then the standard and the year's sum)."""
    if start == 0:
        return []
    before = line.span_at(start - 1, clauses=True)
    units = _PERSONS if unit in _PERSONS else (unit,)
    found = [f for f in line.figures_between(*before) if f.unit in units]
    return found if len(found) == 1 and found[0].exact else []


# what opens the clause after a price with the total it comes to (全年租金, 合计, 共计…)
_TOTAL_NEXT = re.compile(r"\s*(?:全年|年度|每年|一年|合计|共计|总计|共|计)?[\u4e00-\u9fff]{0,6}?"
                         r"(?:资金|经费|费用|租金|补贴|补助|金额|总额|工资|费)?(?:共计|合计|总计|共|为)?\s*$")


def _amount_after(line: AuditLine, end: int) -> list[Figure]:
    """The total the clause after the price's states first, when the price's clause states
    none: "租用办公用房200平方米，租金每平方米每月30元；全年租金7.2万元"."""
    if end >= len(line.text):
        return []
    after = line.span_at(end, clauses=True)
    money = [f for f in line.figures_between(*after) if f.unit in _MONEY_FACTOR]
    if not money or not money[0].exact \
            or line.figures_between(after[0], money[0].start) \
            or not _TOTAL_NEXT.match(line.text, after[0], money[0].start) \
            or not _AMOUNT_FIRST.search(line.text, max(after[0], money[0].start - 8), money[0].start):
        return []
    return money[:1]


# the genre's subsidy words: what a 补贴/补助 project pays, named in its funds' sentence and in
# the standard's
_SUBSIDY = re.compile(r"补贴|补助|奖补|资助|慰问|救助|奖励")
_FUNDS_NAME = re.compile(r"(?:资金|经费|补贴|补助|奖补)(?:共计|合计|总计|共)?(?:为|是)?$")
_SHARED_PURPOSE = 4  # characters of the purpose both sentences name (小麦种植补贴)


_LEFT_OVER = re.compile(r"剩余|其余|结余|余下|另|其他|其它")
# an amount named as one funding level's or the local match's (中央资金, 省级补助, 县级配套, 自筹)
_LEVEL_SHARE = re.compile(r"^(?:其中)?(?:中央|省级|省|市级|市|州级|州|县级|县|区级|乡镇|乡级|本级|上级|地方)"
                          r"(?:财政)?(?:资金|补助|补贴|配套|衔接|奖补|专项)|配套|自筹")
# (投资 after a subsidy's price only: 每公里造价100万元，总投资… is the product)
_OTHER_AMOUNT = re.compile(r"每(?!年|月|天|日|季|学期)|人均|户均|亩均|村均|[人户亩村]平均")
_GAIN = re.compile(r"增收|增加|增长|减少|下降|节约|节省")
_YEARS_NAMED = re.compile(r"\d{2,4}\s*年|[上去前往]年|[两三四五六七八九十]年|累计")


def _amount_before(line: AuditLine, start: int, end: int) -> tuple[list[Figure], bool]:
    """The funds of the sentence before a price and its quantity that state no amount:
    "下达财政衔接资金280万元，用于优质小麦种植补贴项目。…对…28000亩进行补贴，按照每亩100元的
    小麦种植补贴标准发放" (round 3 412; the 项目概况 of subsidy projects states the funds, then the
    target and its standard) — that sentence's one amount, named as funds, when both sentences
    name the same subsidy (补贴/补助…) and the amount is named after it (补贴资金) or both name
    the purpose alike (a run of four characters or more); [] otherwise. The flag: linked by the
    subsidy's word only (下达补贴资金300万元，用于小麦种植补贴。补贴面积…), the funds may pay for
    more than the standard's product (a warning when they exceed it)."""
    if start == 0:
        return [], False
    before = line.span_at(start - 1, clauses=True)
    money = [f for f in line.figures_between(*before) if f.unit in _MONEY_FACTOR]
    if len(money) != 1 or not money[0].exact \
            or not _FUNDS_NAME.search(line.text, max(before[0], money[0].start - 10), money[0].start):
        return [], False
    a, b = line.text[before[0]:before[1]], line.text[start:end]
    if not (_SUBSIDY.search(a) and _SUBSIDY.search(b)):
        return [], False
    shared = [w for w in _SUBSIDY.findall(b) if w in a]
    name = line.text[max(before[0], money[0].start - 10):money[0].start]
    # (the funds named after the subsidy — 补贴资金 — or the purpose named alike in both)
    alike = common_run(a, b) >= _SHARED_PURPOSE
    if not shared or not (any(w in name for w in shared) or alike):
        return [], False
    return money, not alike


# The writer's own arithmetic, as the genre's 测算依据 and 资金测算 print it (绩效目标申报表 and
# 项目概况 of subsidy, wage and rent projects): "50户×2000元/户=10万元", "100人×200元/人×12个月
# =24万元", the amount first "补助资金10万元（50户×2000元/户）" or "10万元=50户×2000元". The figures
# joined by ×/*/乘以 are the factors, read as printed; one of them is money (a price or an amount,
# a percentage scales it), the result is money.
# (PDF text prints a blank between a figure and its unit — "50 户 × 2000 元/户 = 10 万元" —, which
# the figure reader then leaves out: the unit words may stand between the figure and the sign)
_SPACED_UNIT = r"(?:\s+[\u4e00-\u9fff]{1,2}(?:/[\u4e00-\u9fff]{1,2}){0,2})?"
_TIMES = re.compile(_SPACED_UNIT + r"\s*(?:[×xX*＊✕╳]|乘以?)\s*")
_TIMES_GATE = re.compile(r"[×*＊✕╳乘]|\d\s*[xX]\s*\d")  # (a Latin x only between digits: xx县 is no sign)
_SIGNS = ("×", "*", "＊", "✕", "╳", "乘", "x", "X")  # (what `_TIMES_GATE` needs, tested as substrings)
_EQUALS = re.compile(_SPACED_UNIT + r"\s*(?:[=＝]|等于)\s*")
_SPACED_MONEY = re.compile(r"\s+(万元|亿元|元)")
_OPEN = re.compile(r"\s*[（(]\s*(?:即|计|按)?\s*")
_CLOSE = re.compile(r"\s*[)）]")


def _money_of(text: str, fig: Figure) -> Decimal | None:
    """元 per 元-unit of a money figure or price (万元/平方米 → 10000), None for other figures;
    a figure without a unit is money when 元 follows it after blanks (PDF text)."""
    if not fig.unit:
        spaced = _SPACED_MONEY.match(text, fig.end)
        return _MONEY_FACTOR[spaced.group(1)] if spaced else None
    m = _PRICE.match(fig.unit)
    unit = m.group("money") if m else fig.unit
    return _MONEY_FACTOR.get(unit)


def _explicit_products(line: AuditLine) -> list[Finding]:
    """Products the line writes out (A × B × … = Y, or Y（A × B × …）) that do not give Y."""
    figures = line.figures
    text = line.text
    findings: list[Finding] = []
    k = 0
    while k < len(figures) - 1:
        j = k
        while j + 1 < len(figures) and _TIMES.fullmatch(text, figures[j].end, figures[j + 1].start):
            j += 1
        if j == k:
            k += 1
            continue
        factors = figures[k:j + 1]
        result = None
        if j + 1 < len(figures) and _EQUALS.fullmatch(text, figures[j].end, figures[j + 1].start):
            result = figures[j + 1]
        elif k > 0 and (_EQUALS.fullmatch(text, figures[k - 1].end, factors[0].start)
                        or (_OPEN.fullmatch(text, figures[k - 1].end, factors[0].start)
                            and _CLOSE.match(text, factors[-1].end))):
            result = figures[k - 1]  # (the amount first: Y = A × B, Y（A × B）)
        k = j + 1
        result_yuan = _money_of(text, result) if result is not None and "/" not in result.unit else None
        if result is None or result_yuan is None or not result.exact \
                or not all(f.exact and f.value > 0 for f in factors):
            continue
        money = [m for f in factors if (m := _money_of(text, f)) is not None]
        if len(money) != 1:
            continue  # (no money factor, or two: not a price × quantity the result is in)
        scale = money[0] / result_yuan
        values = []
        for f in factors:
            if f.unit in ("%", "‰"):
                scale /= 100 if f.unit == "%" else 1000
            values.append(f.value)
        if product_agrees(result.value, tuple(values), scale):
            continue
        implied = scale
        for v in values:
            implied *= v
        shown = round_half_up(implied, max(2, places(result.value)))
        written = " × ".join(f.raw for f in factors)
        unit = result.unit or next(u for u, y in _MONEY_FACTOR.items() if y == result_yuan)
        findings.append(Finding(
            code="product-mismatch", severity=Severity.ERROR,
            message=(f"所述金额 {result.raw}，按 {written} 计算应为 {fmt(shown)}{unit}"
                     f" / stated {result.raw}, {written} gives {fmt(shown)}{unit}"),
            stated=result.value, expected=shown, operands=tuple(values), unit=unit,
            line=line.number,
            excerpt=excerpt(text, min(result.start, factors[0].start),
                            max(result.end, factors[-1].end), 10)))
    return findings


# An amount per period and what the periods come to, with no quantity between: "每月租金6000元，
# 全年租金7.2万元", "月租金6000元，租期12个月，共7.2万元", "年租金10万元，租赁期3年，租金总额30万元"
# (the genre's rent, 物业 and service contracts state the monthly or yearly sum and the
# year's or the term's). Rents and fees only: a wage or a subsidy per month is per head of a
# count the report may state elsewhere (护林员月工资2000元，全年工资支出24万元 for ten of them).
_PER_PERIOD = re.compile(rf"(?:每(?P<p1>月|年)|(?P<p2>月|年)){_PERIOD_NOUN}?(?:为|是)?\s*$|"
                         rf"(?P<p3>月|年)(?:均|平均)?{_PERIOD_NOUN}(?:为|是)?\s*$")
_PERIOD_GATE = re.compile(r"[月年](?:租|物业|费|工资|薪|报酬|津贴|补|生活|单价|管|劳|服)|每[月年]")
_RENTS = re.compile(r"租|物业|管理费|服务费")
_WHOLE_YEAR = re.compile(r"(?:全年|年度|一年|每年|(?<![上下半前去往近两三四五六七八九十\d])年)"
                         r"[\u4e00-\u9fff]{0,6}$")
_TERM_TOTAL = re.compile(r"(?:共计|合计|总计|共|总额|总价|计)[\u4e00-\u9fff]{0,4}$|"
                         r"(?:租金|费用|金额)总额(?:为)?$")


def _period_cases(line: AuditLine) -> list[Finding]:
    """Per-period amount × periods against the amount they come to (see above)."""
    findings: list[Finding] = []
    text = line.text
    for start, end in line.spans(clauses=True):
        figures = line.figures_between(start, end)
        money = [f for f in figures if f.unit in _MONEY_FACTOR]
        if len(money) != 2 or any("/" in f.unit or f.unit in ("%", "‰") for f in figures):
            continue
        per, total = money
        m = _PER_PERIOD.search(text, max(start, per.start - 12), _words_end(text, per.start))
        if m is None or not (per.exact and total.exact) \
                or _prefixed_price(text, start, per).unit != per.unit:
            continue  # (每平方米每月30元: a price per unit, the quantity's product)
        period = m.group("p1") or m.group("p2") or m.group("p3")
        name = text[max(start, per.start - 12):per.start]
        total_name = text[max(per.end, total.start - 10):_words_end(text, total.start)]
        if not (_RENTS.search(name) or _RENTS.search(total_name)) \
                or any(f.unit in _COUNTED for f in figures):
            continue  # (a rent of several things counted — 3间, 2辆 — is per thing)
        counts = [f for f in figures if f.unit == ("个月" if period == "月" else "年") and f.exact]
        if len(counts) > 1:
            continue
        if counts:
            if not _TERM_TOTAL.search(total_name) and not _WHOLE_YEAR.search(total_name):
                continue
            factor = counts[0].value
        elif period == "月" and _WHOLE_YEAR.search(total_name) and not _OTHER_PERIOD.search(total_name):
            factor = Decimal(12)
        else:
            continue
        scale = factor * _MONEY_FACTOR[per.unit] / _MONEY_FACTOR[total.unit]
        if product_agrees(total.value, (per.value,), scale):
            continue
        shown = round_half_up(per.value * scale, max(2, places(total.value)))
        findings.append(Finding(
            code="product-mismatch", severity=Severity.ERROR,
            message=(f"所述金额 {total.raw}，按 {per.raw} × {fmt(factor)} 计算应为 "
                     f"{fmt(shown)}{total.unit} / stated {total.raw}, {per.raw} × {fmt(factor)} "
                     f"gives {fmt(shown)}{total.unit}"),
            stated=total.value, expected=shown, operands=(per.value, factor), unit=total.unit,
            line=line.number, excerpt=excerpt(text, per.start, total.end, 10)))
    return findings


def detect_unit_price(doc: AuditDocument) -> list[Finding]:
    """Price × quantity × periods vs the stated amount (see the module docstring), and the
    products the text writes out (`_explicit_products`)."""
    explicit: list[Finding] = []
    for line in doc.figured:
        # (both readings need two figures, one of them money, and the period one two amounts:
        # counted before any pattern is tried on the line)
        money = sum(1 for g in line.figures if g.unit in _MONEY_FACTOR)
        if not money or len(line.figures) < 2:
            continue
        text = line.text
        if any(sign in text for sign in _SIGNS) and _TIMES_GATE.search(text):
            explicit += _explicit_products(line)
        if money >= 2 and _PERIOD_GATE.search(text):
            explicit += _period_cases(line)
    cases = [c for line in doc.figured for c in _cases(line)]
    # (each case's agreeing factors computed once: Decimal products, asked up to three times)
    agreeing = [c.agreeing() for c in cases]
    # Readings of a damaged price unit that the document itself confirms.
    confirmed = {tuple(a) for c, a in zip(cases, agreeing, strict=True) if c.damaged and len(a) == 1}
    reading = next(iter(confirmed))[0] if len(confirmed) == 1 else None
    findings: list[Finding] = []
    for case, agrees_with in zip(cases, agreeing, strict=True):
        if agrees_with:
            continue
        if case.damaged:
            if reading is None:
                continue
            factor = reading
        else:
            factor = case.factors[0]
        implied = case.implied(factor)
        shown = round_half_up(implied, max(2, places(case.amount.value)))
        period = "月" if factor == 12 else "期"
        unit_note = (
            f"（原文单价单位残缺“{case.price.raw}”，按本文其他同类句子确认为每{period}）"
            if case.damaged else ""
        )
        findings.append(Finding(
            code="product-mismatch",
            # head counts change during a year, so a monthly per-head product is a warning;
            # a one-off amount per head (每户补助2000元) and areas or lengths are exact
            severity=Severity.WARNING if (case.quantity.unit in ("人", "户", "人次")
                                          and factor != 1)
            or (case.loose and implied < case.amount.value) or case.remote else Severity.ERROR,
            message=(
                f"所述金额 {case.amount.raw}，按 {case.quantity.raw} × {case.price.value} × "
                f"{fmt(factor)} 计算应为 {fmt(shown)}{case.amount.unit}{unit_note}"
                f" / stated {case.amount.value}, quantity × price × periods gives {fmt(shown)}"
            ),
            stated=case.amount.value,
            expected=shown,
            operands=(case.quantity.value, case.price.value, factor),
            unit=case.amount.unit,
            line=case.line.number,
            excerpt=excerpt(case.line.text, case.quantity.start, case.amount.end, 20),
        ))
    return explicit + findings


# "还需拨付325万元，市级预算安排80%计260万元" (003), "其中省级补助60%即300万元，县级配套40%计200万元":
# a share of an amount stated right after the percentage with 计/即/合计/折合 (为 only with no
# comma between: "利用率90%，为历年最高" and "…，资金为50万元" name other things)
# a percentage followed by a share's amount word (what `_SHARE_RESULT` matches, then a figure)
_SHARE_GATE = re.compile(r"%\s*(?:[，,]?\s*(?:即|计|共计|合计|计为|折合)|为)\s*(?:为)?\s*\d")
_CHANGE_BEFORE = re.compile(r"增长|增加|提高|上升|下降|减少|降低|增幅|降幅|超|节约|结余|上浮|下浮")
_SHARE_RESULT = re.compile(r"\s*(?:[，,]?\s*(?:即|计|共计|合计|计为|折合)|为)\s*(?:为)?\s*")


def detect_percent_of(doc: AuditDocument) -> list[Finding]:
    """An amount × a percentage against the share stated right after it (p% 计 Y).

    The base is the nearest money figure before the percentage that is not itself such a
    share (其中甲60%即300万元，乙40%计200万元: both of the 500 before them), with nothing but
    such shares between; the share is accused only when no earlier amount of the sentence
    gives it (the reading may be another whole) — operands ± half their last printed digit.
    """
    findings: list[Finding] = []
    for line in doc.lines:
        text = line.text
        if "%" not in text or not _SHARE_GATE.search(text):
            continue
        for start, end in line.spans():
            figures = line.figures_between(start, end)
            results: set[int] = set()  # starts of the shares read, never a base
            for k in range(len(figures) - 1):
                pct, share = figures[k], figures[k + 1]
                if pct.unit != "%" or share.unit not in _MONEY_FACTOR \
                        or not _SHARE_RESULT.fullmatch(text, pct.end, share.start):
                    continue
                results.add(share.start)
                if not (pct.exact and share.exact) or pct.value <= 0:
                    continue
                money = [f for f in figures[:k] if f.unit in _MONEY_FACTOR and f.exact
                         and f.start not in results]
                if not money:
                    continue
                base = money[-1]
                if _CHANGE_BEFORE.search(text, max(start, pct.start - 10), pct.start):
                    continue  # 较上年增长20%，为120万元: the amount after the change, not a share
                between = [f for f in figures[:k] if f.start > base.end]
                if any(f.unit != "%" and f.start not in results for f in between):
                    continue  # another figure between: the base is not said
                scale = Decimal(1) / 100
                if any(product_agrees(share.value, (_yuan(m) / _yuan_per(share), pct.value), scale)
                       for m in money):
                    continue
                implied = _yuan(base) / _yuan_per(share) * pct.value * scale
                shown = round_half_up(implied, max(2, places(share.value)))
                findings.append(Finding(
                    code="product-mismatch", severity=Severity.ERROR,
                    message=(f"所述金额 {share.raw}，按 {base.raw} × {pct.raw} 计算应为 "
                             f"{fmt(shown)}{share.unit} / stated {share.raw}, {base.raw} × "
                             f"{pct.raw} gives {fmt(shown)}{share.unit}"),
                    stated=share.value, expected=shown, operands=(base.value, pct.value),
                    unit=share.unit, line=line.number,
                    excerpt=excerpt(text, base.start, share.end, 10)))
    return findings


def _yuan(fig: Figure) -> Decimal:
    return fig.value * _MONEY_FACTOR[fig.unit]


def _price_yuan(price: Figure) -> Decimal:
    """A price in 元 per its unit (the money unit of 万元/平方米 taken into account)."""
    m = _PRICE.match(price.unit)
    money = m.group("money") if m else "元"
    return price.value * _MONEY_FACTOR.get(money, Decimal(1))


def _yuan_per(fig: Figure) -> Decimal:
    return _MONEY_FACTOR[fig.unit]


# A price list printed as a table (procurement and subsidy annexes: 序号 | 品名 | 数量 | 单价（元）|
# 金额（元）), rows × cells from html/docx/xlsx or pipes: each row's 数量 × 单价 against its 金额.
_QTY_HEAD = re.compile(r"^(?:数量|工程量|面积|人数|户数|台数|套数)")
_PRICE_HEAD = re.compile(r"^(?:单价|综合单价|补助标准|补贴标准|单位价格)")
_AMOUNT_HEAD = re.compile(r"^(?:金额|总价|合价|总额|小计|资金|补助金额|补贴金额|投资|费用)")
_HEAD_UNIT = re.compile(r"[（(](?P<unit>万元|元)[)）]")


def _column(texts: list[str], pattern: re.Pattern[str]) -> tuple[int, str] | None:
    """The one column whose header matches, with the money unit the header states."""
    found = [(i, t) for i, t in enumerate(texts) if pattern.match(t)]
    if len(found) != 1:
        return None
    i, t = found[0]
    m = _HEAD_UNIT.search(t)
    return i, (m.group("unit") if m else "")


def detect_price_table(doc: AuditDocument) -> list[Finding]:
    """数量 × 单价 against 金额 in every row of a table whose header names the three columns.

    Cells must be lone figures (an operator-free number, its unit allowed); a row with another
    number of cells (a merged or empty cell) or a 合计 row is not read; money units come from
    the header (单价（元）, 金额（万元）) or the cells, the same unit when neither says.
    """
    findings: list[Finding] = []
    lines = doc.lines
    for index, line in enumerate(lines):
        # (the gate names what `_PRICE_HEAD` starts with: 单价, …标准, 单位价格)
        if "|" not in line.text or not ("单价" in line.text or "标准" in line.text
                                        or "价格" in line.text):
            continue
        head = [c.text for c in cells(line)]
        qty, price, amount = (_column(head, _QTY_HEAD), _column(head, _PRICE_HEAD),
                              _column(head, _AMOUNT_HEAD))
        if qty is None or price is None or amount is None:
            continue
        for row in lines[index + 1:]:
            if "|" not in row.text:
                break
            got = cells(row)
            if len(got) != len(head):
                continue
            q, p, a = got[qty[0]].number, got[price[0]].number, got[amount[0]].number
            if q is None or p is None or a is None or not (q.exact and p.exact and a.exact) \
                    or q.value <= 0 or p.value <= 0:
                continue
            price_unit = price[1] or (p.unit if p.unit in _MONEY_FACTOR else "")
            amount_unit = amount[1] or (a.unit if a.unit in _MONEY_FACTOR else "")
            if bool(price_unit) != bool(amount_unit):
                continue  # one unit said, the other not: the scale is not known
            scale = (_MONEY_FACTOR[price_unit] / _MONEY_FACTOR[amount_unit]) if price_unit \
                else Decimal(1)
            if product_agrees(a.value, (q.value, p.value), scale):
                continue
            implied = round_half_up(q.value * p.value * scale, max(2, places(a.value)))
            findings.append(Finding(
                code="product-mismatch", severity=Severity.ERROR,
                message=(f"金额 {a.raw}，数量 {q.raw} × 单价 {p.raw} 应为 {fmt(implied)}"
                         f" / amount {a.raw}, quantity × unit price gives {fmt(implied)}"),
                stated=a.value, expected=implied, operands=(q.value, p.value),
                unit=amount_unit or a.unit, line=row.number,
                excerpt=excerpt(row.text, 0, len(row.text), 0)))
    return findings
