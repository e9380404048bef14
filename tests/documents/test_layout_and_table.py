"""Layouts as data, and the 自评表 grid they produce (normalised golden text)."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest
import yaml

from jixiao.documents.layout import get_layout, layout_names, parse_layout, select_layout
from jixiao.documents.table_model import build_table
from jixiao.domain.errors import InputError

from .conftest import GOLDEN


def test_bundled_layouts() -> None:
    assert {"national-2020", "yunnan-2020"} <= set(layout_names())


@pytest.mark.parametrize(
    ("ruleset", "region", "year", "expected"),
    [
        ("national-2020", "云南省保山市", 2022, "yunnan-2020"),
        ("national-2020", "四川省青神县", 2022, "national-2020"),
        ("national-2020", "", 2020, "national-2020"),
        ("hubei", "云南省", 2022, "national-2020"),  # the Yunnan form is for national rules
        ("national-2020", "云南省", 2010, "national-2020"),  # before the layout's years
    ],
)
def test_select_layout(ruleset: str, region: str, year: int, expected: str) -> None:
    assert select_layout(ruleset, region, year).id == expected


def test_unknown_layout_is_an_input_error() -> None:
    with pytest.raises(InputError, match="未知的版式"):
        get_layout("atlantis")


def test_row_that_does_not_fill_the_grid_is_rejected() -> None:
    from importlib import resources

    text = (resources.files("jixiao.documents") / "layouts" / "national-2020.yaml").read_text(
        encoding="utf-8")
    data = yaml.safe_load(text)
    data["header"][0][1]["span"] = 7  # 1 + 7 = 8 of 9 columns
    with pytest.raises(InputError, match="应为 9 列"):
        parse_layout(data, "broken.yaml")


def _golden(name: str, text: str) -> str:
    path = GOLDEN / name
    if os.environ.get("JIXIAO_REGEN_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("layout", ["national-2020", "yunnan-2020"])
def test_grid_matches_golden(scored, layout: str) -> None:
    grid = build_table(scored, get_layout(layout))
    text = "\n".join(" | ".join(row) for row in grid.text_rows()) + "\n"
    assert text == _golden(f"table-{layout}.txt", text)


@pytest.mark.parametrize("layout", ["national-2020", "yunnan-2020"])
def test_grid_cells_tile_the_form(scored, layout: str) -> None:
    """Every grid slot is covered by exactly one cell: merged cells never overlap."""
    grid = build_table(scored, get_layout(layout))
    covered: dict[tuple[int, int], int] = {}
    for c in grid.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                covered[(r, k)] = covered.get((r, k), 0) + 1
    assert all(v == 1 for v in covered.values())
    assert len(covered) == grid.rows * len(grid.columns)


def test_figures_come_from_the_scored_evaluation(scored) -> None:
    grid = build_table(scored, get_layout("yunnan-2020"))
    by_text = {c.text: c for c in grid.cells}
    assert by_text["2,225,038.16"].value == Decimal("2225038.16")
    assert by_text["97.53%"].value == Decimal("0.9753")
    assert by_text["9.75"].value == scored.budget_execution.score
    assert by_text["99.75"].value == scored.total
    national = build_table(scored, get_layout("national-2020"))
    wan = {c.text: c.value for c in national.cells if c.kind == "amount"}
    assert wan["228.15"] == Decimal("228.15") and wan["222.50"] == Decimal("222.50")


# ---------------------------------------------------------------- property: any indicator list
from dataclasses import replace  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from jixiao.domain.indicators import Indicator, Operator  # noqa: E402
from jixiao.domain.scoring import score_evaluation  # noqa: E402

_TREE = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "社会效益指标"),
         ("满意度指标", "服务对象满意度指标"), ("成本指标", "经济成本指标")]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_TREE), st.integers(0, 200)), min_size=0, max_size=12),
       st.sampled_from(["national-2020", "yunnan-2020"]))
def test_any_indicator_list_tiles_the_form(evaluation, picks, layout) -> None:
    """Whatever the indicators (order, runs, count), merged cells tile the grid exactly and
    every indicator's score is printed once."""
    inds = tuple(
        Indicator(category=c, subcategory=s, name=f"测{i}号", operator=Operator.GE,
                  target=Decimal(100), actual=Decimal(a), weight=Decimal(5),
                  unit_of_measure="%")
        for i, ((c, s), a) in enumerate(picks)
    )
    scored = score_evaluation(replace(evaluation, indicators=inds))
    grid = build_table(scored, get_layout(layout))
    covered: dict[tuple[int, int], int] = {}
    for c in grid.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                covered[(r, k)] = covered.get((r, k), 0) + 1
    assert set(covered.values()) == {1}
    assert len(covered) == grid.rows * len(grid.columns)
    names = [c.text for c in grid.cells if c.text.startswith("测")]
    assert names == [f"测{i}号" for i in range(len(inds))]
