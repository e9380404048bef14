"""Growth between two stated figures in the short form 由A增至B (issue 10, branch i11p).

Reports and the statistical bulletins they quote write the change between two years both as
由A增加到B and with the one-character verbs 增至 / 降至 / 减至 / 升至 (受益人数由500人增至600人).
The consistent sentence stays silent, the changed rate is found, approximate figures are no
operands.
"""

from __future__ import annotations

import pytest

from jixiao.domain.findings import Severity
from jixiao.services.figure_audit import audit_lines


def _errors(lines: list[str]) -> set[tuple[str, str]]:
    return {(f.code, str(f.stated)) for f in audit_lines(lines) if f.severity is Severity.ERROR}


@pytest.mark.parametrize(("good", "right", "wrong"), [
    ("收入由100万元增至120万元，增长20%。", "增长20%", "增长30%"),
    ("受益人数由上年的500人增至600人，增长20%。", "增长20%", "增长25%"),
    ("门诊人次从2021年的1000人次降至900人次，下降10%。", "下降10%", "下降5%"),
    ("单位能耗由2021年的50吨减至45吨，降幅10%。", "降幅10%", "降幅15%"),
])
def test_growth_from_a_to_b_with_one_character_verbs(good: str, right: str, wrong: str) -> None:
    assert _errors([good]) == set(), good
    assert ("growth-mismatch", wrong[2:].rstrip("%")) in _errors([good.replace(right, wrong)]), good


@pytest.mark.parametrize("text", [
    "收入由约100万元增至130万元，增长20%。",
    "收入由100万元增至130余万元，增长20%。",
    # an average or planned growth is another rate
    "收入由100万元增至130万元，年均增长10%。",
])
def test_growth_short_form_readings_that_stay_silent(text: str) -> None:
    assert _errors([text]) == set(), text
