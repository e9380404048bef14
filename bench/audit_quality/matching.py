"""Findings against annotated ✗ items: found, missed and false alarms, per relation type.

The rule (AUDIT-CORPUS.md): a finding finds a ✗ item's part when it is error-level, its
line is within ±1 of the part's line and its `stated` equals the part's stated or expected
figure (after normalising the number: ``97.80`` = ``97.8``; a rate may be written as a
fraction, ``0.1446`` = ``14.46`` %). An item is found when every part is found. An
error-level finding that finds no ✗ item is a false alarm.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from audit_quality.corpus import RELATIONS, Alternative, Annotation, Item, number, relation_of_code
from jixiao.domain.findings import Finding, Severity

LINE_SLACK = 1


def same_figure(a: Decimal | str | None, b: Decimal | str | None) -> bool:
    """Equal after normalising; a rate may be printed as a fraction on one side (×100)."""
    if a is None or b is None:
        return False
    if isinstance(a, str) or isinstance(b, str):
        return str(a) == str(b)
    return a == b or a * 100 == b or a == b * 100


def _finding_figures(f: Finding) -> tuple[Decimal | None, ...]:
    return (number(f.stated) if f.stated is not None else None,)


def hits(f: Finding, alt: Alternative) -> bool:
    """Whether finding `f` (of any severity) lands on alternative `alt`."""
    if alt.line is not None and (f.line is None or abs(f.line - alt.line) > LINE_SLACK):
        return False
    return any(same_figure(x, y) for x in _finding_figures(f) for y in alt.figures)


def is_error(f: Finding) -> bool:
    return f.severity == Severity.ERROR


@dataclass
class FileMatch:
    """How the findings of one file compare with its annotation."""

    name: str
    split: str
    found: list[Item] = field(default_factory=list)
    missed: list[Item] = field(default_factory=list)
    true_findings: list[tuple[Finding, str]] = field(default_factory=list)  # (finding, relation)
    false_alarms: list[Finding] = field(default_factory=list)
    warnings_on_items: list[str] = field(default_factory=list)  # ids found by warnings only


def match_file(name: str, split: str, findings: Sequence[Finding], annotation: Annotation) -> FileMatch:
    """Compare one file's findings with its annotation."""
    result = FileMatch(name, split)
    errors = [f for f in findings if is_error(f)]
    for item in annotation.inconsistent:
        if all(any(hits(f, a) for f in errors for a in part.alternatives) for part in item.parts):
            result.found.append(item)
        else:
            result.missed.append(item)
            if all(any(hits(f, a) for f in findings for a in part.alternatives) for part in item.parts):
                result.warnings_on_items.append(item.id)
    for f in errors:
        relation = next((item.relation for item in annotation.inconsistent for part in item.parts
                         for a in part.alternatives if hits(f, a)), None)
        if relation is None:
            result.false_alarms.append(f)
        else:
            result.true_findings.append((f, relation))
    return result


@dataclass
class Tally:
    """Counts for one relation type (or overall)."""

    items: int = 0
    found: int = 0
    true_findings: int = 0
    false_alarms: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.items if self.items else None

    @property
    def precision(self) -> float | None:
        n = self.true_findings + self.false_alarms
        return self.true_findings / n if n else None

    def to_json(self) -> dict[str, Any]:
        return {"items": self.items, "found": self.found, "recall": self.recall,
                "true_findings": self.true_findings, "false_alarms": self.false_alarms,
                "precision": self.precision}


def tally(matches: Iterable[FileMatch]) -> tuple[Tally, dict[str, Tally]]:
    """Overall and per-relation counts (relations in the order of RELATIONS)."""
    overall = Tally()
    per: dict[str, Tally] = {}

    def at(rel: str) -> Tally:
        return per.setdefault(rel, Tally())

    for m in matches:
        for item in m.found:
            at(item.relation).items += 1
            at(item.relation).found += 1
        for item in m.missed:
            at(item.relation).items += 1
        for _, rel in m.true_findings:
            at(rel).true_findings += 1
        for f in m.false_alarms:
            at(relation_of_code(f.code)).false_alarms += 1
    for t in per.values():
        overall.items += t.items
        overall.found += t.found
        overall.true_findings += t.true_findings
        overall.false_alarms += t.false_alarms
    order = {r: n for n, r in enumerate(RELATIONS)}
    return overall, dict(sorted(per.items(), key=lambda kv: order.get(kv[0], len(order))))
