"""Relations found by brute arithmetic in texts nobody annotated, and errors planted in them.

The annotation-free mutation benchmark (bench/audit_autorelations.py). The candidates come
from arithmetic alone, independent of the audit's detectors and of any wording they know:

- **rate / share** — a stated percentage (% ‰) equal to a ÷ b of two figures of one dimension
  (money in any of 元/万元/亿元, or one count unit) in its sentence or, failing that, its line
  (a paragraph or a table row); ``share`` when the sentence says 占/比例/比重 or the figures are
  counts, else ``rate``; an excess (超…%) as a ÷ b − 1 is a ``rate`` too;
- **growth** — a percentage equal to (a − b) ÷ b in a sentence naming a change
  (增长/下降/增加/减少/同比/较上年…), or to c ÷ (b − c) / c ÷ (b + c) from this year's figure b
  and the change c (同比增加189.25万元，增加31.39%);
- **sum** — a stated figure equal to the sum of 2 or more consecutive figures of its dimension
  right after it or right before it in its line; ``paid-unpaid`` when the run names both a
  payment and what is left (未/尚/剩余/欠/结余);
- tables: a line cut into cells (``|`` or tabs) is one row; its bare numbers are figures of
  one dimension (the header names their unit).

A match is kept only when chance is unlikely to have made it: the stated figure has at least
three significant digits and is no round share (100 %, 50 %), the operands are distinct, not
approximate (约/近/逾/余/多/左右/以上) and not a simple fraction of each other (a ÷ b with a
denominator ≤ 20 once reduced: 3 of 4 is 75 % by chance as often as by relation).

`plant` changes one printed figure of a candidate — the stated figure by a few steps of its
last printed digit, or one operand — by the least amount that breaks the relation beyond every
reading the printed precision allows (operands printed with decimals count as ± half their last
digit, a stated rate may be rounded or cut), keeping the token's format.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from pathlib import Path

from audit_quality.corpus import number
from audit_quality.matching import is_error
from audit_quality.mutation import finding_key, format_like, names_planted
from jixiao.domain.findings import Finding
from jixiao.domain.money import round_half_up

Audit = Callable[[Sequence[str]], tuple[Finding, ...]]

DEV = "dev"
HELD_OUT = "held-out"
TYPES = ("rate", "share", "growth", "sum", "paid-unpaid")
DEFAULT_POOL = Path("/work/unannotated-texts")

_MONEY = {"亿元": Decimal(100000000), "万元": Decimal(10000), "千元": Decimal(1000), "元": Decimal(1)}
_COUNTS = ("人次", "平方米", "公里", "千米", "万亩", "亩", "人", "户", "个", "件", "份", "家", "所",
           "吨", "台", "套", "辆", "项", "场", "名", "座", "处", "间", "头", "只", "株", "张", "册",
           "篇", "批", "条", "床", "宗", "单")
# a number token (thousands separators allowed), then an optional blank, then its unit
_FIGURE = re.compile(
    r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d.])"
    r"(?P<sp>[ \u3000]?)(?P<more>余|多)?(?P<unit>亿元|万元|千元|元|%|％|‰|万(?:人次|人|户|个|件|名|吨)|"
    + "|".join(_COUNTS) + ")?")
_APPROX_BEFORE = ("约", "近", "逾", "超过", "不足", "大约", "将近", "接近", "不低于", "不少于",
                  "≥", "≤", "<", ">")
_APPROX_AFTER = ("余", "多", "左右", "以上", "以下", "以内", "上下")
_SENTENCE_END = re.compile(r"[。！？!?]")
_CELLS = re.compile(r"\||\t")
_SPACED_NUMBER = re.compile(r"(?:^|(?<=[ \u3000]))\d+(?:\.\d+)?(?=[ \u3000]|$)")
_RATE_WORDS = ("率", "占", "比例", "比重", "进度")
_SHARE_WORDS = ("占", "比例", "比重")
_GROWTH_WORDS = ("增长", "下降", "增加", "减少", "提高", "降低", "上升", "同比", "较上年", "比上年",
                 "增幅", "降幅", "减幅", "增至", "降至")
_EXCESS_WORDS = ("超", "多出")
_PAID = ("支付", "拨付", "付", "到位", "执行", "支出", "使用", "发放")
_LEFT = ("未", "尚", "剩余", "欠", "结余", "余额", "结转")
_PAID_HEAD = re.compile(r"(?:已|实际|累计)[\u4e00-\u9fff]{0,3}(?:" + "|".join(_PAID)
                        + r")[\u4e00-\u9fff]{0,6}$")
_ROUND_PERCENTS = {Decimal(v) for v in ("100", "50", "0")}
_MAX_PARTS = 8


@dataclass(frozen=True)
class Fig:
    """One printed figure: its line (1-based), span of the number token, value in the base unit."""

    line: int
    start: int
    end: int
    token: str
    printed: Decimal  # the number as printed, in its own unit
    value: Decimal  # in the dimension's base unit (元 for money)
    dim: str  # money | % | ‰ | a count unit | n (a bare number in a table row)
    approx: bool

    @property
    def places(self) -> int:
        return len(self.token.split(".")[1]) if "." in self.token else 0

    @property
    def step(self) -> Decimal:
        return Decimal(1).scaleb(-self.places)


@dataclass(frozen=True)
class Candidate:
    """A relation the arithmetic found: `stated` = formula(`operands`)."""

    file: str
    relation: str
    kind: str  # ratio | excess | growth | change-up | change-down | sum
    stated: Fig
    operands: tuple[Fig, ...]
    scope: str  # sentence | line | lines (with the non-empty line above)
    text: str

    @property
    def line(self) -> int:
        return self.stated.line

    def describe(self) -> str:
        ops = [o.token for o in self.operands]
        if self.kind == "sum":
            formula = " + ".join(ops)
        elif self.kind == "growth":
            formula = f"|{ops[0]} − {ops[1]}| ÷ {ops[1]}"
        elif self.kind == "excess":
            formula = f"{ops[0]} ÷ {ops[1]} − 1"
        elif self.kind == "change-up":
            formula = f"{ops[0]} ÷ ({ops[1]} − {ops[0]})"
        elif self.kind == "change-down":
            formula = f"{ops[0]} ÷ ({ops[1]} + {ops[0]})"
        else:
            formula = f"{ops[0]} ÷ {ops[1]}"
        return f"{self.file}:{self.line} [{self.relation}] {self.stated.token} = {formula} ({self.scope})"


def split_of(name: str) -> str:
    """The corpus's hash rule on the path relative to the pool (``i11f/01.txt``)."""
    return HELD_OUT if hashlib.sha256(name.encode()).hexdigest()[0] in "01234567" else DEV


def pool_files(pool: Path = DEFAULT_POOL) -> list[tuple[str, Path]]:
    """Every text of the pool as (name relative to the pool, path), sorted by name."""
    if not pool.is_dir():
        return []
    return sorted((p.relative_to(pool).as_posix(), p) for p in pool.rglob("*.txt")
                  if p.parent != pool)


def _approx(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 4):start], text[end:end + 3]
    return any(before.endswith(w) for w in _APPROX_BEFORE) or any(after.startswith(w) for w in _APPROX_AFTER)


def _whole_cell(text: str, start: int, end: int, *, spaces: bool) -> bool:
    cut = "|\t" + (" \u3000" if spaces else "")
    before, after = text[:start], text[end:]
    if not spaces:
        before, after = before.rstrip(" \u3000"), after.lstrip(" \u3000")
    return (not before or before[-1] in cut) and (not after or after[0] in cut)


def figures_of(line_no: int, text: str) -> list[Fig]:
    """The figures of a line that carry a unit (or, in a table row, bare numbers)."""
    row = len(_CELLS.findall(text)) >= 2
    # a table row the capture printed with blanks between its cells (spreadsheet previews)
    spaced = not row and len(_SPACED_NUMBER.findall(text)) >= 3
    out = []
    for m in _FIGURE.finditer(text):
        token, unit = m.group("num"), m.group("unit") or ""
        start, end = m.start("num"), m.end("num")
        printed = number(token)
        if printed is None:
            continue
        before = text[max(0, start - 1):start]
        after = text[m.end():m.end() + 1]
        if before in ("第", "〔", "[", "【") or (not unit and after in ("年", "月", "日", "号", "时", "期")):
            continue
        if m.group("more") and not unit:
            continue
        if unit in _MONEY:
            dim, value = "money", printed * _MONEY[unit]
        elif unit in ("%", "％"):
            dim, value = "%", printed
        elif unit == "‰":
            dim, value = "‰", printed
        elif unit.startswith("万") and unit != "万亩" and len(unit) > 1:
            dim, value = unit[1:], printed * 10000
        elif unit:
            dim, value = unit, printed
        elif (row or spaced) and _whole_cell(text, start, end, spaces=spaced):
            dim, value = "n", printed
        else:
            continue
        approx = bool(m.group("more")) or _approx(text, start, m.end())
        out.append(Fig(line_no, start, end, token, printed, value, dim, approx))
    return out


def _sig_digits(v: Decimal) -> int:
    digits = v.normalize().as_tuple().digits
    return len(digits) if v else 0


def _agrees(computed: Decimal, stated: Fig) -> bool:
    """A computed percentage printed as `stated`: rounded or cut at its precision."""
    places = stated.places
    return (round_half_up(computed, places) == stated.printed
            or computed.quantize(stated.step, rounding=ROUND_DOWN) == stated.printed)


def _unlikely_share(a: Fig, b: Fig) -> bool:
    """Not a simple fraction (a denominator ≤ 20 once reduced): those match by chance."""
    ratio = Fraction(a.value) / Fraction(b.value)
    return ratio != 0 and ratio.denominator > 20


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _percent_candidates(name: str, text: str, figs: list[Fig], above: list[Fig]) -> list[Candidate]:
    out = []
    sentences = _sentences(text)
    for p in figs:
        if p.dim not in ("%", "‰") or p.approx or p.printed in _ROUND_PERCENTS:
            continue
        # two digits (99 %) only right after a rate's name and over operands of three digits or
        # more: otherwise a pair of figures gives a two-digit share by chance too often
        named = any(w in text[max(0, p.start - 10):p.start] for w in _RATE_WORDS)
        min_ops = 3 if _sig_digits(p.printed) < 3 else 1
        if _sig_digits(p.printed) < 2 or (_sig_digits(p.printed) < 3 and not named):
            continue
        scale = Decimal(100) if p.dim == "%" else Decimal(1000)
        s_start, s_end = next((s, e) for s, e in sentences if s <= p.start < e)
        sentence = text[s_start:s_end]
        growth_words = any(w in sentence for w in _GROWTH_WORDS)
        excess_words = any(w in sentence for w in _EXCESS_WORDS)
        scopes = [("sentence", [f for f in figs if s_start <= f.start < s_end]), ("line", figs)]
        if named and above:
            # a named rate whose operands sit in the paragraph above (the outline's 资金投入 /
            # 资金使用 paragraphs): the two lines together
            scopes.append(("lines", above + figs))
        for scope, pool in scopes:
            ops = [f for f in pool if f.dim not in ("%", "‰") and not f.approx and f.value > 0
                   and _sig_digits(f.printed) >= min_ops]
            found = None
            for a in ops:
                for b in ops:
                    if a is b or a.value == b.value or found:
                        continue
                    if a.dim != b.dim:
                        continue
                    if growth_words and a.value > 0 and _agrees(abs(a.value - b.value) / b.value * scale, p) \
                            and _unlikely_share(a, b):
                        found = ("growth", "growth", a, b)
                    elif growth_words and b.value > a.value and \
                            _agrees(a.value / (b.value - a.value) * scale, p) and _unlikely_share(a, b):
                        # this year's figure b and the change a: last year's is their difference
                        found = ("growth", "change-up", a, b)
                    elif growth_words and _agrees(a.value / (b.value + a.value) * scale, p) \
                            and _unlikely_share(a, b):
                        found = ("growth", "change-down", a, b)
                    elif _agrees(a.value / b.value * scale, p) and _unlikely_share(a, b):
                        share = any(w in sentence for w in _SHARE_WORDS) or a.dim not in ("money", "n")
                        found = ("share" if share else "rate", "ratio", a, b)
                    elif excess_words and a.value > b.value and _agrees((a.value / b.value - 1) * scale, p) \
                            and _unlikely_share(a, b):
                        found = ("rate", "excess", a, b)
            if found:
                rel, kind, a, b = found
                out.append(Candidate(name, rel, kind, p, (a, b), scope, text))
                break
    return out


def _sum_candidates(name: str, text: str, figs: list[Fig]) -> list[Candidate]:
    out = []
    for t in figs:
        if t.dim in ("%", "‰") or t.approx or _sig_digits(t.printed) < 3:
            continue
        same = [f for f in figs if f.dim == t.dim]
        k = same.index(t)
        for run in (same[k + 1:k + 1 + _MAX_PARTS], list(reversed(same[max(0, k - _MAX_PARTS):k]))):
            total = Decimal(0)
            parts: list[Fig] = []
            for f in run:
                if f.approx:
                    break
                parts.append(f)
                total += f.value
                if total > t.value:
                    break
                if len(parts) >= 2 and total == t.value:
                    break
            if len(parts) < 2 or total != t.value or len({f.value for f in parts}) < 2 \
                    or any(f.value in (0, t.value) for f in parts):
                continue
            # paid-unpaid: one part said to be paid (已/实际/累计 + a paying verb right before it)
            # and another said to be left (未/尚/剩余/欠/结余… right before it) — not a sum of
            # sources whose words merely name payments (省级拨付…，上年度结余的资金…)
            heads = [text[max(0, f.start - 12):f.start] for f in parts]
            paid = [h for h in heads if _PAID_HEAD.search(h)]
            left = [h for h in heads if any(w in h[-8:] for w in _LEFT)]
            paid_unpaid = bool(paid) and bool(left) and not set(paid) & set(left)
            parts_in_order = tuple(sorted(parts, key=lambda f: f.start))
            out.append(Candidate(name, "paid-unpaid" if paid_unpaid else "sum", "sum", t, parts_in_order,
                                 "line", text))
            break
    return out


def candidates_of(name: str, lines: Sequence[str]) -> list[Candidate]:
    """Every relation the arithmetic finds in a text, at most one per stated figure."""
    out: list[Candidate] = []
    above: list[Fig] = []
    for n, text in enumerate(lines, start=1):
        figs = figures_of(n, text)
        if not text.strip():
            continue
        if len(figs) + len(above) >= 3:
            out += _percent_candidates(name, text, figs, above)
        above = [f for f in figs if f.dim not in ("%", "‰")]
        if len(figs) < 3:
            continue
        taken = {(c.stated.start) for c in out if c.line == n}
        out += [c for c in _sum_candidates(name, text, figs) if c.stated.start not in taken]
    return out


# --- planting -------------------------------------------------------------------------------

def _half(f: Fig) -> Decimal:
    """Half the last printed digit of an operand printed with decimals (whole numbers are exact)."""
    unit = f.value / f.printed if f.printed else Decimal(1)
    return f.step / 2 * unit if f.places else Decimal(0)


def _range(c: Candidate, ops: Sequence[Decimal]) -> tuple[Decimal, Decimal]:
    """The values the stated figure may legitimately take from `ops` (printed precision)."""
    halves = [_half(o) for o in c.operands]
    if c.kind == "sum":
        return sum(ops, Decimal(0)) - sum(halves, Decimal(0)), sum(ops, Decimal(0)) + sum(halves, Decimal(0))
    scale = Decimal(100) if c.stated.dim == "%" else Decimal(1000)
    a, b = ops
    ha, hb = halves
    if b - hb <= 0:
        return Decimal(0), Decimal(10) ** 9
    lo_ratio, hi_ratio = (a - ha) / (b + hb), (a + ha) / (b - hb)
    if c.kind == "growth":
        lo, hi = sorted((abs(lo_ratio - 1), abs(hi_ratio - 1)))
        if lo_ratio <= 1 <= hi_ratio:
            lo = Decimal(0)
        return lo * scale, hi * scale
    if c.kind == "excess":
        return (lo_ratio - 1) * scale, (hi_ratio - 1) * scale
    if c.kind in ("change-up", "change-down"):
        sign = -1 if c.kind == "change-up" else 1
        lo_base, hi_base = b - hb + sign * (a + ha), b + hb + sign * (a - ha)
        if min(lo_base, hi_base) <= 0:
            return Decimal(0), Decimal(10) ** 9
        lo_c, hi_c = (a - ha) / max(lo_base, hi_base), (a + ha) / min(lo_base, hi_base)
        return lo_c * scale, hi_c * scale
    return lo_ratio * scale, hi_ratio * scale


def _broken(c: Candidate, stated: Decimal, ops: Sequence[Decimal]) -> bool:
    """Whether `stated` (as printed) disagrees with `ops` on every reading, by a clear step."""
    lo, hi = _range(c, ops)
    unit = c.stated.value / c.stated.printed if c.stated.printed else Decimal(1)
    value, step = stated * unit, c.stated.step * unit
    if c.kind == "sum":
        return value < lo - step or value > hi + step
    return value < lo - step or value > hi + 2 * step


@dataclass(frozen=True)
class Plant:
    """One planted error: `fig` printed as `new` instead of its token."""

    candidate: Candidate
    kind: str  # stated | operand
    fig: Fig
    new: str

    def apply(self, lines: Sequence[str]) -> tuple[str, ...]:
        out = list(lines)
        text = out[self.fig.line - 1]
        out[self.fig.line - 1] = text[:self.fig.start] + self.new + text[self.fig.end:]
        return tuple(out)


def _moves(rng: random.Random) -> list[int]:
    sign = rng.choice((1, -1))
    # the least move first: a few steps of the last printed digit, then growing tenfold
    ks = [k for e in range(13) for k in (10 ** e, 2 * 10 ** e, 3 * 10 ** e, 5 * 10 ** e) if k >= 2]
    return [s * k for k in ks for s in (sign, -sign)]


def plant(c: Candidate, seed: int = 10) -> list[Plant]:
    """Up to two planted errors of a candidate: its stated figure moved, one operand moved."""
    out = []
    ops = [o.value for o in c.operands]
    rng = random.Random(f"{seed}:{c.file}:{c.line}:{c.stated.start}")
    s = c.stated
    for k in _moves(rng):
        if c.kind == "sum" and k > 0:
            continue  # after 其中 a list may name only some parts: only a total below them is wrong
        new = s.printed + k * s.step
        if new <= 0 or abs(k * s.step) > max(s.printed * Decimal("0.3"), 3 * s.step):
            continue
        if _broken(c, new, ops):
            out.append(Plant(c, "stated", s, format_like(new, s.token)))
            break
    o_index = 0 if c.kind != "sum" else rng.randrange(len(c.operands))
    o = c.operands[o_index]
    for k in _moves(rng):
        if c.kind == "sum" and k < 0:
            continue  # a part raised: the parts then pass the total on every reading
        new = o.printed + k * o.step
        if new <= 0 or abs(k * o.step) > o.printed * Decimal("0.3"):
            continue
        moved = list(ops)
        moved[o_index] = new * (o.value / o.printed)
        if moved[o_index] in ops or (c.kind != "sum" and moved[1] <= 0):
            continue
        if _broken(c, s.printed, moved):
            out.append(Plant(c, "operand", o, format_like(new, o.token)))
            break
    return out


# --- measuring ------------------------------------------------------------------------------

def found_by(p: Plant, f: Finding) -> bool:
    """Whether a finding is about the planted error: on its line ±1, naming the planted figure
    or the relation's stated figure."""
    return names_planted(f, (p.fig.line, p.candidate.line), (number(p.new), p.candidate.stated.printed))


@dataclass
class PlantResult:
    plant: Plant
    found: bool
    warned: bool


@dataclass
class FileReport:
    name: str
    split: str
    candidates: list[Candidate]
    errors_on_text: list[Finding]
    results: list[PlantResult] = field(default_factory=list)


def run_file(name: str, lines: Sequence[str], audit: Audit, seed: int = 10) -> FileReport:
    """Discover, plant and audit one text."""
    cands = candidates_of(name, lines)
    original = audit(lines)
    report = FileReport(name, split_of(name), cands, [f for f in original if is_error(f)])
    before = {finding_key(f) for f in original}
    for c in cands:
        for p in plant(c, seed):
            findings = audit(p.apply(lines))
            new = [f for f in findings if finding_key(f) not in before]
            hit = any(is_error(f) and found_by(p, f) for f in new)
            warned = not hit and any(found_by(p, f) for f in new if not is_error(f))
            report.results.append(PlantResult(p, hit, warned))
    return report


def per_type(reports: Sequence[FileReport]) -> dict[str, dict[str, int]]:
    """Candidates, planted, found and warned-only per relation type."""
    out = {t: {"candidates": 0, "planted": 0, "found": 0, "warned": 0} for t in TYPES}
    for r in reports:
        for c in r.candidates:
            out[c.relation]["candidates"] += 1
        for res in r.results:
            t = out[res.plant.candidate.relation]
            t["planted"] += 1
            t["found"] += int(res.found)
            t["warned"] += int(res.warned)
    return out
