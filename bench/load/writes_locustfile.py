"""Locust users for the concurrent-writes load test (issue 9): editors read projects and save
fields at once through the API and the pages, as on deadline day, while other users keep
logging in.

Editors of one account share one login (one API token, one browser session, obtained by the
first of them): a login costs a deliberately slow password hash (about 1 s of CPU on a
shared 2-core machine), and 50 of them would spend the whole run hashing. Logins under load
are exercised by `LoginUser`s, which log in again and again while the editors write.

Run by `bench/load/run_writes.py`, which starts a fresh server and database. Counted as
failures: any 5xx, any unexpected status. A 409 on a save that sent a stale version is the
contract working (CONTRACTS.md §7) and is counted apart as a conflict, not a failure.
A JSON summary (counts by status) goes to $JIXIAO_LOAD_SUMMARY when set.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import threading
from collections import Counter

from locust import HttpUser, between, events, task

PASSWORD = "jixiao-demo"
#: The demo's editable projects and who may edit them.
EDITORS = ("unit1", "unit2")
_serial = itertools.count()
_statuses: Counter[str] = Counter()
_lock = threading.Lock()


@events.request.add_listener
def _count(request_type, name, response_time, response_length, response=None,  # type: ignore[no-untyped-def]
           exception=None, **kwargs):
    status = getattr(response, "status_code", 0) if response is not None else 0
    with _lock:
        _statuses[str(status or "no-response")] += 1


@events.quitting.add_listener
def _summary(environment, **kwargs):  # type: ignore[no-untyped-def]
    path = os.environ.get("JIXIAO_LOAD_SUMMARY")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump({"statuses": dict(_statuses)}, out)


_logins: dict[tuple[str, str], object] = {}
_login_lock = threading.Lock()


def api_login(client, username: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """POST /api/v1/auth/token; the Authorization header (empty when refused)."""
    with client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD},
                     name="POST /api/v1/auth/token", catch_response=True) as answer:
        if answer.status_code != 200:
            answer.failure(f"login {answer.status_code}")
            return {}
        return {"Authorization": f"Bearer {answer.json()['token']}"}


def web_login(client, host: str, username: str) -> None:  # type: ignore[no-untyped-def]
    """The login form, as a browser sends it; a failure when it does not lead in."""
    page = client.get("/login/", name="GET /login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    with client.post("/login/", data={"username": username, "password": PASSWORD,
                                      "csrfmiddlewaretoken": token.group(1) if token else ""},
                     headers={"Referer": host + "/login/"}, name="POST /login/",
                     catch_response=True) as answer:
        if answer.status_code != 200 or "/login/" in answer.url:
            answer.failure(f"login {answer.status_code}")


class LoginUser(HttpUser):
    """Logs in again and again (API and form) while the editors write: logins under load
    must not fail, and each is audited."""

    fixed_count = 2
    wait_time = between(1.0, 3.0)

    @task
    def login_twice(self) -> None:
        api_login(self.client, "dept")
        self.client.cookies.clear()
        web_login(self.client, self.host or "", "dept")


class _Editor(HttpUser):
    """A budget unit's filler: logs in (shared per account), opens an editable project of
    its unit, saves fields."""

    abstract = True
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        self.n = next(_serial)
        self.username = EDITORS[self.n % len(EDITORS)]
        self.auth: dict[str, str] = {}
        self.version: int | None = None
        self.fields = ["goals.actual"]
        self.login()
        self.project = self.pick_project()

    def login(self) -> None:
        raise NotImplementedError

    def pick_project(self) -> int:
        raise NotImplementedError

    def _field(self) -> str:
        """A field of this user's own where the project has enough indicators: users of
        one project save different fields, as colleagues filling one form do."""
        return self.fields[self.n % len(self.fields)]


class ApiEditor(_Editor):
    """Uses the JSON API with a bearer token."""

    def login(self) -> None:
        with _login_lock:
            key = ("api", self.username)
            if key not in _logins:
                _logins[key] = api_login(self.client, self.username)
            self.auth = dict(_logins[key])  # type: ignore[call-overload]

    def pick_project(self) -> int:
        listing = self.client.get("/api/v1/projects?limit=50", headers=self.auth,
                                  name="GET /api/v1/projects").json()
        editable = [p for p in listing["items"] if p["state"] in ("draft", "returned")]
        project = int(editable[self.n % len(editable)]["id"])
        document = self.client.get(f"/api/v1/projects/{project}/evaluation", headers=self.auth,
                                   name="GET /api/v1/projects/{id}/evaluation").json()
        self.fields = [f"indicators.{i}.deviation_reason"
                       for i in range(len(document.get("indicators", [])))] or self.fields
        return project

    @task(4)
    def read_project(self) -> None:
        answer = self.client.get(f"/api/v1/projects/{self.project}", headers=self.auth,
                                 name="GET /api/v1/projects/{id}")
        if answer.status_code == 200:
            self.version = answer.json().get("version")

    @task(4)
    def save_field(self) -> None:
        """An API save without a version (last writer wins, as before §7)."""
        self.client.post(f"/api/v1/projects/{self.project}/fields", headers=self.auth,
                         json={"path": self._field(), "value": f"用户{self.n} 说明 {next(_serial)}"},
                         name="POST /api/v1/projects/{id}/fields")

    @task(4)
    def save_field_versioned(self) -> None:
        """An API save that sends the version last read: 200, or 409 when someone saved
        meanwhile (then read again, as a client should)."""
        body: dict[str, object] = {"path": self._field(), "value": f"用户{self.n} 版本 {next(_serial)}"}
        if self.version is not None:
            body["version"] = self.version
        with self.client.post(f"/api/v1/projects/{self.project}/fields", headers=self.auth,
                              json=body, name="POST fields (version)",
                              catch_response=True) as answer:
            if answer.status_code == 200:
                self.version = answer.json().get("version")
                answer.success()
            elif answer.status_code == 409:
                self.version = None
                answer.success()  # the contract: told, nothing overwritten
            else:
                answer.failure(f"status {answer.status_code}")


class WebEditor(_Editor):
    """Uses the pages: session login, the evaluation page, htmx saves."""

    def login(self) -> None:
        with _login_lock:
            key = ("web", self.username)
            if key not in _logins:
                web_login(self.client, self.host or "", self.username)
                _logins[key] = dict(self.client.cookies)
            for name, value in _logins[key].items():  # type: ignore[attr-defined]
                self.client.cookies.set(name, value)
        self.csrf = self.client.cookies.get("csrftoken", "")

    def pick_project(self) -> int:
        page = self.client.get("/projects/", name="GET /projects/").text
        ids = sorted({int(i) for i in re.findall(r'href="/projects/(\d+)/"', page)})
        for offset in range(len(ids)):  # the first project of the unit that is editable
            project = ids[(self.n + offset) % len(ids)]
            html = self.client.get(f"/projects/{project}/", name="GET /projects/{id}/").text
            paths = re.findall(r'data-path="(indicators\.\d+\.deviation_reason)"', html)
            if paths:
                self.fields = paths
                return project
        return ids[0] if ids else 1

    @task(3)
    def open_page(self) -> None:
        page = self.client.get(f"/projects/{self.project}/", name="GET /projects/{id}/")
        match = re.search(r'id="project-version" data-version="(\d+)"', page.text)
        self.version = int(match.group(1)) if match else None

    @task(5)
    def htmx_save(self) -> None:
        """One htmx save from the page, with the version the page was rendered from (kept
        up to date from X-Project-Version, as app.js does)."""
        data = {"path": self._field(), "value": f"网页{self.n} {next(_serial)}"}
        if self.version is not None:
            data["version"] = str(self.version)
        with self.client.post(f"/projects/{self.project}/field/", data=data,
                              headers={"HX-Request": "true", "X-CSRFToken": self.csrf,
                                       "Referer": f"{self.host}/projects/{self.project}/"},
                              name="POST /projects/{id}/field/ (htmx)",
                              catch_response=True) as answer:
            if answer.status_code == 200:
                self.version = int(answer.headers.get("X-Project-Version", 0)) or None
                answer.success()
            elif answer.status_code == 409:
                self.version = None
                answer.success()
            else:
                answer.failure(f"status {answer.status_code}")
