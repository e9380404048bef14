"""First-level weights listed in a sentence against the forms' 100 points (weights).

The complete first-level sets of the forms make 100: the national 自评表's 产出 + 效益 + 满意度
(+ 成本) + 预算执行率 (财预〔2020〕10号 附件1) and the evaluation framework's 决策 + 过程 + 产出 +
效益 (附件2). A sentence about weights listing one of them must add up to 100, in 分 or %.
"""

from __future__ import annotations

import pytest

from jixiao.services.figure_audit import audit_lines

LISTS = [
    "本项目绩效指标分值设置为：产出指标{a}分，效益指标30分，满意度指标10分，预算执行率10分。",
    "绩效指标权重：预算执行情况10分；产出指标{a}分；效益指标30分；满意度指标10分。",
    "评价指标分值：决策指标{b}分、过程指标20分、产出指标40分、效益指标30分。",
    "项目评价指标权重设定为项目决策{b}分，项目管理20分，项目产出40分，项目效益30分。",
    "指标权重设置如下：产出指标占{a}%，效益指标占30%，满意度指标占10%，预算执行率占10%。",
    "产出指标（{a}分）主要包括数量、质量、时效和成本指标；效益指标（30分）；满意度指标（10分）；"
    "预算执行率（10分）。",
    "一级指标分值：产出指标{c}分，成本指标20分，效益指标30分，满意度指标10分，预算执行率10分。",
    "本项目绩效指标分值设置为：产出指标 {a} 分，效益指标 30 分，满意度指标 10 分，预算执行率 10 分",
]


def _errors(line: str) -> list[tuple[str, str, str]]:
    return [(f.code, str(f.stated), str(f.expected)) for f in audit_lines([line])
            if f.severity.value == "error"]


@pytest.mark.parametrize("template", LISTS)
def test_listed_weights_make_100(template: str) -> None:
    assert _errors(template.format(a="50", b="10", c="30")) == []
    found = _errors(template.format(a="60", b="20", c="40"))
    assert ("weights-sum-mismatch", "100", "110") in found


@pytest.mark.parametrize("line", [
    # scores, not weights
    "自评得分95分，其中产出指标得分48分，效益指标28分，满意度指标9分，预算执行率10分。",
    # not a complete set: 满意度 missing (the rest may be elsewhere)
    "本项目绩效指标分值设置为：产出指标60分，效益指标30分，预算执行率10分。",
    # a sentence stating its own total is the sums detectors'
    "一级指标权重为：产出指标50分、效益指标30分、满意度指标10分，预算执行情况10分，合计100分。",
    # a category named twice (two tables): which is which is unknown
    "分值设置：产出指标50分，效益指标30分，满意度指标10分，预算执行率10分，产出指标60分。",
    # second levels (社会效益指标) are no first level
    "分值设置为：产出指标50分，社会效益指标30分，满意度指标10分，预算执行率20分。",
    # approximate wording and mixed units are no list of weights
    "指标权重设置：产出指标占60%，效益指标30分，满意度指标10分，预算执行率10分。",
])
def test_not_a_list_of_first_level_weights(line: str) -> None:
    assert not [e for e in _errors(line) if e[0] == "weights-sum-mismatch"]
