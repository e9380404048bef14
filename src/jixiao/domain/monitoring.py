"""In-year monitoring (运行监控, 双监控; RULES.md §5–6): is the year on track on `as_of`?

Two things are watched at once. **Execution**: money spent to date ÷ full-year budget,
compared with 序时进度 (time progress): below 60% of the time progress is red, 60–80%
yellow, from 80% green (thresholds configurable), plus the local quarter benchmarks
25/50/75/100% (RULES.md §6: local practice, not 10号/136号, hence configurable).
**Targets**: for each indicator, progress to date vs the annual target and the unit's own
judgement of completion (确定能 / 有可能 / 完全不可能, 财预〔2019〕136号 as summarised in
RULES.md §5, 待核); anything short of 确定能 needs a deviation reason (黄石: 必须填写; reported as a warning,
the same severity as in scoring — docs/funds.md §3).

The project's light is the worst of the execution light and the indicator lights. The
monitoring table (项目支出绩效目标执行监控表) is built from the result in
`jixiao.domain.monitoring_table`. Dates come in as arguments; nothing reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from jixiao.domain.errors import InputError
from jixiao.domain.evaluation import Evaluation
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.indicators import Indicator, Operator
from jixiao.domain.ledger import Ledger, LedgerReport, audit_ledger
from jixiao.domain.money import format_percent, format_yuan, round_half_up
from jixiao.domain.monitoring_plan import (
    DEVIATION_CAUSES,
    Completion,
    IndicatorProgress,
    Light,
    MonitoringPlan,
    MonitoringSettings,
    Snapshot,
    Thresholds,
)
from jixiao.domain.periods import (
    FiscalYear,
    quarter_benchmark,
    time_progress,
    time_progress_fraction,
)

__all__ = [
    "DEVIATION_CAUSES",
    "Completion",
    "ExecutionStatus",
    "IndicatorProgress",
    "IndicatorStatus",
    "Light",
    "MonitoringPlan",
    "MonitoringSettings",
    "Snapshot",
    "Thresholds",
    "monitor",
]

#: Short labels of the ledger findings, for the one-line summary among the reasons.
_AUDIT_LABELS = {
    "overspend": "超支", "misclassified-spending": "经济分类不符（疑似挤占挪用）",
    "outside-fiscal-year": "不在本年度的支出", "duplicate-payment": "疑似重复支付",
    "unspent-line": "全年未支出的预算项目",
}

@dataclass(frozen=True, slots=True)
class ExecutionStatus:
    """Execution to date: rate = executed ÷ budget; ratio = rate ÷ time progress."""

    budget: Decimal
    executed: Decimal
    source: str
    rate: Decimal | None
    time_progress: Decimal
    ratio: Decimal | None
    light: Light
    benchmark: tuple[int, Decimal] | None

    def to_json(self) -> dict[str, object]:
        quarter = None
        if self.benchmark is not None:
            q, target = self.benchmark
            quarter = {"quarter": q, "target": _frac(target),
                       "met": self.rate is not None and self.rate >= target}
        return {"budget": str(self.budget), "executed": str(self.executed),
                "source": self.source, "rate": _frac(self.rate),
                "time_progress": _frac(self.time_progress), "ratio": _frac(self.ratio),
                "light": self.light.value, "quarter_benchmark": quarter}


@dataclass(frozen=True, slots=True)
class IndicatorStatus:
    """One indicator under monitoring: its progress ratio (progress ÷ target) and light."""

    index: int
    indicator: Indicator
    progress: IndicatorProgress
    ratio: Decimal | None

    @property
    def light(self) -> Light:
        return self.progress.completion.light

    def to_json(self) -> dict[str, object]:
        p = self.progress
        return {"index": self.index, "category": self.indicator.category,
                "name": self.indicator.name, "operator": self.indicator.operator.value,
                "target": str(self.indicator.target), "progress": _val(p.progress),
                "ratio": _frac(self.ratio), "expected_actual": _val(p.expected_actual),
                "completion": p.completion.label, "causes": list(p.causes),
                "reason": p.reason, "light": self.light.value}


def _frac(value: Decimal | None) -> str | None:
    """An unrounded fraction (rate, ratio, time progress) for JSON: 6 decimals, 四舍五入."""
    return None if value is None else str(round_half_up(value, 6))


def _val(value: object) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class MonitoringResult:
    """A project's monitoring result on `as_of`: lights, reasons and findings."""

    evaluation: Evaluation
    as_of: date
    execution: ExecutionStatus
    indicators: tuple[IndicatorStatus, ...]
    snapshot: Snapshot | None
    settings: MonitoringSettings
    ledger: LedgerReport | None
    findings: tuple[Finding, ...]

    @property
    def light(self) -> Light:
        lights = [self.execution.light, *(s.light for s in self.indicators)]
        return max(lights, key=lambda light: light.rank)

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the light is what it is, one line per contributing part."""
        e = self.execution
        out = []
        if e.ratio is None:
            why = "全年预算为 0" if e.budget == 0 else "序时进度为 0（尚无完整月份）"
            out.append(f"执行进度（{e.light.label}）：{why}，无法与序时进度比较"
                       " / execution not judged")
        else:
            t = self.settings.thresholds
            out.append(
                f"执行进度（{e.light.label}）：执行率 {format_percent(e.rate or Decimal(0))}，"
                f"序时进度 {format_percent(e.time_progress)}，为序时进度的 "
                f"{format_percent(e.ratio, 1)}（红灯 < {format_percent(t.red_below, 0)} ≤ 黄灯 < "
                f"{format_percent(t.green_from, 0)} ≤ 绿灯）"
            )
        for s in self.indicators:
            if s.light is not Light.GREEN:
                why = f"：{s.progress.reason}" if s.progress.reason else "（未说明原因）"
                out.append(f"指标「{s.indicator.name}」（{s.light.label}）："
                           f"{s.progress.completion.label}完成{why}")
        if self.ledger is not None and self.ledger.findings:
            counts: dict[str, int] = {}
            for f in self.ledger.findings:
                counts[f.code] = counts.get(f.code, 0) + 1
            listed = "、".join(f"{_AUDIT_LABELS.get(code, code)} {n} 处" for code, n in counts.items())
            # the audit does not change the light: the lights follow RULES.md §5 (execution
            # and targets); overspending and 挤占挪用 flags are reported beside them
            out.append(f"支出明细核查（不影响灯色）：{listed}")
        return tuple(out)

    def to_json(self) -> dict[str, object]:
        from jixiao.domain.monitoring_table import monitoring_table

        project = self.evaluation.project
        return {
            "project": {"name": project.name, "unit": project.unit,
                        "department": project.department, "fiscal_year": project.fiscal_year},
            "as_of": self.as_of.isoformat(),
            "light": self.light.value,
            "reasons": list(self.reasons),
            "execution": self.execution.to_json(),
            "indicators": [s.to_json() for s in self.indicators],
            "ledger": None if self.ledger is None else self.ledger.to_json(),
            "table": monitoring_table(self).to_json(),
            "findings": [f.to_json() for f in self.findings],
        }


def monitor(
    evaluation: Evaluation, as_of: date, plan: MonitoringPlan | None = None,
    ledger: Ledger | None = None,
) -> MonitoringResult:
    """Monitor one project on `as_of` (inclusive, end of day).

    Raises `InputError` when `as_of` lies outside the project's fiscal year.
    Executed to date comes from the ledger when there is one (records up to `as_of`),
    else from the latest snapshot on or before `as_of`, else from the evaluation's funds
    (a file kept up to date during the year). The budget is 全年预算数 (RULES.md §10 A10).
    """
    plan = plan or MonitoringPlan()
    settings = plan.settings
    fy = FiscalYear(evaluation.project.fiscal_year)
    if as_of not in fy:
        # Before the year nothing can be judged and after it the year is over (自评, not
        # 监控): a light either way would read as "on track", so the date is refused.
        raise InputError(
            f"监控日期 {as_of.isoformat()} 不在项目的 {fy}（{fy.start} 至 {fy.last_day}）内"
            f" / as-of date {as_of.isoformat()} is outside the project's fiscal year {fy.year}",
            field="as_of")
    snapshot = plan.snapshot_for(as_of)
    findings: list[Finding] = []
    report = None if ledger is None else audit_ledger(ledger, as_of)
    if report is not None:
        executed, source = report.spent, "ledger"
        findings.extend(report.findings)
        if snapshot is not None and snapshot.executed is not None and ledger is not None:
            at_snapshot = audit_ledger(ledger, snapshot.as_of).spent
            if at_snapshot != snapshot.executed:
                findings.append(Finding(
                    "stated-amount-mismatch", Severity.WARNING,
                    f"{snapshot.as_of} 报送的执行数 {format_yuan(snapshot.executed)} 元与支出明细合计 "
                    f"{format_yuan(at_snapshot)} 元不一致 / reported executed differs from the ledger",
                    location="monitoring.snapshots.executed", stated=snapshot.executed,
                    expected=at_snapshot, unit="元"))
    elif snapshot is not None and snapshot.executed is not None:
        executed, source = snapshot.executed, f"snapshot {snapshot.as_of.isoformat()}"
    else:
        executed, source = evaluation.funds.total.executed, "funds"
    execution = _execution(evaluation.funds.total.full_year_budget, executed, source, as_of, fy,
                           settings)
    findings.extend(_execution_findings(execution, settings))
    statuses = _indicator_statuses(evaluation, snapshot)
    findings.extend(_indicator_findings(statuses, execution, settings))
    return MonitoringResult(evaluation, as_of, execution, statuses, snapshot, settings, report,
                            tuple(findings))


def _execution(budget: Decimal, executed: Decimal, source: str, as_of: date, fy: FiscalYear,
               settings: MonitoringSettings) -> ExecutionStatus:
    exact_tp = time_progress_fraction(as_of, fy, settings.basis)
    tp = time_progress(as_of, fy, settings.basis)
    rate = None if budget == 0 else executed / budget
    # no time elapsed or nothing budgeted: progress cannot be judged (未评价, ratio None;
    # never green, which a reader takes for "on track")
    judged = exact_tp != 0 and budget != 0
    ratio = (executed / budget) / tp if judged else None
    # the light is decided on exact fractions: exactly on a threshold is exactly on it
    light = (settings.thresholds.light(Fraction(executed) / Fraction(budget) / exact_tp)
             if judged else Light.NOT_JUDGED)
    bench = quarter_benchmark(as_of, fy, settings.quarter_benchmarks)
    return ExecutionStatus(budget, executed, source, rate, tp, ratio, light, bench)


def _execution_findings(e: ExecutionStatus, settings: MonitoringSettings) -> list[Finding]:
    out: list[Finding] = []
    rate = e.rate or Decimal(0)
    if e.ratio is not None and e.light is not Light.GREEN:
        severity = Severity.ERROR if e.light is Light.RED else Severity.WARNING
        out.append(Finding(
            "execution-behind-schedule", severity,
            f"执行率 {format_percent(rate)} 落后于序时进度 {format_percent(e.time_progress)}，"
            f"仅为序时进度的 {format_percent(e.ratio, 1)}（{e.light.label}）"
            f" / execution {format_percent(rate)} vs time progress {format_percent(e.time_progress)}",
            location="funds.total", stated=e.executed,
            expected=round_half_up(e.budget * e.time_progress, 2),  # on schedule, to the fen
            unit="元"))
    if e.benchmark is not None and rate < e.benchmark[1]:
        q, target = e.benchmark
        out.append(Finding(
            "below-quarter-benchmark", Severity.WARNING,
            f"执行率 {format_percent(rate)} 低于第{q}季度末进度目标 {format_percent(target, 0)}"
            f" / below the Q{q} benchmark",
            location="funds.total", stated=round_half_up(rate * 100, 2), expected=target * 100, unit="%"))
    return out


def _indicator_statuses(evaluation: Evaluation, snapshot: Snapshot | None,
                        ) -> tuple[IndicatorStatus, ...]:
    if snapshot is None:
        return ()
    by_name = {ind.name: (i, ind) for i, ind in enumerate(evaluation.indicators)}
    out = []
    for row in snapshot.indicators:
        # unknown names are refused by the ingest layer; skip defensively here
        if row.name not in by_name:
            continue
        index, ind = by_name[row.name]
        out.append(IndicatorStatus(index, ind, row, _ratio(ind, row.progress)))
    return tuple(out)


def _ratio(ind: Indicator, progress: Decimal | str | None) -> Decimal | None:
    if ind.operator is Operator.QUALITATIVE or not isinstance(progress, Decimal):
        return None
    if not isinstance(ind.target, Decimal) or ind.target == 0:
        return None
    return progress / ind.target


def _indicator_findings(statuses: tuple[IndicatorStatus, ...], e: ExecutionStatus,
                        settings: MonitoringSettings) -> list[Finding]:
    out: list[Finding] = []
    for s in statuses:
        where = f"indicators[{s.index}]"
        p = s.progress
        name = s.indicator.name
        if p.completion is not Completion.CERTAIN:
            severity = Severity.ERROR if p.completion is Completion.IMPOSSIBLE else Severity.WARNING
            out.append(Finding(
                "completion-unlikely", severity,
                f"指标「{name}」预计{p.completion.label}完成年度指标值 {s.indicator.target}"
                f" / target judged {p.completion.value}", location=where))
            if not p.reason:
                # A warning, as in scoring (CONTRACTS.md §2; docs/funds.md "Severities
                # across commands"). The judgement itself is already in the light and in
                # completion-unlikely; a missing 原因说明 is an incomplete form, and "必须填写"
                # is enforced where forms are submitted (services.workflow.REASON_DEMANDED).
                out.append(Finding(
                    "deviation-reason-missing", Severity.WARNING,
                    f"指标「{name}」完成可能性为「{p.completion.label}」，必须填写原因说明"
                    " / a reason is required when completion is not certain",
                    location=f"{where}.reason"))
        elif (s.ratio is not None and s.indicator.operator.is_positive and e.time_progress > 0
              and s.ratio < e.time_progress * settings.thresholds.red_below):
            out.append(Finding(
                "completion-judgement-doubtful", Severity.WARNING,
                f"指标「{name}」判断为确定能完成，但进度仅为年度指标值的 {format_percent(s.ratio)}，"
                f"低于序时进度 {format_percent(e.time_progress)} 的 "
                f"{format_percent(settings.thresholds.red_below, 0)}，请复核"
                " / judged certain while far behind time progress",
                location=where, stated=p.progress if isinstance(p.progress, Decimal) else None,
                expected=s.indicator.target if isinstance(s.indicator.target, Decimal) else None,
                unit=s.indicator.unit_of_measure or None))
    return out
