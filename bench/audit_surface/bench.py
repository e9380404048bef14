"""Run the surface benchmark: render every case in every layout, read it back, audit it.

An inconsistent version is found when an error-level finding states the planted figure or
the figure it should be (`stated` or `expected`); one that only a warning names is counted as
not found and shown apart (``warning_only``). A consistent or approximate version with any
error-level finding is a false alarm. Counted per relation type, per wording/shape (`form`)
and per layout.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from audit_quality.corpus import RELATIONS, number
from audit_quality.matching import is_error, same_figure

from audit_surface import render
from audit_surface.model import Case, Doc
from audit_surface.templates import cases as all_cases
from jixiao.domain.findings import Finding
from jixiao.ingest.report_text import read_report
from jixiao.services.figure_audit import audit_lines


def audit_rendered(doc: Doc, layout: str, folder: Path, stem: str) -> tuple[Finding, ...]:
    """Render `doc` in `layout`, read the file back as a user's file would be, audit it."""
    path = render.write(doc, layout, folder, stem)
    return audit_lines(read_report(path).lines)


def found_planted(findings: Iterable[Finding], case: Case, *, any_severity: bool = False) -> bool:
    """Whether an error-level finding (any finding: `any_severity`) states the planted figure or
    the one it should be."""
    want = [number(case.planted), number(case.expected)]
    return any((any_severity or is_error(f)) and f.stated is not None
               and any(same_figure(number(f.stated), w) for w in want) for f in findings)


def _bucket(table: dict[str, dict[str, int]], key: str) -> dict[str, int]:
    return table.setdefault(key, {"inconsistent": 0, "found": 0, "warning_only": 0, "consistent": 0,
                                  "false_alarms": 0})


def run(formats: set[str] | None = None, selected: Iterable[Case] | None = None) -> dict[str, Any]:
    """Audit every case in every layout (only layouts of `formats`: txt, html, docx, xlsx, pdf)."""
    per_relation: dict[str, dict[str, int]] = {}
    per_form: dict[str, dict[str, int]] = {}
    per_wording: dict[str, dict[str, int]] = {}
    missed: list[str] = []
    false_cases: list[str] = []
    cases = list(selected) if selected is not None else all_cases()
    with tempfile.TemporaryDirectory(prefix="jixiao-surface-") as tmp:
        folder = Path(tmp)
        for case in cases:
            for layout in render.layouts_for(case.consistent):
                if formats is not None and render.FORMAT_OF[layout] not in formats:
                    continue
                buckets = [_bucket(per_relation, case.relation), _bucket(per_form, layout),
                           _bucket(per_wording, f"{case.relation}: {case.form}")]
                findings = audit_rendered(case.consistent, layout, folder, f"{case.id}-{layout}-ok")
                errors = [f for f in findings if is_error(f)]
                for b in buckets:
                    b["consistent"] += 1
                    b["false_alarms"] += bool(errors)
                if errors:
                    false_cases.append(f"{case.id} [{layout}] " + "; ".join(
                        f"{f.code} stated {f.stated}" for f in errors))
                if case.inconsistent is None:
                    continue
                findings = audit_rendered(case.inconsistent, layout, folder, f"{case.id}-{layout}-bad")
                hit = found_planted(findings, case)
                warned = not hit and found_planted(findings, case, any_severity=True)
                for b in buckets:
                    b["inconsistent"] += 1
                    b["found"] += int(hit)
                    b["warning_only"] += int(warned)
                if not hit:
                    missed.append(f"{case.id} [{layout}] planted {case.planted}, should be {case.expected}"
                                  + (" (a warning names it)" if warned else ""))
    order = {r: n for n, r in enumerate(RELATIONS)}
    for table in (per_relation, per_form, per_wording):
        for t in table.values():
            t["recall"] = t["found"] / t["inconsistent"] if t["inconsistent"] else None  # type: ignore[assignment]
    inconsistent = sum(t["inconsistent"] for t in per_relation.values())
    found = sum(t["found"] for t in per_relation.values())
    consistent = sum(t["consistent"] for t in per_relation.values())
    return {
        "cases": inconsistent + consistent, "inconsistent": inconsistent, "consistent": consistent,
        "found": found, "recall": found / inconsistent if inconsistent else None,
        "warning_only": sum(t["warning_only"] for t in per_relation.values()),
        "false_alarms": sum(t["false_alarms"] for t in per_relation.values()),
        "forms": len(per_wording), "layouts": len(per_form),
        "per_relation": dict(sorted(per_relation.items(), key=lambda kv: order.get(kv[0], 99))),
        "per_form": per_form, "per_wording": per_wording,
        "missed": missed, "false_alarm_cases": false_cases,
    }
