"""Mutation benchmark: plant one error into a clean real relation, see whether the audit finds it.

Every ✓ item of the annotations gives a line, a stated figure and its operands. For each
one, two mutants are made (each changes exactly one printed figure, keeping its format —
decimals, thousands separators, the text around it):

- ``stated``: the stated figure itself (the total, the rate, the score, the weight…), moved
  well beyond its printed precision in the direction that breaks the relation on every
  reading (a score is pushed above its weight for ``score-weight``, an achieved full score is
  docked for ``docked``, a rule score is moved away from what the rule gives for
  ``score-rule``, a total score moved into another grade band for ``grade``, a sum's total is
  lowered below its parts — a 其中 list may name only some parts, so a higher total might be
  no error);
- ``operand``: one of its operands printed on the same line (one part of a sum — raised —, a
  numerator…), when there is one that differs from the stated figure.

A planted error is **found** when the mutant has an error-level finding that the original
text does not have, on the mutated line or the item's line (±1), naming the planted figure
or the item's stated figure (as `stated`, `expected` or an operand). New error findings
that do not are counted as collateral. False alarms on the untouched texts are the
originals' error findings that match no ✗ item (as in the corpus benchmark).

Deterministic: the random choices are seeded by (seed, file, item, kind).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from audit_quality.corpus import RELATIONS, CleanItem, CorpusFile, number, numbers_in
from audit_quality.matching import is_error, match_file, same_figure
from jixiao.domain.findings import Finding

Audit = Callable[[Sequence[str]], tuple[Finding, ...]]

DEFAULT_SEED = 10
_OPERAND_RELATIONS = {"sum", "product", "rate", "share", "growth", "paid-unpaid", "due-paid", "count",
                      "weights", "total-score"}


@dataclass(frozen=True)
class Mutation:
    """One mutant: `lines` is the whole text with exactly one figure changed."""

    file: str
    split: str
    item_id: str
    relation: str
    kind: str  # stated | operand
    line: int  # the mutated line (1-based)
    item_line: int
    old: str
    new: str
    lines: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.file}#{self.item_id}/{self.kind}"


def _decimals(token: str) -> int:
    return len(token.split(".")[1]) if "." in token else 0


def format_like(value: Decimal, token: str) -> str:
    """`value` printed the way `token` is (same decimals, thousands separators if it had them)."""
    places = _decimals(token)
    q = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if "," in token:
        return f"{q:,.{places}f}"
    return f"{q:.{places}f}"


def _step(token: str) -> Decimal:
    return Decimal(1).scaleb(-_decimals(token))


def _moved(token: str, rng: random.Random, *, percent: bool) -> Decimal:
    """A value well away from `token` (≥ 8 % relative and ≥ 3 printed steps), same sign."""
    v = number(token)
    assert v is not None
    step = _step(token)
    if percent and v <= 100:
        delta = Decimal(rng.choice((4, 5, 6, 7, 9, 11)))
        delta = max(delta, 3 * step)
        up = v + delta <= 100 and (v - delta < 0 or rng.random() < 0.5)
        return v + delta if up else v - delta
    factor = Decimal(rng.choice(("0.12", "0.15", "0.2", "0.25", "0.3")))
    delta = max((abs(v) * factor).quantize(step, rounding=ROUND_HALF_UP), 3 * step)
    if v - delta <= 0 or rng.random() < 0.5:
        return v + delta
    return v - delta


def new_value(item: CleanItem, token: str, rng: random.Random, *, kind: str) -> Decimal | None:
    """The planted value for the stated figure (kind ``stated``) or an operand."""
    v = number(token)
    if v is None:
        return None
    step = _step(token)
    ops = [number(o) for o in item.operands]
    if kind == "stated" and item.relation == "score-weight":
        if not ops or ops[0] is None:
            return None  # without its weight a changed score may still be within it
        return ops[0] + max(Decimal(rng.choice((1, 2, 3, 5))), 3 * step)
    if kind == "stated" and item.relation == "docked":
        cut = Decimal(rng.choice((1, 2, 3)))
        return v - cut if v - cut >= 0 else None
    if kind == "stated" and item.relation == "score-rule":
        cut = Decimal(rng.choice((2, 3)))
        return v - cut if v - cut >= 0 else v + cut
    if kind == "stated" and item.relation == "grade":
        return _other_band(v, rng)
    moved = _moved(token, rng, percent=(item.unit in ("%", "‰") and kind == "stated"))
    if item.relation == "sum":
        # after 其中/包括 a list may name only some parts: only a total *below* its parts (or a
        # part pushing them above the total) is wrong on every reading
        value = min(moved, 2 * v - moved) if kind == "stated" else max(moved, 2 * v - moved)
        return value if value > 0 else None
    return moved


def _other_band(score: Decimal, rng: random.Random) -> Decimal:
    """A total score in another grade band (优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差) than `score`."""
    if score >= 90:
        # below 85 too: some provinces graded 优 from 85 before 2020
        return Decimal(rng.choice((75, 78, 82, 84)))
    if score >= 80:
        return Decimal(rng.choice((92, 95, 70)))
    if score >= 60:
        return Decimal(rng.choice((85, 93, 50)))
    return Decimal(rng.choice((70, 85)))


def _occurrences(line: str, value: Decimal) -> list[tuple[int, int, str]]:
    return [t for t in numbers_in(line) if number(t[2]) == value]


def _replace(lines: tuple[str, ...], line_no: int, span: tuple[int, int], new: str) -> tuple[str, ...]:
    text = lines[line_no - 1]
    out = list(lines)
    out[line_no - 1] = text[:span[0]] + new + text[span[1]:]
    return tuple(out)


def mutations_of(cf: CorpusFile, seed: int = DEFAULT_SEED) -> list[Mutation]:
    """The mutants of one corpus file (none for ✓ items without a line or a numeric figure)."""
    out: list[Mutation] = []
    lines = cf.lines
    for item in cf.annotation().consistent:
        stated = number(item.stated)
        if item.line is None or stated is None or not 1 <= item.line <= len(lines):
            continue
        text = lines[item.line - 1]
        occ = _occurrences(text, stated)
        if len(occ) < item.occurrence:
            continue
        # the stated figure: the occurrence-th printed token equal to it (0: printed only run
        # together with its neighbours, no separate token is it — no stated mutant)
        span = None
        if item.occurrence > 0:
            start, end, token = occ[item.occurrence - 1]
            span = (start, end)
            rng = random.Random(f"{seed}:{cf.name}:{item.id}:stated")
            value = new_value(item, token, rng, kind="stated")
            if value is not None and value != stated:
                new = format_like(value, token)
                out.append(Mutation(cf.name, cf.split, item.id, item.relation, "stated", item.line,
                                    item.line, token, new, _replace(lines, item.line, span, new)))
        # one operand on the same line: for each operand the printed token the annotation names
        # (operand_occurrence; the first by default, none when it says 0)
        if item.relation not in _OPERAND_RELATIONS:
            continue
        rng = random.Random(f"{seed}:{cf.name}:{item.id}:operand")
        candidates = []
        for op in dict.fromkeys(item.operands):
            ov = number(op)
            if ov is None or ov == stated or ov == 0:
                continue
            n = item.occurrence_of_operand(ov)
            tokens = [t for t in _occurrences(text, ov) if (t[0], t[1]) != span]
            candidates += tokens[n - 1:n] if n > 0 else []
        if not candidates:
            continue
        o_start, o_end, o_token = rng.choice(candidates)
        value = new_value(item, o_token, rng, kind="operand")
        if value is None:
            continue
        new = format_like(value, o_token)
        out.append(Mutation(cf.name, cf.split, item.id, item.relation, "operand", item.line, item.line,
                            o_token, new, _replace(lines, item.line, (o_start, o_end), new)))
    return out


def finding_key(f: Finding) -> tuple[Any, ...]:
    """What tells a finding of a mutant from one the original text had already."""
    return (f.code, f.line, f.stated, f.expected)


def names_planted(finding: Finding, lines: Sequence[int], want: Sequence[Decimal | None]) -> bool:
    """Whether a finding lands within one line of `lines` and names one of the `want` figures
    (as its stated, expected or an operand)."""
    if finding.line is None or min(abs(finding.line - n) for n in lines) > 1:
        return False
    got = [finding.stated, finding.expected, *finding.operands]
    return any(same_figure(number(g), w) for g in got if g is not None for w in want)


def planted_found(m: Mutation, finding: Finding, item_stated: str) -> bool:
    """Whether a (new, error-level) finding of the mutant is about the planted error."""
    return names_planted(finding, (m.line, m.item_line), (number(m.new), number(item_stated)))


@dataclass
class MutationResult:
    mutation: Mutation
    found: bool
    warning_only: bool = False  # not found, but a new warning names the planted error
    new_errors: list[Finding] = field(default_factory=list)
    collateral: list[Finding] = field(default_factory=list)


@dataclass
class MutationReport:
    results: list[MutationResult]
    texts: int
    clean_false_alarms: list[tuple[str, Finding]]

    def per_relation(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for r in self.results:
            t = out.setdefault(r.mutation.relation, {"planted": 0, "found": 0, "warning_only": 0,
                                                     "collateral": 0})
            t["planted"] += 1
            t["found"] += int(r.found)
            t["warning_only"] += int(r.warning_only)
            t["collateral"] += len(r.collateral)
        for t in out.values():
            t["recall"] = t["found"] / t["planted"] if t["planted"] else None
        order = {r: n for n, r in enumerate(RELATIONS)}
        return dict(sorted(out.items(), key=lambda kv: order.get(kv[0], len(order))))

    def to_json(self) -> dict[str, Any]:
        planted = len(self.results)
        found = sum(r.found for r in self.results)
        return {
            "texts": self.texts, "planted": planted, "found": found,
            "recall": found / planted if planted else None,
            "warning_only": sum(r.warning_only for r in self.results),
            "collateral_errors": sum(len(r.collateral) for r in self.results),
            "clean_false_alarms": len(self.clean_false_alarms),
            "per_relation": self.per_relation(),
            "per_split": {split: {"planted": sum(r.mutation.split == split for r in self.results),
                                  "found": sum(r.found for r in self.results if r.mutation.split == split)}
                          for split in sorted({r.mutation.split for r in self.results})},
            "missed": [r.mutation.key + f" [{r.mutation.relation}] ({r.mutation.old}→{r.mutation.new})"
                       + (" (a warning names it)" if r.warning_only else "")
                       for r in self.results if not r.found],
        }


def run(files: Sequence[CorpusFile], audit: Audit, seed: int = DEFAULT_SEED) -> MutationReport:
    """Audit every original and every mutant of `files`."""
    results: list[MutationResult] = []
    clean_false: list[tuple[str, Finding]] = []
    texts = 0
    for cf in files:
        mutants = mutations_of(cf, seed)
        annotation = cf.annotation()
        if not annotation.consistent and not annotation.inconsistent:
            continue
        texts += 1
        original = audit(cf.lines)
        before = {finding_key(f) for f in original if is_error(f)}
        matched = match_file(cf.name, cf.split, original, annotation)
        clean_false += [(cf.name, f) for f in matched.false_alarms]
        stated_of = {c.id: c.stated for c in annotation.consistent}
        before_all = {finding_key(f) for f in original}
        for m in mutants:
            findings = audit(m.lines)
            new_errors = [f for f in findings if is_error(f) and finding_key(f) not in before]
            hit = [f for f in new_errors if planted_found(m, f, stated_of[m.item_id])]
            warned = not hit and any(planted_found(m, f, stated_of[m.item_id]) for f in findings
                                     if not is_error(f) and finding_key(f) not in before_all)
            results.append(MutationResult(m, bool(hit), warned, new_errors,
                                          [f for f in new_errors if f not in hit]))
    return MutationReport(results, texts, clean_false)
