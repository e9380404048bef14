"""The audit corpus: every file, its split, and its hand annotation in one shape.

Files (see corpus/README.md):

- the 12 root files of the shared corpus (seed + 003…046): always **dev** (the detectors were
  built on them); annotated in ``tests/audit/corpus_expectations.yaml`` (the format
  tests/audit/test_corpus.py reads), converted here;
- the shared ``round2/*.txt`` and the repository's ``corpus/round3/*.txt``: split by one fixed
  rule (`split_of`), annotated beside the text (``NNN.yaml``; round2's live in
  ``corpus/round2/`` because the shared folder is read-only).

`validate` checks an annotation against the schema of corpus/README.md and its text.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
REPO_CORPUS = REPO / "corpus"
LEGACY_EXPECTATIONS = REPO / "tests" / "audit" / "corpus_expectations.yaml"

DEV = "dev"
LOCKED = "locked-test"

#: The relation types of AUDIT-CORPUS.md, one name per relation.
RELATIONS = (
    "sum", "restated", "product", "rate", "share", "growth", "paid-unpaid", "due-paid", "count",
    "score-weight", "weights", "total-score", "score-rule", "grade", "funds-indicator", "docked",
    "other",
)
LEVELS = ("province", "city", "county", "township", "unknown")
KINDS = ("project-table", "project-narrative", "department-overall", "transfer-payment", "other")

#: The relation a finding code checks (for findings that match no annotated item).
CODE_RELATION = {
    "sum-mismatch": "sum",
    "funds-parts-mismatch": "sum",
    "product-mismatch": "product",
    "stated-amount-mismatch": "product",
    "restated-mismatch": "restated",
    "rate-mismatch": "rate",
    "score-above-weight": "score-weight",
    "weights-sum-mismatch": "weights",
    "weights-mismatch": "weights",
    "score-docked-achieved": "docked",
    "count-mismatch": "count",
    "score-rule-mismatch": "score-rule",
    "grade-mismatch": "grade",
    "overpayment": "due-paid",
    "underpayment": "due-paid",
    "unit-implausible": "other",
}

# The relation of each ✗ item of corpus_expectations.yaml (its findings' codes are not
# enough: 014-A is found by restated-mismatch findings but is a category-weights error).
_LEGACY_RELATION = {
    "S1": "sum", "S4": "product", "S7": "due-paid", "010-A": "docked", "011-A": "rate",
    "011-B": "score-weight", "011-C": "other", "013-A": "sum", "013-B": "sum", "014-A": "weights",
    "020-A": "sum", "046-A": "sum",
}

_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|(?<![\d.,])\d+(?:\.\d+)?(?!\d)")


def relation_of_code(code: str) -> str:
    """The relation type a finding code belongs to (``other`` when unknown)."""
    if code in CODE_RELATION:
        return CODE_RELATION[code]
    stem = code.removesuffix("-mismatch")
    return stem if stem in RELATIONS else "other"


def split_of(basename: str) -> str:
    """The fixed split rule of AUDIT-CORPUS.md for every file outside the 12 root files."""
    return LOCKED if hashlib.sha256(basename.encode()).hexdigest()[0] in "01234567" else DEV


def number(text: str | int | float | Decimal | None) -> Decimal | None:
    """A printed figure as a normalised decimal (``"1,020.00"`` → 1020); None if not a number."""
    if text is None:
        return None
    s = str(text).strip().replace(",", "").replace("，", "").rstrip("%‰")
    try:
        return Decimal(s).normalize()
    except InvalidOperation:
        return None


def numbers_in(line: str) -> list[tuple[int, int, str]]:
    """The number tokens of a line: (start, end, text), thousands separators included."""
    return [(m.start(), m.end(), m.group()) for m in _NUMBER.finditer(line)]


def figure_on_line(line: str, stated: str) -> bool:
    """Whether `stated` is printed on `line`: as a number token, as a word (优秀), or run together
    with neighbouring figures as OCR prints table rows (``64.864.8100%`` holds ``100%``)."""
    want = number(stated)
    if want is None:
        return stated in line
    if any(number(tok) == want for _, _, tok in numbers_in(line)):
        return True
    return str(stated).strip().rstrip("%‰") in line


def shared_corpus() -> Path | None:
    """The read-only shared corpus: $JIXIAO_SHARED_CORPUS, or ``shared/corpus`` beside the
    repository (main checkout) or one level further up (a worktree under wt/)."""
    env = os.environ.get("JIXIAO_SHARED_CORPUS")
    candidates = [Path(env)] if env else []
    candidates += [REPO.parent / "shared" / "corpus", REPO.parent.parent / "shared" / "corpus"]
    for c in candidates:
        if c.is_dir():
            return c.resolve()
    return None


# ---------------------------------------------------------------------------------------
# The annotation, one shape for both sources


@dataclass(frozen=True)
class Alternative:
    """One way of finding a part: a finding on `line` ±1 whose stated figure is in `figures`.

    `line` None (legacy items only) means any line.
    """

    line: int | None
    figures: tuple[Decimal | str, ...]


@dataclass(frozen=True)
class Part:
    """A part of a ✗ item; found when any alternative is found. No alternatives: never found."""

    what: str
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class Item:
    """A ✗ item: found when every part is found (by error-level findings)."""

    id: str
    relation: str
    what: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class CleanItem:
    """A ✓ item: a consistent relation, with where its stated figure is printed."""

    id: str
    relation: str
    stated: str
    line: int | None = None
    unit: str | None = None
    operands: tuple[str, ...] = ()
    occurrence: int = 1  # which printed token equal to `stated` is it; 0: none (run together)
    arithmetic: str = ""
    #: (operand, which printed token equal to it on the line is the relation's; 0: none is);
    #: operands not named here: the first
    operand_occurrence: tuple[tuple[Decimal, int], ...] = ()

    def occurrence_of_operand(self, value: Decimal) -> int:
        """Which printed token equal to operand `value` on the item's line is the relation's."""
        return next((n for v, n in self.operand_occurrence if v == value), 1)


@dataclass(frozen=True)
class Annotation:
    """The hand annotation of one file."""

    inconsistent: tuple[Item, ...]
    consistent: tuple[CleanItem, ...]
    uncertain: tuple[dict[str, Any], ...]
    meta: dict[str, Any]


def _figures(*values: Any) -> tuple[Decimal | str, ...]:
    out: list[Decimal | str] = []
    for v in values:
        if v is None or v == "":
            continue
        n = number(v)
        out.append(n if n is not None else str(v))
    return tuple(out)


def _alternatives(entry: dict[str, Any]) -> tuple[Alternative, ...]:
    alts = [Alternative(entry.get("line"), _figures(entry.get("stated"), entry.get("expected")))]
    for also in entry.get("also") or []:
        alts.append(Alternative(also.get("line", entry.get("line")),
                                _figures(also.get("stated"), also.get("expected"))))
    return tuple(alts)


def annotation_from_schema(data: dict[str, Any]) -> Annotation:
    """An annotation written in the schema of corpus/README.md (``NNN.yaml``)."""
    items = []
    for raw in data.get("inconsistent") or []:
        if raw.get("parts"):
            parts = tuple(Part(p.get("what", ""), _alternatives(p)) for p in raw["parts"])
        else:
            parts = (Part(raw.get("what", ""), _alternatives(raw)),)
        items.append(Item(str(raw["id"]), raw.get("relation", "other"), raw.get("what", ""), parts))
    clean = tuple(
        CleanItem(str(c["id"]), c.get("relation", "other"), str(c["stated"]), c.get("line"),
                  c.get("unit"), tuple(str(o) for o in c.get("operands") or ()),
                  int(c.get("occurrence", 1)), c.get("arithmetic", ""),
                  tuple((v, int(n)) for k, n in (c.get("operand_occurrence") or {}).items()
                        if (v := number(k)) is not None))
        for c in data.get("consistent") or [])
    meta = {k: v for k, v in data.items() if k not in ("inconsistent", "consistent", "uncertain")}
    return Annotation(tuple(items), clean, tuple(data.get("uncertain") or ()), meta)


def annotation_from_legacy(entry: dict[str, Any]) -> Annotation:
    """An annotation of corpus_expectations.yaml (the root files): ``match`` lists → parts."""
    items = []
    for raw in entry.get("inconsistent") or []:
        raw_parts = raw.get("parts") or [{"what": raw.get("what", ""), "match": raw.get("match") or []}]
        parts = tuple(
            Part(p.get("what", ""), tuple(Alternative(m.get("line"), _figures(m.get("stated"),
                                                                              m.get("expected")))
                                          for m in p.get("match") or []))
            for p in raw_parts)
        codes = [m["code"] for p in raw_parts for m in p.get("match") or []]
        relation = _LEGACY_RELATION.get(raw["id"]) or (relation_of_code(codes[0]) if codes else "other")
        items.append(Item(str(raw["id"]), relation, raw.get("what", ""), parts))
    clean = tuple(CleanItem(str(c["id"]), c.get("relation", "other"), str(c["stated"]), c.get("line"))
                  for c in entry.get("consistent") or [])
    return Annotation(tuple(items), clean, tuple(entry.get("uncertain") or ()), {})


# ---------------------------------------------------------------------------------------
# The files


@lru_cache(maxsize=512)
def _load_yaml(path: Path, mtime_ns: int) -> Any:
    # parsed once per version of the file (the legacy file holds all 12 root files); callers
    # must not mutate what they get
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class CorpusFile:
    """One corpus text: `name` is its path under the corpus (``round2/015.txt``)."""

    name: str
    path: Path
    group: str  # root | round2 | round3
    annotation_path: Path

    @property
    def basename(self) -> str:
        return self.path.name

    @property
    def split(self) -> str:
        return DEV if self.group == "root" else split_of(self.basename)

    @cached_property
    def lines(self) -> tuple[str, ...]:
        return tuple(self.path.read_text(encoding="utf-8").splitlines())

    def raw_annotation(self) -> dict[str, Any] | None:
        """The annotation file's data (for a root file: its entry in the legacy file)."""
        if not self.annotation_path.is_file():
            return None
        data = _load_yaml(self.annotation_path, self.annotation_path.stat().st_mtime_ns)
        if self.group == "root":
            entry: dict[str, Any] | None = (data.get("files") or {}).get(self.basename)
            return entry
        return data if isinstance(data, dict) else None

    @property
    def supplement_path(self) -> Path:
        """Root files only: ``corpus/root/<stem>.yaml``, their ✓ relations with lines and operands."""
        return REPO_CORPUS / "root" / f"{self.path.stem}.yaml"

    def annotation(self) -> Annotation:
        """The annotation in the common shape (empty when the file is not annotated yet).

        A root file's ✓ items are those of the legacy file (figures only) plus those of its
        supplement (with lines and operands: the mutation benchmark plants errors there).
        """
        raw = self.raw_annotation()
        if self.group != "root":
            return annotation_from_schema(raw) if raw is not None else Annotation((), (), (), {})
        legacy = annotation_from_legacy(raw) if raw is not None else Annotation((), (), (), {})
        if not self.supplement_path.is_file():
            return legacy
        path = self.supplement_path
        extra = annotation_from_schema(_load_yaml(path, path.stat().st_mtime_ns) or {})
        return Annotation(legacy.inconsistent, legacy.consistent + extra.consistent, legacy.uncertain,
                          legacy.meta)


def corpus_files(shared: Path | None = None, repo_corpus: Path = REPO_CORPUS) -> list[CorpusFile]:
    """Every corpus file, root files first, then round2 and round3 in name order."""
    shared = shared if shared is not None else shared_corpus()
    files: list[CorpusFile] = []
    if shared is not None:
        for p in sorted(shared.glob("*.txt")):
            files.append(CorpusFile(p.name, p, "root", LEGACY_EXPECTATIONS))
        for p in sorted((shared / "round2").glob("*.txt")):
            files.append(CorpusFile(f"round2/{p.name}", p, "round2",
                                    repo_corpus / "round2" / f"{p.stem}.yaml"))
    # round3: the annotations are ours and live in the repository; the texts are third-party
    # pages, so they are not committed (see corpus/README.md) and are read from wherever they
    # are kept: $JIXIAO_ROUND3_TEXTS, the shared corpus's round3/, or beside the annotation.
    for annotation in sorted((repo_corpus / "round3").glob("*.yaml")):
        text = round3_text(annotation, shared)
        if text is not None:
            files.append(CorpusFile(f"round3/{text.name}", text, "round3", annotation))
    return files


def round3_text(annotation: Path, shared: Path | None = None) -> Path | None:
    """The captured text a round3 annotation belongs to, or None where it is not on this
    machine."""
    name = annotation.with_suffix(".txt").name
    folders = [Path(os.environ["JIXIAO_ROUND3_TEXTS"])] if os.environ.get("JIXIAO_ROUND3_TEXTS") else []
    if shared is not None:
        folders.append(shared / "round3")
    folders.append(annotation.parent)
    for folder in folders:
        if (folder / name).is_file():
            return folder / name
    return None


# ---------------------------------------------------------------------------------------
# Validation of the schema


def _check_entry(where: str, entry: dict[str, Any], lines: tuple[str, ...], *,
                 need_relation: bool) -> list[str]:
    problems = []
    if need_relation and entry.get("relation") not in RELATIONS:
        problems.append(f"{where}: relation {entry.get('relation')!r} is not one of {', '.join(RELATIONS)}")
    line = entry.get("line")
    stated = entry.get("stated")
    if not isinstance(line, int) or not 1 <= line <= len(lines):
        problems.append(f"{where}: line {line!r} is not a line of the text (1…{len(lines)})")
    elif stated is None or str(stated) == "":
        problems.append(f"{where}: no stated figure")
    elif not figure_on_line(lines[line - 1], str(stated)):
        problems.append(f"{where}: stated {stated!r} is not printed on line {line}: {lines[line - 1][:80]!r}")
    for key in ("operands",):
        if key in entry and not isinstance(entry[key], list):
            problems.append(f"{where}: {key} must be a list")
    for n, also in enumerate(entry.get("also") or []):
        a_line = also.get("line", line)
        if isinstance(a_line, int) and 1 <= a_line <= len(lines) and also.get("stated") is not None:
            if not figure_on_line(lines[a_line - 1], str(also["stated"])):
                problems.append(f"{where}.also[{n}]: stated {also['stated']!r} is not on line {a_line}")
        else:
            problems.append(f"{where}.also[{n}]: needs a line of the text and a stated figure")
    return problems


def validate_supplement(data: Any, lines: tuple[str, ...], *, name: str = "") -> list[str]:
    """Problems of a root file's supplement (``consistent:`` entries only) against its text;
    each problem starts with `name` (the file) when given."""
    if not isinstance(data, dict) or set(data) != {"consistent"}:
        return _named(name, ["a supplement holds exactly one key, consistent"])
    return _named(name, _check_items(data, lines, ("consistent",)))


def _named(name: str, problems: list[str]) -> list[str]:
    return [f"{name}: {p}" for p in problems] if name else problems


def validate(data: Any, lines: tuple[str, ...], *, name: str = "") -> list[str]:
    """Problems of an annotation (schema of corpus/README.md) against its text; [] when valid.

    Each problem starts with `name` (the file) when given.
    """
    if not isinstance(data, dict):
        return _named(name, ["the annotation is not a mapping"])
    return _named(name, _validate(data, lines))


def _validate(data: dict[str, Any], lines: tuple[str, ...]) -> list[str]:
    problems = []
    for key in ("source", "title", "place", "level", "year", "kind", "notes"):
        if key not in data:
            problems.append(f"missing {key}")
    if data.get("level") not in LEVELS:
        problems.append(f"level {data.get('level')!r} is not one of {', '.join(LEVELS)}")
    if data.get("kind") not in KINDS:
        problems.append(f"kind {data.get('kind')!r} is not one of {', '.join(KINDS)}")
    if lines and lines[0].startswith("SOURCE:") and "source" in data:
        header = lines[0].removeprefix("SOURCE:").strip()
        if not header.startswith(str(data["source"])):
            problems.append(f"source {data['source']!r} differs from the SOURCE header {header!r}")
    return problems + _check_items(data, lines, ("inconsistent", "consistent", "uncertain"))


def _check_items(data: dict[str, Any], lines: tuple[str, ...], sections: tuple[str, ...]) -> list[str]:
    problems: list[str] = []
    ids: set[str] = set()
    for section in sections:
        entries = data.get(section) or []
        if not isinstance(entries, list):
            problems.append(f"{section} must be a list")
            continue
        for n, entry in enumerate(entries):
            where = f"{section}[{n}]"
            if not isinstance(entry, dict) or "id" not in entry:
                problems.append(f"{where}: needs an id")
                continue
            if str(entry["id"]) in ids:
                problems.append(f"{where}: id {entry['id']!r} used twice")
            ids.add(str(entry["id"]))
            if section == "uncertain":
                continue
            if section == "inconsistent" and entry.get("parts"):
                if entry.get("relation") not in RELATIONS:
                    problems.append(f"{where}: relation {entry.get('relation')!r} unknown")
                for k, part in enumerate(entry["parts"]):
                    problems += _check_entry(f"{where}.parts[{k}]", part, lines, need_relation=False)
            else:
                problems += _check_entry(where, entry, lines, need_relation=True)
            if section == "consistent":
                problems += _check_occurrences(f"{where} {entry['id']}", entry, lines)
    return problems


def _printed(line: str, value: Any) -> int:
    """How many number tokens of `line` equal `value`."""
    want = number(str(value))
    return 0 if want is None else sum(number(t) == want for _, _, t in numbers_in(line))


def _check_occurrences(where: str, entry: dict[str, Any], lines: tuple[str, ...]) -> list[str]:
    """A ✓ item's stated figure (and operands) must say which printed token they are when the
    value is printed more than once on the line: the mutation benchmark changes that token, and
    the first one is often another figure (a 分值 before its 得分, a part of another list)."""
    line, stated = entry.get("line"), entry.get("stated")
    if not isinstance(line, int) or not 1 <= line <= len(lines) or number(str(stated)) is None:
        return []
    text = lines[line - 1]
    problems = []
    hits = _printed(text, stated)
    occurrence = entry.get("occurrence")
    if occurrence is None:
        if hits > 1:
            problems.append(f"{where}: stated {stated!r} is printed {hits} times on line {line}; say "
                            f"which one the relation is about with occurrence: N (1…{hits}; 0 if none)")
    elif isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 0:
        problems.append(f"{where}: occurrence {occurrence!r} is not a whole number ≥ 0")
    elif occurrence > hits:
        problems.append(f"{where}: occurrence {occurrence} but the figure is printed {hits} time(s) "
                        f"on line {line}")
    chosen = entry.get("operand_occurrence")
    if chosen is None:
        return problems
    if not isinstance(chosen, dict):
        return [*problems, f"{where}: operand_occurrence must be a mapping operand → N"]
    operands = {number(str(o)) for o in entry.get("operands") or ()}
    for operand, n in chosen.items():
        if number(str(operand)) not in operands:
            problems.append(f"{where}: operand_occurrence names {operand!r}, not one of its operands")
        elif isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= _printed(text, operand):
            problems.append(f"{where}: operand_occurrence {operand!r}: {n!r} but the operand is printed "
                            f"{_printed(text, operand)} time(s) on line {line}")
    return problems
