"""`jixiao audit`: the CONTRACTS.md §4 JSON shape, human output, exit codes 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from jixiao.cli.main import cli

SEED = "租用总建筑面积为15415.38平方米,分别是:第一层3295.03平方米;第二层12890.75平方米。\n"
CLEAN = "下达建设资金56万元，全部用于排水沟建设。\n"


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["audit", *args])


def test_json_document_follows_the_contract(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(SEED, encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text(CLEAN, encoding="utf-8")
    result = _run(str(bad), str(good), "--json")
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert [f["path"] for f in doc["files"]] == [str(bad), str(good)]
    (finding,) = doc["files"][0]["findings"]
    assert finding == {
        "code": "sum-mismatch", "severity": "error", "message": finding["message"], "line": 1,
        "excerpt": finding["excerpt"], "stated": "15415.38", "expected": "16185.78",
        "operands": ["3295.03", "12890.75"], "unit": "平方米",
    }
    assert "15415.38" in finding["excerpt"]
    assert doc["files"][1]["findings"] == []


def test_human_output_shows_excerpt_and_both_sides(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(SEED, encoding="utf-8")
    result = _run(str(bad))
    assert result.exit_code == 1
    assert "总建筑面积为15415.38平方米" in result.output
    assert "所述 stated: 15415.38平方米" in result.output
    assert "推算 expected: 16185.78平方米" in result.output


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(CLEAN, encoding="utf-8")
    result = _run(str(good))
    assert result.exit_code == 0
    assert "未发现数字矛盾" in result.output


def test_warnings_alone_do_not_fail(tmp_path: Path) -> None:
    partial = tmp_path / "partial.txt"
    partial.write_text("总面积为100平方米，其中办公面积30平方米、业务面积20平方米。", encoding="utf-8")
    result = _run(str(partial), "--json")
    assert result.exit_code == 0
    assert json.loads(result.output)["files"][0]["findings"][0]["severity"] == "warning"


def test_unreadable_inputs_exit_two_with_the_file_named(tmp_path: Path) -> None:
    binary = tmp_path / "x.docx"
    binary.write_bytes(b"PK\x03\x04 not really a zip")
    for target in (str(tmp_path / "missing.txt"), str(binary)):
        result = _run(target, "--json")
        assert result.exit_code == 2
        assert target in result.output or target in (result.stderr or "")
        assert "Traceback" not in result.output


def test_no_traceback_from_the_real_program(tmp_path: Path) -> None:
    noise = tmp_path / "noise.pdf"
    noise.write_bytes(bytes(range(256)) * 10)
    proc = subprocess.run([sys.executable, "-m", "jixiao", "audit", str(noise)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert str(noise) in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_a_damaged_file_does_not_hide_the_others(tmp_path: Path) -> None:
    # review: `audit ok.txt empty.pdf --json` stopped at empty.pdf and printed nothing
    good = tmp_path / "good.txt"
    good.write_text(CLEAN, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text(SEED, encoding="utf-8")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    result = _run(str(good), str(empty), str(bad), str(missing), "--json")
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert [f["path"] for f in doc["files"]] == [str(good), str(empty), str(bad), str(missing)]
    assert doc["files"][0] == {"path": str(good), "findings": []}
    assert set(doc["files"][1]) == {"path", "error", "findings"}
    assert "PDF" in doc["files"][1]["error"] and doc["files"][1]["findings"] == []
    assert [f["code"] for f in doc["files"][2]["findings"]] == ["sum-mismatch"]
    assert "不存在" in doc["files"][3]["error"]
    assert str(empty) in result.stderr and str(missing) in result.stderr


def test_human_mode_audits_the_readable_files_and_names_the_others_on_stderr(
        tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(CLEAN, encoding="utf-8")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = _run(str(broken), str(good))
    assert result.exit_code == 2
    assert str(good) in result.stdout and "未发现数字矛盾" in result.stdout
    assert str(broken) not in result.stdout
    assert str(broken) in result.stderr and "docx" in result.stderr
    assert "1 unreadable" in result.stdout


def test_exit_code_without_unreadable_files_is_unchanged(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(CLEAN, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text(SEED, encoding="utf-8")
    assert _run(str(good)).exit_code == 0
    assert _run(str(good), str(bad)).exit_code == 1


def test_audit_each_reports_progress_per_file_even_when_one_is_unreadable(tmp_path: Path) -> None:
    from jixiao.services.figure_audit import audit_each

    paths = []
    for i, text in enumerate((SEED, None, CLEAN)):
        path = tmp_path / f"{i}.txt"
        if text is not None:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    seen: list[tuple[int, int]] = []
    results = audit_each(paths, progress=lambda d, t: seen.append((d, t)))
    assert [r.error is None for r in results] == [True, False, True]
    assert seen == [(1, 3), (2, 3), (3, 3)]
