"""The 自评表's relations whatever words its copies use for the same columns and labels (i12w).

The national form (财预〔2020〕10号 附件1) prints 一级/二级/三级指标 | 年度指标值 | 实际完成值 | 分值 |
得分 | 偏差原因分析及改进措施, the category's points as 产出指标(50分) and the last row as 总分.
Provincial and county copies name the same things in other words — the category's points as
(50), (50%), (权重50%), (分值50分), [50分] or 50分 spaced off the label; the weight column as 满分
or 标准分 (score sheets), the score as 评分/考核得分, the target as 计划值/年度目标, the actual as
实际完成/实际完成数/实际完成指标值, the total as 合计得分/综合得分/总分(100分). Each wording is run
through pipes, spaces and (where the wording has no space of its own) run-together text: the
consistent table stays silent, and a planted row weight, category weight, total, score above
its weight and short-row score are each found as an error.
"""

from __future__ import annotations

import pytest

from jixiao.ingest.docmodel.document import build_document
from jixiao.services.figure_audit import audit_lines

PRE = ["2023年度项目支出绩效自评表", "项目名称：职业技能培训项目",
       "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
       "年度资金总额 | 100 | 100 | 100 | 10 | 100% | 10", ""]
SEPARATORS = {"pipes": " | ", "spaces": "  ", "run-together": ""}


def _table(sep: str, *, cat: str = "产出指标({}分)", weight: str = "分值", score: str = "得分",
           total: str = "总分", target: str = "年度指标值", actual: str = "实际完成值",
           cat1: str = "50", w1: str = "20", s1: str = "20", s4: str = "29", tot: str = "99",
           available: str = "100") -> list[str]:
    header = ["一级指标", "二级指标", "三级指标", target, actual, weight, score, "偏差原因分析及改进措施"]
    rows = [
        [cat.format(cat1), "数量指标", "培训人数", "≥500人", "520人", w1, s1, "无"],
        ["", "质量指标", "培训合格率", "≥95%", "98%", "15", "15", "无"],
        ["", "时效指标", "完成时间", "2023年12月底前", "2023年11月", "15", "15", "无"],
        [cat.format("30").replace("产出", "效益"), "社会效益指标", "学员就业率", "≥80%", "85%", "30", s4,
         "个别学员未就业"],
        [cat.format("10").replace("产出", "满意度"), "服务对象满意度指标", "学员满意度", "≥90%", "95%", "10",
         "10", "无"],
        [total, "", "", "", "", available, tot, ""],
    ]
    return PRE + [sep.join(c for c in r if c or sep == " | ") for r in [header, *rows]]


def _errors(lines: list[str]) -> set[tuple[str, str, str]]:
    return {(f.code, str(f.stated), str(f.expected)) for f in audit_lines(lines)
            if f.severity.value == "error"}


# (planted values, a finding it must give: code, stated, expected)
PLANTS = {
    "row-weight": ({"w1": "25"}, ("weights-sum-mismatch", "50", "55")),
    "category-weight": ({"cat1": "60"}, ("weights-sum-mismatch", "60", "50")),
    "total": ({"tot": "97"}, ("sum-mismatch", "97", "99")),
    "score-above-weight": ({"s1": "22", "tot": "101"}, ("score-above-weight", "22", "20")),
    "points-available": ({"available": "90"}, ("sum-mismatch", "99", "90")),  # 99 above 90
}

CATEGORY_POINTS = ["产出指标({}分)", "产出指标（{}分）", "产出指标({})", "产出指标({}%)",
                   "产出指标（权重{}%）", "产出指标（分值{}分）", "产出指标(权重{}分)", "产出指标[{}分]",
                   "产出指标【{}分】", "产出指标{}分", "产出({}分)"]


def _cases(wordings: list[str], key: str, seps: tuple[str, ...] = tuple(SEPARATORS)
           ) -> list[tuple[str, dict[str, str]]]:
    return [(sep, {key: w}) for w in wordings for sep in seps]


CASES = [
    *_cases(CATEGORY_POINTS, "cat"),
    ("pipes", {"cat": "产出指标 {}分"}), ("spaces", {"cat": "产出指标 {}分"}),
    *_cases(["满分", "标准分", "权重(%)", "指标分值"], "weight", ("pipes", "spaces")),
    *_cases(["分值(分)"], "weight"),
    *_cases(["评分", "考核得分", "自评得分"], "score"),
    *_cases(["计划值", "年度目标", "预期目标值"], "target"),
    *_cases(["实际完成", "实际完成数", "实际完成指标值"], "actual"),
    *_cases(["合计得分", "综合得分", "总分(100分)", "得分合计"], "total"),
]

IDS = [f"{sep}-{wording}" for sep, words in CASES for wording in words.values()]


@pytest.mark.parametrize(("sep", "wording"), CASES, ids=IDS)
def test_consistent_table_is_silent(sep: str, wording: dict[str, str]) -> None:
    assert _errors(_table(SEPARATORS[sep], **wording)) == set()


@pytest.mark.parametrize("plant", sorted(PLANTS))
@pytest.mark.parametrize(("sep", "wording"), CASES, ids=IDS)
def test_planted_error_is_found(sep: str, wording: dict[str, str], plant: str) -> None:
    planted, want = PLANTS[plant]
    assert want in _errors(_table(SEPARATORS[sep], **wording, **planted))


@pytest.mark.parametrize("sep", sorted(SEPARATORS))
@pytest.mark.parametrize("wording", ["产出指标({}%)", "产出指标（权重{}%）"])
def test_category_points_in_percent_read_as_the_rows_weights(sep: str, wording: str) -> None:
    """A copy printing 权重(%) states its categories' weights in % (产出指标（权重50%）): the rows'
    weights are read in the same unit, so 60% over rows of 50 is the same contradiction."""
    assert ("weights-sum-mismatch", "60", "50") in _errors(_table(SEPARATORS[sep], cat=wording, cat1="60",
                                                                  weight="权重(%)"))


def test_completion_rate_is_no_actual() -> None:
    """实际完成率 is the completion column (actual ÷ target), never the 实际完成 the actual is:
    the row is read with its actual and the rate beside it, silent when consistent."""
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成", "实际完成率", "分值", "得分"]
    row = ["产出指标(20分)", "数量指标", "培训人数", "≥500人", "520人", "104%", "20", "20"]
    lines = [*PRE, " | ".join(header), " | ".join(row)]
    assert _errors(lines) == set()
    table = next(t for t in build_document(lines).tables if t.kind == "indicators")
    cells = table.rows[0].cells
    assert (cells["actual"].text, cells["completion"].text) == ("520人", "104%")


@pytest.mark.parametrize("footer", ["— 6 —", "- 6 -", "第 6 页"])
def test_total_row_is_not_continued_into_a_page_footer(footer: str) -> None:
    """PDF text prints the page's number under the last row (— 6 —): the 总分 row's points and
    score read on its line, the next line is not the row's (a rendered report's 合计 90 90.00
    was read as 90.00 available and a score of 6)."""
    lines = [*_table("  "), footer]
    table = next(t for t in build_document(lines).tables if t.kind == "indicators")
    assert table.total is not None and table.total.available is not None
    assert table.total.score is not None
    assert (table.total.available.value, table.total.score.value) == (100, 99)
    assert _errors([*_table("  ", s1="15"), footer]) >= {("sum-mismatch", "99", "94")}


FIELD_LAYOUTS = {
    "pipes": "项目名称 | 职业技能培训 | 自评得分 | {s} | 自评等级 | {g}",
    "spaces": "项目名称  职业技能培训  自评得分  {s}  自评等级  {g}",
    "tabs": "项目名称\t职业技能培训\t自评得分\t{s}\t自评等级\t{g}",
    "run-together": "项目名称职业技能培训自评得分{s}自评等级{g}",
    "colons": "自评得分：{s}分    自评等级：{g}",
    "unit-in-label": "自评得分(分) | {s} | 评价等级 | {g}",
    "one-after-another": "自评总分:{s} 综合等级:“{g}”",
}


@pytest.mark.parametrize("layout", sorted(FIELD_LAYOUTS))
def test_grade_field_of_the_form_head(layout: str) -> None:
    """The head of the form (自评得分 | 96 | 自评等级 | 良好) in every layout the text gives it:
    the grade against the national bands (优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差, RULES.md §2.4);
    silent when they agree."""
    line = FIELD_LAYOUTS[layout]
    assert _errors(["2023年度项目支出绩效自评表", line.format(s="96", g="优秀")]) == set()
    assert _errors(["2023年度项目支出绩效自评表", line.format(s="86", g="良")]) == set()
    assert ("grade-mismatch", "96", "None") in _errors(["2023年度项目支出绩效自评表",
                                                        line.format(s="96", g="良好")])


@pytest.mark.parametrize("sep", sorted(SEPARATORS))
def test_prose_total_against_the_tables_total_in_every_layout(sep: str) -> None:
    """正文 自评得分99分 against the 自评表's 总分 row read in any layout (it was read from a row of
    pipes only): the same total stated twice, silent when equal."""
    table = _table(SEPARATORS[sep])
    assert _errors([*table, "经自评，本项目自评得分99分。"]) == set()
    assert ("restated-mismatch", "97", "99") in _errors([*table, "经自评，本项目自评得分97分。"])


@pytest.mark.parametrize("sep", ["pipes", "spaces"])
@pytest.mark.parametrize("name", ["预算执行率", "资金执行率", "资金支付率", "资金支出率", "预算支出进度",
                                  "资金支付进度", "项目执行进度", "专项资金使用率"])
def test_execution_rate_indicator_under_its_names(sep: str, name: str) -> None:
    """The indicator restating the execution rate under the names the 绩效目标表 give it: its
    实际完成值 against the funds table's 执行数 ÷ 预算数 (100 ÷ 100 here), silent when equal."""
    def lines(actual: str) -> list[str]:
        table = _table(SEPARATORS[sep])
        return [ln.replace("培训合格率", name).replace("≥95%", "≥90%").replace("98%", actual)
                for ln in table]
    assert _errors(lines("100%")) == set()
    assert ("funds-indicator-mismatch", "95", "100.00") in _errors(lines("95%"))


@pytest.mark.parametrize("name", ["上半年支出进度", "第三季度资金支付进度"])
def test_a_part_of_the_years_progress_is_no_execution_rate(name: str) -> None:
    """A half year's or a quarter's progress is not the year's execution rate: silent."""
    lines = [ln.replace("培训合格率", name).replace("≥95%", "≥50%").replace("98%", "55%")
             for ln in _table(" | ")]
    assert not [e for e in _errors(lines) if e[0] == "funds-indicator-mismatch"]


def test_first_level_without_its_word_is_cut_only_where_no_word_runs_into_it() -> None:
    """满意度(10分) run together after a row (…10无满意度(10分)服务对象…) is the first level; in
    学员满意度(10分) it ends an indicator's name and stays part of it."""
    from jixiao.ingest.docmodel.cells import run_cells
    from jixiao.ingest.figures import extract_line

    def texts(line: str) -> list[str]:
        return [c.text for c in run_cells(extract_line(1, line))]

    run = "学员就业率≥80%85%3029无满意度(10分)服务对象满意度指标学员满意度≥90%95%1010无"
    assert "满意度(10分)" in texts(run)
    assert "满意度(10分)" not in texts("数量指标学员满意度(10分)≥90%95%1010无")


@pytest.mark.parametrize("column", ["评分标准", "评分依据", "评分说明"])
def test_scoring_text_column_is_no_score(column: str) -> None:
    """评分 names the score column of score sheets; 评分标准/依据/说明 are the criteria's text (its
    own points, 每项1分, are no score): the consistent sheet stays silent, a score above its
    weight is still found."""
    header = ["一级指标", "二级指标", "三级指标", "分值", column, "评分"]

    def sheet(score: str) -> list[str]:
        return [" | ".join(header),
                f"产出指标 | 数量指标 | 培训人数 | 20 | 每少10人扣1分(满分20分) | {score}",
                "产出指标 | 质量指标 | 培训合格率 | 30 | 合格率达95%得30分 | 30"]
    assert _errors(sheet("20")) == set()
    assert ("score-above-weight", "25", "20") in _errors(sheet("25"))


@pytest.mark.parametrize("layout", ["pipes", "spaces", "one-cell-per-line"])
def test_first_level_points_in_a_column_of_their_own(layout: str) -> None:
    """一级指标 | 分值 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分: the first level's points
    in the column right after its label (the score sheets' 一级指标 | 分值 | 二级指标 | 分值 order,
    in a 自评表 with targets): read as the category's points."""
    header = ["一级指标", "分值", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
              "偏差原因分析及改进措施"]

    def table(cat1: str) -> list[str]:
        rows = [["产出指标", cat1, "数量指标", "培训人数", "≥500人", "520人", "20", "20", "无"],
                ["", "", "质量指标", "培训合格率", "≥95%", "98%", "15", "15", "无"],
                ["", "", "时效指标", "完成时间", "2023年12月底前", "2023年11月", "15", "15", "无"],
                ["效益指标", "30", "社会效益指标", "学员就业率", "≥80%", "85%", "30", "29", "个别学员未就业"],
                ["满意度指标", "10", "服务对象满意度指标", "学员满意度", "≥90%", "95%", "10", "10", "无"],
                ["总分", "", "", "", "", "", "100", "99", ""]]
        if layout == "one-cell-per-line":
            return PRE + [c for r in [header, *rows] for c in r if c]
        sep = SEPARATORS[layout]
        return PRE + [sep.join(c for c in r if c or sep == " | ") for r in [header, *rows]]

    assert _errors(table("50")) == set()
    assert ("weights-sum-mismatch", "60", "50") in _errors(table("60"))


SHEET = [["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "得分"],
         ["投入", "13", "预算配置", "13", "在职人员控制率", "5", "控制率≤100%,计5分;每超过一个百分点扣0.5分",
          "5"],
         ["", "", "", "", "三公经费变动率", "8", "变动率≤0,计8分;每超过一个百分点扣0.8分", "{s}"],
         ["过程", "20", "预算执行", "20", "预算完成率", "10", "100%计满分,每低于5%扣2分", "10"],
         ["", "", "", "", "预算控制率", "10", "预算控制率=0,计10分;0-10%(含),计8分", "10"]]


@pytest.mark.parametrize("sep", ["pipes", "run-together"])
def test_score_sheet_with_its_criteria(sep: str) -> None:
    """A 部门整体 score sheet with its 评价标准 column (每超过一个百分点扣0.5分, 计5分: the criteria's
    own points). In cells (pipes) the criteria are a text column and a score above its weight is
    found; run together, every figure of the criteria would be cut as a cell of its own and read
    as a 分值 or 得分 (dev 473 gave nine false errors) — such a table is not read: silent."""
    def lines(score: str) -> list[str]:
        rows = [[c.format(s=score) for c in r] for r in SHEET]
        return ["部门整体支出绩效评价指标表", *(SEPARATORS[sep].join(c for c in r if c or sep == "pipes")
                                          for r in rows)]
    assert _errors(lines("8")) == set()
    if sep == "pipes":
        assert ("score-above-weight", "9", "8") in _errors(lines("9"))
    else:
        assert _errors(lines("9")) == set()


@pytest.mark.parametrize("sep", ["pipes", "spaces", "one-cell-per-line"])
def test_source_row_printing_its_own_rate(sep: str) -> None:
    """其中：当年财政拨款 | 80 | 80 | 76 | 95%: copies of the funds block print every source's
    执行率 and leave its 分值 and 得分 blank (the Yunnan form, dev 455): the rate is checked
    against the row's own amounts — silent when it agrees, an error when it does not."""
    def lines(rate: str) -> list[str]:
        rows = [["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                ["年度资金总额", "100", "100", "95", "10", "95%", "9.5"],
                ["其中：当年财政拨款", "80", "80", "76", "", rate, ""],
                ["上年结转资金", "20", "20", "19", "", "95%", ""]]
        if sep == "one-cell-per-line":
            return ["2023年度项目支出绩效自评表", *(c for r in rows for c in r if c)]
        joined = SEPARATORS[sep]
        return ["2023年度项目支出绩效自评表",
                *(joined.join(c for c in r if c or sep == "pipes") for r in rows)]
    assert _errors(lines("95%")) == set()
    assert ("rate-mismatch", "90", "95.00") in _errors(lines("90%"))
