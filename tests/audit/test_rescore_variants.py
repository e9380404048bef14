"""Re-scoring the official 自评表 in the variants published tables print it in.

财预〔2020〕10号 附件 and the provinces' copies write the comparison of a 指标值 in signs or
words (≥, ＞, 不低于, 达到, 500人以上, 不高于, 控制在…以内), print 分值 | 得分 or 得分 | 分值, with
or without a 偏差原因 column, and a 总分 row that may give only the points available. Each
variant must be re-scored by the national rule (定量: 分值 × 实际 ÷ 目标), the finding naming
both numbers; a consistent table stays silent; a row printing no comparison is an error only
when its score fits neither reading (≥ and ≤); approximate figures (约, 余) are never operands.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from jixiao.cli.main import cli
from jixiao.domain.audit.rescore import rebuild
from jixiao.ingest.docmodel.document import build_document
from jixiao.services.figure_audit import audit_lines

PRE = ["2023年度项目支出绩效自评表", "项目名称 | 职业技能培训项目", "主管部门 | 某县人社局",
       "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
       "年度资金总额 | 100 | 100 | 100 | 10 | 100% | 10", ""]
HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
          "偏差原因分析及改进措施"]


def _table(target: str, actual: str, score: str, *, reason: str = "", total: str = "",
           swap: bool = False, no_reason: bool = False) -> list[str]:
    header = list(HEADER)
    rows = [["产出指标", "数量指标", "培训人数", target, actual, "20", score, reason],
            ["", "质量指标", "培训合格率", "≥95%", "98%", "30", "30", ""],
            ["效益指标", "社会效益指标", "学员就业率", "≥80%", "85%", "30", "30", ""],
            ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "95%", "10", "10", ""],
            ["总分", "", "", "", "", "100", total, ""]]
    if swap:
        header[5], header[6] = header[6], header[5]
        rows = [[*r[:5], r[6], r[5], *r[7:]] for r in rows]
    if no_reason:
        header, rows = header[:-1], [r[:-1] for r in rows]
    return PRE + [" | ".join(r) for r in [header, *rows]]


def _findings(lines: list[str]) -> set[tuple[str, str, str, str]]:
    return {(f.severity.value, f.code, str(f.stated), str(f.expected)) for f in audit_lines(lines)}


@pytest.mark.parametrize(("target", "actual", "operator"), [
    ("≥500人", "450人", ">="), ("不低于500人", "450人", ">="), ("500人以上", "450人", ">="),
    ("达到500人", "450人", ">="), ("＞500人", "450人", ">"), (">500人", "450人", ">"),
    ("≥５００人", "４５０人", ">="),
])
def test_positive_target_in_signs_or_words(target: str, actual: str, operator: str) -> None:
    """20 × 450 ÷ 500 = 18: 18 is silent, 15 is an error naming 15 and 18.00."""
    rebuilt = rebuild(build_document(_table(target, actual, "18")))
    assert rebuilt is not None
    assert rebuilt.evaluation.indicators[0].operator.value == operator
    assert not [f for f in _findings(_table(target, actual, "18")) if f[0] == "error"]
    assert ("error", "score-rule-mismatch", "15", "18.00") in _findings(_table(target, actual, "15"))


@pytest.mark.parametrize("target", ["≤100万元", "不高于100万元", "控制在100万元以内", "100万元以下"])
def test_reverse_target_in_signs_or_words(target: str) -> None:
    """A cost of 120万元 against ≤ 100万元: the reverse rule gives 16, not the full 20."""
    rebuilt = rebuild(build_document(_table(target, "120万元", "16")))
    assert rebuilt is not None and rebuilt.evaluation.indicators[0].operator.value == "<="
    assert ("error", "score-rule-mismatch", "20", "16.00") in _findings(
        _table(target, "120万元", "20"))


def test_shortfall_explained_is_a_warning() -> None:
    found = _findings(_table("≥500人", "450人", "15", reason="部分学员未报到"))
    assert ("warning", "score-rule-mismatch", "15", "18.00") in found
    assert not [f for f in found if f[0] == "error"]


def test_no_comparison_printed_error_only_when_no_reading_fits() -> None:
    """500人 / 450人 with no sign: ≥ gives 18, ≤ gives the full 20. 15 fits neither (error);
    20 fits the ≤ reading (a warning: which reading the table meant is unknown)."""
    assert ("error", "score-rule-mismatch", "15", "18.00") in _findings(_table("500人", "450人", "15"))
    found = _findings(_table("500人", "450人", "20"))
    assert ("warning", "score-rule-mismatch", "20", "18.00") in found
    assert not [f for f in found if f[0] == "error"]


@pytest.mark.parametrize(("target", "actual"), [("约500人", "450人"), ("≥500人", "450余人"),
                                                ("≥500人", "约450人")])
def test_approximate_figures_are_no_operands(target: str, actual: str) -> None:
    assert not [f for f in _findings(_table(target, actual, "15")) if f[1] == "score-rule-mismatch"]


@pytest.mark.parametrize("swap", [False, True])
@pytest.mark.parametrize("no_reason", [False, True])
def test_columns_in_either_order_with_or_without_reason(swap: bool, no_reason: bool) -> None:
    """分值 | 得分 or 得分 | 分值, 偏差原因 or not; the 总分 row read by the header's order: 98
    (18 + 30 + 30 + 10 + funds 10) is silent, 96 is the sum's error; a 总分 row giving only
    the points available (its 得分 cell blank at the line's end) is no score of 100."""
    def table(total: str) -> list[str]:
        return _table("≥500人", "450人", "18", total=total, swap=swap, no_reason=no_reason)
    assert not [f for f in _findings(table("98")) if f[0] == "error"]
    assert ("error", "sum-mismatch", "96", "98") in _findings(table("96"))
    assert not [f for f in _findings(table("")) if f[0] == "error"]


@pytest.mark.parametrize("target", ["不低于500人", "500人以上"])
@pytest.mark.parametrize("swap", [False, True])
def test_extract_writes_a_scorable_evaluation(tmp_path: Path, target: str, swap: bool) -> None:
    """`jixiao audit --extract` on the variants writes jixiao.evaluation/1 that `jixiao score`
    reads back: the row's operator, target, actual, unit and weight as the table states them."""
    report = tmp_path / "table.txt"
    report.write_text("\n".join(_table(target, "450人", "18", total="98", swap=swap)) + "\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["audit", "--extract", str(out), str(report)])
    assert result.exit_code == 0, result.output
    (written,) = out.glob("*.evaluation.yaml")
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    first = data["indicators"][0]
    assert (first["operator"], first["target"], first["actual"], first["unit_of_measure"],
            first["weight"]) == (">=", "500", "450", "人", "20")
    assert [i["weight"] for i in data["indicators"]] == ["20", "30", "30", "10"]
    scored = CliRunner().invoke(cli, ["score", str(written)])
    assert "总分" in scored.output, scored.output


def _qualitative(actual: str, score: str, reason: str = "") -> list[str]:
    header = " | ".join(HEADER)
    return ["2023年度项目支出绩效自评表", header,
            "产出指标 | 数量指标 | 培训人数 | ≥500人 | 520人 | 30 | 30 | ",
            f"效益指标 | 社会效益指标 | 群众生活质量 | 明显提高 | {actual} | 30 | {score} | {reason}",
            "满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥90% | 95% | 30 | 30 | "]


@pytest.mark.parametrize(("actual", "score", "expected"), [
    ("明显提高", "30", None), ("明显提高", "24", None), ("明显提高", "20", "24.00"),
    ("达成年度指标", "20", "24.00"), ("已达成", "24", None),
    ("部分达成", "20", None), ("部分达成", "27", "24.00"), ("部分达成", "15", "18.00"),
    ("未达成", "10", None), ("未达成", "20", "18.00"),
    ("有所提高", "20", None),  # its own words: which band is not said
])
def test_qualitative_row_scored_in_its_band(actual: str, score: str, expected: str | None) -> None:
    """10号's three bands for a qualitative row (RULES.md §2.3): 达成 0.8–1 of the 分值 (an
    actual repeating its target is 达成), 部分达成 0.6–0.8, 未达成 below 0.6."""
    found = {f for f in _findings(_qualitative(actual, score)) if f[1] == "score-rule-mismatch"}
    if expected is None:
        assert found == set()
    else:
        assert found == {("error", "score-rule-mismatch", score, expected)}


def test_qualitative_row_below_its_band_with_a_reason_is_a_warning() -> None:
    found = _findings(_qualitative("明显提高", "20", reason="宣传不足"))
    assert ("warning", "score-rule-mismatch", "20", "24.00") in found


def _without_total_row(prose: str, weight: str = "20") -> list[str]:
    rows = [r for r in _table("≥500人", "450人", "18") if not r.startswith("总分")]
    return [*rows[:1], prose, *rows[1:]] if weight == "20" else [
        *rows[:1], prose, *(r.replace("| 20 | 18 |", f"| {weight} | 18 |") for r in rows[1:])]


@pytest.mark.parametrize("prose", ["项目自评得分{s}分，自评等级为优。", "经自评，本项目综合得分为{s}分。",
                                   "自评总分 {s} 分"])
def test_prose_total_against_a_table_without_its_total_row(prose: str) -> None:
    """自评得分 in prose, the table printing no 总分 row: its scores (18 + 30 + 30 + 10 + funds
    10 = 98) are the total when its weights make 100 (20 + 30 + 30 + 10 + 10)."""
    assert not [f for f in _findings(_without_total_row(prose.format(s="98"))) if f[0] == "error"]
    assert ("error", "sum-mismatch", "96", "98") in _findings(_without_total_row(prose.format(s="96")))


def test_prose_total_not_judged_when_a_row_may_be_missing() -> None:
    """Weights of 25 + 30 + 30 + 10 + 10 = 105: the table is no proof that every row was read."""
    lines = _without_total_row("项目自评得分96分。", weight="25")
    assert not [f for f in _findings(lines) if f[1] == "sum-mismatch" and f[2] == "96"]


@pytest.mark.parametrize(("prose", "error"), [
    ("经自评，本项目自评等级为良。", True), ("自评结果：良好。", True), ("综合评价等级为“良”。", True),
    ("自评等级：优。", False), ("满意度调查结果为良好。", False), ("该指标评价结果为良。", False),
])
def test_grade_stated_alone_against_the_table_total(prose: str, error: bool) -> None:
    """The grade in prose, its score only in the 总分 row (98 → 优 on the national bands)."""
    lines = [*_table("≥500人", "450人", "18", total="98"), prose]
    found = ("error", "grade-mismatch", "98", "None") in _findings(lines)
    assert found is error


@pytest.mark.parametrize(("target", "actual", "score", "want"), [
    ("≥5万人", "45000人", "18", None), ("≥5万人", "45000人", "15", ("score-rule-mismatch", "15", "18.00")),
    ("≥2万亩", "18000亩", "15", ("score-rule-mismatch", "15", "18.00")),
    ("≥5万人", "52000人", "18", ("score-docked-achieved", "18", "20")),
])
def test_target_and_actual_at_different_scales(target: str, actual: str, score: str,
                                               want: tuple[str, str, str] | None) -> None:
    """≥5万人 against 45000人 is 4.5万人 of 5万人: the row is short, the rule gives 18; 52000人
    meets it, so 18 of 20 without a reason is docked."""
    errors = {f[1:] for f in _findings(_table(target, actual, score)) if f[0] == "error"}
    assert errors == (set() if want is None else {want})


@pytest.mark.parametrize("actual", ["基本达成", "部分完成", "未完成", "已完成"])
def test_local_band_words_are_not_judged(actual: str) -> None:
    """Words of local four-tier schemes (基本达成…) name no band of 10号's three."""
    assert not [f for f in _findings(_qualitative(actual, "27")) if f[1] == "score-rule-mismatch"]
    assert not [f for f in _findings(_qualitative(actual, "10")) if f[1] == "score-rule-mismatch"]


def test_grade_alone_not_against_a_total_of_the_indicators_alone() -> None:
    """总分 | 90 | 85 grades the indicators alone (the funds scored apart): a prose 优 (85 + 10)
    is not judged against 85."""
    lines = ["一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分",
             "产出指标 | 数量指标 | 培训人数 | ≥500人 | 520人 | 50 | 50",
             "效益指标 | 社会效益指标 | 学员就业率 | ≥80% | 70% | 40 | 35",
             "总分 | | | | | 90 | 85", "经自评，本项目自评等级为优。"]
    assert not [f for f in _findings(lines) if f[1] == "grade-mismatch"]


def _funds_without_rate(sep: str, executed: str, score: str) -> list[str]:
    """The funds block of a 部门整体支出绩效自评表 printing no 执行率 column: 年初预算数(A) |
    全年执行数(B) | 分值(10分) | 得分 | 得分计算方法 (the rule in words), the rate left to the reader
    (贵州 县/乡 forms, round3 dev 416; i11t)."""
    rows = [["部门(单位)总体资金(万元)", "资金来源", "年初预算数(A)", "全年执行数(B)", "分值(10分)", "得分",
             "得分计算方法"],
            ["年度资金总额:", "500.00", executed, "10", score, "执行率*该指标分值,最高不得超过分值上限。"],
            # (the rows by kind of spending add up to the total: the funds-parts check reads them)
            ["基本支出", "300.00", f"{Decimal(executed) - 200:.2f}"], ["项目支出", "200.00", "200.00"]]
    return ["部门整体支出绩效自评表", *(sep.join(r) for r in rows)]


@pytest.mark.parametrize("sep", [" | ", "  "])
@pytest.mark.parametrize(("executed", "score", "want"), [
    ("490.00", "9.8", None),                 # 490 ÷ 500 = 98 % → 9.8
    ("540.00", "10", None),                  # above the budget: capped at the 分值
    ("490.00", "10", None),                  # a whole-number score is the rule's rounded
    ("450.00", "10", ("score-rule-mismatch", "10", "9.00")),
    ("540.00", "7", ("score-rule-mismatch", "7", "10.00")),
])
def test_funds_score_without_a_rate_column(sep: str, executed: str, score: str,
                                           want: tuple[str, str, str] | None) -> None:
    errors = [(f.code, str(f.stated), str(f.expected)) for f in audit_lines(
        _funds_without_rate(sep, executed, score)) if f.severity.value == "error"]
    assert errors == [] if want is None else want in errors
