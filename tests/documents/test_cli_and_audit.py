"""`jixiao render` on the command line, batch rendering, and the figure-audit round trip."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from jixiao.cli.main import cli

from .conftest import EXAMPLE


def test_render_json_document(tmp_path) -> None:
    out = tmp_path / "t.xlsx"
    result = CliRunner().invoke(cli, ["render", "table", str(EXAMPLE), "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["output"] == str(out) and doc["layout"] == "yunnan-2020"
    assert doc["total"] == "99.75" and doc["grade"] == "优"
    assert out.stat().st_size > 0


def test_wrong_suffix_is_exit_2(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["render", "report", str(EXAMPLE), "-o",
                                      str(tmp_path / "r.xlsx")])
    assert result.exit_code == 2
    assert "不支持的输出格式" in result.output
    assert "Traceback" not in result.output


def test_missing_file_is_exit_2(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["render", "report", str(tmp_path / "nope.yaml"), "-o",
                                      str(tmp_path / "r.pdf")])
    assert result.exit_code == 2


def test_batch_on_two_processes(tmp_path) -> None:
    second = tmp_path / "second.yaml"
    shutil.copy(EXAMPLE, second)
    outdir = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", "report", str(EXAMPLE), str(second), "-o",
                                      str(outdir), "--format", "html", "--workers", "2",
                                      "--json"])
    assert result.exit_code == 0, result.output
    docs = json.loads(result.output)["documents"]
    assert [d["format"] for d in docs] == ["html", "html"]
    assert sorted(p.name for p in outdir.iterdir()) == [
        "baoshan-2022-rent-property.html", "second.html"]


audit = pytest.importorskip("jixiao.services.figure_audit")


@pytest.mark.parametrize("key", [
    ("report", ".docx"), ("report", ".html"), ("report", ".pdf"),
    ("table", ".xlsx", "yunnan-2020"), ("table", ".docx", "yunnan-2020"),
    ("table", ".pdf", "yunnan-2020"),
    # 万元 form: 222.50 ÷ 228.15 = 97.52% beside the exact 97.53%, equal within the printed
    # precision (the audit allows for rounded operands).
    ("table", ".xlsx", "national-2020"), ("table", ".docx", "national-2020"),
    ("table", ".pdf", "national-2020"),
])
def test_rendered_documents_pass_the_figure_audit(rendered, key) -> None:
    """Round trip: render, read the figures back with `jixiao audit`, expect no findings."""
    [result] = audit.audit_files([rendered[key]])
    assert result.line_count > 0
    assert [f.to_json() for f in result.findings] == []


def _variants(ev):  # type: ignore[no-untyped-def]
    from dataclasses import replace
    from decimal import Decimal as D

    from jixiao.domain.evaluation import FundRow

    first, rest, funds = ev.indicators[0], ev.indicators[1:], ev.funds
    return {
        "shortfall": replace(ev, indicators=(
            replace(first, actual=D(4188), deviation_reason="部分楼层延期交付"), *rest)),
        "carryover": replace(ev, funds=replace(
            funds, total=FundRow(D("3000000"), D("3100000"), D("2900000.50")),
            current_appropriation=FundRow(D("2500000"), D("2500000"), D("2400000.50")),
            carryover=FundRow(D("500000"), D("600000"), D("500000")))),
        "zero-budget": replace(ev, funds=replace(
            funds, total=FundRow(D(0), D(0), D(0)), current_appropriation=None)),
        # Spending above the budget, consistent with the cost indicator's 2,225,038.16 元
        # (the audit compares the two since the funds-indicator detector).
        "over-executed": replace(ev, funds=replace(
            funds, total=FundRow(D("2000000"), D("2000000"), D("2225038.16")),
            current_appropriation=None)),
    }


@pytest.mark.parametrize("variant", ["shortfall", "carryover", "zero-budget", "over-executed"])
def test_variants_pass_the_figure_audit(tmp_path, evaluation, variant) -> None:
    from jixiao.documents.render import render_report, render_table
    from jixiao.domain.scoring import score_evaluation

    scored = score_evaluation(_variants(evaluation)[variant])
    paths = [render_report(scored, tmp_path / "r.html"), render_report(scored, tmp_path / "r.docx")]
    for layout in ("national-2020", "yunnan-2020"):
        paths.append(render_table(scored, tmp_path / f"{layout}.docx", layout))
    for result in audit.audit_files(paths):
        assert [f.to_json() for f in result.findings] == [], result.path


def test_render_many_uses_warmed_workers_only_for_big_batches(tmp_path, monkeypatch) -> None:
    """Small batches stay in-process; 16 documents go to 2 spawned, warmed workers."""
    import concurrent.futures

    from jixiao.documents import render as render_mod
    from jixiao.domain.scoring import score_evaluation
    from jixiao.ingest.evaluation_file import load_evaluation

    scored = score_evaluation(load_evaluation(EXAMPLE))
    pools: list[int] = []
    real = concurrent.futures.ProcessPoolExecutor

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        pools.append(kwargs["max_workers"])
        assert kwargs["initializer"] is render_mod.warm
        return real(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", counting)
    few = [("report", scored, tmp_path / f"a{i}.html", None) for i in range(3)]
    seen: list[tuple[int, int]] = []
    assert len(render_mod.render_many(few, workers=2, progress=lambda d, t: seen.append((d, t)))) == 3
    assert pools == [] and seen == [(1, 3), (2, 3), (3, 3)]
    many = [("report", scored, tmp_path / f"b{i}.html", None) for i in range(16)]
    seen.clear()
    out = render_mod.render_many(many, workers=2, progress=lambda d, t: seen.append((d, t)))
    assert pools == [2] and all(p.is_file() for p in out)
    assert seen == [(i, 16) for i in range(1, 17)]


def test_batch_commands_draw_a_progress_bar(tmp_path) -> None:
    """`--progress` on the batch commands: a labelled bar on stderr, output unchanged."""
    second = tmp_path / "second.yaml"
    second.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["render", "report", str(EXAMPLE), str(second), "-o",
                                 str(tmp_path / "out"), "--format", "html", "--progress"])
    assert result.exit_code in (0, 1), result.output
    assert "生成文书" in result.stderr and len(list((tmp_path / "out").iterdir())) == 2
    result = runner.invoke(cli, ["audit", str(EXAMPLE), str(second), "--progress", "--json"])
    assert "数字核查" in result.stderr and result.stdout.lstrip().startswith("{")
