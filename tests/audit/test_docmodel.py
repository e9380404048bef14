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
        "效益指标(30分) | 社会效益指标 | 就业率 | ≥80% | 85% | 30 | 30",
    ]
    found = [(f.code, str(f.stated), str(f.expected)) for f in audit_lines(rows)]
    assert ("weights-sum-mismatch", "50", "40") in found
    rows[2] = rows[2].replace("| 20 | 20", "| 30 | 30")
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
