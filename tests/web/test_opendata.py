"""Open data (issue 11 deliverable 9, CONTRACTS.md §7): the Frictionless Data Package of
everything published, validated with the `frictionless` library; Fiscal Data Package
measures; the CLI writes the same package."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from click.testing import CliRunner
from django.test import Client

from jixiao.persistence.models import PublishedReport

pytestmark = pytest.mark.django_db


def _package(tmp_path):  # type: ignore[no-untyped-def]
    client = Client()
    descriptor = client.get("/api/v1/public/datapackage.json")
    assert descriptor.status_code == 200
    body = descriptor.json()
    (tmp_path / "datapackage.json").write_text(json.dumps(body, ensure_ascii=False),
                                               encoding="utf-8")
    for resource in body["resources"]:
        # each path is a URL relative to the descriptor
        data = client.get("/api/v1/public/" + resource["path"])
        assert data.status_code == 200 and data["Content-Type"].startswith("text/csv")
        (tmp_path / resource["path"]).write_bytes(data.content)
    return body


def test_descriptor_is_a_valid_frictionless_package(tmp_path):
    from frictionless import validate

    body = _package(tmp_path)
    assert body["name"] and [r["name"] for r in body["resources"]] == ["reports"]
    resource = body["resources"][0]
    assert resource["format"] == "csv" and resource["schema"]["fields"]
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_one_row_per_current_unwithdrawn_report_with_header_as_schema(tmp_path):
    body = _package(tmp_path)
    names = [f["name"] for f in body["resources"][0]["schema"]["fields"]]
    text = (tmp_path / "reports.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == names
    expected = {r.pk for r in PublishedReport.objects.filter(superseded_by__isnull=True,
                                                            withdrawn_at__isnull=True)}
    assert {int(r[0]) for r in rows[1:]} == expected and len(rows) - 1 == len(expected)
    withdrawn = PublishedReport.objects.get(project_name="评标专家评审费")
    assert str(withdrawn.pk) not in {r[0] for r in rows[1:]}


def test_amounts_are_fiscal_measures_equal_to_the_snapshot(tmp_path):
    body = _package(tmp_path)
    measures = body["model"]["measures"]
    assert {m["phase"] for m in measures.values()} == {"approved", "adjusted", "executed"}
    assert all(m["currency"] == "CNY" for m in measures.values())
    names = {f["name"] for f in body["resources"][0]["schema"]["fields"]}
    assert {m["source"] for m in measures.values()} <= names
    rows = list(csv.DictReader(io.StringIO((tmp_path / "reports.csv").read_text("utf-8"))))
    hotline = next(r for r in rows if r["project"].startswith("12345"))
    funds = PublishedReport.objects.get(pk=hotline["id"]).snapshot["funds"]["total"]
    assert Decimal(hotline["budget_approved"]) == Decimal(funds["initial_budget"])
    assert Decimal(hotline["budget_adjusted"]) == Decimal(funds["full_year_budget"])
    assert Decimal(hotline["budget_executed"]) == Decimal(funds["executed"])
    witness = next(r for r in rows if r["project"] == "交易见证服务经费")
    assert witness["execution_rate"] == "97.47"  # 438600 / 450000 = 97.466…%
    assert witness["version"] == "2"
    assert Client().get(witness["report_pdf_url"]).content.startswith(b"%PDF")


def test_cli_writes_the_same_package(tmp_path):
    from frictionless import validate

    from jixiao.cli.opendata import opendata

    result = CliRunner().invoke(opendata, [str(tmp_path / "out"), "--base-url",
                                           "http://testserver"])
    assert result.exit_code == 0, result.output
    _package(tmp_path)
    out = tmp_path / "out"
    assert json.loads((out / "datapackage.json").read_text("utf-8")) == json.loads(
        (tmp_path / "datapackage.json").read_text("utf-8"))
    assert (out / "reports.csv").read_bytes() == (tmp_path / "reports.csv").read_bytes()
    assert validate(str(out / "datapackage.json")).valid


def test_validator_notices_a_broken_resource(tmp_path):
    """The validation above can fail: a CSV whose header differs from the schema, or with
    text in a number column, is reported invalid."""
    from frictionless import validate

    _package(tmp_path)
    path = tmp_path / "reports.csv"
    lines = path.read_text("utf-8").splitlines()
    header = lines[0].split(",")
    cells = next(csv.reader([lines[1]]))
    cells[header.index("total_score")] = "九十七"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    path.write_text("\n".join([lines[0], out.getvalue().strip()]) + "\n", encoding="utf-8")
    assert not validate(str(tmp_path / "datapackage.json")).valid
