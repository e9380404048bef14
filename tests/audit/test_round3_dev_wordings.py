"""Wordings of the genre the new dev reports (round 3, 400–427) showed unread, in invented variants.

- parts before their 共计 naming what each amount bought (``购置电锅炉一台6.75万元``,
  ``增设发酵池十二个3.2万元``): the count says what was bought, the amount is the part (410);
- 支付完成率 / 拨付完成率 / 发放完成率: the share paid out, named with 完成 — what was paid over
  what was allocated, not a plan achieved (425's third-party evaluation summaries).

Each in several surface forms; consistent variants must stay silent, a changed figure must be
found as an error naming it.
"""

from __future__ import annotations

import pytest

from jixiao.services.figure_audit import audit_lines


def _errors(text: str) -> list[tuple[str, str, str]]:
    return [(f.code, str(f.stated), str(f.expected)) for f in audit_lines([text])
            if f.severity.value == "error"]


# --- parts naming what they bought ----------------------------------------------------------

def _bought(total: str = "40.83", sep: str = "；", comma: str = "，", counts: bool = True) -> str:
    n1, n2, n3 = ("一套", "2台", "十二个") if counts else ("", "", "")
    return (f"建厂房及基础设施12.08万元{sep}购买变压器{n1}18.8万元{sep}购置电锅炉{n2}6.75万元{sep}"
            f"增设发酵池{n3}3.2万元{sep}共计{total}万元{comma}已全部支付。")


BOUGHT = {"semicolons": {}, "half-width": {"sep": ";", "comma": ","}, "commas": {"sep": "，"},
          "no counts": {"counts": False}}


@pytest.mark.parametrize("surface", sorted(BOUGHT))
def test_consistent_priced_items_are_silent(surface: str) -> None:
    assert _errors(_bought(**BOUGHT[surface])) == []


@pytest.mark.parametrize("surface", sorted(BOUGHT))
def test_wrong_total_of_priced_items_is_found(surface: str) -> None:
    assert ("sum-mismatch", "50.83", "40.83") in _errors(_bought(total="50.83", **BOUGHT[surface]))


def test_a_count_after_the_amount_is_no_priced_item() -> None:
    # "3万元5台": which figure the item is about is not the genre's order; left unread
    assert _errors("购置电脑3万元5台，打印机1万元2台，合计5万元。") == []


def test_two_amounts_in_an_item_still_end_the_list() -> None:
    # 甲村 names a budget and a payment: the item holds two amounts, no one part
    assert _errors("甲村预算30万元已支付20万元，乙村40万元，合计90万元。") == []


# --- 支付完成率 --------------------------------------------------------------------------------

def _paid(rate: str = "94.91", word: str = "支付完成率", lead: str = "2021年下达财政专项扶贫资金",
          comma: str = "，") -> str:
    verb = word.removeprefix("资金")[:2]
    return (f"{lead}197万元{comma}截止到2021年12月31日{comma}实际已{verb}186.98万元{comma}"
            f"{word}为{rate}%。")


PAID = {"支付": {}, "拨付": {"word": "资金拨付完成率"}, "发放": {"word": "发放完成率"},
        "half-width": {"comma": ","}, "plain whole": {"lead": "项目资金"}}


@pytest.mark.parametrize("surface", sorted(PAID))
def test_consistent_paid_completion_rate_is_silent(surface: str) -> None:
    assert _errors(_paid(**PAID[surface])) == []


@pytest.mark.parametrize("surface", sorted(PAID))
def test_wrong_paid_completion_rate_is_found(surface: str) -> None:
    assert ("rate-mismatch", "90.91", "94.91") in _errors(_paid(rate="90.91", **PAID[surface]))


def test_approximate_whole_is_no_operand() -> None:
    assert _errors("下达资金约197万元，实际已支付186.98万元，支付完成率为90.91%。") == []


def test_a_plan_achieved_is_still_a_completion_rate() -> None:
    # 任务完成率: done over planned, as before
    assert ("rate-mismatch", "90", "95.00") in _errors("计划培训100人，实际培训95人，培训任务完成率90%。")


# --- 拨付率 with the allocation in a paragraph above ------------------------------------------

def _allocated(rate: str = "96", paid: str = "269.30", alloc: str = "2023年下达财政衔接资金280万元",
               comma: str = "，", between: tuple[str, ...] = ("二、项目资金拨付情况及总体评价",),
               word: str = "资金拨付率") -> list[str]:
    return [f"{alloc}{comma}用于优质小麦种植补贴，按每亩100元的标准发放。", *between,
            f"截止评价点{comma}该项目已拨付资金{paid}万元{comma}{word}{rate}%{comma}结余资金退回国库。"]


ALLOCATED = {"heading between": {}, "half-width": {"comma": ","}, "next line": {"between": ()},
             "支付率": {"word": "支付率"}, "专项扶贫资金": {"alloc": "下达财政专项扶贫资金280万元"},
             "blank lines": {"between": ("", "（二）资金拨付情况", "")}}


@pytest.mark.parametrize("surface", sorted(ALLOCATED))
def test_consistent_paid_rate_over_the_allocation_above_is_silent(surface: str) -> None:
    assert [e for e in _errors_lines(_allocated(**ALLOCATED[surface]))] == []


@pytest.mark.parametrize("surface", sorted(ALLOCATED))
def test_wrong_paid_rate_over_the_allocation_above_is_found(surface: str) -> None:
    found = _errors_lines(_allocated(rate="89", **ALLOCATED[surface]))
    assert [(c, s) for c, s, _ in found] == [("rate-mismatch", "89")]


def test_paid_rate_of_a_part_or_an_item_is_not_over_the_whole() -> None:
    # 中央资金拨付率 is over the 中央 part; (一)甲村… an item's own — neither over the 280 above
    part = _allocated(rate="89")
    part[-1] = part[-1].replace("该项目已拨付资金", "中央资金已拨付").replace("资金拨付率", "中央资金拨付率")
    assert _errors_lines(part) == []
    item = _allocated(rate="89")
    item[-1] = "（一）甲村已拨付资金100万元，资金拨付率89%。"
    assert _errors_lines(item) == []


def test_another_payment_between_stops_the_look_back() -> None:
    lines = _allocated(rate="89", between=("二、资金使用情况", "上半年已支付资金100万元。"))
    assert _errors_lines(lines) == []


def test_approximate_allocation_is_no_operand() -> None:
    assert _errors_lines(_allocated(rate="89", alloc="2023年下达财政衔接资金约280万元")) == []


def _errors_lines(lines: list[str]) -> list[tuple[str, str, str]]:
    return [(f.code, str(f.stated), str(f.expected)) for f in audit_lines(lines)
            if f.severity.value == "error"]


# --- reported − dropped out = actual ------------------------------------------------------------

def _dropped(reported: str = "11200户26940人", dropped: str = "4户10人", actual: str = "11196户26930人",
             comma: str = "，", stop: str = "。", verb: str = "减少") -> str:
    return (f"各乡镇审核上报人数为{reported}{stop}在实际执行过程中{comma}因死亡等原因{verb}{dropped}"
            f"{comma}实际享受补贴人员为{actual}{comma}实际发放补贴资金269.3万元。")


DROPPED = {"full-width": {}, "half-width": {"comma": ",", "stop": "。"}, "one sentence": {"stop": "，"},
           "核减": {"verb": "核减"}, "剔除": {"verb": "剔除"}, "named first": {"verb": "剔除不符合条件的"},
           "one unit": {"reported": "200人", "dropped": "5人", "actual": "195人"}}


@pytest.mark.parametrize("surface", sorted(DROPPED))
def test_consistent_dropped_counts_are_silent(surface: str) -> None:
    assert _errors(_dropped(**DROPPED[surface])) == []


@pytest.mark.parametrize("surface", sorted(DROPPED))
def test_wrong_reported_count_is_found(surface: str) -> None:
    kw = dict(DROPPED[surface])
    kw["reported"] = kw.get("reported", "11200户26940人").replace("200", "300", 1)
    found = _errors(_dropped(**kw))
    stated = kw["reported"].split("户")[0].removesuffix("人")
    assert any(c == "sum-mismatch" and s == stated for c, s, _ in found), found


def test_wrong_actual_second_unit_is_found() -> None:
    assert ("sum-mismatch", "26940", "26936") in _errors(_dropped(actual="11196户26926人"))


@pytest.mark.parametrize("text", [
    "计划培训200人，因故退出5人，新增10人，实际培训205人。",  # another change between
    "计划培训200人，其中男性100人，因故退出5人，实际培训190人。",  # the figure before is a part
    "培训200人，因故退出5人，实际培训190人。",  # the first count is not named as reported
    "计划培训约200人，因故退出5人，实际培训190人。",  # approximate
    "计划培训200人，因故退出5人，培训190人。",  # the last count is not named as actual
])
def test_uncertain_dropped_counts_are_silent(text: str) -> None:
    assert _errors(text) == []


def test_a_change_from_last_year_is_no_dropping_out() -> None:
    assert _errors("计划改造12户，比上年减少2户，实际改造12户。") == []
    assert _errors("计划改造12户，较上年度减少2户，实际改造12户。") == []


@pytest.mark.parametrize("word", ["支付完成率", "资金拨付率", "支付率"])
def test_a_payment_above_its_allocation_with_a_lower_rate_is_found(word: str) -> None:
    found = _errors(_paid(rate="94.91", word=word).replace("186.98", "233.73"))
    assert ("rate-mismatch", "94.91", "118.64") in found


@pytest.mark.parametrize("text", [
    "下达资金100万元，已拨付120万元，资金拨付率100%。",  # capped at 100 %: a convention
    "下达资金100万元，已拨付120万元，资金拨付率120%。",  # consistent
    "下达中央资金100万元，已拨付120万元，资金拨付率90%。",  # the allocation is a part's
    "下达资金100万元，安排资金90万元，已拨付120万元，资金拨付率90%。",  # two allocations
])
def test_payment_above_allocation_uncertain_or_consistent_is_silent(text: str) -> None:
    assert _errors(text) == []
