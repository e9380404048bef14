"""`jixiao audit PATH… [--json]`: report the figures that contradict each other.

Exit codes (CONTRACTS.md §1): 0 no error findings, 1 at least one finding of severity
error, 2 a file is missing, unreadable or damaged (message on stderr naming the file).
Every readable file is audited and printed even when another one is unreadable; in
``--json`` an unreadable file is an entry ``{"path", "error", "findings": []}``.
"""

from __future__ import annotations

import sys

import click

from jixiao.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INPUT,
    emit_json,
    input_errors_exit_2,
)
from jixiao.domain.findings import Finding, Severity, has_errors

_SEVERITY = {Severity.ERROR: "错误 error", Severity.WARNING: "警告 warning",
             Severity.INFO: "提示 info"}


def _side(value: object, unit: str | None) -> str:
    return f"{value}{unit or ''}" if value is not None else "—"


def _human(finding: Finding) -> str:
    lines = [f"  第{finding.line}行 line {finding.line}: [{_SEVERITY[finding.severity]}] "
             f"{finding.code}",
             f"    {finding.message}"]
    if finding.excerpt:
        lines.append(f"    原文 excerpt: {finding.excerpt}")
    if finding.stated is not None or finding.expected is not None:
        lines.append(f"    所述 stated: {_side(finding.stated, finding.unit)}    "
                     f"推算 expected: {_side(finding.expected, finding.unit)}")
    if finding.operands:
        lines.append(f"    依据 operands: {', '.join(str(x) for x in finding.operands)}")
    return "\n".join(lines)


@click.command("audit")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 文档 / print one JSON document")
@click.option("--extract", "extract_to", type=click.Path(file_okay=False), default=None,
              help="把识别出的自评表写成可修改、可计分的评价文件（OUTDIR/<文件名>.evaluation.yaml）"
                   " / write each recovered 自评表 as an evaluation file")
@click.option("--progress/--no-progress", default=False,
              help="在标准错误上显示进度条 / progress bar on stderr")
@input_errors_exit_2
def audit(paths: tuple[str, ...], as_json: bool, extract_to: str | None,
          progress: bool) -> None:
    """核查报告中相互矛盾的数字 / find figures in reports that contradict each other.

    PATH: .txt .md .html .docx .pdf .xlsx
    """
    from jixiao.cli.common import progress_reporter
    from jixiao.services.figure_audit import audit_each

    with progress_reporter(progress) as bar:
        results = audit_each(paths, extract_to=extract_to,
                             progress=lambda d, t: bar("audit", d, t))
    if extract_to is not None:
        for r in results:
            if r.error is None:
                click.echo(f"jixiao: {r.path} → {r.extracted}" if r.extracted else
                           f"jixiao: {r.path}：未识别出自评表 / no 自评表 recognised", err=True)
    unreadable = [r for r in results if r.error is not None]
    if as_json:
        emit_json({"files": [r.to_json() for r in results]})
        for r in unreadable:
            click.echo(f"jixiao: 错误 / error: {r.path}：{r.error}", err=True)
    else:
        for r in results:
            if r.error is not None:  # the message goes to stderr only
                click.echo(f"jixiao: 错误 / error: {r.path}：{r.error}", err=True)
                continue
            click.echo(r.path)
            if r.line_count == 0:
                click.echo("  未提取到文字（扫描件或空文件？）/ no text found")
            elif not r.findings:
                click.echo("  未发现数字矛盾 / no contradictions found")
            for f in r.findings:
                click.echo(_human(f))
        total = sum(len(r.findings) for r in results)
        failed = (f"，{len(unreadable)} 个文件无法读取 / {len(unreadable)} unreadable"
                  if unreadable else "")
        if len(unreadable) < len(results):
            click.echo(f"共 {total} 项发现 / {total} finding(s) in {len(results)} file(s){failed}")
    if unreadable:
        sys.exit(EXIT_INPUT)
    errors = any(has_errors(r.findings) for r in results)
    sys.exit(EXIT_FINDINGS if errors else EXIT_CLEAN)
