"""The document model: tables recovered as rows × cells from every flattened layout.

Tables written here by hand in the shapes real published text arrives in (pipes, one cell
per line, spaces, tabs, a header spread over two lines, merged cells repeated or empty);
each must give the same rows, and every cell must keep its line.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.domain.audit.tables import FUNDS, INDICATORS, Table
from jixiao.ingest.docmodel.document import build_document
from jixiao.services.figure_audit import audit_lines

HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
          "偏差原因分析及改进措施"]
ROWS = [
    ["产出指标", "数量指标", "培训人数", "≥100人", "120人", "30", "30", "无"],
    ["", "质量指标", "培训合格率", "≥95%", "97%", "20", "20", "无"],
    ["效益指标", "社会效益指标", "就业率", "≥80%", "85%", "30", "30", "无"],
    ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "96%", "20", "18", "个别学员反映课时偏少"],
]
TOTAL = ["总分", "100", "98", "优"]


def pipes() -> list[str]:
    return ["项目支出绩效自评表", " | ".join(HEADER), *(" | ".join(r) for r in ROWS), " | ".join(TOTAL)]


def one_cell_per_line() -> list[str]:
    out = ["项目支出绩效自评表"]
    for row in [HEADER, *ROWS, TOTAL]:
        out.extend(f"{c} |" if c else "|" for c in row)
        out.append("|||||")
    return out


def spaces() -> list[str]:
    # merged cells left empty disappear in space-separated text
    return ["项目支出绩效自评表", "  ".join(HEADER), *("  ".join(c for c in r if c) for r in ROWS),
            " ".join(TOTAL)]


def tabs() -> list[str]:
    return ["项目支出绩效自评表", "\t".join(HEADER), *("\t".join(r) for r in ROWS), "\t".join(TOTAL)]


def two_line_header() -> list[str]:
    first = ["一级指标", "二级指标", "三级指标", "年度", "实际", "分值", "得分", "偏差原因分析及改进措施"]
    return ["项目支出绩效自评表", " | ".join(first), "指标值 | 完成值",
            *(" | ".join(r) for r in ROWS), " | ".join(TOTAL)]


def repeated_merged() -> list[str]:
    rows = [list(r) for r in ROWS]
    rows[1][0] = "产出指标"
    return ["项目支出绩效自评表", " | ".join(HEADER), *(" | ".join(r) for r in rows), " | ".join(TOTAL)]


LAYOUTS = [pipes, one_cell_per_line, spaces, tabs, two_line_header, repeated_merged]


def _indicators(lines: list[str]) -> Table:
    doc = build_document(lines)
    (table,) = [t for t in doc.tables if t.kind == INDICATORS]
    return table


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda f: f.__name__)
def test_indicator_table_in_every_layout(layout) -> None:  # type: ignore[no-untyped-def]
    lines = layout()
    table = _indicators(lines)
    assert table.columns == ("level1", "level2", "name", "target", "actual", "weight", "score",
                             "reason")
    assert [r.name for r in table.rows] == ["培训人数", "培训合格率", "就业率", "学员满意度"]
    assert [r.labels for r in table.rows] == [("产出指标", "数量指标"), ("产出指标", "质量指标"),
                                              ("效益指标", "社会效益指标"),
                                              ("满意度指标", "服务对象满意度指标")]
    assert [r.figure("score").value for r in table.rows] == [30, 20, 30, 18]  # type: ignore[union-attr]
    assert table.rows[3].get("reason").text == "个别学员反映课时偏少"  # type: ignore[union-attr]
    assert table.total is not None and table.total.score is not None
    assert (table.total.score.value, table.total.grade) == (Decimal(98), "优")
    assert table.title == "项目支出绩效自评表"
    # every cell keeps its line: the text of that line holds the cell
    for row in table.rows:
        for cell in row.cells.values():
            assert lines[cell.line - 1][cell.start:cell.end] == cell.text


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda f: f.__name__)
def test_clean_table_is_silent_and_a_planted_score_is_found(layout) -> None:  # type: ignore[no-untyped-def]
    assert [f for f in audit_lines(layout()) if f.severity.value == "error"] == []
    global ROWS
    saved = ROWS
    try:
        ROWS = [list(r) for r in saved]
        ROWS[2][6] = "33"  # 就业率 scored 33 of 30
        found = {(f.code, str(f.stated)) for f in audit_lines(layout())}
    finally:
        ROWS = saved
    assert ("score-above-weight", "33") in found
    assert ("sum-mismatch", "98") in found  # 30+20+33+18 = 101 ≠ 98, weights 100 = available


def test_total_row_and_grade() -> None:
    lines = pipes()
    lines[-1] = "总分 | 100 | 88 | 优"
    found = {(f.code, str(f.stated), f.line) for f in audit_lines(lines)}
    assert ("sum-mismatch", "88", 7) in found
    assert ("grade-mismatch", "88", 7) in found


def test_category_weight_against_its_rows() -> None:
    rows = [
        "一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分",
        "产出指标(50分) | 数量指标 | 培训人数 | ≥100人 | 120人 | 20 | 20",
        "产出指标(50分) | 质量指标 | 合格率 | ≥95% | 97% | 20 | 20",
        "效益指标(30分) | 社会效益指标 | 就业率 | ≥80% | 85% | 40 | 40",
        "满意度指标(10分) | 服务对象满意度指标 | 满意度 | ≥90% | 95% | 10 | 10",
        "总分 | 90 | 90",
    ]
    # rows 20+20+40+10 = 90 = the 总分 row's points: every row read, so 产出 40 ≠ 50 is certain
    found = [(f.code, str(f.stated), str(f.expected)) for f in audit_lines(rows)]
    assert ("weights-sum-mismatch", "50", "40") in found
    assert ("weights-sum-mismatch", "30", "40") in found
    rows[2] = rows[2].replace("| 20 | 20", "| 30 | 30")
    rows[3] = rows[3].replace("| 40 | 40", "| 30 | 30")
    assert [f for f in audit_lines(rows) if f.code == "weights-sum-mismatch"] == []


def test_category_weight_is_not_checked_when_a_row_may_be_missing() -> None:
    """Rows adding up to neither the 总分 row's points nor 100: a row may have been lost."""
    rows = [
        "一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分",
        "产出指标(50分) | 数量指标 | 培训人数 | ≥100人 | 120人 | 20 | 20",
        "产出指标(50分) | 质量指标 | 合格率 | ≥95% | 97% | 20 | 20",
        "效益指标(30分) | 社会效益指标 | 就业率 | ≥80% | 85% | 30 | 30",
    ]
    assert [f for f in audit_lines(rows) if f.code == "weights-sum-mismatch"] == []


def test_docked_achieved_row_without_reason_is_an_error() -> None:
    # met by its printed figures, the 偏差原因 cell says 无: certain (tests/audit/test_docked.py)
    rows = ["一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因",
            "产出指标 | 时效指标 | 资金到位及时率 | ≥100% | 100% | 10 | 7 | 无"]
    (f,) = audit_lines(rows)
    assert (f.code, f.severity.value, str(f.stated)) == ("score-docked-achieved", "error", "7")
    rows[1] = rows[1].replace("| 无", "| 到位滞后一个月")
    assert audit_lines(rows) == ()


FUNDS_ONE_CELL = """项目资金 (万元) |
|
年初预算数 |
全年预算数 |
全年执行数 |
分值 |
执行率 |
得分 |
|||||
年度资金总额 |
150万 |
150万 |
125.25万 |
10 |
{rate} |
{score} |
|||||
其中:当年财政拨款 |
{part} |
150万 |
125.25万 |
— |
|
— |
上年结转资金 |
0 |
0 |
0 |
— |
|
— |""".splitlines()


def _funds(rate: str = "83.5%", score: str = "8.35", part: str = "150万") -> list[str]:
    return [ln.format(rate=rate, score=score, part=part) for ln in FUNDS_ONE_CELL]


def test_funds_table_one_cell_per_line() -> None:
    doc = build_document(_funds())
    (table,) = [t for t in doc.tables if t.kind == FUNDS]
    assert table.unit == "万元"
    assert [r.name for r in table.rows] == ["年度资金总额", "其中:当年财政拨款", "上年结转资金"]
    assert table.rows[0].get("rate").line == 15  # type: ignore[union-attr]
    assert audit_lines(_funds()) == ()


def test_funds_rate_and_parts_planted() -> None:
    found = {(f.code, str(f.stated), f.line) for f in audit_lines(_funds(rate="85.3%"))}
    assert ("rate-mismatch", "85.3", 15) in found
    found = {(f.code, str(f.stated)) for f in audit_lines(_funds(part="160万"))}
    assert ("funds-parts-mismatch", "150") in found


def test_funds_against_indicators() -> None:
    indicator = ["一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因",
                 "产出指标 | 数量指标 | 预算执行率 | 100% | {rate} | 20 | 16.7 | 执行进度慢",
                 "产出指标 | 成本指标 | 运行维护费 | ≤150万元 | {cost} | 10 | 10 | 无"]
    clean = _funds() + [ln.format(rate="83.5%", cost="125.25万元") for ln in indicator]
    assert [f for f in audit_lines(clean) if f.severity.value == "error"] == []
    wrong = _funds() + [ln.format(rate="90%", cost="150万元") for ln in indicator]
    found = {(f.code, str(f.stated)) for f in audit_lines(wrong)}
    assert ("funds-indicator-mismatch", "90") in found
    assert ("funds-indicator-mismatch", "150") in found


def test_prose_is_no_table() -> None:
    lines = ["一级指标和二级指标的分值得分情况见附表。", "全年执行数100万元，执行率100%。"]
    assert build_document(lines).tables == ()


def test_blank_unit_cell_dropped_by_the_reader() -> None:
    """xlsx and space-separated text drop blank cells: a qualitative row without its 度量单位."""
    rows = ["一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分",
            "效益指标 | 可持续影响指标 | 保障中心正常运转 | 定性 | 全年正常运转 | 达成年度指标 | 5 | 5.00",
            "满意度指标 | 服务对象满意度指标 | 服务对象满意度 | ≥ | 90 | % | 100 | 10 | 10.00",
            "总分 | | | | | | | | 15 | 15.00 | 差"]
    table = _indicators(rows)
    assert [r.name for r in table.rows] == ["保障中心正常运转", "服务对象满意度"]
    assert table.rows[0].get("unit") is None and table.rows[1].get("unit").text == "%"  # type: ignore[union-attr]
    assert table.total is not None and table.total.available is not None
    assert (table.total.available.value, table.total.grade) == (15, "差")


@pytest.mark.parametrize("suffix", [".xlsx", ".docx", ".pdf"])
def test_our_rendered_table_is_recovered(tmp_path, suffix) -> None:  # type: ignore[no-untyped-def]
    from jixiao.documents.render import render_table
    from jixiao.domain.scoring import score_evaluation
    from jixiao.ingest.evaluation_file import load_evaluation
    from jixiao.ingest.report_text import read_report

    example = Path(__file__).resolve().parents[2] / "examples" / "baoshan-2022-rent-property.yaml"
    scored = score_evaluation(load_evaluation(example))
    out = tmp_path / f"table{suffix}"
    render_table(scored, out, layout="national-2020")
    doc = build_document(read_report(out).lines)
    kinds = {t.kind: t for t in doc.tables}
    assert len(kinds[INDICATORS].rows) >= 12  # 13 indicators; pdf may wrap one name
    assert kinds[FUNDS].rows[0].figure("rate").value == Decimal("97.53")  # type: ignore[union-attr]
    assert kinds[INDICATORS].total is not None


def test_xlsx_cells_round_half_up(tmp_path: Path) -> None:
    """One rounding helper on the whole audit path: 0.125 shown with two decimals is 0.13."""
    from openpyxl import Workbook

    from jixiao.ingest.report_text import read_report

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["执行率", 0.125, 0.5625])
    ws["B1"].number_format = "0.00"
    ws["C1"].number_format = "0.0%"
    wb.save(tmp_path / "t.xlsx")
    assert read_report(tmp_path / "t.xlsx").lines == ("执行率 | 0.13 | 56.3%",)


def test_header_prefix_in_its_own_cell_one_cell_per_line() -> None:
    """全年 / 执行数 as two cells, one per line: one column (全年执行数)."""
    lines = ["全年预算数", "", "全年", "", "执行数", "", "分值", "", "执行率", "", "得分", "",
             "年度资金总额", "", "200万元", "", "150万元", "", "10", "", "80%", "", "8"]
    doc = build_document(lines)
    (table,) = doc.tables
    assert table.columns == ("budget", "executed", "weight", "rate", "score")
    found = {(f.code, str(f.stated)) for f in audit_lines(lines)}
    assert ("rate-mismatch", "80") in found  # 150 ÷ 200 = 75%


def test_two_row_header_flattened_upper_row_first() -> None:
    """A merged 绩效指标 cell: 年度指标值…偏差原因 printed before 一级指标…度量单位 (docx)."""
    rows = ["| 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 一级指标 "
            "| 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 产出指标 | 数量指标 | 受助人数 | ≧ "
            "| 735 | 人次 | 735 | 10 | 10 |",
            "| 时效指标 | 资金到位及时率 | ≧ | 100 | % | 100% | 10 | 7 |"]
    table = _indicators(rows)
    assert table.columns == ("level1", "level2", "name", "nature", "target", "unit", "actual",
                             "weight", "score", "reason")
    assert [(r.name, r.figure("score").value) for r in table.rows] == [  # type: ignore[union-attr]
        ("受助人数", 10), ("资金到位及时率", 7)]


HTML = """<html><body><p>项目支出绩效自评表</p><table>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td>
<td>分值</td><td>得分</td><td>偏差原因分析及改进措施</td></tr>
<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>培训人数</td><td>≥100人</td><td>120人</td>
<td>30</td><td>30</td><td></td></tr>
<tr><td>质量指标</td><td>合格率</td><td>≥95%</td><td>97%</td><td>20</td><td>{score}</td><td></td></tr>
<tr><td>效益指标</td><td>社会效益指标</td><td>就业率</td><td>≥80%</td><td>85%</td><td>30</td><td>30</td>
<td></td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>满意度</td><td>≥90%</td><td>96%</td><td>20</td>
<td>20</td><td></td></tr>
<tr><td>总分</td><td colspan="4"></td><td>100</td><td>100</td><td>优</td></tr>
</table></body></html>"""


def test_html_table_from_its_structure_with_a_rowspan() -> None:
    from jixiao.ingest.report_text import text_from_bytes

    def lines(score: str) -> list[str]:
        return text_from_bytes(HTML.format(score=score).encode(), ".html").splitlines()

    table = _indicators(lines("20"))
    assert [r.labels[0] for r in table.rows] == ["产出指标", "产出指标", "效益指标", "满意度指标"]
    assert audit_lines(lines("20")) == ()
    found = {(f.code, str(f.stated)) for f in audit_lines(lines("25"))}
    assert found == {("score-above-weight", "25"), ("sum-mismatch", "100")}


# Shapes of extracted 自评表 text met in published reports (written here by hand).

def test_header_printed_over_two_lines_every_name_cut() -> None:
    """一级 | 二级 | 三级 | 年度 | 实际 over 指标 | 指标 | 指标 | 指标值 | 完成值 (space-separated)."""
    lines = ["项目支出绩效自评表",
             "一级 二级 三级 年度 实际 分值 得分 偏差原因分析",
             "指标 指标 指标 指标值 完成值 及改进措施",
             "产出指标 数量指标 服务人数 ≥500人 450人 20 16",
             "产出指标 质量指标 服务合格率 ≥95% 96% 30 30",
             "效益指标 社会效益指标 生活质量 明显提高 明显提高 30 30",
             "满意度指标 服务对象满意度指标 满意度 ≥90% 95% 20 20",
             "总分 100 96"]
    table = _indicators(lines)
    assert table.columns == ("level1", "level2", "name", "target", "actual", "weight", "score",
                             "reason")
    assert [r.name for r in table.rows] == ["服务人数", "服务合格率", "生活质量", "满意度"]
    found = {(f.code, f.severity.value, str(f.stated), str(f.expected)) for f in audit_lines(lines)}
    assert ("score-rule-mismatch", "error", "16", "18.00") in found  # 20 × 450/500 = 18


def test_funds_header_over_two_lines_with_its_unit() -> None:
    """年初 | 全年 | 全年 over 预算数 | 预算数 | 执行数, the unit (万元) under 项目资金."""
    lines = ["项目资金 年初 全年 全年 分值 执行率 得分",
             "（万元） 预算数 预算数 执行数",
             "年度资金总额 200 200 150 10 80% 7.5"]
    doc = build_document(lines)
    (table,) = doc.tables
    assert (table.kind, table.unit) == (FUNDS, "万元")
    assert table.columns == ("budget_initial", "budget", "executed", "weight", "rate", "score")
    found = {(f.code, str(f.stated)) for f in audit_lines(lines)}
    assert ("rate-mismatch", "80") in found  # 150 ÷ 200 = 75%


def test_one_cell_per_line_with_blank_lines_and_cut_header_cells() -> None:
    """A web page's table: one cell per line, blank lines between, header cells cut in two
    (年初 / 预算数, 偏差原因 / 分析及 / 改进措施), category cells cut (数量 / 指标)."""
    cells = ["年度资金", "(万元)", "年初", "预算数", "全年预算数", "全年", "执行数", "分值", "执行率",
             "得分", "年度资金总额", "500万元", "500万元", "400万元", "10", "80%", "10",
             "一级指标", "二级指标", "三级指标", "年度", "指标值", "实际", "完成值", "分值", "得分",
             "偏差原因", "分析及", "改进措施", "产出指标", "数量", "指标", "造林面积", "1.2万亩",
             "1.2万亩", "50", "50", "效益指标", "经济效益指标", "木材销售收入", "1100万元",
             "1093万元", "40", "30", ""]
    lines = [x for c in cells for x in (c, "")]
    doc = build_document(lines)
    funds, indicators = doc.tables
    assert funds.columns == ("budget_initial", "budget", "executed", "weight", "rate", "score")
    assert [r.name for r in indicators.rows] == ["造林面积", "木材销售收入"]
    found = {(f.code, f.severity.value, str(f.stated), str(f.expected)) for f in audit_lines(lines)}
    assert not [f for f in found if f[0] == "rate-mismatch"]  # 400 ÷ 500 = 80%
    assert ("score-rule-mismatch", "error", "10", "8.00") in found  # 10 × 400/500
    assert ("score-rule-mismatch", "error", "30", "39.75") in found  # 40 × 1093/1100


def test_funds_and_indicator_tables_on_one_line() -> None:
    """A page flattened into one line holds both tables: both are read."""
    line = ("项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 90 90 90 "
            "10 100% 10 绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
            "偏差原因分析及改进措施 产出指标(50分) 数量指标 业务项目数量 ≥50个 40个 50 45 "
            "效益指标(30分) 社会效益指标 公平程度 效果明显 达成预期指标 30 30 "
            "满意度指标(10分) 服务对象满意度指标 满意度 ≥90% 95% 10 10")
    doc = build_document([line])
    assert [t.kind for t in doc.tables] == [FUNDS, INDICATORS]
    assert [r.name for r in doc.tables[1].rows] == ["业务项目数量", "公平程度", "满意度"]
    found = {(f.code, str(f.stated), str(f.expected)) for f in audit_lines([line])}
    assert ("score-rule-mismatch", "45", "40.00") in found  # 50 × 40/50


def test_second_level_label_without_zhibiao_is_no_reason() -> None:
    """社会效益 (no 指标) before the next row's name is that row's label, not the reason of the
    row above: a short row without a reason is an error, not a warning."""
    lines = ["一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
             "产出指标 数量 服务人数 ≥500人 450人 50 40",
             "效益指标 社会效益 生活质量 明显提高 明显提高 50 50"]
    table = _indicators(lines)
    assert table.rows[0].get("reason") is None
    assert table.rows[1].labels == ("效益指标", "社会效益")
    found = {(f.code, f.severity.value, str(f.stated)) for f in audit_lines(lines)}
    assert ("score-rule-mismatch", "error", "40") in found  # 50 × 450/500 = 45


RUN_TOGETHER = [
    "项目支出绩效自评表",
    "项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分",
    "年度资金总额200万元200万元180万元10{rate}9",
    "一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施",
    "产出指标数量指标服务人数≥500人500人{pair}",
    "产出指标质量指标服务合格率≥95%96%3030",
    "效益指标社会效益指标生活质量明显提高明显提高3030",
    "满意度指标服务对象满意度指标老人满意度≥90%95%1010",
    "总分100{total}",
]


def _run_together(rate: str = "90%", pair: str = "2020", total: str = "99") -> list[str]:
    return [ln.format(rate=rate, pair=pair, total=total) for ln in RUN_TOGETHER]


def test_run_together_rows_cut_at_names_figures_and_repeated_words() -> None:
    """Text extraction that drops every cell border: names of the forms, figures with their
    operator and unit, 明显提高明显提高 and a 分值 glued to its 得分 (2020 → 20 | 20)."""
    lines = _run_together()
    funds, table = build_document(lines).tables
    assert (funds.kind, funds.unit) == (FUNDS, "万元")
    row = funds.rows[0]
    assert [row.figure(r).value for r in ("budget", "executed", "weight", "rate", "score")] == [  # type: ignore[union-attr]
        200, 180, 10, 90, 9]
    assert [r.name for r in table.rows] == ["服务人数", "服务合格率", "生活质量", "老人满意度"]
    assert [(r.figure("weight").value, r.figure("score").value) for r in table.rows] == [  # type: ignore[union-attr]
        (20, 20), (30, 30), (30, 30), (10, 10)]
    assert table.rows[2].get("target").text == "明显提高"  # type: ignore[union-attr]
    assert table.total is not None and table.total.score is not None
    assert (table.total.available.value, table.total.score.value) == (100, 99)  # type: ignore[union-attr]
    for r in (*funds.rows, *table.rows):
        for cell in r.cells.values():
            assert lines[cell.line - 1][cell.start:cell.end] == cell.text
    assert [f for f in audit_lines(lines) if f.severity.value == "error"] == []


def test_run_together_planted_errors_are_found() -> None:
    found = {(f.code, str(f.stated)) for f in audit_lines(_run_together(rate="95%"))}
    assert ("rate-mismatch", "95") in found  # 180 ÷ 200 = 90%
    found = {(f.code, str(f.stated)) for f in audit_lines(_run_together(pair="2023", total="102"))}
    assert ("score-above-weight", "23") in found
    found = {(f.code, str(f.stated)) for f in audit_lines(_run_together(total="97"))}
    assert ("sum-mismatch", "97") in found  # 9 + 20 + 30 + 30 + 10 = 99


def test_glued_number_is_cut_only_where_one_reading_exists() -> None:
    from jixiao.domain.audit.tables import TableCell
    from jixiao.ingest.docmodel.cells import split_pair

    def cut(text: str) -> tuple[str, str] | None:
        pair = split_pair(TableCell(text, 1, 0, len(text)))
        return (pair[0].text, pair[1].text) if pair else None

    assert cut("2016") == ("20", "16")
    assert cut("10010") == ("100", "10")
    assert cut("109.5") == ("10", "9.5")
    assert cut("1090%") == ("10", "90%")
    assert cut("912") is None  # 9 | 12 or 91 | 2
    assert cut("20a") is None


def test_pdf_table_rows_are_not_joined_as_wrapped_prose() -> None:
    """A PDF page's table rows are as long as its lines of prose; a wrapped line of prose is
    joined back, a row of figures or the header naming the forms' columns never is."""
    from jixiao.ingest.report_text import _reflow

    lines = ["年初预算数 全年预算数 全年执行数 分值 执行率 得分 说明",
             "年度资金总额 2,281,500.00 2,281,500.00 2,225,038.16 10 97.53% 9.75",
             "其中：当年财政拨款 2,281,500.00 2,281,500.00 2,225,038.16 — 97.53% —",
             "全年支付房租及物业费共计二百二十二万五千零三十八元一角六分，为进驻政务服务中心和公共资源交易中心的六十八个",
             "两个中心的单位提供了办公场所。"]
    # (every line as wide as the page: the rows are told by what they hold)
    assert _reflow([(ln, True) for ln in lines]).splitlines() == [*lines[:3], lines[3] + lines[4]]


def test_our_rendered_pdf_table_keeps_its_funds_rows_and_unit(tmp_path: Path) -> None:
    from jixiao.documents.render import render_table
    from jixiao.domain.scoring import score_evaluation
    from jixiao.ingest.evaluation_file import load_evaluation
    from jixiao.ingest.report_text import read_report

    example = Path(__file__).resolve().parents[2] / "examples" / "baoshan-2022-rent-property.yaml"
    render_table(score_evaluation(load_evaluation(example)), tmp_path / "t.pdf")
    doc = build_document(read_report(tmp_path / "t.pdf").lines)
    (funds,) = [t for t in doc.tables if t.kind == FUNDS]
    assert funds.unit == "元"
    assert [r.name for r in funds.rows][:2] == ["年度资金总额", "其中：当年财政拨款"]
    assert funds.rows[0].figure("executed").value == Decimal("2225038.16")  # type: ignore[union-attr]


def test_target_printed_as_operator_value_unit_under_one_header_cell() -> None:
    """The Yunnan form splits 年度指标值 into 指标性质 | 指标值 | 度量单位 under one header cell;
    a header whose label columns are elsewhere starts at 年度指标值."""
    lines = ["年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
             "数量指标 培训人数 ≥ 200 人 150 20 18",
             "时效指标 资金到位及时率 ≧ 100 % 100% 10 10"]
    from jixiao.domain.audit.table_scores import operator_of

    for layout in (lines, [" | ".join(ln.split()) for ln in lines]):  # spaces, pipes
        row = _indicators(layout).rows[0]
        assert (row.name, operator_of(row), row.figure("target").value,  # type: ignore[union-attr]
                row.get("unit").text) == ("培训人数", "ge", 200, "人")  # type: ignore[union-attr]
    found = {(f.code, f.severity.value, str(f.stated), str(f.expected)) for f in audit_lines(lines)}
    assert ("score-rule-mismatch", "error", "18", "15.00") in found  # 20 × 150/200


def test_one_cell_per_line_with_each_border_on_its_own_line() -> None:
    """A web page's cells each followed by a line holding only its border ("|"): the bar
    closes the cell above, it is no empty cell; the header's rule gives the 分值 (20分*执行率)."""
    cells = ["预算执行情况(万元)", "(20分)", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分",
             "(20分*执行率)", "年度财政资金总额", "50", "40", "{rate}", "{score}"]
    def lines(rate: str, score: str) -> list[str]:
        return [x for c in cells for x in (c.format(rate=rate, score=score), "|")]
    (funds,) = build_document(lines("80%", "16")).tables
    row = funds.rows[0]
    assert [row.figure(r).value for r in ("budget", "executed", "rate", "score")] == [  # type: ignore[union-attr]
        50, 40, 80, 16]
    assert [f for f in audit_lines(lines("80%", "16")) if f.code == "rate-mismatch"] == []
    found = {(f.code, f.severity.value, str(f.stated)) for f in audit_lines(lines("90%", "16"))}
    assert ("rate-mismatch", "error", "90") in found  # 40 ÷ 50 = 80%


def test_rate_printed_too_coarsely_for_the_score_is_a_warning() -> None:
    """执行率 0.1 (14.46% rounded to one decimal of a fraction) with 得分 2.9 = 20 × 14.46%:
    the rounding is allowed, but the score shows it is not the rate used."""
    lines = ["预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |",
             "年度财政资金总额 | 650 | 94 | 0.1 | 2.9 |"]
    found = {(f.code, f.severity.value, str(f.stated)) for f in audit_lines(lines)}
    assert ("rate-mismatch", "warning", "0.1") in found
    lines[1] = "年度财政资金总额 | 650 | 94 | 0.1446 | 2.9 |"
    assert [f for f in audit_lines(lines) if f.code == "rate-mismatch"] == []


def test_fund_source_row_printing_only_its_amounts() -> None:
    """其中 rows leave 分值/执行率/得分 blank (the form) and spaces drop blank cells: the row is
    read by its amounts, and a source above the total is found."""
    line = ("项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 0 0 0 10 0 0 "
            "其中:本年财政拨款 90 89.974 89.974 上年结转资金 其他资金")
    (funds,) = [t for t in build_document([line]).tables if t.kind == FUNDS]
    assert [r.name for r in funds.rows] == ["年度资金总额:", "其中:本年财政拨款"]
    found = {(f.code, str(f.stated), str(f.expected)) for f in audit_lines([line])}
    assert ("funds-parts-mismatch", "0", "90") in found


def test_table_without_a_weight_column_implies_its_weights() -> None:
    """目标值(A) | 实际完成值(B) | 得分 with 分值 × B ÷ A scores: weights 20 + 20 + 10 = 50 as the
    block states, so 11.1 for a weight of 10 (no cap) is above it — in pipes and spaces."""
    rows = ["年度绩效目标 (50分)",
            "一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分",
            "产出指标 | 数量指标 | 培训人数 | 15 | 6 | 8.0",
            "效益指标 | 经济效益指标 | 增收(元) | 1980 | 2074 | {score}",
            "满意度指标 | 服务对象满意度指标 | 满意度(%) | 90 | 100 | 11.1",
            "总分 | 40.1"]
    for layout in ([r.format(score="21") for r in rows],
                   [" ".join(r.format(score="21").split(" | ")) for r in rows]):
        table = _indicators(layout)
        assert "weight" not in table.columns and len(table.rows) == 3
        assert table.total is not None and table.total.score is not None
        found = {(f.code, str(f.stated), str(f.expected)) for f in audit_lines(layout)}
        assert ("score-above-weight", "11.1", "10") in found
        assert ("score-above-weight", "21", "20") in found  # 20 × 2074/1980 = 20.95 → 21
    # a score no whole weight reproduces: nothing can be inferred, nothing is said
    assert not [f for f in audit_lines([r.format(score="17") for r in rows])
                if f.code == "score-above-weight"]


@pytest.mark.parametrize("prose", [
    "全年预算数150万元，全年执行数125.25万元，预算执行率83.5%，详见下表。",
    "项目全年预算数为150万元，截至年底全年执行数125.25万元，执行率为83.5%，资金已按进度拨付到位。",
    "本项目年初预算数150万元；全年执行数125.25万元；执行率83.5%。",
])
def test_funds_table_below_prose_naming_its_columns(prose: str) -> None:
    """A sentence naming the funds columns with their amounts, a few lines above the table,
    is no part of its header: the table is read from its own header, its rows and errors too."""
    lines = ["二、项目资金情况", prose, "", *_funds()]
    doc = build_document(lines)
    (table,) = [t for t in doc.tables if t.kind == FUNDS]
    assert [r.name for r in table.rows] == ["年度资金总额", "其中:当年财政拨款", "上年结转资金"]
    assert audit_lines(lines) == ()
    bad = ["二、项目资金情况", prose, "", *_funds(rate="85.3%")]
    assert ("rate-mismatch", "85.3", 18) in {(f.code, str(f.stated), f.line) for f in audit_lines(bad)}

