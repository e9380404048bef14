"""`jixiao score`: output, JSON contract, exit codes, no tracebacks."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "baoshan-2022-rent-property.yaml"
GOLDEN = Path(__file__).parent / "golden" / "baoshan-2022-score.json"


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_human_table_shows_total_grade_and_explanations():
    result = run("score", str(EXAMPLE))
    assert result.exit_code == 0
    out = result.output
    assert "总分 99.75" in out and "等级 优" in out
    assert "执行率 97.53%" in out and "得分 9.75" in out
    assert "产出指标  分值 50  得分 50.00" in out
    assert "正向指标：实际 5236平方米 ≥ 目标 5236平方米，得满分 10.00" in out


def test_json_matches_golden():
    result = run("score", str(EXAMPLE), "--json")
    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_json_contract_shape():
    doc = json.loads(run("score", str(EXAMPLE), "--json").output)
    assert set(doc) >= {"project", "ruleset", "budget_execution", "indicators", "categories",
                        "total", "grade", "findings"}
    assert doc["budget_execution"]["rate"] == "0.9753"
    assert doc["budget_execution"]["score"] == "9.75"
    assert doc["project"]["fiscal_year"] == 2022
    for item in doc["indicators"]:
        assert isinstance(item["weight"], str) and isinstance(item["score"], str)
        assert len(item["score"].split(".")[1]) == 2
        assert item["rule"] in {"positive", "equal", "reverse", "qualitative"}
        assert item["explanation"]


@pytest.mark.parametrize(("ruleset", "total"), [("hubei", "99.51"), ("jiangxi", "97.00")])
def test_ruleset_option(ruleset, total):
    # The example's indicators carry 90 points; under Hubei that is a weights mismatch (exit 1).
    result = run("score", str(EXAMPLE), "--ruleset", ruleset, "--json")
    doc = json.loads(result.output)
    assert doc["ruleset"]["name"] == ruleset
    if ruleset == "jiangxi":
        assert doc["total"] == total and result.exit_code == 0
    else:
        assert doc["budget_execution"]["score"] == "19.51"
        assert any(f["code"] == "weights-mismatch" for f in doc["findings"])
        assert result.exit_code == 1


def test_error_findings_exit_1(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace("    weight: 10\n", "    weight: 11\n", 1)
    p = tmp_path / "bad-weights.yaml"
    p.write_text(text, encoding="utf-8")
    result = run("score", str(p))
    assert result.exit_code == 1
    assert "weights-mismatch" in result.output


@pytest.mark.parametrize(("content", "words"), [
    (b"", "文件为空"),
    (b"\x00\x01\x02binary", "二进制"),
    (b"format: jixiao.evaluation/1\nproject: [", "语法错误"),
])
def test_bad_input_exit_2_without_traceback(tmp_path, content, words):
    p = tmp_path / "bad.yaml"
    p.write_bytes(content)
    proc = subprocess.run([sys.executable, "-m", "jixiao", "score", str(p)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert words in proc.stderr and str(p) in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_missing_file_exit_2():
    result = CliRunner().invoke(cli, ["score", "/nonexistent/x.yaml"])
    assert result.exit_code == 2
    assert "不存在" in result.output


def test_unknown_ruleset_is_a_usage_error():
    result = CliRunner().invoke(cli, ["score", str(EXAMPLE), "--ruleset", "mars"])
    assert result.exit_code == 2


@pytest.mark.parametrize(("content", "words"), [
    ("a: &a [1, 1, 1]\nb: [*a, *a]\n", "别名"),
    ("format: jixiao.evaluation/1\nformat: x\n", "重复的键"),
    ("x: " + "[" * 2000 + "]" * 2000 + "\n", "嵌套"),
])
def test_hostile_yaml_exit_2_without_traceback(tmp_path, content, words):
    p = tmp_path / "hostile.yaml"
    p.write_text(content, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "jixiao", "score", str(p)],
                          capture_output=True, text=True, check=False, timeout=60)
    assert proc.returncode == 2
    assert words in proc.stderr and "Traceback" not in proc.stderr
