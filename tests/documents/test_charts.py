"""Chart 1 shows completion against the target with the rule's bands: no achieved
indicator looks missed, shortfalls and over-completion stand out, 40 indicators stay
readable; charts are plain SVG (no plotting library)."""

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
    """房租及物业费支出 ≤ 2,281,500 with 2,225,038.16 spent: achieved, drawn past the
    100% line (target ÷ actual = 102.54%), not at 97.53% (actual ÷ target) below it."""
    rows = {r[0]: r for r in completion_rows(scored, {})}
    rent = rows["房租及物业费支出"]
    assert rent[3] == Decimal("102.54") and rent[4] is True
    # Every Baoshan indicator has full marks: every bar reaches the line, all achieved.
    assert all(r[3] >= 100 and r[4] for r in rows.values())
    assert len(rows) == len(scored.indicators)
    # Not 14 identical bars: the chart shows how far past the target each one went.
    assert len({r[3] for r in rows.values()}) > 1


def test_shortfall_is_drawn_short_and_flagged(evaluation) -> None:
    first = evaluation.indicators[0]  # ≥ 5236 平方米, 10 points
    short = replace(first, actual=Decimal(4188), deviation_reason="延期交付")
    scored = score_evaluation(replace(evaluation, indicators=(short, *evaluation.indicators[1:])))
    row = completion_rows(scored, {})[0]
    assert row[3] < 100 and row[4] is False
    svg = chart_svg(chart_specs(scored, {})[0])
    assert "#e07b24" in svg and "#3a6ea5" in svg  # one bar coloured as not achieved
    assert completion_rows(scored, {})[0] == row  # worst first


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([Operator.GE, Operator.LE, Operator.EQ, Operator.GT, Operator.LT]),
       st.integers(1, 200), st.integers(0, 300))
def test_achieved_exactly_when_full_marks(evaluation, operator, target, actual) -> None:
    """For every operator, an indicator with full marks reaches the 100% line, and one
    that missed a one-sided target ("≥ > ≤ <") stays short of it."""
    first = evaluation.indicators[0]
    ind = replace(first, operator=operator, target=Decimal(target), actual=Decimal(actual),
                  deviation_reason="原因")
    scored = score_evaluation(replace(evaluation, indicators=(ind, *evaluation.indicators[1:])))
    s = scored.indicators[0]
    row = completion_rows(scored, {})[0]
    assert row[4] == (s.score >= ind.weight)
    if row[4]:
        assert row[3] >= 100
    elif operator is not Operator.EQ:
        assert row[3] < 100


def test_chart_titles(scored) -> None:
    specs = chart_specs(scored, {})
    assert [s.kind for s in specs] == ["targets", "categories"]
    assert "对照年度指标值" in specs[0].title


def test_forty_indicators_split_and_labelled(evaluation) -> None:
    from .conftest import many_indicators

    scored = score_evaluation(many_indicators(evaluation, 40))
    specs = [s for s in chart_specs(scored, {}) if s.kind == "targets"]
    assert [len(s.rows) for s in specs] == [25, 15]
    assert specs[0].title.endswith("（1/2）")
    svg = chart_svg(specs[0])
    assert svg.count("<text") >= 2 * 25  # each bar has its name and its value
    assert "100%" in svg and "130%" in svg and "80%" in svg  # the bands


def test_over_completion_drawn_as_such(evaluation) -> None:
    first = evaluation.indicators[0]
    over = replace(first, target=Decimal(100), actual=Decimal(200), deviation_reason="新增")
    scored = score_evaluation(replace(evaluation, indicators=(over, *evaluation.indicators[1:])))
    row = next(r for r in completion_rows(scored, {}) if r[0] == first.name)
    assert row[3] == Decimal("200.00") and row[6] is True
    assert "#7b3fa0" in chart_svg(chart_specs(scored, {})[0])


def test_no_matplotlib() -> None:
    import subprocess
    import sys

    code = ("import sys; from jixiao.documents import charts, render, pdf, docx_writers, "
            "html_writer; print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
