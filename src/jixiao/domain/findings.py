"""Problems are values: a `Finding` has a stable code, a severity, both sides, and a place.

Checks in jixiao never raise for a problem in the data; they return findings. The codes
in `CODES` are a public contract (CONTRACTS.md §2/§3/§4): they may grow, never change.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import NamedTuple

__all__ = ["CODES", "Finding", "Severity", "has_errors"]


class Severity(str, Enum):
    """How bad a finding is. `error` makes a command exit with code 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


#: Finding codes and what they mean. Fixed codes are listed in CONTRACTS.md.
CODES: dict[str, str] = {
    # scoring (CONTRACTS.md §2)
    "deviation-reason-missing": "得分低于分值但未填写偏差原因分析及改进措施",
    "qualitative-score-out-of-band": "定性指标得分不在所选档次的区间内",
    "score-above-weight": "得分超过分值",
    "weights-mismatch": "一级指标分值与规则集不一致",
    "funds-parts-mismatch": "资金来源分项之和不等于年度资金总额",
    "over-completion": "实际完成值达到或超过年度指标值的130%，需说明原因",
    "override-reason-missing": "人工调整了定量指标得分但未说明理由",
    "executed-exceeds-budget": "全年执行数超过全年预算数",
    "zero-budget": "全年预算数为 0",
    "subcategory-unknown": "二级指标不在标准指标体系中",
    # apportionment and figure audit (CONTRACTS.md §3, §4)
    "sum-mismatch": "分项之和与所述合计不一致",
    # figure audit only (docs/audit.md)
    "product-mismatch": "单价×数量×期数与所述金额不一致",
    "restated-mismatch": "同一数量在文中两处的数值不一致",
    "rate-mismatch": "所述比率与分子÷分母不一致",
    "score-docked-achieved": "指标已达成但得分低于分值且未说明理由",
    "weights-sum-mismatch": "各一级指标分值与预算执行分值之和不是100分",
    "unit-implausible": "数值与所标单位不符（如标为%的数值上千）",
    "count-mismatch": "所述个数与列举的项数不一致",
    "score-rule-mismatch": "得分与表中所述计分规则（分值×实际完成值÷指标值）不一致",
    "grade-mismatch": "所述等级与所述总分不符（优≥90>良≥80>中≥60>差）",
    "share-mismatch": "所述占比与部分÷整体不一致",
    "growth-mismatch": "所述增长（下降）率与本年、上年数不一致",
    "paid-unpaid-mismatch": "已支付与未支付之和不等于合同（总）金额",
    "due-paid-mismatch": "文中称足额（全额）支付，实付金额却与应付金额不同",
    "funds-indicator-mismatch":
        "指标值与资金表不一致（执行率指标与执行数÷预算数不符，成本指标超过全年执行数）",
    # apportionment, ledger and monitoring (docs/funds.md)
    "stated-amount-mismatch": "所述面积或金额与按面积、单价计算的结果不一致",
    "underpayment": "实付金额少于按分摊应付的金额",
    "overpayment": "实付金额多于按分摊应付的金额",
    "overspend": "预算项目支出超过预算金额",
    "misclassified-spending": "支出的经济分类不在该预算项目允许的范围内（挤占挪用审计标记，不参与计分）",
    "outside-fiscal-year": "支出日期不在本预算年度内",
    "duplicate-payment": "疑似重复支付（同一收款人、金额、日期）",
    "unspent-line": "预算项目到年底没有任何支出",
    "execution-behind-schedule": "预算执行进度落后于序时进度",
    "below-quarter-benchmark": "预算执行率低于季度进度目标",
    "completion-unlikely": "预计不能确定完成年度指标值",
    "completion-judgement-doubtful": "判断“确定能”完成，但进度明显落后于序时进度",
}


class Finding(NamedTuple):
    """One problem found in the data (immutable).

    A `NamedTuple` rather than a frozen dataclass: batch scoring creates findings in its hot
    loop, and a frozen dataclass's ``__init__`` costs about five times as much.

    Attributes:
        code: stable identifier from `CODES` (or a detector's own registered code).
        severity: error, warning or info.
        message: plain-language text showing both sides, e.g. "所述 15415.38，分项合计 16184.78".
        location: where it is — a field path (``indicators[3]``), a cell or ``file:line``.
        stated: the figure as stated, as an exact decimal, if the finding compares figures.
        expected: what the other figures imply.
        operands: the figures the recomputation used.
        unit: the unit of `stated` and `expected`.
        line: 1-based line in extracted text (figure audit only).
        excerpt: the text around the stated figure (figure audit only).
    """

    code: str
    severity: Severity
    message: str
    location: str = ""
    stated: Decimal | None = None
    expected: Decimal | None = None
    operands: tuple[Decimal, ...] = ()
    unit: str | None = None
    line: int | None = None
    excerpt: str | None = None

    def to_json(self) -> dict[str, object]:
        """The CONTRACTS.md JSON shape; decimals become strings, absent fields are omitted."""
        out: dict[str, object] = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }
        if self.location:
            out["location"] = self.location
        if self.line is not None:
            out["line"] = self.line
        if self.excerpt is not None:
            out["excerpt"] = self.excerpt
        if self.stated is not None:
            out["stated"] = str(self.stated)
        if self.expected is not None:
            out["expected"] = str(self.expected)
        if self.operands:
            out["operands"] = [str(x) for x in self.operands]
        if self.unit is not None:
            out["unit"] = self.unit
        return out


def has_errors(findings: list[Finding] | tuple[Finding, ...]) -> bool:
    """True when any finding has severity `error` (exit code 1)."""
    return any(f.severity is Severity.ERROR for f in findings)
