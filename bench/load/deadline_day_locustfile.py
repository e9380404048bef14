"""Deadline day (locust): budget units filling in and submitting, department reviewers
approving, the public reading the disclosure portal, all at once.

Run through `bench/load/run_deadline_day.py` (starts the server, checks the goals), or
directly: `locust -f bench/load/deadline_day_locustfile.py --host http://127.0.0.1:8000`.
Needs a region made by `jixiao demo --projects N` (N ≥ 100 × unit users): every simulated
unit user logs in as its own unit's account (u00001, u00002, …), every reviewer as its own
department's (d0001, …), password jixiao-demo.

Request names group URLs by kind ("/projects/[id]/"); names starting with "API " are API
reads (goal p95 < 100 ms on PostgreSQL), the other GETs are pages (goal p95 < 300 ms).
Logins ("POST /login/", "POST /api/v1/auth/token") are deliberately expensive (the password
hash) and are reported on their own line, without a latency goal.

Think times (the pause between one user's actions) are those of people at work, not of a
script: a unit's filler reads the page and types a field between actions (5–15 s), a
reviewer reads the evaluation before deciding (10–30 s), a member of the public reads a
list page (5–20 s). JIXIAO_LOAD_THINK_SCALE multiplies them all (0.2 = five times the pace,
a stress run; the runner's `--think-scale`).
"""

from __future__ import annotations

import itertools
import os
import random
import re
import threading
from typing import Any

from locust import HttpUser, between, task
from think import THINK_SECONDS  # beside this file (locust puts its folder on sys.path)

PASSWORD = "jixiao-demo"
_numbers = {"unit": itertools.count(1), "department": itertools.count(1)}
_lock = threading.Lock()


#: How many unit and department accounts the region has (run_deadline_day.py passes them);
#: simulated users beyond that share accounts.
_ACCOUNTS = {"unit": int(os.environ.get("JIXIAO_LOAD_UNITS", "1000")),
             "department": int(os.environ.get("JIXIAO_LOAD_DEPARTMENTS", "84"))}


#: Multiplies every think time (1 = the stated human pace).
THINK_SCALE = float(os.environ.get("JIXIAO_LOAD_THINK_SCALE", "1"))


def _think(kind: str) -> Any:
    low, high = THINK_SECONDS[kind]
    return between(low * THINK_SCALE, high * THINK_SCALE)


def _next(kind: str) -> int:
    with _lock:
        return (next(_numbers[kind]) - 1) % _ACCOUNTS[kind] + 1


class _LoggedIn(HttpUser):
    abstract = True
    username = ""

    def login(self) -> None:
        self.client.get("/login/", name="/login/")
        csrf = self.client.cookies.get("csrftoken", "")
        with self.client.post("/login/", {"username": self.username, "password": PASSWORD,
                                          "csrfmiddlewaretoken": csrf},
                              headers={"Referer": self.host + "/login/"}, name="POST /login/",
                              catch_response=True) as response:
            if "/login/" in response.url:
                response.failure(f"login refused for {self.username}")
        token = self.client.post("/api/v1/auth/token", json={"username": self.username,
                                                             "password": PASSWORD},
                                 name="POST /api/v1/auth/token")
        self.token = token.json().get("token", "") if token.ok else ""

    def post_form(self, url: str, data: dict[str, str], name: str, htmx: bool = False) -> None:
        headers = {"X-CSRFToken": self.client.cookies.get("csrftoken", ""),
                   "Referer": self.host + url}
        if htmx:
            headers["HX-Request"] = "true"
        self.client.post(url, data, headers=headers, name=name)

    def api(self, url: str, name: str) -> None:
        self.client.get(url, headers={"Authorization": f"Bearer {self.token}"}, name=name)

    def project_ids(self, query: str = "") -> list[str]:
        html = self.client.get(f"/projects/{query}", name="/projects/?filters").text
        return re.findall(r'href="/projects/(\d+)/"', html)


class UnitUser(_LoggedIn):
    """A budget unit's filler: opens the list and a draft, edits fields, submits."""

    weight = 6
    wait_time = _think("unit")

    def on_start(self) -> None:
        self.username = f"u{_next('unit'):05d}"
        self.login()
        self.drafts = self.project_ids("?state=draft") or self.project_ids("?state=returned")

    @task(3)
    def open_list(self) -> None:
        self.client.get("/projects/", name="/projects/")

    @task(4)
    def open_and_edit(self) -> None:
        if not self.drafts:
            return
        pk = random.choice(self.drafts)
        self.client.get(f"/projects/{pk}/", name="/projects/[id]/")
        self.post_form(f"/projects/{pk}/field/",
                       {"path": "goals.actual", "value": f"年度目标基本完成（{random.randint(1, 999)}）"},
                       "POST /projects/[id]/field/ (htmx)", htmx=True)

    @task(2)
    def api_reads(self) -> None:
        self.api("/api/v1/projects?limit=20", "API /api/v1/projects")
        if self.drafts:
            self.api(f"/api/v1/projects/{random.choice(self.drafts)}", "API /api/v1/projects/[id]")

    @task(1)
    def submit(self) -> None:
        if not self.drafts:
            return
        pk = self.drafts.pop()
        self.post_form(f"/projects/{pk}/transition/", {"action": "submit"},
                       "POST /projects/[id]/transition/ (submit)")


class Reviewer(_LoggedIn):
    """A department reviewer: lists submitted evaluations, opens one, approves it."""

    weight = 2
    wait_time = _think("reviewer")

    def on_start(self) -> None:
        self.username = f"d{_next('department'):04d}"
        self.login()

    @task
    def review(self) -> None:
        submitted = self.project_ids("?state=submitted")
        if not submitted:
            return
        pk = random.choice(submitted[:10])
        self.client.get(f"/projects/{pk}/", name="/projects/[id]/")
        self.post_form(f"/projects/{pk}/transition/", {"action": "approve", "comment": "同意"},
                       "POST /projects/[id]/transition/ (approve)")


class Public(HttpUser):
    """The public reading the disclosure portal (no login)."""

    weight = 2
    wait_time = _think("public")

    @task(2)
    def portal(self) -> None:
        page = random.randint(1, 20)
        self.client.get(f"/public/reports/?page={page}", name="/public/reports/")

    @task(1)
    def api(self) -> None:
        self.client.get(f"/api/v1/public/reports?limit=20&offset={random.randint(0, 500)}",
                        name="API /api/v1/public/reports")
