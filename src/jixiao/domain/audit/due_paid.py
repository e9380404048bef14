"""Detector: an item paid for more than the report says was due for it.

Lease and service projects state what is due each year (``每年应承担物业管理费21万元``)
and, elsewhere, what was actually paid (``实际使用……其中：物业管理费644138.16元``). When
an item of exactly the same name is paid for more than was due, the two statements
contradict each other (or the payment covers something the report does not say). Paying
less than was due is common and legitimate within a year (timing, savings), so only the
excess is reported, and as a warning.

One exception: when a breakdown of what was paid (``其中：物业管理费644138.16元、租赁费
1580900元``) pays one item more than its due, another item of the same breakdown paid
less than its due is reported too (warning, ``underpayment``): the split itself then
contradicts the stated dues — money appears under the wrong item.

Names must be identical, or name the same item of the economic classification of
expenditure (租赁费 / 租金 / 房租 are 30214 租赁费; 物业费 / 物业管理费 are 30209) with
exactly one such item on each side and another item of the breakdown named exactly as
due — the document itself then pairs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.audit.facts import (
    AuditDocument,
    AuditLine,
    Figure,
    agrees,
    dimension,
    excerpt,
    fmt,
    in_unit,
    label_before,
    places,
)
from jixiao.domain.audit.restated import label_of
from jixiao.domain.findings import Finding, Severity

__all__ = ["detect_full_payment", "detect_paid_over_due"]

_DUE = re.compile(r"应(?:承担|缴纳|缴交|缴|付|支付)")
_PAID = re.compile(r"实际(?:使用|支付|支出|发生)|已支付|实付")


_Item = tuple[str, Figure, AuditLine]
_ITEM_CUT = re.compile(r"[，,。；;:：、\s]|\d")


def _labelled(doc: AuditDocument, marker: re.Pattern[str]) -> list[tuple[_Item, int]]:
    """Money figures named after `marker` (应承担…, 实际支付…), with their clause's start."""
    out: list[tuple[_Item, int]] = []
    for line in doc.figured:
        if not marker.search(line.text):
            continue  # (most lines: their clauses need not be cut)
        for start, end in line.spans(clauses=True):
            found = marker.search(line.text, start, end)
            if not found:
                continue
            for fig in line.figures_between(found.end(), end):
                if fig.exact and dimension(fig.unit)[0] == "money":
                    label = label_of(line.text, fig)
                    # "实际支付物业管理费24.7万元", "每年应付物业管理费21万元": the marker is the
                    # verb, the words between it and the figure name the item
                    # (only right after the marker: a slice to every later figure of a long
                    # clause would be quadratic)
                    gap = fig.start - found.end()
                    between = line.text[found.end():fig.start] if 2 <= gap < len(label) else ""
                    if between and label.endswith(between) and not _ITEM_CUT.search(between):
                        label = between
                    if 3 <= len(label) <= 12:
                        out.append(((label, fig, line), start))
    return out


# Items of the economic classification of expenditure (政府收支分类科目, 302 商品和服务支出)
# that reports name in several ways: a due and a paid statement naming the same class are
# about the same item (租赁费 paid is the 办公用房租金 due).
_CLASSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("30214 租赁费", re.compile(r"(?:租赁费|租金|房租|租费)$")),
    ("30209 物业管理费", re.compile(r"(?:物业管理费|物业费|物管费|物业服务费)$")),
    ("30206 电费", re.compile(r"电费$")),
    ("30205 水费", re.compile(r"水费$")),
    ("30213 维修（护）费", re.compile(r"(?:维修费|维护费|维修维护费|修缮费)$")),
    ("30216 培训费", re.compile(r"培训费$")),
    ("30211 差旅费", re.compile(r"差旅费$")),
    ("30215 会议费", re.compile(r"会议费$")),
    ("30202 印刷费", re.compile(r"印刷费$")),
)


def item_class(label: str) -> str | None:
    """The classification item a label names (租赁费 / 办公用房租金 → 30214 租赁费), or None."""
    return next((name for name, pattern in _CLASSES if pattern.search(label)), None)


@dataclass(frozen=True, slots=True)
class _Dues:
    """What is stated as due, by name and by classification item."""

    by_label: dict[str, list[_Item]]
    by_class: dict[str, list[_Item]]

    @classmethod
    def of(cls, due: list[_Item]) -> _Dues:
        by_label: dict[str, list[_Item]] = {}
        by_class: dict[str, list[_Item]] = {}
        for item in due:
            by_label.setdefault(item[0], []).append(item)
            kind = item_class(item[0])
            if kind is not None:
                by_class.setdefault(kind, []).append(item)
        return cls(by_label, by_class)


def _due_for(label: str, paid: Figure, breakdown: set[str], dues: _Dues) -> _Item | None:
    """The one due statement for a paid item: same name, or the same classification item.

    Different names of one item (租赁费 paid, 办公用房租金 due) are paired only when each
    side names that classification item exactly once and the breakdown also names another
    due item exactly — the document itself then pairs them.
    """
    stated = dues.by_label.get(label, [])
    if len(stated) > 2:
        return None  # due stated several times: which one applies is unclear
    owed = [item for item in stated if item[1] is not paid]
    if len(owed) == 1:
        return owed[0]
    kind = item_class(label)
    if owed or kind is None:
        return None
    same = dues.by_class.get(kind, [])
    if len(same) != 1 or same[0][0] in breakdown:
        return None
    if sum(1 for lab in breakdown if item_class(lab) == kind) != 1:
        return None
    if any(lab != label and lab in dues.by_label for lab in breakdown):
        return same[0]
    return None


def _finding(code: str, label: str, paid: Figure, line: AuditLine, owed: Figure,
             owed_line: AuditLine, limit: Decimal, owed_label: str) -> Finding:
    share = fmt(paid.value / limit * 100, 0, 1)
    zh, en = f"“{label}”", label
    if owed_label != label:  # the paired rent: say which due item it was taken for
        zh, en = f"“{label}”（即“{owed_label}”）", f"{label} (= {owed_label})"
    if code == "overpayment":
        words = (f"{zh}实际支付 {paid.raw}，多于第{owed_line.number}行所述每年应承担的 "
                 f"{owed.raw}（{share}%）"
                 f" / {en}: paid {paid.raw}, more than the {owed.raw} stated as due")
    else:
        words = (f"{zh}实际支付 {paid.raw}，少于第{owed_line.number}行所述每年应承担的 "
                 f"{owed.raw}（{share}%），而同一分项中另有支付多于应承担的项目"
                 f" / {en}: paid {paid.raw}, less than the {owed.raw} stated as due, while "
                 f"another item of the same breakdown is paid more than due")
    return Finding(
        code=code, severity=Severity.WARNING, message=words,
        stated=paid.value, expected=Decimal(fmt(limit, places(paid.value))),
        operands=(owed.value,), unit=paid.unit, line=line.number,
        excerpt=excerpt(line.text, paid.start, paid.end, 30))


def detect_paid_over_due(doc: AuditDocument) -> list[Finding]:
    """Item paid for more than is stated as due; in the same breakdown, one paid less (warnings)."""
    due = [item for item, _ in _labelled(doc, _DUE)]
    if not due:
        return []
    dues = _Dues.of(due)  # indexed once: a long report has many paid and due figures
    findings: list[Finding] = []
    # a breakdown: the paid items of one clause (实际使用…，其中：物业管理费…、租赁费…)
    breakdowns: dict[tuple[int, int], list[_Item]] = {}
    for item, clause in _labelled(doc, _PAID):
        breakdowns.setdefault((item[2].number, clause), []).append(item)
    for breakdown in breakdowns.values():
        names = {lab for lab, _, _ in breakdown}
        over: list[Finding] = []
        under: list[Finding] = []
        for label, paid, line in breakdown:
            pair = _due_for(label, paid, names, dues)
            if pair is None:
                continue
            owed_label, owed_fig, owed_line = pair
            limit = in_unit(owed_fig, paid.unit)
            if limit is None or limit <= 0:
                continue
            if paid.value > limit:
                over.append(_finding("overpayment", label, paid, line, owed_fig, owed_line, limit,
                                     owed_label))
            elif paid.value < limit:
                under.append(_finding("underpayment", label, paid, line, owed_fig, owed_line,
                                      limit, owed_label))
        if over and under:
            # one item of the breakdown paid over its due and another under its own: the split
            # contradicts the dues (money booked under the wrong item of the economic
            # classification — 30214 租赁费 and 30209 物业管理费 are separate items of the
            # 政府收支分类科目, and spending follows the budget by item); a lone overpayment may be
            # arrears paid (补缴) and stays a warning
            over = [f._replace(severity=Severity.ERROR) for f in over]
            under = [f._replace(severity=Severity.ERROR) for f in under]
        findings.extend(over)
        if over:
            findings.extend(under)
    return findings


# --- "paid in full" against what was due and against the stated rate ---------------------
#
# ``应发放补助资金100万元，已足额发放95万元`` and ``10441万元资金全部拨付到位，资金到位率93%``
# say the payment was full, and a figure of the same sentence says otherwise. The claim is the
# certain part: a sentence that also names a remainder (其余/剩余/除…外/部分/基本) is left alone.

_FULL = re.compile(r"(?:足额|全额|全部|如数|全数)(?:予以|已经|已)?(?P<verbs>(?:拨付|到位|支付|发放|兑付|"
                   r"执行|下达|兑现|拨款|使用|支出|付清|缴纳){1,2})")
_PARTIAL = re.compile(r"其余|其他|剩余|除|部分|基本|大部|尚未|未")
_DUE_WORDS = re.compile(r"应(?:付|支付|拨付|发放|兑付|到位|补助|拨|下达|兑现|补贴)")
_RATE_NAME = re.compile(r"(?P<stem>[\u4e00-\u9fff]{1,8}?)率(?:为|达|达到|是)?$")
_VERBS = re.compile(r"拨付|到位|支付|发放|兑付|执行|下达|兑现|拨款|使用|支出|付清|缴纳")
_MAX_SENTENCE = 2000  # longer "sentences" are flattened tables
_PAID_WORDS = re.compile(r"(?:实际|已|累计|共计|共)[\u4e00-\u9fff]{0,2}"
                         r"(?:拨付|到位|支付|发放|兑付|缴纳|付款)")
_PAID_GAP = re.compile(r"(?:了|资金|金额|款项|补助|补贴|为|共计|计|共|\s)*$")
# between the amount a claim is said of and the claim (…100万元，已全部拨付 / …100万元资金全部到位)
_SUBJECT_GAP = re.compile(r"[，,]?\s*(?:资金|款项|补助资金|补贴资金)?(?:已经|均已|现已|目前已|已|均)?\s*")
# a payment of another scope after the claim (其中…, 上年…, a part or a batch): not the whole's
_OTHER_PAYMENT = re.compile(r"其中|上年|去年|本次|首批|第[一二三四五六七八九十\d]|中央|省级|市级|县级|区级")


def _full_claims(line: AuditLine, start: int, end: int) -> list[Finding]:
    text = line.text
    claim = _FULL.search(text, start, end)
    if claim is None or _PARTIAL.search(text, start, end):
        return []
    verbs = set(_VERBS.findall(claim.group("verbs")))
    figures = line.figures_between(start, end)
    findings: list[Finding] = []
    for rate in figures:
        if rate.unit != "%" or not rate.exact or rate.value == 100:
            continue
        m = _RATE_NAME.search(label_before(text, rate, start, 16, spaced=True))
        if m is None or not any(m.group("stem").endswith(v) for v in verbs):
            continue
        findings.append(Finding(
            code="rate-mismatch", severity=Severity.ERROR,
            message=(f"文中称资金{claim.group()}，所述{m.group('stem')}率却为 {rate.raw}"
                     f" / the text says paid in full ({claim.group()}), the rate is {rate.raw}"),
            stated=rate.value, expected=Decimal(100), operands=(), unit="%",
            line=line.number, excerpt=excerpt(text, min(claim.start(), rate.start), rate.end, 10)))
    money = [f for f in figures if f.exact and dimension(f.unit)[0] == "money"]
    due = [f for f in money if f.end <= claim.start()
           and _DUE_WORDS.search(label_before(text, f, start, 16, spaced=True))]
    # the paid amount right after the claim (已足额发放95万元), nothing else in between
    paid = [f for f in money if claim.end() <= f.start <= claim.end() + 12
            and _PAID_GAP.match(text, claim.end(), f.start)]
    if len(due) == 1 and not paid:
        # "…全部发放到位，共发放95万元": the one amount paid named after the claim
        after = [f for f in money if f.start >= claim.end()]
        if len(after) == 1 \
                and _PAID_WORDS.search(label_before(text, after[0], start, 16, spaced=True)):
            paid = after
    if len(due) == 1 and not paid:
        # "应拨付资金100万元，实际拨付100万元，已足额拨付" / "应付工程款100万元，已支付100万元，
        # 全部付清": the one amount paid between what was due and the claim
        between = [f for f in money if due[0].end <= f.start and f.end <= claim.start()]
        if len(between) == 1 \
                and _PAID_WORDS.search(label_before(text, between[0], start, 16, spaced=True)):
            paid = between
    subject = False
    if not due:
        # "下达资金100万元，已全部拨付到位，实际拨付95万元" / "补助资金100万元已全额发放到户，
        # 实际发放95万元": the amount the claim is said of (right before it, nothing but 资金/已
        # between) is the amount due, and one amount paid by the claim's own verb after it says
        # otherwise (the national outline's 资金到位/拨付 paragraphs state both; an arrival, 到位,
        # is no payment to the recipients, 拨付/发放: the verbs must be the claim's)
        said = [f for f in money if f.end <= claim.start()
                and _SUBJECT_GAP.fullmatch(text, f.end, claim.start())]
        after = [f for f in money if f.start >= claim.end()]
        if said and paid:  # (…100万元，已全部拨付95万元: the claim's own amount)
            due, subject = said[-1:], True
        elif said and len(after) == 1:
            label = label_before(text, after[0], claim.end(), 16, spaced=True)
            verb = _PAID_WORDS.search(label)
            if verb is not None and any(v in verb.group() for v in verbs) \
                    and not _OTHER_PAYMENT.search(label):
                due, paid, subject = said[-1:], after, True
    if len(due) == 1 and paid:
        owed, got = due[0], paid[0]
        value = in_unit(got, owed.unit)
        if value is not None and not agrees(owed.value, value) and not agrees(value, owed.value):
            findings.append(Finding(
                code="due-paid-mismatch", severity=Severity.ERROR,
                message=(f"{'所述' if subject else '应付'} {owed.raw}，文中称{claim.group()}，"
                         f"所述金额却为 {got.raw} / {owed.raw} {'stated' if subject else 'due'}, "
                         f"said to be paid in full, yet {got.raw} was paid"),
                stated=got.value, expected=in_unit(owed, got.unit), operands=(owed.value,),
                unit=got.unit, line=line.number,
                excerpt=excerpt(text, owed.start, got.end, 10)))
    return findings


def detect_full_payment(doc: AuditDocument) -> list[Finding]:
    """足额/全额/全部 paid, yet a different amount than due or a rate below 100% (errors)."""
    findings: list[Finding] = []
    for line in doc.figured:
        # (足额/全额/全部/如数/全数: 足, 全 or 如 in every match)
        if ("全" not in line.text and "足" not in line.text and "如" not in line.text) \
                or not _FULL.search(line.text):
            continue
        for start, end in line.spans():
            if end - start <= _MAX_SENTENCE:
                findings.extend(_full_claims(line, start, end))
    return findings
