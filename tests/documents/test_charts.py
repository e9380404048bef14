"""Chart 1 shows completion as the rule scored it: no achieved indicator looks missed."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.documents.charts import chart_svg
from jixiao.documents.report_model import chart_specs, completion_rows
from jixiao.domain.indicators import Operator
from jixiao.domain.scoring import score_evaluation


def test_reverse_indicator_within_target_is_complete(scored) -> None:
    """房租及物业费支出 ≤ 2,281,500 with 2,225,038.16 spent: achieved, drawn at 100%,
    not at 97.53% (actual ÷ target) below the red line."""
    rows = {r[0]: r for r in completion_rows(scored, {})}
    rent = rows["房租及物业费支出"]
    assert rent[3] == Decimal("100.00") and rent[4] is True
    # Every Baoshan indicator has full marks: every bar reaches the line, all achieved.
    assert all(r[3] == 100 and r[4] for r in rows.values())
    assert len(rows) == len(scored.indicators)


def test_shortfall_is_drawn_short_and_flagged(evaluation) -> None:
    first = evaluation.indicators[0]  # ≥ 5236 平方米, 10 points
    short = replace(first, actual=Decimal(4188), deviation_reason="延期交付")
    scored = score_evaluation(replace(evaluation, indicators=(short, *evaluation.indicators[1:])))
    row = completion_rows(scored, {})[0]
    assert row[3] < 100 and row[4] is False
    svg = chart_svg(chart_specs(scored, {})[0])
    assert "#e07b24" in svg and "#3a6ea5" in svg  # one bar coloured as not achieved


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([Operator.GE, Operator.LE, Operator.EQ, Operator.GT, Operator.LT]),
       st.integers(1, 200), st.integers(0, 300))
def test_achieved_exactly_when_full_marks(evaluation, operator, target, actual) -> None:
    """For every operator, the bar reaches 100% exactly when the indicator got full marks,
    and its colour says the same."""
    first = evaluation.indicators[0]
    ind = replace(first, operator=operator, target=Decimal(target), actual=Decimal(actual),
                  deviation_reason="原因")
    scored = score_evaluation(replace(evaluation, indicators=(ind, *evaluation.indicators[1:])))
    s = scored.indicators[0]
    row = completion_rows(scored, {})[0]
    assert row[4] == (s.score >= ind.weight)
    assert (row[3] >= 100) == row[4]
    assert row[3] == (s.score / ind.weight * 100).quantize(Decimal("0.01"))


def test_chart_titles(scored) -> None:
    specs = chart_specs(scored, {})
    assert [s.kind for s in specs] == ["targets", "categories"]
    assert "得分 ÷ 分值" in specs[0].title
