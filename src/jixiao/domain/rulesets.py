"""Rule sets as versioned data (RULES.md §2.2, §3.7, §10 A2/A3).

A rule set fixes the budget-execution scoring, the 一级 category weights, the treatment of
a missing satisfaction category, the over-completion threshold and the grade bands. The
functions it names live in `jixiao.domain.rules` and `jixiao.domain.execution`. A scored
evaluation records the rule set's name and version, so a later change of a rule set
never silently changes an old score's meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.indicators import OUTCOME, OUTPUT, SATISFACTION

__all__ = ["DEFAULT_RULESET", "RULESETS", "RuleSet", "get_ruleset"]


@dataclass(frozen=True, slots=True)
class RuleSet:
    """One province's (or the nation's) way of scoring a 项目支出绩效自评.

    Attributes:
        name: stable identifier (``national-2020``).
        version: bumped whenever a number or rule below changes.
        title: Chinese description with its source.
        execution_weight: points for 预算执行率.
        execution_rule: ``linear`` (min(rate × weight, weight)) or ``tiered``.
        execution_tiers: for ``tiered``: (minimum rate, score) from the highest tier down.
        category_weights: expected 一级 weights; None when the rule set fixes only the total.
        indicator_total: points for all indicators together (100 − execution_weight).
        satisfaction_redistribution: where the satisfaction points go when a project has
            no satisfaction indicator (RULES.md §2.2, §10 A3).
        over_completion_ratio: actual ≥ ratio × target asks for an explanation (§3.6).
        grade_bands: (lowest total, grade) from 优 down; half-open bands (§2.4, §10 A9).
    """

    name: str
    version: str
    title: str
    execution_weight: Decimal
    execution_rule: str
    category_weights: tuple[tuple[str, Decimal], ...] | None
    indicator_total: Decimal
    satisfaction_redistribution: tuple[tuple[str, Decimal], ...]
    execution_tiers: tuple[tuple[Decimal, Decimal], ...] = ()
    over_completion_ratio: Decimal = Decimal("1.3")
    grade_bands: tuple[tuple[Decimal, str], ...] = (
        (Decimal(90), "优"),
        (Decimal(80), "良"),
        (Decimal(60), "中"),
        (Decimal(0), "差"),
    )

    def expected_category_weights(self, has_satisfaction: bool) -> dict[str, Decimal] | None:
        """The 一级 weights an evaluation must have, or None when only the total is fixed.

        Without a satisfaction indicator, its points are redistributed (RULES.md §10 A3).
        """
        if self.category_weights is None:
            return None
        weights = dict(self.category_weights)
        if not has_satisfaction and SATISFACTION in weights:
            freed = weights.pop(SATISFACTION)
            shares = dict(self.satisfaction_redistribution)
            for category, share in shares.items():
                weights[category] = weights.get(category, Decimal(0)) + freed * share
        return weights

    def grade(self, total: Decimal) -> str:
        """The grade for a total on half-open bands: 89.99 → 良, 90 → 优."""
        for lowest, grade in self.grade_bands:
            if total >= lowest:
                return grade
        return self.grade_bands[-1][1]


# 10/50/30/10 (RULES.md §2.2) and the 50:30 split of the satisfaction points (§10 A3):
# 产出 +6.25, 效益 +3.75.
_NATIONAL_WEIGHTS = ((OUTPUT, Decimal(50)), (OUTCOME, Decimal(30)), (SATISFACTION, Decimal(10)))
_REDISTRIBUTION = ((OUTPUT, Decimal("0.625")), (OUTCOME, Decimal("0.375")))

NATIONAL_2020 = RuleSet(
    name="national-2020",
    version="2020.1",
    title="全国通用：财预〔2020〕10号 + 省级系统默认计分（RULES.md §2–§3）",
    execution_weight=Decimal(10),
    execution_rule="linear",
    category_weights=_NATIONAL_WEIGHTS,
    indicator_total=Decimal(90),
    satisfaction_redistribution=_REDISTRIBUTION,
)

# 湖北: 预算执行率 20 × 执行率，封顶 20 (RULES.md §10 A2, [系统] `_isHubei`). Indicators then
# carry 80 points; how Hubei splits them among 一级 categories is not documented (待核), so
# only the total is checked.
HUBEI = RuleSet(
    name="hubei",
    version="2020.1",
    title="湖北：预算执行率 20 分（20 × 执行率，封顶 20），指标合计 80 分（一级分值待核）",
    execution_weight=Decimal(20),
    execution_rule="linear",
    category_weights=None,
    indicator_total=Decimal(80),
    satisfaction_redistribution=_REDISTRIBUTION,
)

# 江西: 100% → 10, [80%,100%) → 7, [60%,80%) → 5, < 60% → 0 (RULES.md §10 A2, `_is_JiangXi`).
JIANGXI = RuleSet(
    name="jiangxi",
    version="2020.1",
    title="江西：预算执行率按档计分（100%→10，80%–100%→7，60%–80%→5，60%以下→0）",
    execution_weight=Decimal(10),
    execution_rule="tiered",
    execution_tiers=(
        (Decimal(1), Decimal(10)),
        (Decimal("0.8"), Decimal(7)),
        (Decimal("0.6"), Decimal(5)),
        (Decimal(0), Decimal(0)),
    ),
    category_weights=_NATIONAL_WEIGHTS,
    indicator_total=Decimal(90),
    satisfaction_redistribution=_REDISTRIBUTION,
)

DEFAULT_RULESET = NATIONAL_2020.name

RULESETS: dict[str, RuleSet] = {rs.name: rs for rs in (NATIONAL_2020, HUBEI, JIANGXI)}


def get_ruleset(name: str | None) -> RuleSet:
    """The rule set called `name` (the default when None).

    Raises:
        KeyError: with the known names in the message.
    """
    key = name or DEFAULT_RULESET
    try:
        return RULESETS[key]
    except KeyError:
        known = "、".join(sorted(RULESETS))
        raise KeyError(f"未知的规则集 {key!r}（可用：{known}）") from None
