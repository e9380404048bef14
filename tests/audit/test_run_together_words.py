"""Run-together 自评表 rows whose values are written in words (i13w).

The forms write targets with their comparison in words (不低于500人, 95%以上, 达到90%) and
actuals as statements (完成520人, 98%完成, 达到85%: 保山, 四川, 宁夏 tables, i11t). Text without
cell borders (OCR, previews) glues those words to the name before and the figures after;
every relation runs through that layout in test_table_layouts.py (``run-worded-values``,
``run-row-numbers``); here the cells themselves and the misreading that was possible.
"""

from __future__ import annotations

import pytest

from jixiao.domain.audit.tables import TableCell
from jixiao.ingest.docmodel.cells import run_cells
from jixiao.ingest.figures import extract_figures, extract_line


@pytest.mark.parametrize(("text", "cells"), [
    ("数量指标培训人数不低于500人完成520人2020无",
     ["数量指标", "培训人数", "不低于500人", "完成520人", "2020", "无"]),
    ("质量指标培训合格率95%以上98%完成1515无",
     ["质量指标", "培训合格率", "95%以上", "98%完成", "1515", "无"]),
    ("满意度指标学员满意度达到90%已完成95%1010无",
     ["满意度指标", "学员满意度", "达到90%", "已完成95%", "1010", "无"]),
    ("成本指标人均培训成本不超过2000元1800元1010无",
     ["成本指标", "人均培训成本", "不超过2000元", "1800元", "1010", "无"]),
    # (the plain form is cut as before)
    ("质量指标培训合格率≥95%98%1515无", ["质量指标", "培训合格率", "≥95%", "98%", "1515", "无"]),
])
def test_comparison_and_statement_words_stay_with_their_figure(text: str, cells: list[str]) -> None:
    assert [c.text for c in run_cells(extract_line(1, text))] == cells


def test_a_rate_is_never_cut_into_points_and_score() -> None:
    """98% glued after 完成 was cut into 分值 9, 得分 8%: a score is bare points."""
    from jixiao.ingest.docmodel.tables import _pair, _points_pair

    def cell(text: str) -> TableCell:
        return TableCell(text, 1, 0, len(text), tuple(extract_figures(text, normalised=True)))

    assert _pair(cell("98%")) is not None  # (a funds row's 1090% is 分值 10 | 执行率 90%)
    assert _points_pair(cell("98%")) is None
    pair = _points_pair(cell("2016"))
    assert pair is not None and [c.text for c in pair] == ["20", "16"]
