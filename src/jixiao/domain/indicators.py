"""Performance indicators (绩效指标): operators, qualitative grades, the category trees.

Two official category trees exist (RULES.md §4): 财预〔2020〕10号 puts 成本指标 under
产出指标; 财预〔2021〕101号 makes 成本指标 a 一级 category. jixiao accepts both
(RULES.md §10 A1) and counts a 一级 成本指标's points towards the 产出 50 points.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

__all__ = [
    "CATEGORY_TREE_2020",
    "CATEGORY_TREE_2021",
    "COST",
    "OUTCOME",
    "OUTPUT",
    "SATISFACTION",
    "Indicator",
    "Operator",
    "QualitativeGrade",
    "scoring_category",
]

OUTPUT = "产出指标"
OUTCOME = "效益指标"
SATISFACTION = "满意度指标"
COST = "成本指标"

#: 财预〔2020〕10号 / 〔2015〕88号 tree (RULES.md §4.1).
CATEGORY_TREE_2020: dict[str, tuple[str, ...]] = {
    OUTPUT: ("数量指标", "质量指标", "时效指标", "成本指标"),
    OUTCOME: ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    SATISFACTION: ("服务对象满意度指标",),
}

#: 财预〔2021〕101号 tree (RULES.md §4.2): 成本 is a 一级 category.
CATEGORY_TREE_2021: dict[str, tuple[str, ...]] = {
    COST: ("经济成本指标", "社会成本指标", "生态环境成本指标"),
    OUTPUT: ("数量指标", "质量指标", "时效指标"),
    OUTCOME: ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    SATISFACTION: ("服务对象满意度指标",),
}


def scoring_category(category: str) -> str:
    """The 一级 category whose weight an indicator counts towards (成本 → 产出, RULES.md §10 A1)."""
    return OUTPUT if category == COST else category


class Operator(str, Enum):
    """指标性质: how the actual value is compared with the target."""

    GE = ">="
    GT = ">"
    EQ = "="
    LE = "<="
    LT = "<"
    QUALITATIVE = "qualitative"

    @classmethod
    def parse(cls, text: str) -> Operator:
        """Accept ``>=``, ``≥``, ``大于等于``, ``定性`` and the other usual spellings.

        Raises:
            ValueError: with the accepted spellings in the message.
        """
        key = text.strip()
        op = _OPERATOR_ALIASES.get(key)
        if op is None:
            raise ValueError(
                f"未知的指标性质 {text!r}（可用：>= > = <= < qualitative，或 ≥ ≤ 定性）"
            )
        return op

    @property
    def is_positive(self) -> bool:
        return self in (Operator.GE, Operator.GT)

    @property
    def is_reverse(self) -> bool:
        return self in (Operator.LE, Operator.LT)

    @property
    def symbol(self) -> str:
        """The symbol printed on the official form (≥ ≤ 定性)."""
        return _OPERATOR_SYMBOLS[self]


_OPERATOR_ALIASES: dict[str, Operator] = {
    ">=": Operator.GE, "≥": Operator.GE, "＞＝": Operator.GE, "大于等于": Operator.GE,
    ">": Operator.GT, "＞": Operator.GT, "大于": Operator.GT,
    "=": Operator.EQ, "==": Operator.EQ, "＝": Operator.EQ, "等于": Operator.EQ,
    "<=": Operator.LE, "≤": Operator.LE, "＜＝": Operator.LE, "小于等于": Operator.LE,
    "<": Operator.LT, "＜": Operator.LT, "小于": Operator.LT,
    "qualitative": Operator.QUALITATIVE, "定性": Operator.QUALITATIVE,
}
_OPERATOR_SYMBOLS: dict[Operator, str] = {
    Operator.GE: "≥", Operator.GT: ">", Operator.EQ: "=", Operator.LE: "≤", Operator.LT: "<",
    Operator.QUALITATIVE: "定性",
}


class QualitativeGrade(str, Enum):
    """The three grades of a qualitative indicator (RULES.md §2.3) and their score bands."""

    ACHIEVED = "achieved"
    PARTLY_ACHIEVED = "partly_achieved"
    NOT_ACHIEVED = "not_achieved"

    @classmethod
    def parse(cls, text: str) -> QualitativeGrade:
        """Accept the English code or the 10号 wording (达成年度指标 …)."""
        key = text.strip()
        for grade in cls:
            if key in (grade.value, grade.label, _SHORT_LABELS[grade]):
                return grade
        raise ValueError(
            f"未知的定性档次 {text!r}（可用：achieved / partly_achieved / not_achieved，"
            "或 达成年度指标 / 部分达成年度指标并具有一定效果 / 未达成年度指标且效果较差）"
        )

    @property
    def label(self) -> str:
        """The wording of 财预〔2020〕10号."""
        return _GRADE_LABELS[self]

    def band(self, weight: Decimal) -> tuple[Decimal, Decimal, bool]:
        """Return ``(low, high, high_inclusive)``: the allowed score range for this grade.

        RULES.md §2.3: 达成 0.8w ≤ s ≤ w; 部分达成 0.6w ≤ s < 0.8w; 未达成 0 ≤ s < 0.6w.
        """
        if self is QualitativeGrade.ACHIEVED:
            return weight * Decimal("0.8"), weight, True
        if self is QualitativeGrade.PARTLY_ACHIEVED:
            return weight * Decimal("0.6"), weight * Decimal("0.8"), False
        return Decimal(0), weight * Decimal("0.6"), False

    def admits(self, score: Decimal, weight: Decimal) -> bool:
        """True when `score` lies in this grade's band for an indicator worth `weight`."""
        low, high, inclusive = self.band(weight)
        if weight == 0:
            return score == 0
        return low <= score and (score <= high if inclusive else score < high)


_GRADE_LABELS = {
    QualitativeGrade.ACHIEVED: "达成年度指标",
    QualitativeGrade.PARTLY_ACHIEVED: "部分达成年度指标并具有一定效果",
    QualitativeGrade.NOT_ACHIEVED: "未达成年度指标且效果较差",
}
_SHORT_LABELS = {
    QualitativeGrade.ACHIEVED: "达成",
    QualitativeGrade.PARTLY_ACHIEVED: "部分达成",
    QualitativeGrade.NOT_ACHIEVED: "未达成",
}


@dataclass(frozen=True, slots=True)
class Indicator:
    """A 三级 performance indicator as declared and evaluated.

    Attributes:
        category: 一级 (产出指标, 效益指标, 满意度指标, 成本指标).
        subcategory: 二级 (数量指标 …).
        name: 三级 indicator name.
        operator: 指标性质.
        target: 年度指标值 — a Decimal for quantitative indicators, text for qualitative.
        actual: 实际完成值 — Decimal, text (qualitative) or None when not yet known.
        weight: 分值.
        unit_of_measure: 度量单位 (平方米, %, 个 …).
        grade: qualitative grade chosen by the evaluator.
        score: manual score (required for qualitative; an override for quantitative).
        override_reason: why a quantitative score was overridden.
        deviation_reason: 偏差原因分析及改进措施.
    """

    category: str
    subcategory: str
    name: str
    operator: Operator
    target: Decimal | str
    weight: Decimal
    actual: Decimal | str | None = None
    unit_of_measure: str = ""
    grade: QualitativeGrade | None = None
    score: Decimal | None = None
    override_reason: str = ""
    deviation_reason: str = ""
