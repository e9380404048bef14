"""Annotation-free mutation benchmark: relations found by arithmetic in texts nobody annotated.

Usage::

    .venv/bin/python bench/audit_autorelations.py [-v] [--pool DIR] [--seed N] [--sample N]
    .venv/bin/python bench/audit_autorelations.py --show-held-out   # the lead's: held-out totals

The pool (default /work/unannotated-texts, every ``*.txt`` in its sub-folders) holds published
绩效自评 texts outside the annotated corpus. `audit_quality.autorelations` finds in each text the
relations its figures satisfy by brute arithmetic (rate, share, growth, sum, paid-unpaid), plants
one error per candidate in the stated figure and one in an operand, and audits every mutant
with `audit_lines` (the path of `jixiao audit`). A planted error is found when a new error-level
finding on its line ±1 names the planted or the stated figure.

The pool is split like the corpus (AUDIT-CORPUS.md), by sha256 of the path relative to the pool
(``i11f/01.txt``): first hex digit 0–7 → held-out, else dev. The default output is the dev half
(per type; ``-v`` lists every missed dev candidate with its line; ``--sample N`` prints N random
dev candidates to check the discovery by hand; ``--dev-corpus`` adds the annotated corpus's dev
texts, whose arithmetic reaches beyond their annotations). The held-out half prints only totals per type,
only with ``--show-held-out`` — detector work never looks at it.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from audit_quality import autorelations as ar  # noqa: E402
from audit_quality.corpus import DEV, corpus_files  # noqa: E402

from jixiao.ingest.report_text import read_report  # noqa: E402
from jixiao.services.figure_audit import audit_lines  # noqa: E402


def _table(title: str, reports: list[ar.FileReport]) -> None:
    counts = ar.per_type(reports)
    errors = sum(len(r.errors_on_text) for r in reports)
    with_error = sum(bool(r.errors_on_text) for r in reports)
    print(f"{title}: {len(reports)} texts, {sum(len(r.candidates) for r in reports)} candidates")
    print(f"  {'type':<12} {'candidates':>10} {'planted':>8} {'found':>6} {'recall':>7} {'warned':>7}")
    planted = found = 0
    for t, c in counts.items():
        recall = f"{100 * c['found'] / c['planted']:.0f} %" if c["planted"] else "–"
        print(f"  {t:<12} {c['candidates']:>10} {c['planted']:>8} {c['found']:>6} {recall:>7}"
              f" {c['warned']:>7}")
        planted += c["planted"]
        found += c["found"]
    recall = f"{100 * found / planted:.0f} %" if planted else "–"
    print(f"  {'all':<12} {'':>10} {planted:>8} {found:>6} {recall:>7}")
    print(f"  error findings on the untouched texts: {errors} (texts with one: {with_error})")


def _missed(reports: list[ar.FileReport]) -> None:
    print("\nmissed planted errors:")
    for r in reports:
        for res in r.results:
            if res.found:
                continue
            p = res.plant
            warned = " (a warning names it)" if res.warned else ""
            print(f"- {p.candidate.describe()} {p.kind} {p.fig.token}→{p.new}{warned}")
            print(f"    {p.candidate.text.strip()[:300]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pool", type=Path, default=ar.DEFAULT_POOL)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("-v", "--verbose", action="store_true", help="every missed dev candidate")
    parser.add_argument("--sample", type=int, default=0, help="print N random dev candidates (hand check)")
    parser.add_argument("--show-held-out", action="store_true", help="held-out totals (the lead's)")
    parser.add_argument("--dev-corpus", action="store_true",
                        help="also the corpus's dev texts (their arithmetic beyond the annotations)")
    args = parser.parse_args(argv)

    files = ar.pool_files(args.pool)
    if not files:
        print(f"no texts under {args.pool}", file=sys.stderr)
        return 2
    reports: dict[str, list[ar.FileReport]] = {ar.DEV: [], ar.HELD_OUT: []}
    for name, path in files:
        split = ar.split_of(name)
        if split == ar.HELD_OUT and not args.show_held_out:
            continue
        lines = read_report(path).lines
        reports[split].append(ar.run_file(name, lines, audit_lines, args.seed))

    dev = reports[ar.DEV]
    _table("dev half", dev)
    for r in dev:
        for f in r.errors_on_text:
            print(f"  error on untouched {r.name}:{f.line} {f.code} {f.stated}/{f.expected}")
    if args.verbose:
        _missed(dev)
    if args.sample:
        pool = [c for r in dev for c in r.candidates]
        rng = random.Random(args.seed)
        print(f"\nrandom sample of {min(args.sample, len(pool))} dev candidates (check by hand):")
        for c in sorted(rng.sample(pool, min(args.sample, len(pool))), key=lambda c: (c.file, c.line)):
            print(f"- {c.describe()}")
            lo = max(0, min(o.start for o in (c.stated, *c.operands) if o.line == c.line) - 40)
            hi = max(o.end for o in (c.stated, *c.operands) if o.line == c.line) + 20
            print(f"    …{c.text[lo:hi]}…")
    if args.dev_corpus:
        # the annotated corpus's dev part only (its split rule, AUDIT-CORPUS.md): the relations
        # the arithmetic finds there, annotated or not
        corpus = [ar.run_file(cf.name, cf.lines, audit_lines, args.seed)
                  for cf in corpus_files() if cf.split == DEV]
        print()
        _table("corpus dev texts", corpus)
        if args.verbose:
            _missed(corpus)
    if args.show_held_out:
        print()
        _table("held-out half (totals only)", reports[ar.HELD_OUT])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
