"""CSRF, escaping of user text, security headers, and no external URL on any page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

EXTERNAL = re.compile(r"""(?:src|href|action|data|poster)\s*=\s*["']?\s*(?:[a-z]+:)?//""", re.I)
CSS_EXTERNAL = re.compile(r"url\(\s*['\"]?(?:https?:)?//", re.I)


def test_csrf_is_enforced_on_forms_and_htmx(users, projects):
    client = Client(enforce_csrf_checks=True)
    refused = client.post("/login/", {"username": "unit1", "password": "jixiao-demo"})
    assert refused.status_code == 403 and "页面已过期" in refused.content.decode()
    client.force_login(users["unit1"])
    url = f"/projects/{projects['baoshan'].pk}/field/"
    assert client.post(url, {"path": "goals.actual", "value": "x"}).status_code == 403
    page = client.get(f"/projects/{projects['baoshan'].pk}/").content.decode()
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
    ok = client.post(url, {"path": "goals.actual", "value": "x"}, HTTP_X_CSRFTOKEN=token)
    assert ok.status_code == 200


def test_user_text_is_escaped(as_persona, projects):
    unit1, project = as_persona("unit1"), projects["baoshan"]
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    unit1.post(f"/projects/{project.pk}/field/", {"path": "goals.actual", "value": evil})
    unit1.post(f"/projects/{project.pk}/field/",
               {"path": "indicators.0.deviation_reason", "value": evil})
    for url in (f"/projects/{project.pk}/", f"/projects/{project.pk}/history/"):
        html = unit1.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_security_headers(as_persona, projects):
    response = as_persona("unit1").get(f"/projects/{projects['baoshan'].pk}/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_page_references_an_external_url(as_persona, projects, users):
    """Every GET page of every persona (and the static CSS/JS they load) stays on this
    server: government intranets are closed, no CDN."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns, prefix=""):  # type: ignore[no-untyped-def]
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern)

    routes = list(walk(get_resolver().url_patterns))
    urls = set()
    for route in routes:
        for project in projects.values():
            urls.add("/" + re.sub(r"<[^>]+>", str(project.pk), route))
    checked = 0
    static_refs: set[str] = set()
    for persona in ("anonymous", "unit1", "dept", "finance", "sysadmin", "secadmin", "auditadmin"):
        client = as_persona(persona)
        for url in sorted(urls):
            response = client.get(url, follow=True)
            ctype = response.get("Content-Type", "")
            if response.status_code != 200 or "html" not in ctype:
                continue
            html = response.content.decode()
            assert not EXTERNAL.search(html), f"{persona} {url}: {EXTERNAL.search(html)}"
            static_refs.update(re.findall(r'(?:src|href)="(/static/[^"]+)"', html))
            checked += 1
    assert checked >= 20
    assert "/static/vendor/htmx.min.js" in static_refs
    assert "/static/vendor/echarts.min.js" in static_refs
    client = Client()
    for ref in sorted(static_refs):
        response = client.get(ref)
        assert response.status_code == 200, ref
        if ref.endswith(".css"):
            body = b"".join(response.streaming_content).decode()
            assert not CSS_EXTERNAL.search(body), ref


def test_user_text_is_escaped_in_documents(as_persona, projects):
    """The rendered report (HTML) escapes what the unit typed; docx/xlsx carry it as text."""
    unit1, project = as_persona("unit1"), projects["baoshan"]
    evil = '<script>alert("x")</script>'
    unit1.post(f"/projects/{project.pk}/field/", {"path": "goals.actual", "value": evil})
    html = unit1.get(f"/projects/{project.pk}/document/?kind=report&format=html").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
