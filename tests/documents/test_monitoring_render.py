"""`jixiao render monitoring FILE --as-of DATE -o OUT`: the 项目支出绩效目标执行监控表 from
`jixiao monitor` data, in xlsx, docx and pdf, laid out from layouts/monitoring/*.yaml."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from jixiao.cli.main import cli
from jixiao.documents.monitoring import monitoring_layout_names

from .conftest import REPO, needs_poppler, pdf_text, squash

MONITORED = REPO / "examples" / "baoshan-2022-monitoring.yaml"


def _render(tmp_path: Path, suffix: str, as_of: str = "2022-07-31") -> tuple[Path, object]:
    out = tmp_path / f"m{suffix}"
    result = CliRunner().invoke(cli, ["render", "monitoring", str(MONITORED), "--as-of", as_of,
                                      "-o", str(out), "--json"])
    return out, result


@pytest.mark.parametrize("suffix", [".xlsx", ".docx", ".pdf"])
def test_monitoring_table_every_format(tmp_path, suffix) -> None:
    out, result = _render(tmp_path, suffix)
    # The example has an overspent budget line: an error, as for `jixiao monitor` (exit 1).
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    assert doc["kind"] == "monitoring" and doc["light"] == "yellow" and out.is_file()
    if suffix == ".xlsx":
        ws = openpyxl.load_workbook(out).active
        values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
        text = squash("\n".join(str(v) for v in values)) + "73.14%"  # stored as a number:
        rate = [c for row in ws.iter_rows() for c in row if c.number_format == "0.00%"]
        assert [str(c.value) for c in rate] == ["0.7314"]
    elif suffix == ".docx":
        d = Document(str(out))
        text = squash("\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
                      + "\n".join(p.text for p in d.paragraphs))
    else:
        if needs_poppler.args[0]:
            pytest.skip("poppler-utils not installed")
        text = squash(pdf_text(out))
    for words in ("项目支出绩效目标执行监控表（2022年度）", "1-7月执行数", "1-7月执行率", "73.14%",
                  "全年预计执行数", "偏差原因分析", "人员保障", "完成目标可能性", "有可能", "√",
                  "12345热线电话接通率"):
        assert squash(words) in text, (suffix, words)


def test_period_follows_as_of(tmp_path) -> None:
    out, result = _render(tmp_path, ".xlsx", "2022-06-30")
    assert result.exit_code in (0, 1), result.output
    ws = openpyxl.load_workbook(out).active
    values = {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    assert "1-6月执行情况" in values and "1-7月执行情况" not in values


def test_bad_suffix_is_exit_2(tmp_path) -> None:
    _, result = _render(tmp_path, ".html")
    assert result.exit_code == 2 and "监控表不支持的输出格式" in result.output


def test_monitoring_layouts_are_data() -> None:
    assert monitoring_layout_names() == ["monitoring-2020"]
