"""Small builders for domain objects in tests (shared by every test area)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.evaluation import Evaluation, FundRow, Funds, Project
from jixiao.domain.indicators import Indicator, Operator, QualitativeGrade
from jixiao.domain.money import D


def ind(category: str = "产出指标", name: str = "指标", op: str = ">=", target: object = 100,
        actual: object = 100, weight: object = 10, subcategory: str = "数量指标",
        grade: str | None = None, score: object = None, deviation_reason: str = "",
        override_reason: str = "", unit: str = "") -> Indicator:
    """An indicator; numbers may be given as int or str."""
    operator = Operator.parse(op)
    qualitative = operator is Operator.QUALITATIVE
    return Indicator(
        category=category, subcategory=subcategory, name=name, operator=operator,
        target=str(target) if qualitative else D(target),
        actual=(None if actual is None else (str(actual) if qualitative else D(actual))),
        weight=D(weight), unit_of_measure=unit,
        grade=None if grade is None else QualitativeGrade.parse(grade),
        score=None if score is None else D(score),
        deviation_reason=deviation_reason, override_reason=override_reason,
    )


def row(budget: object, executed: object, initial: object | None = None) -> FundRow:
    return FundRow(None if initial is None else D(initial), D(budget), D(executed))


def evaluation(indicators: list[Indicator], budget: object = 100, executed: object = 100,
               ruleset: str | None = None, **sources: FundRow) -> Evaluation:
    return Evaluation(
        project=Project("测试项目", "测试主管部门", "测试单位", 2022),
        funds=Funds(total=row(budget, executed, budget), **sources),
        indicators=tuple(indicators),
        ruleset=ruleset,
    )


def standard_indicators(output: object = 50, outcome: object = 30, satisfaction: object = 10,
                        achieved: bool = True) -> list[Indicator]:
    """One fully achieved indicator per category with the given weights."""
    actual = 100 if achieved else 50
    reason = "" if achieved else "未完成，原因已分析"
    return [
        ind("产出指标", "产出", target=100, actual=actual, weight=output, deviation_reason=reason),
        ind("效益指标", "效益", target=100, actual=actual, weight=outcome,
            subcategory="社会效益指标", deviation_reason=reason),
        ind("满意度指标", "满意度", target=90, actual=95 if achieved else 45, weight=satisfaction,
            subcategory="服务对象满意度指标", deviation_reason=reason),
    ]


ZERO = Decimal(0)
