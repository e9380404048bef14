"""docked: an indicator that met its target, scored below its weight, with no reason given."""

from __future__ import annotations

from jixiao.services.figure_audit import audit_lines

HEAD = "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施"
NO_REASON_COLUMN = "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分"
FULL = "产出指标 | 数量指标 | 培训人数 | ≥100人 | 105人 | 10 | 10 | 无"


def _docked(lines: list[str]) -> set[tuple[str, str]]:
    return {(f.severity.value, str(f.stated)) for f in audit_lines(lines)
            if f.code == "score-docked-achieved"}


def test_met_row_docked_without_reason_is_an_error() -> None:
    row = "产出指标 | 时效指标 | 资金到位及时率 | ≥100% | 100% | 10 | {score} | {reason}"
    assert _docked([HEAD, FULL, row.format(score=10, reason="无")]) == set()
    assert _docked([HEAD, FULL, row.format(score=7, reason="无")]) == {("error", "7")}
    assert _docked([HEAD, FULL, row.format(score=7, reason="")]) == {("error", "7")}
    # a reason given: nothing to say
    assert _docked([HEAD, FULL, row.format(score=7, reason="资金拨付滞后一个月")]) == set()


def test_equal_target_and_actual_is_met_whatever_the_operator() -> None:
    row = "产出指标 | 质量指标 | 项目竣工验收率 | 100% | 100% | 15 | 12 | 无"
    assert _docked([HEAD, FULL, row]) == {("error", "12")}


def test_not_met_is_not_docked() -> None:
    row = "效益指标 | 社会效益指标 | 政策知晓率 | =100% | 98% | 10 | 9 | 无"
    assert _docked([HEAD, FULL, row]) == set()


def test_uncertain_cases_are_warnings() -> None:
    # no 偏差原因 column: whether a reason was given cannot be seen
    row = "产出指标 | 时效指标 | 资金到位及时率 | ≥100% | 100% | 10 | 7"
    assert _docked([NO_REASON_COLUMN, FULL[:-4], row]) == {("warning", "7")}
    # far above the target: 10号 allows scoring down a target set too low
    row = "产出指标 | 数量指标 | 受益人数 | ≥100人 | 200人 | 10 | 8 | 无"
    assert _docked([HEAD, FULL, row]) == {("warning", "8")}
    # qualitative, actual repeating the target: 10号 lets such rows be scored in a band
    row = "效益指标 | 社会效益指标 | 改善办学条件 | 明显改善 | 明显改善 | 15 | 13 | 无"
    assert _docked([HEAD, FULL, row]) == {("warning", "13")}
    # the report explains the deduction in its text
    row = "产出指标 | 时效指标 | 资金到位及时率 | ≥100% | 100% | 10 | 7 | 无"
    prose = "资金到位及时率扣3分，原因是部分资金到位时间晚于计划。"
    assert _docked([HEAD, FULL, row, "", prose]) == {("warning", "7")}
