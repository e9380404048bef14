"""`jixiao score FILE [--ruleset NAME] [--json]` (CONTRACTS.md §2)."""

from __future__ import annotations

import sys

import click

from jixiao.cli.common import EXIT_CLEAN, EXIT_FINDINGS, emit_json, input_errors_exit_2
from jixiao.domain.errors import InputError
from jixiao.domain.findings import has_errors
from jixiao.domain.rulesets import RULESETS, get_ruleset
from jixiao.domain.scoring import score_evaluation
from jixiao.ingest.evaluation_file import load_evaluation
from jixiao.services.score_table import format_score_table


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--ruleset", "ruleset_name", type=click.Choice(sorted(RULESETS)),
              help="规则集（默认取文件中的 ruleset，否则 national-2020）")
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 文档")
@input_errors_exit_2
def score(file: str, ruleset_name: str | None, as_json: bool) -> None:
    """给一个项目支出绩效自评打分并检查（Score and check one evaluation file）."""
    evaluation = load_evaluation(file)
    try:
        ruleset = get_ruleset(ruleset_name or evaluation.ruleset)
    except KeyError as err:
        raise InputError(str(err.args[0]), file=file, field="ruleset") from None
    result = score_evaluation(evaluation, ruleset)
    if as_json:
        emit_json(result.to_json())
    else:
        click.echo(format_score_table(result))
    sys.exit(EXIT_FINDINGS if has_errors(result.findings) else EXIT_CLEAN)
