"""`jixiao rescore --jobs N`: key-range slices over forked processes store exactly the rows
one process stores, on SQLite and PostgreSQL, and fall back to one process where children
could not see the data."""

from __future__ import annotations

import json

import pytest
from tests.dbchild import KINDS, database, django, run

pytestmark = pytest.mark.slow

ROWS = """
    import json
    from jixiao.persistence.models import EvaluationResult
    fields = [f.name for f in EvaluationResult._meta.fields if f.name != "scored_at"]
    rows = sorted(([str(getattr(r, f if f != "project" else "project_id")) for f in fields]
                   for r in EvaluationResult.objects.all()), key=lambda r: int(r[0]))
    print(json.dumps(rows))
"""

RESCORE = """
    import json
    from jixiao.persistence.models import EvaluationResult
    from jixiao.services.results import results_rescore
    # the rows stay (they also carry the latest 复核, which re-scoring leaves alone); their
    # scores are wiped so that only a re-score can bring them back
    EvaluationResult.objects.update(total=None, grade="", score_key=-1, finding_codes="x")
    seen = []
    report = results_rescore(jobs={jobs}, chunk=40, progress=lambda d, t: seen.append((d, t)))
    print(json.dumps({{"projects": report.projects, "unscorable": report.unscorable,
                      "stored": EvaluationResult.objects.count(), "progress": seen,
                      "processes": report.processes}}))
"""


@pytest.mark.parametrize("kind", KINDS)
def test_parallel_rescore_stores_what_one_process_stores(kind, tmp_path):
    with database(kind, tmp_path) as env:
        run(env, "demo", "--projects", "400", "--no-progress")
        before = json.loads(django(env, ROWS).stdout)
        assert any(row[8] != "None" for row in before)  # totals are compared
        one = json.loads(django(env, RESCORE.format(jobs=1)).stdout)
        after_one = json.loads(django(env, ROWS).stdout)
        two = json.loads(django(env, RESCORE.format(jobs=2)).stdout)
        after_two = json.loads(django(env, ROWS).stdout)
    assert before == after_one == after_two and len(before) >= 400
    assert one["projects"] == two["projects"] == one["stored"] == two["stored"] == len(before)
    assert one["unscorable"] == two["unscorable"]
    # progress reaches the total and never goes back
    for report in (one, two):
        done = [d for d, _ in report["progress"]]
        assert done == sorted(done) and done[-1] == report["projects"]
    assert (one["processes"], two["processes"]) == (1, 2)
    assert len(two["progress"]) > 2  # per slice, not once at the end


def test_the_command_runs_in_several_processes(tmp_path):
    with database("sqlite", tmp_path) as env:
        run(env, "demo", "--projects", "300", "--no-progress")
        proc = run(env, "rescore", "--jobs", "2")
        # fewer projects than one chunk: not worth a second process (forking is tested above)
        assert "已重新计分 3" in proc.stderr and "1 个进程" in proc.stderr
        refused = run(env, "rescore", "--jobs", "0", check=False)
        assert refused.returncode == 2 and "--jobs" in refused.stderr


@pytest.mark.django_db
def test_in_memory_or_inside_a_transaction_it_stays_in_one_process(monkeypatch):
    """The test database is in memory (SQLite) or inside the test's transaction: a fork
    would not see its rows, so `jobs` falls back to one process."""
    from jixiao.persistence.models import EvaluationResult, Project
    from jixiao.services import results

    monkeypatch.setattr(results, "_rescore_parallel",
                        lambda *a, **k: pytest.fail("must not fork here"))
    report = results.results_rescore(jobs=4, chunk=2)
    assert report.processes == 1
    assert report.projects == Project.objects.count() == EvaluationResult.objects.count() > 2
