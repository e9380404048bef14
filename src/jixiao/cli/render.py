"""`jixiao render table|report FILE… -o OUT` (CONTRACTS.md §5).

One file: OUT's suffix picks the format (table: .xlsx .docx .pdf; report: .docx .pdf .html).
Several files: OUT is a folder and ``--format`` picks the suffix; documents are rendered
on every core. The document is written even when the scoring finds errors (a draft to
correct), but the exit code is then 1, as for `jixiao score`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from jixiao.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INPUT,
    emit_json,
    input_errors_exit_2,
)
from jixiao.documents.layout import get_layout
from jixiao.documents.render import REPORT_FORMATS, TABLE_FORMATS, layout_for, render_many
from jixiao.documents.render import render as render_document
from jixiao.documents.style import FontMissingError
from jixiao.domain.errors import InputError
from jixiao.domain.findings import Severity, has_errors
from jixiao.domain.rulesets import RULESETS, get_ruleset
from jixiao.domain.scoring import ScoredEvaluation, score_evaluation
from jixiao.ingest.evaluation_file import load_evaluation


def _score(file: str, ruleset_name: str | None) -> ScoredEvaluation:
    evaluation = load_evaluation(file)
    try:
        ruleset = get_ruleset(ruleset_name or evaluation.ruleset)
    except KeyError as err:
        raise InputError(str(err.args[0]), file=file, field="ruleset") from None
    return score_evaluation(evaluation, ruleset)


def _run(kind: str, files: tuple[str, ...], out: str, fmt: str | None, layout: str | None,
         ruleset_name: str | None, workers: int | None, as_json: bool,
         progress: bool = False) -> None:
    if layout:
        get_layout(layout)  # an unknown id is an input error listing the known ones
    allowed = TABLE_FORMATS if kind == "table" else REPORT_FORMATS
    out_path = Path(out)
    batch = len(files) > 1 or out_path.is_dir()
    if batch:
        suffix = "." + (fmt or allowed[-1].lstrip(".")).lower().lstrip(".")
        if suffix not in allowed:
            raise InputError(f"--format 应为 {' '.join(a.lstrip('.') for a in allowed)}",
                             field="--format")
        out_path.mkdir(parents=True, exist_ok=True)
        targets = [out_path / (Path(f).stem + suffix) for f in files]
    else:
        targets = [out_path]
    scored = [_score(f, ruleset_name) for f in files]
    try:
        if batch:
            from jixiao.cli.common import progress_reporter

            with progress_reporter(progress) as bar:
                render_many([(kind, s, t, layout) for s, t in zip(scored, targets, strict=True)],
                            workers=workers, progress=lambda d, t: bar("render", d, t))
        else:
            render_document(kind, scored[0], targets[0], layout)
    except FontMissingError as err:
        # An installation problem, not a bug: say which package to install.
        click.echo(f"jixiao: {err}", err=True)
        sys.exit(EXIT_INPUT)

    from jixiao.documents.explanations import draft_reasons

    errors = False
    docs = []
    for f, s, t in zip(files, scored, targets, strict=True):
        # An unfinished evaluation gives a draft (watermarked) and exit code 1.
        draft = draft_reasons(s)
        errors = errors or has_errors(s.findings) or bool(draft)
        docs.append({
            "input": f, "output": str(t), "kind": kind, "format": t.suffix.lstrip("."),
            "layout": layout_for(s, layout).id, "total": s.total, "grade": s.grade,
            "findings": [x.to_json() for x in s.findings], "draft": list(draft),
        })
        if not as_json:
            click.echo(f"{t}（{s.total}分，{s.grade}）" + ("（草稿）" if draft else ""))
            for x in s.findings:
                if x.severity is Severity.ERROR:
                    click.echo(f"  错误 / error [{x.code}] {x.message}", err=True)
            for reason in draft:
                click.echo(f"  草稿 / draft: {reason}", err=True)
    if as_json:
        emit_json(docs[0] if len(docs) == 1 and not batch else {"documents": docs})
    sys.exit(EXIT_FINDINGS if errors else EXIT_CLEAN)


def _options(func: Callable[..., None]) -> Callable[..., None]:
    for deco in reversed((
        click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False)),
        click.option("-o", "--output", "out", required=True,
                     help="输出文件（后缀决定格式），多个输入时为输出目录"),
        click.option("--format", "fmt", help="多个输入时的输出格式（如 pdf、docx）"),
        # A plain string checked when the command runs: layouts (and a broken file in
        # $JIXIAO_LAYOUT_DIRS) are read then, inside the input-error handler, not at import.
        click.option("--layout", metavar="ID",
                     help="自评表版式 id（默认按规则集、地区和年度选择；见 docs/documents.md）"),
        click.option("--ruleset", "ruleset_name", type=click.Choice(sorted(RULESETS)),
                     help="规则集（默认取文件中的 ruleset）"),
        click.option("--workers", type=int, help="批量时的进程数（默认全部 CPU）"),
        click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 文档"),
        click.option("--progress/--no-progress", default=False,
                     help="批量时在标准错误上显示进度条 / progress bar for a batch"),
    )):
        func = deco(func)
    return func


@click.group()
def render_group() -> None:
    """生成自评表与自评报告（Render the evaluation table and report）."""


@render_group.command("table")
@_options
@input_errors_exit_2
def table(files: tuple[str, ...], out: str, fmt: str | None, layout: str | None,
          ruleset_name: str | None, workers: int | None, as_json: bool,
          progress: bool) -> None:
    """项目支出绩效自评表 → .xlsx / .docx / .pdf"""
    _run("table", files, out, fmt, layout, ruleset_name, workers, as_json, progress)


@render_group.command("report")
@_options
@input_errors_exit_2
def report(files: tuple[str, ...], out: str, fmt: str | None, layout: str | None,
           ruleset_name: str | None, workers: int | None, as_json: bool,
           progress: bool) -> None:
    """自评报告 → .docx / .pdf / .html"""
    _run("report", files, out, fmt, layout, ruleset_name, workers, as_json, progress)


render = render_group


@render_group.command("monitoring")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--as-of", "as_of_text", required=True, metavar="DATE",
              help="监控日期（含当天），如 2022-07-31")
@click.option("-o", "--output", "out", required=True, help="输出文件：.xlsx .docx .pdf")
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 文档")
@input_errors_exit_2
def monitoring(file: str, as_of_text: str, out: str, as_json: bool) -> None:
    """项目支出绩效目标执行监控表（1-7月等）→ .xlsx / .docx / .pdf"""
    from jixiao.documents.monitoring import render_monitoring
    from jixiao.domain.monitoring import MonitoringPlan, monitor
    from jixiao.ingest.funds_blocks import load_monitored
    from jixiao.ingest.ledger_import import parse_date

    try:
        as_of = parse_date(as_of_text)
    except ValueError as err:
        raise InputError(str(err), field="--as-of") from None
    loaded = load_monitored(file)
    try:
        result = monitor(loaded.evaluation, as_of, loaded.plan or MonitoringPlan(), loaded.ledger)
    except InputError as err:
        raise InputError(err.message, file=err.file or file,
                         field="--as-of" if err.field == "as_of" else err.field) from None
    try:
        path = render_monitoring(result, Path(out))
    except FontMissingError as err:
        click.echo(f"jixiao: {err}", err=True)
        sys.exit(EXIT_INPUT)
    errors = has_errors(result.findings)
    if as_json:
        emit_json({"input": file, "output": str(path), "kind": "monitoring",
                   "format": path.suffix.lstrip("."), "as_of": as_of.isoformat(),
                   "light": result.light.value,
                   "findings": [x.to_json() for x in result.findings]})
    else:
        click.echo(f"{path}（{result.light.label}）")
        for x in result.findings:
            if x.severity is Severity.ERROR:
                click.echo(f"  错误 / error [{x.code}] {x.message}", err=True)
    # As `jixiao monitor`: exit 1 when a finding is an error (red light, overspent line …).
    sys.exit(EXIT_FINDINGS if errors else EXIT_CLEAN)
