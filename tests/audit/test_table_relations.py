"""Relations inside a 自评表 (weights, total score, docked rows) and the reconstruction they need.

Hand-written tables in the shapes of the published forms (财预〔2020〕10号 附件 and the
provinces' copies: 保山's 年度绩效目标(80分) block with 得分 = 20分*执行率, 四川's 绩效指标(90分),
the 2020 form's 其他需要说明事项 | 总分 row), each a case that failed before the rule it tests.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.audit.tables import INDICATORS, Table
from jixiao.ingest.docmodel.document import build_document
from jixiao.services.figure_audit import audit_lines


def _indicators(lines: list[str]) -> Table:
    (table,) = [t for t in build_document(lines).tables if t.kind == INDICATORS]
    return table


def _errors(lines: list[str]) -> set[tuple[str, str, str, int | None]]:
    return {(f.code, str(f.stated), str(f.expected), f.line) for f in audit_lines(lines)
            if f.severity.value == "error"}


def _one_cell_per_line(rows: list[list[str]]) -> list[str]:
    out: list[str] = []
    for row in rows:
        out.extend(f"{c} |" if c else "|" for c in row)
        out.append("|||||")
    return out


HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
          "偏差原因分析及改进措施"]


def test_category_weight_wrapped_into_the_next_cell_and_name_cut_in_two() -> None:
    """One cell per paragraph (a docx page): 产出指标 / (50) and 效益指标 / 30分) carry their
    weights in the next cell; 社会效 / 益指标 is one category cut in two, not a row's reason."""
    cells = [*HEADER, "产出指标", "(50)", "数量", "指标", "造林面积", "1.2万亩", "1.2万亩", "30", "30",
             " ", "病虫害防治面积", "3.45万亩", "3.45万亩", "{w}", "{w}", " ",
             "效益指标", "30分) ", "经济效", "益指标", "木材销售收入", "1100万元", "1093万元", "15", "15",
             " ", "社会效", "益指标", "提高就业率", "显著", "显著", "15", "15", " "]
    lines: list[str] = []
    for c in cells:
        lines.extend([c, ""])
    table = _indicators([x.format(w="20") for x in lines])
    assert [(c, w) for c, w, _ in table.category_weights] == [("产出指标", 50), ("效益指标", 30)]
    assert [r.labels for r in table.rows][-1] == ("效益指标", "社会效益指标")
    assert all(r.get("reason") is None or r.get("reason").text.strip() == ""  # type: ignore[union-attr]
               for r in table.rows)
    assert not _errors([x.format(w="20") for x in lines])
    # rows of 产出 weighing 30 + 25 = 55 under (50): wrong whatever rows were missed
    found = _errors([x.format(w="25") for x in lines])
    assert any(f[:3] == ("weights-sum-mismatch", "50", "55") for f in found)


def test_category_label_kept_when_its_first_row_is_not_read() -> None:
    """A row the reconstructor cannot read (its name a whole paragraph) keeps its category
    for the rows after it."""
    rows = [HEADER,
            ["产出指标(60分)", "数量指标", "慰问" * 60, "100%", "100%", "20", "20", ""],
            ["", "质量指标", "补助经费足额拨付率", "100%", "100%", "20", "20", ""],
            ["", "时效指标", "按时发放率", "100%", "100%", "20", "20", ""]]
    table = _indicators(_one_cell_per_line(rows))
    assert [r.labels[0] for r in table.rows] == ["产出指标", "产出指标"]


def test_long_indicator_name_describing_what_it_counts_is_read() -> None:
    name = ("慰问伤残军人50人;革命烈士遗属50人;因公牺牲和病故军人家属、在乡老复员军人等"
            "重点优抚对象50人;烈士家庭6户;驻保部队8家")
    table = _indicators(_one_cell_per_line([HEADER, ["产出指标", "数量指标", name, "100%", "100%",
                                                     "20", "20", ""]]))
    assert [r.name for r in table.rows] == [name]


BAOSHAN = """预算执行情况(万元) |
预算数(A) |
执行数(B) |
执行率(B/A) |
得分
(20分*执行率) |
|||
年度财政资金总额 |
34.64 |
34.64 |
100% |
{funds} |
|||||
年度绩效目标
({block}分) |
一级指标 |
二级指标 |
三级指标 |
年初目标值(A) |
实际完成值(B) |
得分 |
|||
产出指标({output}分) |
数量指标 |
慰问人数 |
100% |
100% |
20 |
|||||
质量指标 |
补助经费足额拨付率 |
100% |
100% |
20 |
|||||
时效指标 |
春节前完成走访慰问 |
100% |
100% |
20 |
|||||
效益指标(10分) |
社会效益指标 |
年内无群体性事件发生 |
小于5次 |
无上访 |
10 |
|||||
满意度指标(10分) |
服务对象满意度指标 |
优抚对象满意率 |
100% |
100% |
10 |
|||||
总分(100分) |
{total} |
自评等级 |
{grade} |
"""


def _baoshan(**kw: str) -> list[str]:
    values = {"funds": "20", "block": "80", "output": "60", "total": "100", "grade": "优", **kw}
    return BAOSHAN.format(**values).splitlines()


def test_baoshan_form_total_block_and_category_points() -> None:
    """保山's form has no 分值 column: the 总分(100分) row states its points in its own cell,
    its grade after 自评等级; the block 年度绩效目标(80分) and 产出指标(60分) bound the scores."""
    lines = _baoshan()
    table = _indicators(lines)
    assert table.total is not None and table.total.available is not None
    assert (table.total.available.value, table.total.score.value, table.total.grade) == (  # type: ignore[union-attr]
        100, 100, "优")
    assert not _errors(lines)
    planted = _baoshan(total="112")
    assert ("sum-mismatch", "112", "100", planted.index("112 |") + 1) in _errors(planted)
    planted = _baoshan(grade="良")
    assert any(f[0] == "grade-mismatch" for f in _errors(planted))
    # scores making the block's 80 exactly: no row missing, so 80 + the funds' 20 must be the total
    planted = _baoshan(total="85", grade="良")
    assert ("sum-mismatch", "85", "100", planted.index("85 |") + 1) in _errors(planted)
    # scores of 产出 60 under 产出指标(45分), of all rows 80 under (68分): wrong however many rows
    assert any(f[:3] == ("weights-sum-mismatch", "45", "60") for f in _errors(_baoshan(output="45")))
    assert any(f[:3] == ("weights-sum-mismatch", "68", "80") for f in _errors(_baoshan(block="68")))


def test_funds_weight_in_a_header_cell_wrapped_over_two_lines() -> None:
    """得分 / (20分*执行率): the rule's 20 points are the funds row's 分值; 17 is not 20 × 100%."""
    found = _errors(_baoshan(funds="17"))
    assert any(f[0] == "score-rule-mismatch" and f[1] == "17" for f in found)


def test_total_row_after_other_matters_on_the_2020_form() -> None:
    """其他需要说明事项 | 无 | 总分 | 100 | 96 | 优 (永德, the 2020 national form): the total is read."""
    lines = ["一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 "
             "| 偏差原因",
             "产出指标 | 数量指标 | 受资助人数 | ≥ | 735 | 人次 | 735 | 50 | 50 | 无",
             "效益指标 | 经济效益指标 | 减轻家庭经济负担 |",
             "| 有效 |",
             "| 有效 | 50 | 46 |",
             "其他需要说明事项 | 无 | 总分 | 100 | {total} | {grade} |"]
    table = _indicators([x.format(total="96", grade="优") for x in lines])
    # 有效 | 有效 | 50 | 46: the short word is the 指标值, the dropped 度量单位 cell is not it
    assert [r.name for r in table.rows] == ["受资助人数", "减轻家庭经济负担"]
    assert table.total is not None and table.total.score is not None
    assert table.total.score.value == 96
    assert not _errors([x.format(total="96", grade="优") for x in lines])
    assert ("sum-mismatch", "115", "100", 6) in _errors([x.format(total="115", grade="优") for x in lines])
    assert ("sum-mismatch", "90", "96", 6) in _errors([x.format(total="90", grade="优") for x in lines])


SICHUAN = """项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 分值 | 得分 | 偏差原因
总额 | 238.93 | 251.89 | 251.89 | 100.00% | {funds} | |
绩效指标(90分) |
一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 | 偏差原因
产出指标 | 数量指标 | 发放覆盖率 | = | 100 | % | | 60 | | |
效益指标 | 社会效益指标 | 足额保障率 | = | 100 | % | | 30 | | |
合计 | {total} | | |"""


def test_total_points_against_the_weights_of_rows_and_funds() -> None:
    """四川's form: 预算执行 10 + 60 + 30 = 100, so a 合计 of 130 points is wrong (the rows
    make the forms' 100); a funds 分值 of 100 beside 90 points of rows exceeds any total."""
    assert not _errors(SICHUAN.format(funds="10", total="100").splitlines())
    assert ("weights-sum-mismatch", "130", "100", 7) in _errors(
        SICHUAN.format(funds="10", total="130").splitlines())
    found = _errors(SICHUAN.format(funds="100", total="100").splitlines())
    assert ("weights-sum-mismatch", "100", "10", 2) in found


def test_total_of_a_table_without_weights_checked_through_its_implied_weights() -> None:
    """施甸's form (得分 = 分值 × B ÷ A, uncapped): weights 20 + 20 + 20 + 10 + 10 inferred make
    the block's 80, with the funds row's 20 the 100 points: the total must be the sum."""
    lines = ["预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |",
             "年度财政资金总额 | 650 | 94 | 0.1 | 2.9 | ||",
             "年度绩效目标1 (80分) |",
             "一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |",
             "产出指标 | 数量指标 | 扶持经营主体 (个) | 15 | 6 | 8.0 |",
             "数量指标 | 带动贫困户(人) | 11442 | 4164 | 7.3 | ||",
             "效益指标 | 经济效益指标 | 实现产值(万元) | 8000 | 12767.36 | 31.9 | |",
             "经济效益指标 | 助农增收 (元) | 1980 | 2074 | 10.5 | ||",
             "满意度指标 | 服务对象满意度指标 | 满意度(%) | 90 | 100 | 11.1 | |",
             "总分 | {total} | |||||"]
    assert not [f for f in _errors([x.format(total="71.7") for x in lines]) if f[0] == "sum-mismatch"]
    assert ("sum-mismatch", "57.4", "71.7", 10) in _errors([x.format(total="57.4") for x in lines])
    # one row's score no whole weight gives: the others' 60 leave it 80 − 60 = 20 points, and
    # 20 × 4164 ÷ 11442 = 7.28, not 5.3
    odd = [x.format(total="71.7").replace("| 7.3 |", "| 5.3 |") for x in lines]
    assert ("score-rule-mismatch", "5.3", "7.28", 6) in _errors(odd)


def test_ellipsis_is_no_reason_and_an_unmarked_rate_met_is_docked() -> None:
    """当期完成 90% → 100% scored 5 of 7 with …… in the reason cell (the template's filler):
    an unmarked rate is met when above its target, so the docked points are an error; a rate
    where less is better (投诉率) is not assumed either way."""
    rows = [HEADER, ["产出指标", "时效指标", "当期完成", "90%", "100%", "7", "{s}", "……"]]
    lines = [" | ".join(r) for r in rows]
    assert not _errors([x.format(s="7") for x in lines])
    assert ("score-docked-achieved", "5", "7", 2) in _errors([x.format(s="5") for x in lines])
    reverse = [x.replace("当期完成", "投诉率").format(s="5") for x in lines]
    assert not [f for f in _errors(reverse) if f[0] == "score-docked-achieved"]


def test_category_weight_below_its_rows_needs_no_complete_table() -> None:
    """Weights of 产出's rows 20 + 20 + 20 = 60 under 产出指标(50分): an error even when the
    table's other rows were not all read (a missing row only adds points)."""
    rows = ["一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分",
            "产出指标(50分) | 数量指标 | 培训人数 | ≥100人 | 120人 | 20 | 20",
            "产出指标(50分) | 质量指标 | 合格率 | ≥95% | 97% | 20 | 20",
            "产出指标(50分) | 时效指标 | 及时率 | ≥95% | 97% | 20 | 20"]
    assert ("weights-sum-mismatch", "50", "60", 2) in _errors(rows)
    assert Decimal(60) == sum(r.figure("weight").value for r in _indicators(rows).rows)  # type: ignore[union-attr]


OUTLINE = """一、投入({top}分)
(一)项目立项(8分):
(1)项目立项(2分)
程序完整，执行程序规范。自评得2分。
(2)项目预算规范性(3分):
与年初专项资金申报需求一致。自评得3分。
(3)项目绩效目标设立(3分):
绩效目标与年度实施规划目标任务一致，自评得{score}分。
(二)资金落实(6分):
资金到位率100%。自评得6分。以上投入部分共自评得14分。
二、过程(43分)
(一)项目管理(15分)
有项目年度工作计划得2分，没有不得分。"""


def test_scored_outline_points_and_scores() -> None:
    """A 自评表 written as numbered headings (安徽 学前教育 transfer-payment self-evaluation,
    round3/156; the 共性指标 framework 投入/过程/产出/效益): sub-headings' points against their
    heading's, each item's 自评得 score against its points."""
    clean = OUTLINE.format(top="14", score="3").splitlines()
    assert not _errors(clean)  # 共自评得14分 sums; 得2分 words a criterion
    assert ("weights-sum-mismatch", "11", "14", 1) in _errors(
        OUTLINE.format(top="11", score="3").splitlines())
    assert ("score-above-weight", "5", "3", 8) in _errors(
        OUTLINE.format(top="14", score="5").splitlines())
    # a closed section short of its points: 8 + 6 = 14 under 一、(16分)
    assert ("weights-sum-mismatch", "16", "14", 1) in _errors(
        OUTLINE.format(top="16", score="3").splitlines())
    # … but not when the text was cut inside it (the rest may hold more items)
    cut = OUTLINE.format(top="16", score="3").splitlines()
    cut.insert(9, "[...]")
    assert not [f for f in _errors(cut) if f[0] == "weights-sum-mismatch"]


def test_run_together_weight_and_score_keep_the_score_cut_from_them() -> None:
    """``…100人2020无``: 分值 and 得分 run together are cut 20 | 20, and the 偏差原因 after them
    (无) does not take the 得分's place."""
    lines = ["一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施",
             "产出指标(50分)数量指标培训人数≥100人100人2020无",
             "质量指标合格率≥95%96%1517无"]
    table = _indicators(lines)
    assert [(r.figure("weight").value, r.figure("score").value) for r in table.rows] == [  # type: ignore[union-attr]
        (20, 20), (15, 17)]
    assert ("score-above-weight", "17", "15", 3) in _errors(lines)


def test_total_row_after_a_closing_row_of_blank_cells() -> None:
    """An html/docx row 其他需要说明事项 | 无 | (eight blank cells), then 总分 | … | 100 | 101 | 优:
    the blank cells between do not hide the total."""
    lines = ["一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 "
             "| 偏差原因",
             "产出指标 | 数量指标 | 培训人数 | ≥ | 100 | 人 | 100 | 50 | 50 | 无",
             "效益指标 | 社会效益指标 | 就业率 | ≥ | 80 | % | 85 | 50 | 50 | 无",
             "其他需要说明事项 | 无 |  |  |  |  |  |  |  | ",
             "总分 |  |  |  |  |  |  | 100 | 101 | 优"]
    assert ("sum-mismatch", "101", "100", 5) in _errors(lines)


FRAMEWORK = """一级指标 | 二级指标 | 三级指标 | 分值 | 指标值 | 实际完成值 | 得分 | 偏差原因分析及改进措施
项目决策(10分) | 项目立项 | 立项依据充分性 | 4 | 充分 | 充分 | 4 | 无
 | | 立项程序规范性 | {a} | 规范 | 规范 | 2 |
 | 绩效目标 | 绩效目标合理性 | 2 | 合理 | 合理 | 2 |
 | 资金投入 | 预算编制科学性 | 2 | 科学 | 科学 | 2 |
{management} | 资金管理 | 资金到位率 | 10 | 100% | 100% | 10 |
 | 组织实施 | 管理制度健全性 | 10 | 健全 | 健全 | 10 |
项目产出 | 数量指标 | 培训人数 | 20 | ≥100人 | 100人 | 20 |
 | 质量指标 | 培训合格率 | 20 | ≥95% | 96% | 20 |
项目效益(30分) | 社会效益指标 | 就业率 | 20 | ≥80% | 85% | 20 |
 | 满意度 | 学员满意度 | 10 | ≥90% | 95% | 10 |
总分 | | | 100 | | | 100 | 优"""


def test_evaluation_framework_categories() -> None:
    """The 决策 / 过程(管理) / 产出 / 效益 framework (10号 附件's 项目支出绩效评价指标体系框架,
    printed 项目决策 / 项目管理 / 项目产出 / 项目效益): each first-level category keeps its rows,
    whether the forms name it, it states its points (项目管理(20分)) or neither (绩效管理)."""
    for management in ("项目管理(20分)", "绩效管理"):
        clean = FRAMEWORK.format(a="2", management=management).splitlines()
        table = _indicators(clean)
        assert [r.labels[0] for r in table.rows] == [
            "项目决策"] * 4 + [management.split("(")[0]] * 2 + ["项目产出"] * 2 + ["项目效益"] * 2
        assert not _errors(clean)
        planted = _errors(FRAMEWORK.format(a="5", management=management).splitlines())
        assert ("weights-sum-mismatch", "10", "13", 2) in planted


def test_execution_rate_indicator_under_its_other_names() -> None:
    """财政资金执行率 / 专项资金使用率 restate the funds table's 执行数 ÷ 预算数 (95 ÷ 100)."""
    for name in ("财政资金执行率", "专项资金使用率", "预算资金执行率(%)"):
        lines = ["项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
                 "年度资金总额 | 100 | 100 | 95 | 10 | 95% | 9.5",
                 "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因",
                 f"产出指标 | 时效指标 | {name} | ≥90% | {{actual}} | 90 | 90 | 无"]
        assert not _errors([x.format(actual="95%") for x in lines])
        assert ("funds-indicator-mismatch", "100", "95.00", 4) in _errors(
            [x.format(actual="100%") for x in lines])


def test_an_amounts_total_read_into_the_table_is_no_points_available() -> None:
    """合计 | 250.5 under rows of 100 points is an amount, not the 总分 row's 分值."""
    lines = ["一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因",
             "产出指标 | 数量指标 | 培训人数 | ≥100人 | 120人 | 90 | 90 | 无",
             "满意度指标 | 服务对象满意度指标 | 满意度 | ≥90% | 95% | 10 | 10 | 无",
             "合计 | 250.5 | |"]
    assert not [f for f in _errors(lines) if f[0] == "weights-sum-mismatch"]


def test_grade_in_prose_with_dengci_and_the_grade_first() -> None:
    """评价等次为良好 after the score, and 自评等级为良好（自评得分96分） with the grade first: 96 is
    优 on the national bands. A 考核结果 with a plain 得分 is another assessment."""
    for text in ("项目自评得分96分，评价等次为良好。", "自评等级为良好（自评得分96分）。",
                 "该项目自评结果为良好，自评得分96分。"):
        assert ("grade-mismatch", "None", "96") in {(f.code, str(f.expected), str(f.stated))
                                                  for f in audit_lines([text])}
    for text in ("该项目自评结果为优秀，自评得分96分。", "年度考核结果为优秀，得分80分。"):
        assert not [f for f in audit_lines([text]) if f.code == "grade-mismatch"]


def test_run_together_reason_starting_with_bufen_is_no_unit() -> None:
    """``就业率≥80%72%3027部分学员未就业``: 30 | 27 and a 偏差原因 starting with 部分 — 部 is not
    the unit of 3027, so the row is read (and its score re-scored)."""
    lines = ["一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施",
             "效益指标(30分)社会效益指标就业率≥80%72%30{s}部分学员未就业"]
    (row,) = _indicators([x.format(s="27") for x in lines]).rows
    assert (row.figure("weight").value, row.figure("score").value) == (30, 27)  # type: ignore[union-attr]
    assert row.get("reason").text == "部分学员未就业"  # type: ignore[union-attr]
    assert any(f[:2] == ("score-rule-mismatch", "29") for f in _errors([x.format(s="29") for x in lines]))


def test_second_level_points_exceeded_and_an_unnamed_second_level() -> None:
    """数量指标(20分) over rows of 15 + 10 is wrong; a local second-level label (工作任务) starts
    its own group, so its rows are not counted under 数量指标."""
    rows = ["一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分",
            "产出指标 | 数量指标(20分) | 培训人数 | ≥100人 | 120人 | 10 | 10",
            " | | 培训场次 | ≥10次 | 12次 | {w} | {w}",
            " | 工作任务 | 完成课程开发 | ≥5门 | 5门 | 20 | 20"]
    assert not _errors([r.format(w="10") for r in rows])
    assert ("weights-sum-mismatch", "20", "25", 2) in _errors([r.format(w="15") for r in rows])


PDF_WRAPPED = """一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析
及改进措施
产出指标(50
分)
数量指标 职业技能培训
学员人数（含
线上线下）
≥100人 100人 20 20 无
质量指标 合格率 ≥95% 96% 15 {s} 无
时效指标 完成及时率 100% 100% 15 15 无
效益指标(30
分)
社会效益指标 就业率 ≥80% 72% 30 27 部分学员未就
业，已加强就
业指导和跟踪
服务
满意度指标(10
分)
服务对象满意
度指标
学员满意度 ≥90% 95% 10 10 无
总分 100 {t} 良"""


def test_pdf_text_of_a_narrow_table_wrapping_its_cells() -> None:
    """pypdf text of a 自评表 in narrow columns: 产出指标(50 / 分) and 服务对象满意 / 度指标 are
    categories wrapped, 职业技能培训 / 学员人数（含 / 线上线下） one name — not a first level."""
    lines = PDF_WRAPPED.format(s="15", t="87").splitlines()
    table = _indicators(lines)
    assert [(c, w) for c, w, _ in table.category_weights] == [
        ("产出指标", 50), ("效益指标", 30), ("满意度指标", 10)]
    assert [r.labels[0] for r in table.rows] == ["产出指标"] * 3 + ["效益指标", "满意度指标"]
    assert not _errors(lines)
    assert ("score-above-weight", "17", "15", 9) in _errors(
        PDF_WRAPPED.format(s="17", t="89").splitlines())


def test_pdf_merged_category_beside_the_middle_row_judges_no_category() -> None:
    """pypdf prints a merged category cell beside the middle row of its block (…15 无产出指标
    (50分), 效益指标(30分) alone between rows): which rows it holds is unknown, so no category's
    points are judged (15 + 40 under 产出 would be a false alarm)."""
    lines = ["一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
             "数量指标 培训人数 ≥100人 100人 20 20 无",
             "质量指标 合格率 ≥95% 96% 15 15 无产出指标(50分)",
             "时效指标 完成及时率 100% 100% 15 15 无",
             "社会效益指标 就业率 ≥80% 80% 40 40 无",
             "效益指标(50分)",
             "可持续影响指标 长效机制 健全 健全 10 10 无",
             "总分 100 100 优"]
    assert len(_indicators(lines).rows) == 5
    assert not [f for f in _errors(lines) if f[0] == "weights-sum-mismatch"]


SUBTOTALS = """一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因
产出指标 |  |  |  |  | {cw} | {cs} |
 | 数量指标 | 培训人数 | ≥100人 | 120人 | 20 | 20 | 无
 | 质量指标 | 合格率 | ≥95% | 97% | 30 | 30 | 无
效益指标 |  |  |  |  | 40 | 38 |
 | 社会效益指标 | 就业率 | ≥80% | 76% | 40 | 38 | 部分未就业
满意度指标 |  |  |  |  | 10 | 10 |
 | 服务对象满意度指标 | 满意度 | ≥90% | 95% | 10 | 10 | 无
总分 |  |  |  |  | 100 | 98 | 优"""


def test_categories_printed_as_subtotal_rows() -> None:
    """产出指标 | | | | | 50 | 48: a category row with its own 分值 and 得分 (in pipes and spaces)."""
    def lines(cw: str, cs: str, spaces: bool) -> list[str]:
        out = SUBTOTALS.format(cw=cw, cs=cs).splitlines()
        return ["  ".join(c.strip() for c in x.split("|") if c.strip()) for x in out] if spaces \
            else out
    for spaces in (False, True):
        assert not _errors(lines("50", "50", spaces))
        assert ("sum-mismatch", "45", "50", 2) in _errors(lines("50", "45", spaces))
        assert ("score-above-weight", "55", "50", 2) in _errors(lines("50", "55", spaces))
        assert ("weights-sum-mismatch", "40", "50", 2) in _errors(lines("40", "40", spaces))


def test_framework_categories_rebuild_as_their_scoring_categories() -> None:
    """--extract of a 项目产出 / 项目效益 table keeps 效益 rows as outcome indicators."""
    from jixiao.domain.audit.rescore import rebuild
    from jixiao.domain.indicators import OUTCOME, OUTPUT

    rebuilt = rebuild(build_document(FRAMEWORK.format(a="2", management="项目管理(20分)")
                                     .splitlines()))
    assert rebuilt is not None
    by_name = {i.name: i.category for i in rebuilt.evaluation.indicators}
    assert (by_name["培训人数"], by_name["就业率"]) == (OUTPUT, OUTCOME)


def test_scored_outline_with_an_unreliable_structure_says_nothing() -> None:
    """One numbering style at two levels (1. under 1.), or an item whose heading has no number
    (项目预算规范性(3分) inside (1)'s section): which points or score belong where is unknown."""
    two_levels = ["一、投入(20分)", "1.项目立项(10分)", "1.立项依据(5分)", "2.立项程序(5分)",
                  "2.资金落实(10分)", "二、过程(30分)"]
    assert not _errors(two_levels)
    unnumbered = ["(1)项目立项(2分)", "程序完整。自评得2分。", "项目预算规范性(3分)",
                  "与需求一致。自评得3分。", "(2)目标(3分)"]
    assert not _errors(unnumbered)


def test_grade_in_the_forms_header_fields() -> None:
    """自评得分 | 96 | 自评等级 | 良好 — the header row several provinces' forms print above the
    table: the grade against the score on the national bands."""
    found = {(f.code, str(f.stated)) for f in audit_lines(
        ["项目名称 | 职业技能培训 | 自评得分 | 96 | 自评等级 | 良好"])}
    assert ("grade-mismatch", "96") in found
    assert not audit_lines(["项目名称 | 职业技能培训 | 自评得分 | 96 | 自评等级 | 优秀"])
    assert not audit_lines(["满意度 | 96 | 等级 | 良"])  # not the evaluation's score


def test_category_after_a_row_index_or_the_header_is_in_place() -> None:
    """序号 | 产出指标(50分) | … and a header ending on the first category's line are the usual
    places; a category after a row's score on its line (a page flattened into one line) is not
    known to head the rows after it."""
    idx = ["序号 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分",
           "1 | 产出指标(50分) | 数量指标 | 培训人数 | ≥100人 | 120人 | 20 | 20",
           "2 | | 质量指标 | 合格率 | ≥95% | 97% | 40 | 40"]
    assert ("weights-sum-mismatch", "50", "60", 2) in _errors(idx)
    one = ("一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 产出指标(50分) 数量指标 培训人数 "
           "≥100人 120人 20 20 质量指标 合格率 ≥95% 97% 40 40 效益指标(50分) 社会效益指标 就业率 "
           "≥80% 85% 40 40")
    assert _indicators([one]).category_weights == ()


def test_a_row_named_with_its_points_is_no_category() -> None:
    """资金到位率(10分) | 100% | … is an indicator whose name states its points, not a category:
    the rows after it are not counted under it even when its own row cannot be read."""
    rows = ["一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分",
            "产出指标(50分) | 数量指标 | 培训人数 | ≥100人 | 120人 | 20 | 20",
            "资金到位率(10分) | 100% | 100% | 十 | 十",
            "| 质量指标 | 合格率 | ≥95% | 97% | 30 | 30"]
    assert [c for c, _, _ in _indicators(rows).category_weights] == ["产出指标"]
    assert not _errors(rows)
