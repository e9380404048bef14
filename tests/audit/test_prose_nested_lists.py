"""A 其中 list two levels deep (issue 10, branch i11p).

部门预算/决算 statements break their 收入 down by source and the source again
(``预算收入X万元。其中,财政拨款Y万元,其中纳入预算管理的罚没收入Z万元``, round 3 170, and the
部门整体 reports' 收入 paragraphs): the first item after the outer 其中 is that list's part
and the inner 其中's whole at once, so it alone above the outer total is a contradiction.
"""

from __future__ import annotations

import pytest

from jixiao.domain.findings import Severity
from jixiao.services.figure_audit import audit_lines


def _errors(lines: list[str]) -> set[tuple[str, str]]:
    return {(f.code, str(f.stated)) for f in audit_lines(lines) if f.severity is Severity.ERROR}


@pytest.mark.parametrize(("good", "total", "wrong"), [
    ("2022年部门预算收入1250万元。其中,一般公共预算财政拨款1250万元,其中纳入预算管理的罚没收入100万元。",
     "收入1250万元", "收入1100万元"),
    ("本年收入合计856.4万元，其中：财政拨款收入856.4万元，其中基本支出拨款600万元。",
     "合计856.4万元", "合计756.4万元"),
    ("2022年收入预算1,250,000元。其中，财政拨款收入1,250,000元，其中项目支出拨款300,000元。",
     "预算1,250,000元", "预算1,100,000元"),
])
def test_first_part_that_is_also_a_whole(good: str, total: str, wrong: str) -> None:
    assert _errors([good]) == set(), good
    stated = wrong[2:].removesuffix("万元").removesuffix("元").replace(",", "")
    assert ("sum-mismatch", stated) in _errors([good.replace(total, wrong)])


@pytest.mark.parametrize("text", [
    # a later item before the next 其中 is that marker's whole, not this list's part
    "下达资金100万元，其中中央资金60万元，拨付资金120万元，其中中央资金60万元。",
    # the inner list may name only some parts: a first part below the total proves nothing
    "2022年部门预算收入1300万元。其中,一般公共预算财政拨款1250万元,其中纳入预算管理的罚没收入100万元。",
    # approximate
    "2022年部门预算收入1100万元。其中,财政拨款约1250万元,其中罚没收入100万元。",
])
def test_nested_lists_that_stay_silent(text: str) -> None:
    assert _errors([text]) == set(), text
