"""The API of CONTRACTS.md §6: token auth, visible projects only, 404 outside the scope,
public reports, pagination, and the one JSON error shape."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ERROR_KEYS = {"ok", "error", "errors", "status"}


def token(client: Client, username: str, password: str = "jixiao-demo"):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/auth/token", {"username": username, "password": password},
                       content_type="application/json")


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def assert_error_shape(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    """The one error shape, pinned: exactly these keys and types."""
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list)
    return body


def test_token_then_visible_projects_only(projects):
    client = Client()
    response = token(client, "unit2")
    assert response.status_code == 200 and set(response.json()) == {"token"}
    key = response.json()["token"]
    listing = client.get("/api/v1/projects", **bearer(key)).json()
    assert {p["name"] for p in listing["items"]} == {
        projects[k].name for k in ("platform", "bidding", "witness", "experts", "ca")}
    assert listing["count"] == 5
    item = listing["items"][0]
    assert {"id", "name", "unit", "fiscal_year"} <= set(item)
    assert_error_shape(client.get(f"/api/v1/projects/{projects['baoshan'].pk}", **bearer(key)), 404)
    mine = client.get(f"/api/v1/projects/{projects['bidding'].pk}", **bearer(key)).json()
    assert mine["score"]["total"] and isinstance(mine["score"]["total"], str)


def test_pagination(projects):
    client = Client()
    key = token(client, "finance").json()["token"]
    first = client.get("/api/v1/projects?limit=2&offset=0", **bearer(key)).json()
    rest = client.get("/api/v1/projects?limit=10&offset=2", **bearer(key)).json()
    assert first["count"] == rest["count"] == len(projects)
    assert len(first["items"]) == 2
    ids = [p["id"] for p in first["items"] + rest["items"]]
    assert sorted(ids) == sorted(p.pk for p in projects.values())


def test_error_shape_everywhere():
    client = Client()
    assert_error_shape(token(client, "unit1", "wrong"), 401)
    assert_error_shape(client.get("/api/v1/projects"), 401)
    assert_error_shape(client.get("/api/v1/projects", **bearer("not-a-token")), 401)
    body = assert_error_shape(client.post("/api/v1/auth/token", {"username": "x"},
                                          content_type="application/json"), 422)
    assert body["errors"] and "field" in body["errors"][0]
    key = token(client, "sysadmin").json()["token"]
    assert_error_shape(client.get("/api/v1/projects", **bearer(key)), 403)
    assert_error_shape(client.get("/api/v1/projects/999999", **bearer(key)), 404)
    assert_error_shape(client.get("/api/v1/no-such-route"), 404)


def test_error_shape_for_wrong_methods_and_bad_bodies(projects):
    """405, malformed JSON and field paths: the same shape, in Chinese, with the field as
    the client named it (the bugs: text/html 405s, `body.body.password`, English text)."""
    client = Client()
    key = bearer(token(client, "unit1").json()["token"])
    pid = projects["baoshan"].pk
    for response, allowed in ((client.delete("/api/v1/projects", **key), "GET"),
                              (client.put(f"/api/v1/projects/{pid}", **key), "GET"),
                              (client.get("/api/v1/auth/token"), "POST")):
        body = assert_error_shape(response, 405)
        assert allowed in body["error"] and response["Allow"] == allowed
    for raw in ("{x", b"\xff\xfe"):
        body = assert_error_shape(client.post("/api/v1/auth/token", raw,
                                              content_type="application/json"), 400)
        assert "JSON" in body["error"] and "有效" in body["error"]
    body = assert_error_shape(client.post("/api/v1/auth/token", {"username": "x"},
                                          content_type="application/json"), 422)
    assert body["errors"] == [{"field": "password", "message": "缺少此字段"}]
    body = assert_error_shape(client.post(f"/api/v1/projects/{pid}/fields", {"path": 5},
                                          content_type="application/json", **key), 422)
    assert {e["field"] for e in body["errors"]} == {"path", "value"}
    # an unknown workflow action is bad input (422), not a permission refusal (403)
    body = assert_error_shape(client.post(f"/api/v1/projects/{pid}/transitions",
                                          {"action": "hack"}, content_type="application/json",
                                          **key), 422)
    assert body["errors"][0]["field"] == "action"
    # still 404 outside the caller's scope, whatever the action
    other = bearer(token(client, "unit2").json()["token"])
    assert_error_shape(client.post(f"/api/v1/projects/{pid}/transitions", {"action": "hack"},
                                   content_type="application/json", **other), 404)


def test_public_reports_need_no_login():
    body = Client().get("/api/v1/public/reports").json()
    assert body["items"], "the demo publishes one report"
    report = body["items"][0]
    assert {"index_number", "publisher", "catalogue", "published_on", "document_number",
            "title", "id", "project", "unit", "fiscal_year", "total_score", "grade", "sha256",
            "version", "withdrawn", "report_pdf_url", "table_pdf_url"} <= set(report)


def test_openapi_document():
    schema = Client().get("/api/v1/openapi.json").json()
    assert {"/api/v1/auth/token", "/api/v1/projects", "/api/v1/projects/{project_id}",
            "/api/v1/public/reports"} <= set(schema["paths"])


def test_finance_publishes_and_anyone_downloads(as_persona, projects):
    from jixiao.persistence.mappers import evaluation_document, snapshot_sha256
    from jixiao.persistence.models import AuditEvent, PublishedReport

    project = projects["baoshan"]
    url = f"/projects/{project.pk}/transition/"
    as_persona("unit1").post(url, {"action": "submit"})
    as_persona("dept").post(url, {"action": "approve"})
    assert as_persona("finance").post(f"/projects/{project.pk}/publish/").status_code == 302
    assert not PublishedReport.objects.filter(project=project).exists()  # not accepted yet
    as_persona("finance").post(url, {"action": "accept"})
    as_persona("finance").post(f"/projects/{project.pk}/publish/",
                               {"document_number": "保财绩〔2023〕1号"})
    report = PublishedReport.objects.get(project=project)
    project.refresh_from_db()
    assert report.snapshot_sha256 == snapshot_sha256(evaluation_document(project))
    assert AuditEvent.objects.filter(kind="report_published", actor="finance").exists()
    listing = Client().get("/api/v1/public/reports").json()["items"]
    assert report.index_number in {r["index_number"] for r in listing}
    pdf = Client().get(f"/public/reports/{report.pk}/?format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    again = as_persona("finance").post(f"/projects/{project.pk}/publish/", follow=True)
    assert "已经公开" in again.content.decode()


def test_api_edit_and_workflow(projects):
    client = Client()
    unit1 = bearer(token(client, "unit1").json()["token"])
    dept = bearer(token(client, "dept").json()["token"])
    pid = projects["baoshan"].pk
    doc = client.get(f"/api/v1/projects/{pid}/evaluation", **unit1).json()
    assert doc["format"] == "jixiao.evaluation/1"
    before = client.get(f"/api/v1/projects/{pid}", **unit1).json()["score"]["total"]
    changed = client.post(f"/api/v1/projects/{pid}/fields",
                          {"path": "indicators.0.actual", "value": "1"},
                          content_type="application/json", **unit1).json()
    assert changed["ok"] is True and changed["score"]["total"] != before
    history = client.get(f"/api/v1/projects/{pid}/history", **dept).json()["items"]
    assert history[0]["path"] == "indicators.0.actual" and history[0]["new_value"] == "1"
    assert history[0]["actor"] == "unit1" and history[0]["old_value"] == str(doc["indicators"][0]["actual"])
    body = assert_error_shape(client.post(f"/api/v1/projects/{pid}/fields",
                                          {"path": "indicators.0.actual", "value": "x"},
                                          content_type="application/json", **unit1), 422)
    assert body["errors"][0]["field"] == "indicators.0.actual"
    # a reason is now demanded: submission refused with the finding in `errors`
    refused = assert_error_shape(client.post(f"/api/v1/projects/{pid}/transitions",
                                             {"action": "submit"},
                                             content_type="application/json", **unit1), 422)
    assert any("偏差原因" in e["message"] for e in refused["errors"])
    client.post(f"/api/v1/projects/{pid}/fields",
                {"path": "indicators.0.deviation_reason", "value": "面积调整"},
                content_type="application/json", **unit1)
    done = client.post(f"/api/v1/projects/{pid}/transitions", {"action": "submit"},
                       content_type="application/json", **unit1).json()
    assert done["state"] == "submitted" and len(done["snapshot_sha256"]) == 64
    assert_error_shape(client.post(f"/api/v1/projects/{pid}/fields",
                                   {"path": "goals.actual", "value": "x"},
                                   content_type="application/json", **unit1), 409)
    assert_error_shape(client.post(f"/api/v1/projects/{pid}/transitions", {"action": "return"},
                                   content_type="application/json", **dept), 422)
    returned = client.post(f"/api/v1/projects/{pid}/transitions",
                           {"action": "return", "comment": "补充说明"},
                           content_type="application/json", **dept).json()
    assert returned["state"] == "returned"
