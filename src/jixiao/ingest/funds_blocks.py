"""Read the `monitoring:` and `ledger:` blocks of an evaluation file (docs/funds.md).

The evaluation loader keeps these blocks raw in `Evaluation.extensions`; this module turns
them into a `MonitoringPlan` and a `Ledger`, with errors that name file, line and field
(the line map of the same document is reused). `load_monitored(path)` does the whole file.
A ledger's records may be inline (`records:`) and/or in a CSV/xlsx file next to the
evaluation file (`records_file:`), imported all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from jixiao.domain.errors import InputError
from jixiao.domain.evaluation import Evaluation
from jixiao.domain.indicators import Operator
from jixiao.domain.lease import parse_share
from jixiao.domain.ledger import BudgetLine, Ledger, SpendingRecord, validate_ledger
from jixiao.domain.money import D, NumberFormatError
from jixiao.domain.monitoring import (
    DEVIATION_CAUSES,
    Completion,
    IndicatorProgress,
    MonitoringPlan,
    MonitoringSettings,
    Snapshot,
    Thresholds,
)
from jixiao.domain.periods import FiscalYear, ProgressBasis
from jixiao.ingest.evaluation_file import parse_evaluation
from jixiao.ingest.fields import FieldReader
from jixiao.ingest.ledger_import import parse_date, parse_money_cell, read_records
from jixiao.ingest.yamlsource import LineMap, load_document, read_text_file

__all__ = [
    "MonitoredEvaluation", "load_monitored", "monitoring_inputs", "parse_ledger",
    "parse_monitoring",
]

_MONITORING = {"thresholds", "quarter_benchmarks", "basis", "snapshots"}
_SNAPSHOT = {"as_of", "executed", "expected_full_year", "goal_progress", "indicators"}
_PROGRESS = {"name", "progress", "expected_actual", "completion", "causes", "reason"}
_LEDGER = {"lines", "records", "records_file"}
_LINE = {"code", "name", "amount", "classifications"}
_RECORD = {"date", "amount", "payee", "line", "classification", "purpose", "reference"}


@dataclass(frozen=True, slots=True)
class MonitoredEvaluation:
    """An evaluation file with its optional monitoring plan and ledger."""

    evaluation: Evaluation
    plan: MonitoringPlan | None
    ledger: Ledger | None


def load_monitored(path: str | Path) -> MonitoredEvaluation:
    """Load an evaluation file and parse its `monitoring` / `ledger` blocks."""
    source = str(path)
    data, lines = load_document(read_text_file(path), source)
    # in-year monitoring: a qualitative indicator's year-end grade and score may not exist yet
    evaluation = parse_evaluation(data, source, lines, in_year=True)
    r = FieldReader(source, lines)
    raw_plan = evaluation.extension("monitoring")
    raw_ledger = evaluation.extension("ledger")
    plan = None if raw_plan is None else parse_monitoring(raw_plan, evaluation, r)
    ledger = None if raw_ledger is None else parse_ledger(
        raw_ledger, FiscalYear(evaluation.project.fiscal_year), r, Path(path).parent)
    return MonitoredEvaluation(evaluation, plan, ledger)


def monitoring_inputs(evaluation: Evaluation, source: str = "<evaluation>",
                      base_dir: Path | None = None) -> tuple[MonitoringPlan | None, Ledger | None]:
    """The plan and ledger of an `Evaluation` that came from elsewhere (database, API upload):
    its raw `monitoring` / `ledger` extension blocks, parsed without line numbers."""
    r = FieldReader(source, LineMap())
    raw_plan = evaluation.extension("monitoring")
    raw_ledger = evaluation.extension("ledger")
    plan = None if raw_plan is None else parse_monitoring(raw_plan, evaluation, r)
    ledger = None if raw_ledger is None else parse_ledger(
        raw_ledger, FiscalYear(evaluation.project.fiscal_year), r, base_dir)
    return plan, ledger


def _fraction(r: FieldReader, path: str, value: Any) -> Decimal:
    try:
        share: Fraction = parse_share(value)
    except ValueError as err:
        raise r.error(path, str(err).replace("份额", "比例")) from None
    return Decimal(share.numerator) / Decimal(share.denominator)


def parse_monitoring(raw: Any, evaluation: Evaluation, r: FieldReader | None = None,
                     ) -> MonitoringPlan:
    """The `monitoring:` block → `MonitoringPlan` (indicator names checked against the file)."""
    r = r or FieldReader("<monitoring>", LineMap())
    m = r.mapping("monitoring", raw, _MONITORING, set())
    thresholds = Thresholds()
    if m.get("thresholds") is not None:
        t = r.mapping("monitoring.thresholds", m["thresholds"], {"red_below", "green_from"}, set())
        red = _fraction(r, "monitoring.thresholds.red_below", t.get("red_below", "60%"))
        green = _fraction(r, "monitoring.thresholds.green_from", t.get("green_from", "80%"))
        try:
            thresholds = Thresholds(red, green)
        except ValueError as err:
            raise r.error("monitoring.thresholds", str(err)) from None
    benchmarks = MonitoringSettings().quarter_benchmarks
    if m.get("quarter_benchmarks") is not None:
        items = r.sequence("monitoring.quarter_benchmarks", m["quarter_benchmarks"])
        if len(items) != 4:
            raise r.error("monitoring.quarter_benchmarks", "应有 4 个季度目标 / need four values")
        benchmarks = tuple(_fraction(r, f"monitoring.quarter_benchmarks[{i}]", v)
                           for i, v in enumerate(items))
    basis = ProgressBasis.MONTH
    if m.get("basis") is not None:
        try:
            basis = ProgressBasis(r.text("monitoring.basis", m["basis"]))
        except ValueError:
            raise r.error("monitoring.basis", "应为 month 或 day / must be month or day") from None
    names = {ind.name: ind for ind in evaluation.indicators}
    snapshots = tuple(
        _snapshot(r, f"monitoring.snapshots[{i}]", v, names)
        for i, v in enumerate(r.sequence("monitoring.snapshots", m.get("snapshots") or [])))
    dates = [s.as_of for s in snapshots]
    if len(set(dates)) != len(dates):
        raise r.error("monitoring.snapshots", "有两个相同 as_of 日期的快照 / duplicate as_of")
    fy = FiscalYear(evaluation.project.fiscal_year)
    for i, s in enumerate(snapshots):
        if s.as_of not in fy:
            raise r.error(f"monitoring.snapshots[{i}].as_of",
                          f"{s.as_of} 不在 {fy} 内 / snapshot outside the fiscal year")
    return MonitoringPlan(MonitoringSettings(thresholds, benchmarks, basis), snapshots)


def _date(r: FieldReader, path: str, value: Any) -> Any:
    try:
        return parse_date(value)
    except ValueError as err:
        raise r.error(path, str(err)) from None


def _snapshot(r: FieldReader, path: str, value: Any, names: dict[str, Any]) -> Snapshot:
    m = r.mapping(path, value, _SNAPSHOT, {"as_of"})
    executed = m.get("executed")
    expected = m.get("expected_full_year")
    rows = r.sequence(f"{path}.indicators", m.get("indicators") or [])
    return Snapshot(
        as_of=_date(r, f"{path}.as_of", m["as_of"]),
        executed=None if executed is None else r.number(f"{path}.executed", executed, money=True),
        expected_full_year=None if expected is None
        else r.number(f"{path}.expected_full_year", expected, money=True),
        goal_progress=r.text(f"{path}.goal_progress", m.get("goal_progress")),
        indicators=tuple(_progress(r, f"{path}.indicators[{i}]", v, names)
                         for i, v in enumerate(rows)),
    )


def _progress(r: FieldReader, path: str, value: Any, names: dict[str, Any]) -> IndicatorProgress:
    m = r.mapping(path, value, _PROGRESS, {"name", "completion"})
    name = r.text(f"{path}.name", m["name"], required=True)
    if name not in names:
        raise r.error(f"{path}.name", f"自评文件中没有名为「{name}」的指标（已有：{'、'.join(names)}）"
                                      " / no indicator of that name")
    try:
        completion = Completion.parse(r.text(f"{path}.completion", m["completion"]))
    except ValueError as err:
        raise r.error(f"{path}.completion", str(err)) from None
    causes = tuple(r.text(f"{path}.causes[{i}]", c)
                   for i, c in enumerate(r.sequence(f"{path}.causes", m.get("causes") or [])))
    for i, cause in enumerate(causes):
        if cause not in DEVIATION_CAUSES:
            raise r.error(f"{path}.causes[{i}]",
                          f"未知的偏差原因「{cause}」（可选：{'、'.join(DEVIATION_CAUSES)}）")
    qualitative = names[name].operator is Operator.QUALITATIVE
    return IndicatorProgress(
        name=name, completion=completion,
        progress=_value(m.get("progress"), qualitative),
        expected_actual=_value(m.get("expected_actual"), qualitative),
        causes=causes, reason=r.text(f"{path}.reason", m.get("reason")))


def _value(value: Any, qualitative: bool) -> Decimal | str | None:
    """A progress value: a number for quantitative indicators when it reads as one
    (``95%`` → 95), otherwise the text as written."""
    if value is None:
        return None
    if qualitative or isinstance(value, bool):
        return str(value)
    text = str(value).strip()
    try:
        return D(text[:-1] if text.endswith(("%", "％")) else value)
    except NumberFormatError:
        return text


def parse_ledger(raw: Any, fiscal_year: FiscalYear, r: FieldReader | None = None,
                 base_dir: Path | None = None) -> Ledger:
    """The `ledger:` block → `Ledger`; `records_file` is read relative to `base_dir`."""
    r = r or FieldReader("<ledger>", LineMap())
    m = r.mapping("ledger", raw, _LEDGER, {"lines"})
    lines = tuple(_line(r, f"ledger.lines[{i}]", v)
                  for i, v in enumerate(r.sequence("ledger.lines", m["lines"])))
    if not lines:
        raise r.error("ledger.lines", "至少需要一个预算项目 / at least one budget line")
    records = [_record(r, f"ledger.records[{i}]", v)
               for i, v in enumerate(r.sequence("ledger.records", m.get("records") or []))]
    if m.get("records_file") is not None:
        name = r.text("ledger.records_file", m["records_file"], required=True)
        path = Path(name) if base_dir is None else base_dir / name
        records.extend(read_records(path, {line.code for line in lines}))
    ledger = Ledger(fiscal_year, lines, tuple(records))
    try:
        validate_ledger(ledger)
    except InputError as err:
        raise r.error(err.field or "ledger", err.message) from None
    return ledger


def _line(r: FieldReader, path: str, value: Any) -> BudgetLine:
    m = r.mapping(path, value, _LINE, {"code", "amount"})
    code = r.text(f"{path}.code", m["code"], required=True)
    classes = r.sequence(f"{path}.classifications", m.get("classifications") or [])
    return BudgetLine(
        code=code, name=r.text(f"{path}.name", m.get("name")) or code,
        amount=r.number(f"{path}.amount", m["amount"], money=True),
        classifications=tuple(r.text(f"{path}.classifications[{i}]", c, required=True)
                              for i, c in enumerate(classes)))


def _record(r: FieldReader, path: str, value: Any) -> SpendingRecord:
    m = r.mapping(path, value, _RECORD, {"date", "amount", "payee", "line"})
    try:
        amount = parse_money_cell(m["amount"])
    except ValueError as err:
        raise r.error(f"{path}.amount", str(err)) from None
    line = r.lines.line(path)
    return SpendingRecord(
        date=_date(r, f"{path}.date", m["date"]), amount=amount,
        payee=r.text(f"{path}.payee", m["payee"], required=True),
        line=r.text(f"{path}.line", m["line"], required=True),
        classification=r.text(f"{path}.classification", m.get("classification")),
        purpose=r.text(f"{path}.purpose", m.get("purpose")),
        reference=r.text(f"{path}.reference", m.get("reference")),
        source=f"{Path(r.source).name}:{line}" if line else path)
