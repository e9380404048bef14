"""Re-scoring a published 自评表 (score-rule) and `jixiao audit --extract`.

The tables are written here; the rule is the region's rule set (national when unknown).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml
from click.testing import CliRunner

from jixiao.cli.main import cli
from jixiao.domain.audit.rescore import rebuild, ruleset_for
from jixiao.domain.scoring import score_evaluation
from jixiao.ingest.docmodel.document import build_document
from jixiao.ingest.evaluation_file import load_evaluation
from jixiao.services.figure_audit import audit_lines

FUNDS = ["项目名称 | 社区服务中心运行经费 | 主管部门 | 某区民政局 | 实施单位 | 某区社区服务中心",
         "项目支出绩效自评表（2022年度）",
         "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
         "年度资金总额 | 200 | 200 | {executed} | 10 | {rate} | {funds_score}"]
INDICATORS = [
    "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施",
    "产出指标 | 数量指标 | 服务场次 | ≥200场 | {done}场 | 30 | {score} | {reason}",
    "产出指标 | 质量指标 | 服务合格率 | ≥95% | 98% | 20 | 20 | 无",
    "效益指标 | 社会效益指标 | 居民受益面 | 明显提升 | 明显提升 | 30 | 28 | 宣传不足",
    "满意度指标 | 服务对象满意度指标 | 居民满意度 | ≥90% | 95% | 10 | 10 | 无",
    "总分 | 100 | {total} | 优",
]


def table(executed: str = "190", rate: str = "95%", funds_score: str = "9.5", done: str = "180",
          score: str = "27", reason: str = "无", total: str = "94.5") -> list[str]:
    values = {"executed": executed, "rate": rate, "funds_score": funds_score, "done": done,
              "score": score, "reason": reason, "total": total}
    return [ln.format(**values) for ln in [*FUNDS, *INDICATORS]]


def _errors(lines: list[str]) -> set[tuple[str, str, str]]:
    return {(f.code, str(f.stated), str(f.expected)) for f in audit_lines(lines)
            if f.severity.value == "error"}


def test_consistent_table_is_silent() -> None:
    # 30 × 180/200 = 27; 9.5 + 27 + 20 + 28 + 10 = 94.5
    assert _errors(table()) == set()


def test_shortfall_row_scored_against_the_rule() -> None:
    lines = table(score="29", total="96.5")
    (f,) = [f for f in audit_lines(lines) if f.code == "score-rule-mismatch"
            and f.severity.value == "error"]
    assert (f.line, f.stated, f.expected) == (6, Decimal("29"), Decimal("27.00"))
    assert "national-2020" in f.message and "30 × 180÷200" in f.message


def test_a_stated_reason_makes_a_score_below_the_rule_a_warning() -> None:
    # 25 < 27: the row explains its shortfall and may follow a stricter local rule
    found = [f for f in audit_lines(table(score="25", total="92.5", reason="场地维修停开两月"))
             if f.code == "score-rule-mismatch"]
    assert found and all(f.severity.value == "warning" for f in found)


def test_a_score_above_the_rule_is_an_error_even_with_a_reason() -> None:
    # 29 > 30 × 180/200 = 27: no reading of the rule gives a short row more than its share
    found = {(f.severity.value, str(f.stated)) for f in audit_lines(
        table(score="29", total="96.5", reason="场地维修停开两月")) if f.code == "score-rule-mismatch"}
    assert ("error", "29") in found


def test_a_whole_number_score_is_the_rule_rounded_not_cut() -> None:
    # 30 × 197/200 = 29.55: printed 30 (rounded) agrees, 29 (cut by nearly a point) does not
    assert not [f for f in audit_lines(table(done="197", score="30", total="97.5"))
                if f.code == "score-rule-mismatch" and f.severity.value == "error"]
    assert ("score-rule-mismatch", "29", "29.55") in _errors(
        table(done="197", score="29", total="96.5"))


def test_funds_score_against_the_rule_and_the_total_by_the_rules() -> None:
    lines = table(funds_score="9.8", total="94.8")
    found = {(f.code, f.severity.value, str(f.stated), str(f.expected)) for f in audit_lines(lines)}
    assert ("score-rule-mismatch", "error", "9.8", "9.50") in found
    assert ("score-rule-mismatch", "warning", "94.8", "94.50") in found  # 总分 by the rules


def test_reverse_row_without_operator_under_cost() -> None:
    lines = [*FUNDS[:2], "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分",
             "产出指标 | 成本指标 | 人均服务成本 | 50元 | 60元 | 10 | 10"]
    # no operator printed: a cost row is reverse (≤); 60 > 50 → (2×50−60)×10/50 = 8
    (f,) = [f for f in audit_lines(lines) if f.code == "score-rule-mismatch"]
    assert (f.stated, f.expected) == (Decimal("10"), Decimal("8.00"))
    assert "反向" in f.message


def test_region_decides_the_rule_set() -> None:
    assert ruleset_for(build_document(["湖北省鄂州市行政审批局", *table()])).name == "hubei"
    assert ruleset_for(build_document(table())).name == "national-2020"


def test_rebuilt_evaluation_scores_like_the_table() -> None:
    rebuilt = rebuild(build_document(table()))
    assert rebuilt is not None and rebuilt.complete
    p = rebuilt.evaluation.project
    assert (p.name, p.department, p.fiscal_year) == ("社区服务中心运行经费", "某区民政局", 2022)
    assert rebuilt.evaluation.funds.total.executed == Decimal("1900000")
    assert score_evaluation(rebuilt.evaluation).total == Decimal("94.50")


def test_extract_writes_an_evaluation_that_jixiao_score_accepts(tmp_path: Path) -> None:
    report = tmp_path / "自评表.txt"
    report.write_text("\n".join(table()), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["audit", "--extract", str(out), str(report)])
    assert result.exit_code == 0, result.output
    written = out / "自评表.evaluation.yaml"
    assert written.is_file()
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert data["format"] == "jixiao.evaluation/1"
    assert data["indicators"][2]["operator"] == "qualitative"
    assert score_evaluation(load_evaluation(written)).total == Decimal("94.50")
    scored = CliRunner().invoke(cli, ["score", str(written)])
    assert "94.5" in scored.output


def test_extract_says_when_no_table_was_recognised(tmp_path: Path) -> None:
    report = tmp_path / "prose.txt"
    report.write_text("全年预算100万元，执行90万元。", encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", "--extract", str(tmp_path / "out"), str(report)])
    assert "未识别出自评表" in result.output
    assert not (tmp_path / "out").exists()


def test_prose_restating_the_table() -> None:
    prose = ["项目自评得分94.5分，全年执行数190万元，预算执行率为95%。"]
    assert _errors(table() + prose) == set()
    wrong = ["项目自评得分96分，全年执行数180万元，预算执行率为90%。"]
    found = _errors(table() + wrong)
    assert ("restated-mismatch", "96", "94.5") in found
    assert ("restated-mismatch", "180", "190") in found
    # the sentence's own operands agree with 90%? no: 180 has no budget beside it, so the
    # rate is compared with the table's 190 ÷ 200
    assert ("restated-mismatch", "90", "95.00") in found


def test_an_excess_over_the_budget_is_not_the_budget_restated() -> None:
    prose = ["说明：全年执行数超过全年预算数20.00元，超支原因未说明。"]
    assert ("restated-mismatch", "20.00", "2000000") not in _errors(table() + prose)
    assert _errors(table() + prose) == set()


def test_an_equal_row_short_of_its_target_is_judged_only_above_the_rule() -> None:
    # "= 100%" done 98%: the system scores it like ≥ (29.4 of 30), others dock the deviation
    # either way — 27 follows one reading; 30 follows none
    lines = table()
    lines[5] = "产出指标 | 数量指标 | 政策知晓率 | =100% | 98% | 30 | 27 | 无"
    assert not [f for f in audit_lines(lines) if f.code == "score-rule-mismatch" and f.line == 6]
    lines[5] = lines[5].replace("| 27 |", "| 30 |")
    found = {(f.code, f.severity.value, str(f.stated)) for f in audit_lines(lines) if f.line == 6}
    assert ("score-rule-mismatch", "error", "30") in found


def test_funds_score_is_checked_without_an_indicator_table() -> None:
    # 10 × 180/200 = 9; the indicator table is missing (cut, or in another shape)
    lines = table(executed="180", rate="90%", funds_score="10")[:4]
    found = {(f.code, f.severity.value, str(f.stated), str(f.expected)) for f in audit_lines(lines)}
    assert ("score-rule-mismatch", "error", "10", "9.00") in found
    assert not [f for f in audit_lines(table(executed="180", rate="90%", funds_score="9")[:4])
                if f.code == "score-rule-mismatch"]


def test_funds_weight_stated_in_the_header_rule() -> None:
    """预算执行情况(20分) | … | 得分 (20分*执行率): no 分值 column, the header gives it."""
    lines = ["预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |",
             "年度财政资金总额 | 50 | 40 | 80% | {score} |"]
    assert not [f for f in audit_lines([lines[0], lines[1].format(score="16")])
                if f.code == "score-rule-mismatch"]
    found = {(f.code, str(f.stated), str(f.expected))
             for f in audit_lines([lines[0], lines[1].format(score="18")])}
    assert ("score-rule-mismatch", "18", "16.00") in found
