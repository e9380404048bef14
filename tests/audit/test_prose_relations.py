"""Prose relations written in the genre's many ways (issue 10, "What goes wrong" 3–6).

Each case is a consistent sentence that must stay silent beside the same sentence with one
figure changed, which must be reported. The sentences are written here, in the styles of
several provinces' reports.
"""

from __future__ import annotations

import pytest

from jixiao.ingest.figures import extract_figures
from jixiao.services.figure_audit import audit_lines


def _errors(text: str) -> set[tuple[str, str]]:
    return {(f.code, str(f.stated)) for f in audit_lines([text]) if f.severity.value == "error"}


# (consistent, contradictory, the finding the contradiction gives)
RATES = [
    # operands in other clauses of the sentence (；)
    ("受理诉求200件；办结180件；办结率90%。", "受理诉求200件；办结180件；办结率95%。",
     ("rate-mismatch", "95")),
    # per mille
    ("全年受理10000件，其中投诉5件，投诉率0.5‰。", "全年受理10000件，其中投诉8件，投诉率0.5‰。",
     ("rate-mismatch", "0.5")),
    # the rate first, its operands after
    ("投诉率为0.5‰，共受理10000件，投诉5件。", "投诉率为0.6‰，共受理10000件，投诉5件。",
     ("rate-mismatch", "0.6")),
    # 万 without 元 is money after a money word
    ("全年预算数200万，全年执行数180万，预算执行率90%。", "全年预算数200万，全年执行数180万，预算执行率95%。",
     ("rate-mismatch", "95")),
    # paid + unpaid is the whole
    ("已支付60万元，尚未支付40万元，支付率60%", "已支付60万元，尚未支付40万元，支付率65%",
     ("rate-mismatch", "65")),
    # an execution rate named as a share of the budget, a line without a final 。
    ("本年度财政拨款为150万元:执行数为125.25万元,完成预算的83.50%",
     "本年度财政拨款为150万元:执行数为125.25万元,完成预算的85.50%", ("rate-mismatch", "85.50")),
]


@pytest.mark.parametrize(("clean", "wrong", "finding"), RATES)
def test_rates(clean: str, wrong: str, finding: tuple[str, str]) -> None:
    assert _errors(clean) == set()
    assert finding in _errors(wrong)


def test_bare_wan_is_money_only_after_a_money_word() -> None:
    units = [f.unit for f in extract_figures("下达资金150万，培训人员3万，物业费20万")]
    assert units == ["万元", "万", "万元"]
