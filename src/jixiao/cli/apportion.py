"""`jixiao apportion FILE [--json] [--funds-for PAYER]` (CONTRACTS.md §3).

Without `--funds-for`: the apportionment (per-payer area and amounts, exact to the fen),
the payment reconciliation and the findings. With `--funds-for 市级`: only that payer's
`funds:` block for its evaluation file (YAML, or JSON with `--json`), ready to paste.
The exit code always reflects the findings (1 when any is an error).
"""

from __future__ import annotations

import sys
from decimal import Decimal

import click

from jixiao.cli.common import EXIT_CLEAN, EXIT_FINDINGS, emit_json, input_errors_exit_2
from jixiao.domain.apportionment import Apportionment, apportion, funds_for
from jixiao.domain.errors import InputError
from jixiao.domain.evaluation import FundRow
from jixiao.domain.findings import Finding, has_errors
from jixiao.domain.lease import FEE_LABELS
from jixiao.domain.money import format_yuan, round_half_up
from jixiao.ingest.lease_file import load_lease


@click.command(name="apportion")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 文档")
@click.option("--funds-for", "payer", metavar="PAYER",
              help="只输出该付款方自评文件的 funds 资金块（YAML；加 --json 为 JSON）")
@input_errors_exit_2
def apportion_command(file: str, as_json: bool, payer: str | None) -> None:
    """按面积和份额分摊共用场地的租金、物业费并核对缴费（Apportion shared premises）."""
    result = apportion(load_lease(file))
    if payer is not None:
        try:
            funds = funds_for(result, payer)
        except KeyError as err:
            raise InputError(str(err.args[0]), file=file, field="--funds-for") from None
        row = _row_json(funds.total)
        if as_json:
            emit_json({"funds": {"total": row}})
        else:
            click.echo(f"# jixiao apportion --funds-for {payer}：{result.lease.premises} 分摊结果")
            click.echo("# 年初/全年预算数 = 应分摊金额；全年执行数 = 租赁文件 payments 中的实付合计")
            click.echo("funds:\n  total:")
            for key, value in row.items():
                click.echo(f'    {key}: "{value}"')
    elif as_json:
        emit_json(result.to_json())
    else:
        click.echo(format_apportionment(result))
    sys.exit(EXIT_FINDINGS if has_errors(result.findings) else EXIT_CLEAN)


def _row_json(row: FundRow) -> dict[str, str]:
    initial = row.full_year_budget if row.initial_budget is None else row.initial_budget
    return {"initial_budget": str(initial), "full_year_budget": str(row.full_year_budget),
            "executed": str(row.executed)}


def format_apportionment(result: Apportionment) -> str:
    """A plain-text table for the terminal."""
    lease = result.lease
    fees = lease.fees
    head = ["付款方", "面积(平方米)", *(f"{FEE_LABELS.get(f, f)}(元)" for f in fees), "合计(元)"]
    rows = [[p.payer, f"{p.area:,.2f}", *(format_yuan(p.amount(f)) for f in fees),
             format_yuan(p.total)] for p in result.payers]
    totals = dict(result.totals)
    rows.append(["合计", f"{result.total_area:,.2f}", *(format_yuan(totals[f]) for f in fees),
                 format_yuan(result.total)])
    prices = "，".join(f"{FEE_LABELS.get(f, f)} {p} 元/平方米/月" for f, p in lease.prices)
    lines = [f"{lease.premises}：分摊结果（{lease.months} 个月；{prices}）", *_table(head, rows)]
    lines.extend(_rounding_note(result))
    if result.reconciliations:
        lines.append("")
        lines.append("缴费核对 / payments:")
        for rec in result.reconciliations:
            lines.append(
                f"  {rec.payer} {FEE_LABELS.get(rec.fee, rec.fee)}：应付 {format_yuan(rec.due)}，"
                f"实付 {format_yuan(rec.paid)}，差额 {format_yuan(rec.difference)}"
            )
    lines.append("")
    lines.extend(format_findings(result.findings))
    return "\n".join(lines)


def _rounding_note(result: Apportionment) -> list[str]:
    """Why rounded areas and amounts do not multiply out (docs/funds.md, 分摊方法)."""
    rounded = result.rounded_areas
    if not rounded:
        return []
    payer, exact = rounded[0]
    shown = next(p.area for p in result.payers if p.payer == payer)
    exact_text = round_half_up(Decimal(exact.numerator) / Decimal(exact.denominator), 4)
    return [
        "",
        f"注：面积按精确份额分到 0.01 平方米（最大余数法，合计恰为全楼面积），如{payer}的精确面积"
        f"约 {exact_text}，显示为 {shown:,.2f} 平方米。租金等金额不由取整后的面积计算，而是按精确份额"
        "从全楼合计直接分到分（份额相同则金额相同），所以面积 × 单价 × 月数 可能与金额不一致，"
        "份额相同的付款方也可能面积相差 0.01 而金额相同。",
        "Note: areas and amounts are each apportioned from the building totals by the exact"
        " shares (largest remainder); amounts are not computed from the rounded areas.",
    ]


def format_findings(findings: tuple[Finding, ...]) -> list[str]:
    if not findings:
        return ["未发现问题 / no findings"]
    out = [f"发现 {len(findings)} 个问题 / findings:"]
    for f in findings:
        where = f" @ {f.location}" if f.location else ""
        out.append(f"  [{f.severity.value}] {f.code}{where}: {f.message}")
    return out


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    # East Asian characters are two columns wide in a terminal.
    def width(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    cols = [max(width(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        parts = [c + " " * (cols[0] - width(c)) if i == 0 else " " * (cols[i] - width(c)) + c
                 for i, c in enumerate(cells)]
        return "  ".join(parts)

    return [line(head), *(line(r) for r in rows)]
