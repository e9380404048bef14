"""Figure extraction: numbers with units, qualifiers, Chinese numerals, and what is not a figure."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.audit.facts import agrees, places
from jixiao.ingest.figures import extract_figures
from jixiao.services.figure_audit import audit_lines


def _one(text: str) -> tuple[str, str, str]:
    figs = extract_figures(text)
    assert len(figs) == 1, figs
    f = figs[0]
    return str(f.value), f.unit, f.qualifier


@pytest.mark.parametrize(("text", "value", "unit", "qualifier"), [
    ("每年应承担办公用房租金203.45万元", "203.45", "万元", ""),
    ("租用总建筑面积为15415.38平方米,分别是", "15415.38", "平方米", ""),
    ("面积２０４．４６㎡", "204.46", "平方米", ""),
    ("合计2,034,501.6元", "2034501.6", "元", ""),
    ("在线答复率73.52%;", "73.52", "%", ""),
    ("全市政务服务中心累计接待群众咨询84.82万人(次)", "84.82", "万人", ""),
    ("提供约5236平方米的办公场所", "5236", "平方米", "approx"),
    ("实际发放300余户", "300", "户", "approx"),
    ("投资200万元左右", "200", "万元", "approx"),
    ("≥266米", "266", "米", "bound"),
    ("不超过3个工作日", "3", "个", "bound"),
    ("按20/.平方米计算", "20", "?/平方米", ""),
    ("人均9.50元/平方米/月", "9.50", "元/平方米/月", ""),
    ("发放标准为42元/户˙月。", "42", "元/户/月", ""),
    ("保障建筑面积15平方米/人", "15", "平方米/人", ""),
    ("全区13个街道总去化面积", "13", "个", ""),
    ("直属事业单位十三个", "13", "个", ""),
    ("自评得分99分,", "99", "分", ""),
    ("总面积723.60万rtf。", "723.60", "万", ""),
])
def test_figures_with_units(text: str, value: str, unit: str, qualifier: str) -> None:
    assert _one(text) == (value, unit, qualifier)


@pytest.mark.parametrize("text", [
    "发布日期 2023-04-27",
    "2021年9月1日拨付",
    "(保财建〔2021〕6号)",
    "2号楼第十四层",
    "新建C25砼排水沟",
    "一是加强管理；二是完善制度",
    "三级绩效指标",
    "",
])
def test_not_figures(text: str) -> None:
    assert [f for f in extract_figures(text) if f.unit] == []


def test_range_figures_are_not_exact() -> None:
    figs = extract_figures("预计投资10-20万元")
    assert figs and all(not f.exact for f in figs[:1])


def test_offsets_point_at_the_figure() -> None:
    text = "市政务服务管理局租用面积共计8477.09平方米,按2/.平方米计算"
    for f in extract_figures(text):
        assert text[f.start:f.end] == f.raw


@pytest.mark.parametrize(("stated", "computed", "ok"), [
    ("203.45", "203.450160", True),   # rounding
    ("97.80", "97.8086", True),       # truncation is accepted
    ("21", "20.345016", False),
    ("1020.02", "1020.03", False),
    ("0.1", "0.1446", True),
])
def test_tolerance_from_printed_precision(stated: str, computed: str, ok: bool) -> None:
    assert agrees(Decimal(stated), Decimal(computed)) is ok


_NOISE = list("0123456789.,，。万元亿平方米%约余多个年月日第号/|-— 其中分别是总共计"
              "一二三四五六七八九十百千两")
_WIDE = str.maketrans("０１２３４５６７８９．％／", "0123456789.%/")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(_NOISE), max_size=80))
def test_extraction_never_raises_and_spans_are_true(text: str) -> None:
    for f in extract_figures(text):
        assert 0 <= f.start < f.end <= len(text)
        assert f.raw == text[f.start:f.end].translate(_WIDE)


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["万元", "元", "平方米", "%", "件"]))
def test_printed_figure_reads_back_exactly(value: Decimal, unit: str) -> None:
    text = f"所述金额为{value}{unit}。"
    figs = extract_figures(text)
    assert len(figs) == 1
    assert figs[0].value == value and places(figs[0].value) == places(value)
    assert figs[0].unit == unit


def test_rounded_operands_widen_the_tolerance() -> None:
    from jixiao.domain.audit.facts import product_agrees, ratio_agrees

    # 222.50 ÷ 228.15 = 97.524%, but 222.505 ÷ 228.145 = 97.528% rounds to 97.53%
    assert ratio_agrees(Decimal("97.53"), Decimal("222.50"), Decimal("228.15"), Decimal(100))
    assert not ratio_agrees(Decimal("97.60"), Decimal("222.50"), Decimal("228.15"), Decimal(100))
    # whole numbers are exact: 94 ÷ 650 = 14.46%, not 14.5%
    assert not ratio_agrees(Decimal("14.50"), Decimal(94), Decimal(650), Decimal(100))
    # 8477.09 × 2 × 12 = 20.35万 whatever the hidden third decimal of the area
    assert not product_agrees(Decimal(21), (Decimal("8477.09"), Decimal(2)), Decimal(12) / 10000)
    assert product_agrees(Decimal("20.35"), (Decimal("8477.09"), Decimal(2)), Decimal(12) / 10000)


def test_pdf_text_spacing_a_number_from_its_percent_or_count_unit() -> None:
    """PDF text spaces 90 % and 30 人 as it spaces 2595.6208 万元; a word going on after a count
    unit (30 人参加 — 人参?) or a date word keeps the bare number."""
    def read(text: str) -> list[tuple[str, str]]:
        return [(str(f.value), f.unit) for f in extract_figures(text)]

    assert read("执行率为 90 %，") == [("90", "%")]
    assert read("执行率为90 %的") == [("90", "%")]
    assert read("培训 30 人，站点 12 个、300 户次") == [("30", "人"), ("12", "个"), ("300", "户次")]
    assert read("面积 100 平方米") == [("100", "平方米")]
    assert read("培训30 人参加") == [("30", "")]
    assert read("2022 年") == [("2022", "")]
    found = {(f.code, str(f.stated)) for f in audit_lines(["计划培训 100 人，实际培训 90 人，完成率 95 %。"])}
    assert ("rate-mismatch", "95") in found
    assert audit_lines(["计划培训 100 人，实际培训 90 人，完成率 90 %。"]) == ()
