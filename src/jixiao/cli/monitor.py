"""`jixiao monitor FILE… --as-of 2022-07-31 [--json]`: in-year monitoring (双监控).

Each FILE is an evaluation file, optionally with `monitoring:` snapshots and/or a `ledger:`
(docs/funds.md). Prints, per project, its light (red/yellow/green) and why, the ledger
findings, and the 监控表 (in the JSON). Exit 1 when any finding is an error (a red light,
an overspent line, a target judged 完全不可能, a record outside the fiscal year …).
An `--as-of` date outside a file's fiscal year is an input error (exit 2).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from decimal import Decimal

import click

from jixiao.cli.common import EXIT_CLEAN, EXIT_FINDINGS, emit_json, input_errors_exit_2
from jixiao.domain.errors import InputError
from jixiao.domain.findings import has_errors
from jixiao.domain.lease import parse_share
from jixiao.domain.money import format_percent, format_yuan
from jixiao.domain.monitoring import (
    MonitoringPlan,
    MonitoringResult,
    MonitoringSettings,
    Thresholds,
    monitor,
)
from jixiao.domain.periods import ProgressBasis
from jixiao.ingest.funds_blocks import load_monitored
from jixiao.ingest.ledger_import import parse_date


def _fraction(option: str, text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        share = parse_share(text)
    except ValueError as err:
        raise InputError(str(err), field=option) from None
    return Decimal(share.numerator) / Decimal(share.denominator)


@click.command(name="monitor")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--as-of", "as_of_text", required=True, metavar="DATE",
              help="监控日期（含当天），如 2022-07-31")
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 文档")
@click.option("--basis", type=click.Choice(["month", "day"]),
              help="序时进度按月（默认，月数/12）或按天计算")
@click.option("--red-below", metavar="PCT", help="执行率低于序时进度的该比例为红灯（默认 60%）")
@click.option("--green-from", metavar="PCT", help="执行率达到序时进度的该比例为绿灯（默认 80%）")
@input_errors_exit_2
def monitor_command(files: tuple[str, ...], as_of_text: str, as_json: bool, basis: str | None,
                    red_below: str | None, green_from: str | None) -> None:
    """运行监控：执行进度与序时进度、指标完成可能性、支出明细核查（In-year monitoring）."""
    try:
        as_of = parse_date(as_of_text)
    except ValueError as err:
        raise InputError(str(err), field="--as-of") from None
    red = _fraction("--red-below", red_below)
    green = _fraction("--green-from", green_from)
    results: list[MonitoringResult] = []
    for file in files:
        loaded = load_monitored(file)
        plan = loaded.plan or MonitoringPlan()
        plan = replace(plan, settings=_override(plan.settings, basis, red, green))
        try:
            results.append(monitor(loaded.evaluation, as_of, plan, loaded.ledger))
        except InputError as err:
            raise InputError(err.message, file=err.file or file,
                             field="--as-of" if err.field == "as_of" else err.field) from None
    findings = [f for r in results for f in r.findings]
    if as_json:
        counts = {light: sum(1 for r in results if r.light.value == light)
                  for light in ("red", "yellow", "green", "not-judged")}
        emit_json({"as_of": as_of.isoformat(), "summary": counts,
                   "projects": [r.to_json() for r in results]})
    else:
        click.echo(format_results(as_of, results))
    sys.exit(EXIT_FINDINGS if has_errors(findings) else EXIT_CLEAN)


def _override(settings: MonitoringSettings, basis: str | None, red: Decimal | None,
              green: Decimal | None) -> MonitoringSettings:
    t = settings.thresholds
    new_red = t.red_below if red is None else red
    new_green = t.green_from if green is None else green
    try:
        thresholds = Thresholds(new_red, new_green)
    except ValueError as err:
        raise InputError(str(err), field="--red-below/--green-from") from None
    new_basis = settings.basis if basis is None else ProgressBasis(basis)
    return replace(settings, thresholds=thresholds, basis=new_basis)


def format_results(as_of: date, results: list[MonitoringResult]) -> str:
    """Plain text for the terminal: one block per project."""
    lines = [f"运行监控 {as_of.isoformat()} / monitoring as of {as_of.isoformat()}"]
    for r in results:
        p = r.evaluation.project
        e = r.execution
        lines.append("")
        lines.append(f"[{r.light.label}] {p.name}（{p.unit}，{p.fiscal_year}年度）")
        lines.append(f"  预算 {format_yuan(e.budget)} 元，已执行 {format_yuan(e.executed)} 元"
                     f"（来源：{e.source}），"
                     f"执行率 {format_percent(e.rate) if e.rate is not None else '—'}，"
                     f"序时进度 {format_percent(e.time_progress)}")
        lines.extend(f"  · {reason}" for reason in r.reasons)
        if r.ledger is not None:
            for s in r.ledger.lines:
                lines.append(f"  预算项目 {s.line.code}「{s.line.name}」：预算 {format_yuan(s.line.amount)}，"
                             f"已支出 {format_yuan(s.spent)}（{s.records} 笔）")
        if r.findings:
            lines.append(f"  发现 {len(r.findings)} 个问题 / findings:")
            for f in r.findings:
                where = f" @ {f.location}" if f.location else ""
                lines.append(f"    [{f.severity.value}] {f.code}{where}: {f.message}")
    return "\n".join(lines)
