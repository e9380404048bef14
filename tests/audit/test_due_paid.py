"""due-paid: what was paid against what was due, in prose (and execution rates named 使用率)."""

from __future__ import annotations

import pytest

from jixiao.services.figure_audit import audit_lines


def _errors(text: str) -> set[tuple[str, str]]:
    return {(f.code, str(f.stated)) for f in audit_lines([text]) if f.severity.value == "error"}


# (consistent, contradictory, the error the contradiction gives)
CASES = [
    # paid "in full", yet another amount than due
    ("应发放补助资金100万元，已足额发放100万元。", "应发放补助资金100万元，已足额发放95万元。",
     ("due-paid-mismatch", "95")),
    ("按协议应支付租金18万元，已全额支付18万元。", "按协议应支付租金18万元，已全额支付16.2万元。",
     ("due-paid-mismatch", "16.2")),
    # paid "in full", yet a rate of that payment below 100%
    ("10441万元资金全部拨付到位，资金到位率100%。", "10441万元资金全部拨付到位，资金到位率93%。",
     ("rate-mismatch", "93")),
    # what is due = paid + not yet paid
    ("应拨付资金100万元，实际拨付80万元，尚未拨付20万元。",
     "应拨付资金100万元，实际拨付80万元，尚未拨付30万元。", ("paid-unpaid-mismatch", "100")),
    ("应发放补助资金100万元，已发放80万元，尚未发放20万元。",
     "应发放补助资金100万元，已发放80万元，尚未发放25万元。", ("paid-unpaid-mismatch", "100")),
    # execution rates: 项目资金 as the budget, 使用率 of a budget paid out
    ("项目资金共2179万元，截止2022年12月8日，已完成拨付2113.63万元，执行率97%。",
     "项目资金共2179万元，截止2022年12月8日，已完成拨付2113.63万元，执行率92%。", ("rate-mismatch", "92")),
    ("专项资金项目：预算20万元，2022年全年实际支付20万元，使用率100%。",
     "专项资金项目：预算20万元，2022年全年实际支付20万元，使用率96%。", ("rate-mismatch", "96")),
]


@pytest.mark.parametrize(("clean", "wrong", "finding"), CASES)
def test_due_and_paid(clean: str, wrong: str, finding: tuple[str, str]) -> None:
    assert _errors(clean) == set()
    assert finding in _errors(wrong)


@pytest.mark.parametrize("text", [
    "应发放补助资金100万元，实际发放95万元。",           # paying less is no contradiction
    "资金全部拨付到位，预算执行率93%。",                 # the claim is about another payment
    "除10万元外，资金全部拨付到位，资金到位率93%。",      # the claim is partial
    "项目资金100万元，其中中央资金60万元，已拨付90万元，执行率90%。",
])
def test_silent(text: str) -> None:
    assert _errors(text) == set()


def test_remainder_explained_in_the_next_sentence() -> None:
    clean = ("项目下达预算100万元，全年实际总支出90万元，预算执行率90%。"
             "未执行完的原因是剩余未执行完的10万元为结转资金。")
    assert _errors(clean) == set()
    wrong = clean.replace("剩余未执行完的10万元", "剩余未执行完的15万元")
    assert ("paid-unpaid-mismatch", "100") in _errors(wrong)
    # another whole in the next sentence: not this budget's remainder
    other = "下达预算100万元，已支付60万元。另有项目合同金额50万元，尚未支付30万元。"
    assert _errors(other) == set()


def test_money_unit_after_a_space() -> None:
    from jixiao.ingest.figures import extract_figures

    assert [(f.raw, f.unit) for f in extract_figures("实际总支出2595.6208 万元，标准 3 元/人")] \
        == [("2595.6208 万元", "万元"), ("3", "")]
