"""The 年度预算执行情况 block of a 自评表 in every layout and header wording (i13w).

The national form's 项目资金 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 (财预〔2020〕10号
附件1), its copies' 预算数(A) | 执行数(B) | 执行率(B/A) | 得分(10分*执行率) (保山/湖北 forms, root 011),
全年预算数(A) | 全年执行数(B) (四川 014), 调整后预算数 | 预算执行数 | 权重 | 预算执行率 (i11f/37), each in
pipes, blanks, single blanks, tabs and one cell per line, with its source rows (其中：当年财政拨款,
上年结转资金) whose empty cells the forms print as —. The consistent block is silent; a funds score
above 分值 × 执行率, a rate that is not 执行数 ÷ 预算数 and a source row's rate are found.
Two things this found: a blank-separated — after a figure made the figure the first end of a
range (80 — 90%: no exact operand, the source row's rate unchecked), and 得分(20分*执行率) was
taken for two column names run together (the header despaced as run-together text).
"""

from __future__ import annotations

import pytest

from jixiao.services.figure_audit import audit_lines

HEADERS = {
    "national": ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    "lettered": ["资金情况（万元）", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
    "weight-in-header": ["预算执行情况(万元)(10分)", "预算数(A)", "执行数(B)", "执行率(B/A)",
                         "得分(10分*执行率)"],
    "adjusted": ["项目资金（万元）", "年初预算数", "调整后预算数", "预算执行数", "权重", "预算执行率",
                 "得分"],
}
_VALUE_OF = {"年初预算数": "b0", "全年预算数": "b", "调整后预算数": "b", "预算数(A)": "b",
             "全年预算数(A)": "b", "全年执行数": "e", "预算执行数": "e", "执行数(B)": "e",
             "全年执行数(B)": "e", "分值": "w", "权重": "w", "执行率": "r", "预算执行率": "r",
             "执行率(B/A)": "r", "得分": "s", "得分(10分*执行率)": "s"}
INDICATORS = [
    "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施",
    "产出指标(50分) | 数量指标 | 培训人数 | ≥500人 | 520人 | 20 | 20 | 无",
    " | 质量指标 | 培训合格率 | ≥95% | 98% | 15 | 15 | 无",
    " | 时效指标 | 完成时间 | 2023年12月底前 | 2023年11月 | 15 | 15 | 无",
    "效益指标(30分) | 社会效益指标 | 学员就业率 | ≥80% | 85% | 30 | 29 | 个别学员未就业",
    "满意度指标(10分) | 服务对象满意度指标 | 学员满意度 | ≥90% | 95% | 10 | 10 | 无",
]
SEPARATORS = {
    "pipes": lambda rows: [" | ".join(r) for r in rows],
    "blanks": lambda rows: ["  ".join(c for c in r if c) for r in rows],
    "single-blanks": lambda rows: [" ".join(c for c in r if c) for r in rows],
    "tabs": lambda rows: ["\t".join(r) for r in rows],
    "one-cell-per-line": lambda rows: [c for r in rows for c in r if c],
}


def _block(header: str, sep: str, executed: str = "90", rate: str = "90%", score: str = "9",
           part: str = "90") -> list[str]:
    h = HEADERS[header]

    def row(name: str, values: dict[str, str]) -> list[str]:
        return [name, *(values[_VALUE_OF[c]] for c in h[1:])]

    rows = [row("年度资金总额", {"b0": "100", "b": "100", "e": executed, "w": "10", "r": rate, "s": score}),
            row("其中：当年财政拨款", {"b0": "100", "b": "100", "e": part, "w": "—", "r": rate, "s": "—"}),
            row("上年结转资金", {"b0": "", "b": "", "e": "", "w": "—", "r": "", "s": "—"})]
    total = str(89 + int(score))  # the indicator rows score 89 of 90
    return ["2023年度项目支出绩效自评表", *SEPARATORS[sep]([h, *rows]), *INDICATORS,
            f"总分 | | | | | 100 | {total} | 优"]


def _errors(lines: list[str]) -> list[tuple[str, str, str]]:
    return [(f.code, str(f.stated), str(f.expected)) for f in audit_lines(lines)
            if f.severity.value == "error"]


@pytest.mark.parametrize("sep", sorted(SEPARATORS))
@pytest.mark.parametrize("header", sorted(HEADERS))
def test_consistent_block_is_silent(header: str, sep: str) -> None:
    assert _errors(_block(header, sep)) == []


@pytest.mark.parametrize("sep", sorted(SEPARATORS))
@pytest.mark.parametrize("header", sorted(HEADERS))
def test_planted_errors_are_found(header: str, sep: str) -> None:
    found = _errors(_block(header, sep, score="10"))
    assert any(code == "score-rule-mismatch" and stated == "10" for code, stated, _ in found)
    found = _errors(_block(header, sep, rate="95%"))
    assert ("rate-mismatch", "95", "90.00") in found
    found = _errors(_block(header, sep, part="80"))  # the source row: 80 ÷ 100 is no 90%
    assert ("rate-mismatch", "90", "80.00") in found
