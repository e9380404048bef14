"""The table footnote states the rule set's own execution scoring; 分值 print without '.0'."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.documents.cells import points, points_text
from jixiao.documents.layout import get_layout
from jixiao.documents.render import report_for
from jixiao.documents.rule_text import execution_rule_text
from jixiao.documents.table_model import build_table
from jixiao.domain.rulesets import RULESETS, get_ruleset
from jixiao.domain.scoring import score_evaluation

from .conftest import needs_poppler, pdf_text, squash


@pytest.mark.parametrize(("name", "expected"), [
    ("national-2020", "预算执行率得分 = 执行率 × 分值（10分），最高不超过分值"),
    ("hubei", "预算执行率得分 = 执行率 × 分值（20分），最高不超过分值"),
    ("jiangxi", "预算执行率得分按档计分（分值10分）：执行率100%及以上得10分，80%（含）至100%得7分，"
                "60%（含）至80%得5分，60%以下得0分"),
])
def test_execution_rule_text_for_every_rule_set(name: str, expected: str) -> None:
    assert execution_rule_text(get_ruleset(name)) == expected


def test_every_bundled_rule_set_is_described() -> None:
    for rs in RULESETS.values():
        text = execution_rule_text(rs)
        assert points_text(rs.execution_weight) + "分" in text
        assert ("按档计分" in text) == (rs.execution_rule == "tiered")


def test_tiers_without_a_zero_tier_say_what_scores_nothing() -> None:
    rs = replace(get_ruleset("jiangxi"), execution_tiers=((Decimal(1), Decimal(10)),
                                                          (Decimal("0.9"), Decimal(8))))
    assert execution_rule_text(rs).endswith("90%（含）至100%得8分，90%以下得0分")


@pytest.mark.parametrize("ruleset", sorted(RULESETS))
def test_national_footnote_agrees_with_the_score(evaluation, ruleset: str) -> None:
    """Under jiangxi the table shows 97.53% and 得分 7.00: the note must describe tiers."""
    scored = score_evaluation(evaluation, get_ruleset(ruleset))
    grid = build_table(scored, get_layout("national-2020"))
    note = grid.footnotes[0]
    assert execution_rule_text(scored.ruleset) in note
    if ruleset == "jiangxi":
        assert "执行率 × 分值" not in note and "80%（含）至100%得7分" in note
        assert "7.00" in {c.text for c in grid.cells}
    else:
        assert "执行率 × 分值" in note and "按档" not in note


@needs_poppler
def test_jiangxi_table_pdf_prints_the_tiers(tmp_path, evaluation) -> None:
    from jixiao.documents.render import render_table

    scored = score_evaluation(evaluation, get_ruleset("jiangxi"))
    text = squash(pdf_text(render_table(scored, tmp_path / "t.pdf", "national-2020")))
    assert squash("80%（含）至100%得7分") in text and "执行率×分值" not in text


@pytest.mark.parametrize(("value", "text"), [
    ("50", "50"), ("50.0", "50"), ("50.00", "50"), ("6.25", "6.25"), ("6.250", "6.25"),
    ("0.5", "0.5"), ("100", "100"), ("1E+2", "100"), ("0", "0"), ("3.10", "3.1"),
])
def test_points_text(value: str, text: str) -> None:
    assert points_text(Decimal(value)) == text


@given(st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False))
def test_points_text_is_exact_and_has_no_trailing_zero(value: Decimal) -> None:
    text = points_text(value)
    assert Decimal(text) == value and points(value) == value
    assert "E" not in text and "e" not in text
    assert not ("." in text and text.endswith(("0", ".")))


def test_decimal_weights_print_without_point_zero(evaluation) -> None:
    """8 output indicators of 6.25 make 产出指标 50.00 points: printed '分值50分'."""
    outputs = [i for i in evaluation.indicators if i.category == "产出指标"]
    others = [i for i in evaluation.indicators if i.category != "产出指标"]
    assert len(outputs) == 7
    eight = [replace(i, weight=Decimal("6.25")) for i in outputs]
    eight.append(replace(outputs[0], name="新增面积", weight=Decimal("6.25")))
    scored = score_evaluation(replace(evaluation, indicators=(*eight, *others)))
    assert scored.categories["产出指标"].weight == Decimal("50.00")
    text = report_for(scored).plain_text()
    assert "产出指标共8项，分值50分" in text
    assert "得分50.00分（分值50分）" in text
    assert "（分值6.25分）" in text
    assert ".0分）" not in text and "分值50.0" not in text
    for layout in ("national-2020", "yunnan-2020"):
        grid = build_table(scored, get_layout(layout))
        weights = [c for c in grid.cells if c.kind == "number"]
        assert {"6.25", "10", "100"} <= {c.text for c in weights}
        assert not any(c.text.endswith(".0") or c.text.endswith(".00") for c in weights)
