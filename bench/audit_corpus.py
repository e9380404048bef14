"""Corpus evaluation of `jixiao audit`: what it finds in ../shared/corpus against the annotations.

Usage::

    .venv/bin/python bench/audit_corpus.py [CORPUS_DIR] [--expectations FILE]

For each file it prints the findings, marking each ✓ (matches an annotated ✗ item) or
✗ FALSE POSITIVE, the annotated ✗ items it missed, and any ✓ item a finding talks about;
then overall precision (true findings ÷ all findings) and recall (✗ items found ÷ ✗ items
annotated, including the ones the audit does not attempt). An item annotated with
several `parts` (seed S7: rent under, property fee over) counts as found only when every
part is found; otherwise it is reported as partly found and does not count as found.
Exit status 1 if there is a false positive or a targeted ✗ item (or part) is missed.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from jixiao.domain.findings import Finding  # noqa: E402
from jixiao.services.figure_audit import audit_files  # noqa: E402

DEFAULT_CORPUS = REPO / ".." / "shared" / "corpus"
DEFAULT_EXPECTATIONS = REPO / "tests" / "audit" / "corpus_expectations.yaml"


@dataclass
class FileResult:
    """The evaluation of one corpus file."""

    name: str
    findings: tuple[Finding, ...]
    true_findings: list[Finding] = field(default_factory=list)
    false_findings: list[Finding] = field(default_factory=list)
    found_items: list[str] = field(default_factory=list)
    missed_targeted: list[str] = field(default_factory=list)
    missed_untargeted: list[str] = field(default_factory=list)
    partly_found: list[str] = field(default_factory=list)
    silent_broken: list[str] = field(default_factory=list)


def _matches(finding: Finding, want: dict[str, Any]) -> bool:
    got = finding.to_json()
    return all(str(got.get(k)) == str(v) for k, v in want.items())


def _found(findings: tuple[Finding, ...], matches: list[dict[str, Any]]) -> bool:
    return any(_matches(f, m) for f in findings for m in matches)


def _parts(item: dict[str, Any]) -> list[dict[str, Any]]:
    """An item's parts; an item without `parts` is one part with the item's own `match`."""
    return item.get("parts") or [{"match": item.get("match") or []}]


def evaluate(corpus: Path, expectations: Path) -> list[FileResult]:
    """Audit every annotated file and compare with the expectations."""
    spec = yaml.safe_load(expectations.read_text(encoding="utf-8"))["files"]
    results = []
    for name, expect in spec.items():
        (audit,) = audit_files([corpus / name])
        result = FileResult(name, audit.findings)
        items = expect.get("inconsistent") or []

        for finding in audit.findings:
            if any(_matches(finding, m) for item in items for part in _parts(item)
                   for m in part["match"]):
                result.true_findings.append(finding)
            else:
                result.false_findings.append(finding)
        for item in items:
            parts = _parts(item)
            found = [_found(audit.findings, part["match"]) for part in parts]
            targeted = [bool(part["match"]) for part in parts]
            if all(found):
                result.found_items.append(item["id"])
            elif any(t and not f for t, f in zip(targeted, found, strict=True)):
                result.missed_targeted.append(item["id"])
            elif any(found):
                result.partly_found.append(item["id"])
            else:
                result.missed_untargeted.append(item["id"])
        for ok in expect.get("consistent") or []:
            if any(str(f.stated) == str(ok["stated"]) for f in audit.findings):
                result.silent_broken.append(ok["id"])
        results.append(result)
    return results


def main(argv: list[str] | None = None) -> int:
    """Print the per-file table and the totals; non-zero exit on a regression."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--expectations", type=Path, default=DEFAULT_EXPECTATIONS)
    args = parser.parse_args(argv)
    results = evaluate(args.corpus, args.expectations)
    n_true = n_false = n_items = n_found = n_partly = 0
    for r in results:
        n_items_file = (len(r.found_items) + len(r.missed_targeted) + len(r.missed_untargeted)
                        + len(r.partly_found))
        partly = f" (+{len(r.partly_found)} partly)" if r.partly_found else ""
        print(f"{r.name}: {len(r.findings)} finding(s); ✗ items found "
              f"{len(r.found_items)}/{n_items_file}{partly}")
        for f in r.true_findings:
            print(f"   ✓ line {f.line} {f.code}: stated {f.stated} expected {f.expected} {f.unit or ''}")
        for f in r.false_findings:
            print(f"   ✗ FALSE POSITIVE line {f.line} {f.code}: {f.message}")
        for item in r.missed_targeted:
            print(f"   ✗ MISSED {item}")
        for item in r.missed_untargeted:
            print(f"   – not attempted {item}")
        for item in r.partly_found:
            print(f"   ½ PARTLY FOUND {item} (counted as not found)")
        for item in r.silent_broken:
            print(f"   ✗ SPOKE ABOUT CONSISTENT ITEM {item}")
        n_true += len(r.true_findings)
        n_false += len(r.false_findings) + len(r.silent_broken)
        n_items += n_items_file
        n_found += len(r.found_items)
        n_partly += len(r.partly_found)
    precision = n_true / (n_true + n_false) if n_true + n_false else 1.0
    recall = n_found / n_items if n_items else 1.0
    print(f"\nfindings: {n_true} true, {n_false} false → precision {precision:.1%}")
    partly = f" ({n_partly} more partly found, not counted)" if n_partly else ""
    print(f"✗ items: {n_found} of {n_items} found{partly} → recall {recall:.1%}")
    regress = n_false or any(r.missed_targeted for r in results)
    return 1 if regress else 0


if __name__ == "__main__":
    sys.exit(main())
