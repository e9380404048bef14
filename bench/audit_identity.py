"""Findings of the audit on a fixed set of inputs, for checking that a speed change changes none.

Usage::

    .venv/bin/python bench/audit_identity.py OUT.json [--src SRC]
    cmp OUT-before.json OUT-after.json

Audits in this process (the same path as `jixiao audit --json --extract`: `read_report`,
`build_document`, `audit_document`, the recovered evaluation) every **dev** text — the shared
corpus's root files, the dev files of its round2 (split rule of bench/audit_quality/corpus.py;
a locked-test file is never opened) and, with $JIXIAO_ROUND3_TEXTS, the dev round 3 texts —
each as printed, joined into one line and with its full stops removed, plus the three 1 MB
shapes of `bench/audit_speed.py --megabyte`. Writes one JSON document: per input the findings
(CONTRACTS.md §4 shape) and the recovered evaluation's YAML. ``--src`` audits with another
checkout's package (e.g. main's, to record the baseline).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _inputs() -> list[tuple[str, list[str]]]:
    from audit_quality.corpus import DEV, shared_corpus, split_of

    shared = shared_corpus() or REPO / ".." / "shared" / "corpus"
    files = sorted(shared.glob("*.txt"))  # the root files: always dev
    files += [p for p in sorted((shared / "round2").glob("*.txt")) if split_of(p.name) == DEV]
    round3 = os.environ.get("JIXIAO_ROUND3_TEXTS")
    if round3:
        files += [p for p in sorted(Path(round3).glob("*.txt")) if split_of(p.name) == DEV]
    out: list[tuple[str, list[str]]] = []
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        name = f"{path.parent.name}/{path.name}"
        out.append((name, lines))
        out.append((name + " one line", ["".join(lines)]))
        out.append((name + " no full stops", [ln.replace("。", "") for ln in lines]))
    from audit_speed import SEED, SENTENCE  # the 1 MB shapes of --megabyte
    size = 1_000_000
    chars = size * len(SENTENCE) // len(SENTENCE.encode())
    line = (SENTENCE * (chars // len(SENTENCE) + 1))[:chars]
    sentences = line.split("。")
    out.append(("1 MB one line", [line]))
    out.append(("1 MB two sentences",
                ["。".join(sentences[k:k + 2]) + "。" for k in range(0, len(sentences), 2)]))
    text = SEED.read_text(encoding="utf-8")
    out.append(("1 MB seed repeated", (text * max(1, size // len(text.encode()))).splitlines()))
    # … and each as `--megabyte` audits it: written to a file and read by `read_report`
    from jixiao.ingest.report_text import read_report
    folder = Path(tempfile.mkdtemp())
    for name, lines in out[-3:]:
        path = folder / "megabyte.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        out.append((name + " as read", list(read_report(path).lines)))
    return out


def main(argv: list[str] | None = None) -> int:
    """Audit every input and write the findings as one JSON document."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--src", type=Path, default=REPO / "src")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "bench"))
    sys.path.insert(0, str(args.src.resolve()))
    from jixiao.domain.audit.registry import audit_document
    from jixiao.ingest.docmodel.document import build_document
    from jixiao.services.figure_audit import extracted_evaluation

    result = {}
    inputs = _inputs()
    for name, lines in inputs:
        document = build_document(lines)
        findings = audit_document(document)
        result[name] = {"findings": [f.to_json() for f in findings],
                        "extracted": extracted_evaluation(document, "report")}
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True),
                        encoding="utf-8")
    count = sum(len(v["findings"]) for v in result.values())
    import jixiao
    print(f"{len(inputs)} inputs, {count} findings → {args.out} (package {Path(jixiao.__file__).parent})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
