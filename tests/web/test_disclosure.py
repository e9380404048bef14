"""信息公开 portal (issue 11 deliverable 8, CONTRACTS.md §7): immutable versioned snapshots
with both PDFs and their SHA-256, the seed's page header, correction as a new version,
withdrawal that keeps the record, search, the 20-day deadline, and rendering outside the
write transaction."""

from __future__ import annotations

import hashlib

import pytest
from django.db import connection
from django.test import Client

from jixiao.domain.disclosure import INDEX_NUMBER
from jixiao.persistence.models import AuditEvent, Project, PublicationFile, PublishedReport
from jixiao.services import public
from jixiao.services.errors import Conflict

pytestmark = pytest.mark.django_db


def _current(project: Project) -> PublishedReport:
    return PublishedReport.objects.get(project=project, superseded_by__isnull=True)


def test_demo_publication_has_the_seed_header(projects):
    report = _current(projects["hotline"])
    # the demo publisher is the seed's 保山市政务服务管理局 (组织机构代码 57980172-X)
    assert report.index_number == "57980172-X-/2023-0427001"
    assert report.publisher == "保山市政务服务管理局" and report.catalogue == "自评报告"
    assert "项目项目" not in report.title
    page = Client().get(f"/public/reports/{report.pk}/").content.decode()
    for label, value in (("索引号", report.index_number), ("发布机构", report.publisher),
                         ("公开目录", "自评报告"), ("发布日期", "2023-04-27"),
                         ("文号", report.document_number), ("主题词", report.keywords)):
        assert f"<th>{label}</th><td>{value}</td>" in page
    # the full text of the report is on the page; the hash is only under 核验信息
    assert "全年接通率97%" in page
    assert page.index(report.snapshot_sha256) > page.index("核验信息")
    listing = Client().get("/public/reports/").content.decode()
    assert report.snapshot_sha256 not in listing and report.title in listing


def test_both_pdfs_download_without_login_and_match_their_hashes(projects):
    report = _current(projects["hotline"])
    api = {r["id"]: r for r in Client().get("/api/v1/public/reports").json()["items"]}[report.pk]
    assert INDEX_NUMBER.match(api["index_number"])
    assert api["sha256"] == report.snapshot_sha256 and api["version"] == 1
    assert api["withdrawn"] is False and api["grade"] and api["total_score"]
    for kind, url in (("report", api["report_pdf_url"]), ("table", api["table_pdf_url"])):
        response = Client().get(url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        stored = PublicationFile.objects.get(report=report, kind=kind)
        assert hashlib.sha256(response.content).hexdigest() == stored.sha256
    assert api["report_pdf_url"] != api["table_pdf_url"]


def test_correction_is_a_new_version_and_the_old_one_stays(projects, users):
    report = _current(projects["hotline"])
    old_files = {f.kind: f.sha256 for f in report.files.all()}
    new = public.report_correct(actor=users["finance"], report_id=report.pk,
                                note="更正主题词", keywords="绩效自评 12345")
    report.refresh_from_db()
    assert new.version == 2 and new.supersedes_id == report.pk and new.keywords == "绩效自评 12345"
    assert new.index_number != report.index_number and INDEX_NUMBER.match(new.index_number)
    assert {f.kind: f.sha256 for f in report.files.all()} == old_files  # untouched
    assert report.keywords == "绩效自评 政务服务 热线"
    items = Client().get("/api/v1/public/reports").json()["items"]
    ids = {r["id"] for r in items}
    assert new.pk in ids and report.pk not in ids  # the list shows the current version
    old_page = Client().get(f"/public/reports/{report.pk}/").content.decode()
    assert "已被更正" in old_page and f"/public/reports/{new.pk}/" in old_page
    assert "更正主题词" in Client().get(f"/public/reports/{new.pk}/").content.decode()
    assert AuditEvent.objects.filter(kind="report_corrected", actor="finance").exists()
    with pytest.raises(Conflict):  # only the current version can be corrected
        public.report_correct(actor=users["finance"], report_id=report.pk, note="再改")


def test_withdrawal_keeps_the_record_and_says_so(projects, as_persona):
    report = _current(projects["hotline"])
    finance = as_persona("finance")
    empty = finance.post(f"/disclosure/{report.pk}/withdraw/", {"reason": " "}, follow=True)
    assert "请填写撤回原因" in empty.content.decode()
    finance.post(f"/disclosure/{report.pk}/withdraw/", {"reason": "数据有误，待更正"})
    report.refresh_from_db()
    assert report.withdrawn_at is not None and report.withdrawn_by == "finance"
    item = {r["id"]: r for r in Client().get("/api/v1/public/reports").json()["items"]}[report.pk]
    assert item["withdrawn"] is True and item["withdrawal_reason"] == "数据有误，待更正"
    page = Client().get(f"/public/reports/{report.pk}/").content.decode()
    assert "已于" in page and "撤回" in page and "数据有误，待更正" in page
    assert Client().get(f"/public/reports/{report.pk}/report.pdf").status_code == 410
    assert Client().get(f"/public/reports/{report.pk}/table.pdf").status_code == 410
    assert Client().get(f"/public/reports/{report.pk}/?format=docx").status_code == 410
    assert AuditEvent.objects.filter(kind="report_withdrawn").exists()
    again = finance.post(f"/disclosure/{report.pk}/withdraw/", {"reason": "x"}, follow=True)
    assert "已撤回" in again.content.decode()


def test_demo_shows_versions_and_a_withdrawal(projects):
    witness = PublishedReport.objects.filter(project=projects["witness"]).order_by("version")
    assert [r.version for r in witness] == [1, 2]
    assert witness[1].document_number == "保交易〔2023〕4号"
    assert _current(projects["experts"]).withdrawn_at is not None


def test_search_by_title_unit_year_and_text():
    def titles(**params: str) -> set[str]:
        items = Client().get("/api/v1/public/reports", params).json()["items"]
        return {r["project"] for r in items}

    everything = titles()
    assert {"12345政务服务便民热线运行经费", "交易见证服务经费", "评标专家评审费"} == everything
    assert titles(q="热线") == {"12345政务服务便民热线运行经费"}
    assert titles(unit="公共资源交易中心") == {"交易见证服务经费", "评标专家评审费"}
    assert titles(q="见证资料全部归档") == {"交易见证服务经费"}  # full text
    assert titles(year="2023") == set()
    page = Client().get("/public/reports/", {"q": "热线"}).content.decode()
    assert "12345政务服务便民热线运行经费" in page and "交易见证服务经费" not in page
    assert "没有符合条件的报告" in Client().get("/public/reports/", {"q": "不存在的词"}).content.decode()


def test_deadline_warning_for_unpublished_accepted_project(projects, as_persona):
    page = as_persona("finance").get("/disclosure/").content.decode()
    assert "数字证书（CA）服务经费" in page and "已超过公开期限 10 天" in page
    detail = as_persona("finance").get(f"/projects/{projects['ca'].pk}/").content.decode()
    assert "已超过公开期限" in detail


def test_render_runs_outside_the_write_transaction(projects, users, monkeypatch):
    depth = len(connection.savepoint_ids)
    seen: list[int] = []
    real = public.publication_render

    def spy(document, label="公开快照"):  # type: ignore[no-untyped-def]
        seen.append(len(connection.savepoint_ids))
        return real(document, label)

    monkeypatch.setattr(public, "publication_render", spy)
    report = public.report_publish(actor=users["finance"], project_id=projects["ca"].pk)
    assert seen == [depth] and report.version == 1


def test_change_during_rendering_is_refused(projects, users, monkeypatch):
    project = projects["ca"]
    real = public.publication_render

    def change_meanwhile(document, label="公开快照"):  # type: ignore[no-untyped-def]
        rendered = real(document, label)
        doc = dict(project.document, goals={"expected": "改", "actual": "改"})
        Project.objects.filter(pk=project.pk).update(document=doc)
        return rendered

    monkeypatch.setattr(public, "publication_render", change_meanwhile)
    with pytest.raises(Conflict, match="有变化"):
        public.report_publish(actor=users["finance"], project_id=project.pk)
    assert not PublishedReport.objects.filter(project=project).exists()


def test_publish_from_the_project_page_with_keywords(projects, as_persona):
    response = as_persona("finance").post(f"/projects/{projects['ca'].pk}/publish/",
                                          {"document_number": "保交易〔2024〕1号",
                                           "keywords": "数字证书"}, follow=True)
    report = _current(projects["ca"])
    assert report.keywords == "数字证书" and report.index_number in response.content.decode()
    assert report.title == "保山市公共资源交易中心2023年度项目支出绩效自评报告（数字证书（CA）服务经费）"
