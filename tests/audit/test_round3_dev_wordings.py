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
