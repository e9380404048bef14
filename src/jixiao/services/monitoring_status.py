"""The 运行监控 light an evaluation's own monitoring data gives, for its stored result row
(`EvaluationResult.monitoring_light`), so dashboards count warnings without re-computing."""

from __future__ import annotations

from jixiao.domain.errors import InputError
from jixiao.domain.evaluation import Evaluation
from jixiao.domain.monitoring import monitor
from jixiao.ingest.funds_blocks import monitoring_inputs


def latest_light(evaluation: Evaluation) -> str:
    """The light ("red", "yellow", "green", "not-judged") on the date of the latest
    monitoring snapshot; "" when there is none or the monitoring data cannot be read
    (the monitoring page says why)."""
    if evaluation.extension("monitoring") is None:
        return ""
    try:
        plan, ledger = monitoring_inputs(evaluation, "运行监控")
        if plan is None or not plan.snapshots:
            return ""
        as_of = max(s.as_of for s in plan.snapshots)
        return monitor(evaluation, as_of, plan, ledger).light.value
    except (InputError, ValueError, ArithmeticError):
        return ""
