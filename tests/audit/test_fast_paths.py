"""The audit's fast paths give what the plain algorithm they replace gives.

Each hot helper of the audit path (docs/architecture.md "Keeping the audit fast") has a
shortcut: a regex that scans for a digit instead of trying a look-behind at every position,
a bisection instead of a filter, one search of a reversed window instead of a walk back
character by character. Each test here states the plain algorithm and compares on
generated text made of the characters the shortcut depends on.
"""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from jixiao.domain.audit.facts import AuditLine, Figure, label_before, sentences
from jixiao.domain.audit.sums import _depth_after
from jixiao.ingest.figures import (
    _CN_FIGURE,
    _CN_GLUED_BEFORE,
    _FIGURE,
    _FULLWIDTH,
    _GLUED_BEFORE,
    _found,
    extract_figures,
    extract_line,
    normalise,
)

_TEXT = st.text(alphabet="0123456789.,a第十三个万元人件%，。；;（()）、 :：约以上", max_size=40)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_found_is_finditer_with_the_look_behind(text: str) -> None:
    for pattern, glued in ((_FIGURE, _GLUED_BEFORE), (_CN_FIGURE, _CN_GLUED_BEFORE)):
        plain = re.compile(f"(?<!{glued.pattern})(?:{pattern.pattern})")
        assert [m.span() for m in _found(pattern, glued, text)] == \
            [m.span() for m in plain.finditer(text)]


def test_figures_glued_to_letters_digits_or_ordinals_are_not_read() -> None:
    assert extract_figures("C25混凝土") == ()
    assert [str(f.value) for f in extract_figures("第十三个，十三个")] == ["13"]
    assert [f.start for f in extract_figures("共1,234.5万元")] == [1]


def _between(line: AuditLine, start: int, end: int) -> tuple[Figure, ...]:
    return tuple(f for f in line.figures if f.start >= start and f.end <= end)


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.integers(0, 45), st.integers(0, 45))
def test_figures_between_is_the_filter(text: str, start: int, end: int) -> None:
    line = extract_line(1, text)
    assert line.figures_between(start, end) == _between(line, start, end)


def test_figures_between_with_overlapping_figures() -> None:
    # a qualifier can stretch a figure over the next one (5万ab12以上): no bisection then
    one = Decimal(1)
    line = AuditLine(1, "x" * 20, (Figure(one, "", 0, 12, "a"), Figure(one, "", 5, 8, "b"),
                                   Figure(one, "", 9, 10, "c")))
    for start in range(0, 14):
        for end in range(0, 14):
            assert line.figures_between(start, end) == _between(line, start, end)


def _label_walk(text: str, fig: Figure, floor: int, limit: int) -> str:
    pos = fig.start
    floor = max(floor, fig.start - limit)
    while pos > floor and not re.match(r"[,，。；;:：、|()（）\s]", text[pos - 1]):
        pos -= 1
    return text[pos:fig.start]


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.integers(0, 40), st.integers(1, 40))
def test_label_before_is_the_walk_back(text: str, floor: int, limit: int) -> None:
    for fig in extract_figures(text):
        assert label_before(text, fig, floor, limit) == _label_walk(text, fig, floor, limit)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab。！？!?；;", max_size=20), st.booleans())
def test_sentences_are_cut_at_each_end_mark(text: str, clauses: bool) -> None:
    spans, start = [], 0
    for m in re.finditer(r"[。！？!?；;]" if clauses else r"[。！？!?]", text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    assert sentences(text, clauses) == spans


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab(（)）", max_size=14), st.integers(0, 15), st.integers(0, 15),
       st.integers(0, 2))
def test_bracket_depth_is_the_walk(text: str, start: int, end: int, depth: int) -> None:
    walked = depth
    for ch in text[start:end]:
        if ch in "(（":
            walked += 1
        elif ch in ")）" and walked:
            walked -= 1
    assert _depth_after(text, start, end, depth) == walked


def test_normalise_maps_every_character_of_its_table() -> None:
    # the fast path skips str.translate for a line with none of the table's characters:
    # every character the table maps must be seen by that test
    for code in _FULLWIDTH:
        text = f"共{chr(code)}项"
        assert normalise(text) == text.translate(_FULLWIDTH)
    assert normalise("预算执行率95%") == "预算执行率95%"


_LABEL_TEXT = st.text(alphabet="其中一二是1.、每年全应需须承担支付计为共合总达到约资金费ab ", max_size=14)


@settings(max_examples=300, deadline=None)
@given(_LABEL_TEXT)
@example("资金达到")
@example("其中每年应承担租金约为")
@example("一是资金共计")
def test_label_cuts_are_the_patterns(label: str) -> None:
    # the first/last characters tested before each pattern must be those of its words:
    # a word added to a pattern without its character would be missed here
    from jixiao.domain.audit import restated
    from jixiao.domain.audit.facts import _VERB_TAIL, plain_label

    assert plain_label(label) == _VERB_TAIL.sub("", label)
    text = label + "5万元"
    for fig in extract_figures(text):
        end = fig.start
        while end > 0 and text[end - 1] == " ":  # (blanks before a figure: PDF text, i11p)
            end -= 1
        pos, floor = end, max(0, end - 40)
        while pos > floor and not restated._DELIMITER.match(text[pos - 1]):
            pos -= 1
        plain = restated._LEAD.sub("", restated._TRAIL.sub("", text[pos:end]))
        assert restated.label_of(text, fig) == plain


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="约近逾超过不足到≥≤于低 \t余多左右上下许以及-~～—至5万元人ab", max_size=16),
       st.booleans())
def test_qualifier_is_the_patterns(text: str, magnitude: bool) -> None:
    from jixiao.ingest import figures

    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            before, after = text[max(0, start - 4):start], text[end:end + 8]
            if re.search("(" + "|".join(figures._BOUND_WORDS) + r")\s*$", before):
                plain = (figures.BOUND, end)
            elif figures._RANGE_AFTER.match(after):
                plain = (figures.RANGE, end)
            elif re.search("(" + "|".join(figures._APPROX_WORDS) + ")$", before):
                plain = (figures.APPROX, end)
            else:
                skip = figures._DAMAGED_UNIT.match(after) if magnitude else None
                offset = skip.end() if skip else 0
                m = figures._APPROX_AFTER.match(after[offset:])
                if m:
                    plain = (figures.BOUND if "以" in m.group(1) else figures.APPROX,
                             end + offset + m.end())
                else:
                    plain = (figures.EXACT, end + offset if offset and magnitude else end)
            assert figures._qualifier(text, start, end, magnitude) == plain


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="12万元 |\t\u3000甲，", max_size=30))
def test_cells_of_a_line_are_the_split_at_bars(text: str) -> None:
    """`cells`: a line without a bar is its one stripped cell (or none) — the plain split."""
    from jixiao.domain.audit.facts import cells

    line = extract_line(1, text)
    plain = []
    start = 0
    for part in text.split("|"):
        stripped = part.strip()
        if stripped:
            a = start + len(part) - len(part.lstrip())
            plain.append((stripped, a, a + len(stripped), _between(line, a, a + len(stripped))))
        start += len(part) + 1
    assert [(c.text, c.start, c.end, c.figures) for c in cells(line)] == plain


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="、,，;；.和及以及元人3甲", max_size=20))
def test_list_separators_are_the_look_behind_patterns(text: str) -> None:
    """sums' separators look behind 和/及/以及 after the word: the same matches as the plain
    pattern that looks behind first."""
    from jixiao.domain.audit import sums

    after = "[\\d元人次户个米亩吨里项所家处台套辆间座名份]"
    for pattern, marks in ((sums._ITEM_SEPARATOR, "[、,，;；]"), (sums._PART_SEPARATOR, "[、,，;；.]")):
        plain = re.compile(f"{marks}|(?<={after})(?:以及|和|及)")
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="、，,。；;:：（()）甲乙丙丁共计合这等和1 ", max_size=60), st.integers(0, 60))
@example("，甲、乙、丙共", 7)
@example("甲、乙、丙", 5)
def test_a_list_before_a_count_is_the_search(text: str, end: int) -> None:
    # counts._list_before matches the list pattern at the last mark before the count only
    from jixiao.domain.audit.counts import _LIST_BEFORE, _list_before

    end = min(end, len(text))
    plain = _LIST_BEFORE.search(text, max(0, end - 200), end)
    fast = _list_before(text, end)
    assert (plain and plain.span("list")) == (fast and fast.span("list"))
    long = "甲、" * 120 + "乙"  # (longer than the 200 characters searched)
    assert _list_before(long, len(long)) is None and _LIST_BEFORE.search(long, 41, len(long)) is None


def _gate_pieces(pattern: str, keys: tuple[str, ...] | str) -> list[str]:
    """Every run of up to four characters of the pattern's Chinese words that holds none of
    `keys`, with digits and punctuation."""
    runs = re.findall(r"[\u4e00-\u9fff]+", pattern)
    pieces = {r[i:j] for r in runs for i in range(len(r)) for j in range(i + 1, min(len(r), i + 4) + 1)}
    return [*sorted(p for p in pieces if not any(k in p for k in keys)), "5", "10万元", "，", " ", "%"]


def _gates() -> list[tuple[re.Pattern[str], tuple[str, ...] | str]]:
    from jixiao.domain.audit import due_paid, grades, rates, restated, shares, sums, unit_price

    return [(sums._OVER_GATE, "超节"), (sums._TOTAL_GATE, "计"),
            (shares._REMAINDER_GATE, "未余尾欠待还缺少超多"),
            (due_paid._FULL, "全足如"), (unit_price._UNIT_COST_GATE, "价均"),
            (grades._PROSE, "分"), (restated._DATE, "年日"), (rates._COMPLETION, ("完成",))]


def test_gate_characters_are_in_every_match() -> None:
    # the substring tests put before a gate's search (docs/architecture.md "Gate per line"):
    # text built from the gate's own words matches it only when it holds one of them
    import random

    rng = random.Random(7)
    for gate, keys in _gates():
        pieces = _gate_pieces(gate.pattern, keys)
        for _ in range(3000):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
            assert gate.search(text) is None or any(k in text for k in keys), (gate.pattern, text)


def test_weight_items_are_counted_by_their_words() -> None:
    # weights._ITEM_WORDS: every item holds one of them, so their count bounds the items
    import random

    from jixiao.domain.audit.weights import _ITEM, _ITEM_WORDS

    rng = random.Random(11)
    pieces = [*_gate_pieces(_ITEM.pattern, ""), "分", "(", "（", ")", "50分", "30%", "指标"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        assert len(_ITEM.findall(text)) <= sum(map(text.count, _ITEM_WORDS)), text


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="率度比例进程完成满意支付拨执行出为达到是资金甲 5", max_size=16))
@example("资金支付率达到")
@example("满意度为")
@example("完成比例")
def test_a_rate_label_is_read_by_the_pattern(label: str) -> None:
    # rates._rate_label searches only labels ending as the pattern's rate words do
    from jixiao.domain.audit.rates import _RATE_LABEL, _rate_label

    plain, fast = _RATE_LABEL.search(label), _rate_label(label)
    assert (plain and plain.groupdict()) == (fast and fast.groupdict())


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789 年月日合共总计一投资金额为是达，", max_size=30))
@example("2022年12月31日")
@example("12月 5日，合计为")
@example("总投资共计")
def test_patterns_with_their_first_character_taken_out_match_as_before(text: str) -> None:
    # restated._DATE and sums._SUM_WORD_AT were rewritten to open with a character or a
    # literal (the engine's fast scan); the plain spellings they replace:
    from jixiao.domain.audit.restated import _DATE
    from jixiao.domain.audit.sums import _SUM_WORD_AT

    date = re.compile(r"\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?|\d{1,2}\s*月\s*\d{1,2}\s*日")
    word = re.compile(r"(?:合计|共计|总计|总共|一共|共)(?:为|是|达)?|总投资|投资总额|资金总额|总金额")
    for fast, plain in ((_DATE, date), (_SUM_WORD_AT, word)):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="；;一二十是（()）第，,、.．12 甲", max_size=30))
@example("一是甲；二是乙")
@example("（一）甲 1.乙 12、丙 1.5")
@example("第二，甲")
def test_item_boundaries_open_with_their_first_character(text: str) -> None:
    from jixiao.domain.audit.restated import _ITEM_BOUNDARY

    plain = re.compile(r"(?=[；;一二三四五六七八九十（(第\d])(?:[；;]|[一二三四五六七八九十]+是|"
                       r"[（(][一二三四五六七八九十\d]+[)）]"
                       r"|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[，,、是]|"
                       r"(?<![\d.])\d{1,2}[.．、](?!\d))")
    assert [m.span() for m in _ITEM_BOUNDARY.finditer(text)] == [m.span() for m in plain.finditer(text)]


# --- issue 10, i11s: figures and lines made once, labels read once ---------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["", "甲30万元，乙20万元", "共计50万元。", "约5人", "|12|34|",
                                 "第三层100平方米"]), max_size=12))
def test_a_document_reads_each_distinct_line_once_as_extract_line_would(lines: list[str]) -> None:
    from jixiao.ingest.docmodel.document import _extracted

    got = _extracted(lines)
    assert got == tuple(extract_line(n, t) for n, t in enumerate(lines, start=1))
    assert [ln.number for ln in got] == list(range(1, len(lines) + 1))
    for line in got:  # a repeat shares its first occurrence's spans: the same as its own
        for clauses in (False, True):
            assert line.spans(clauses) == tuple(sentences(line.text, clauses) or [(0, 0)])


def test_written_out_constructors_make_what_the_dataclass_init_made() -> None:
    import dataclasses

    fig = Figure(Decimal("1.5"), "万元", 3, 8, "1.5万元")
    assert [getattr(fig, f.name) for f in dataclasses.fields(Figure)] == \
        [Decimal("1.5"), "万元", 3, 8, "1.5万元", ""]
    assert fig == Figure(Decimal("1.5"), "万元", 3, 8, "1.5万元", "")
    assert hash(fig) == hash((Decimal("1.5"), "万元", 3, 8, "1.5万元", ""))
    assert dataclasses.replace(fig, unit="元").unit == "元"
    try:
        fig.unit = "元"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:  # pragma: no cover
        raise AssertionError("a Figure must stay frozen")
    line = AuditLine(2, "甲1.5万元", (fig,))
    assert (line.number, line.text, line.figures) == (2, "甲1.5万元", (fig,))
    assert line == AuditLine(2, "甲1.5万元", (fig,)) and line != AuditLine(3, "甲1.5万元", (fig,))
    assert line.figures_between(0, 9) == (fig,) and line.spans() == ((0, 6),)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="约近逾超过不足到≥≤于低 \t余多左右上下许以及-~～—至5万元人ab", max_size=12),
       st.integers(0, 12), st.integers(0, 12))
def test_the_written_out_qualifier_test_is_qualifiers_own(text: str, start: int, end: int) -> None:
    # extract_figures skips the `_qualifier` call when its first test says EXACT
    from jixiao.ingest import figures

    start, end = sorted((min(start, len(text)), min(end, len(text))))
    last = text[start - 1] if start else ""
    head = text[end:end + 1]
    if not (last in figures._QUALIFIER_LAST or head in figures._QUALIFIER_FIRST
            or last.isspace() or head.isspace()):
        assert figures._qualifier(text, start, end, False) == (figures.EXACT, end)


def _plain_agrees(stated: Decimal, computed: Decimal) -> bool:
    from decimal import ROUND_DOWN

    from jixiao.domain.audit.facts import places
    from jixiao.domain.money import round_half_up

    p = places(stated)
    return stated in (round_half_up(computed, p),
                      computed.quantize(Decimal(1).scaleb(-p), rounding=ROUND_DOWN))


_DECIMALS = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=None,
                        allow_nan=False, allow_infinity=False)


@settings(max_examples=400, deadline=None)
@given(_DECIMALS, st.integers(0, 6), st.integers(0, 6))
@example(Decimal("1.5"), 0, 1)
@example(Decimal("1.50"), 0, 0)
def test_agrees_with_an_equal_value_is_the_plain_rounding(value: Decimal, more: int, cut: int) -> None:
    # facts.agrees answers True at once for a computed value equal to the stated one
    from jixiao.domain.audit.facts import agrees

    stated = round(value, 10)
    for computed in (stated, stated.quantize(Decimal(1).scaleb(-(more + 10))),
                     round(stated, cut)):
        assert agrees(stated, computed) == _plain_agrees(stated, computed)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["甲10万元", "（乙5万元）", "、", "，", "丙(3万元", "）", "丁2万元", "；"]),
                max_size=10))
@example(["甲10万元", "、", "（乙5万元）", "、", "丁2万元"])
def test_a_list_without_brackets_needs_no_depth_walk(pieces: list[str]) -> None:
    # sums._listing skips `_depth_after` when no bracket is within the list's reach; the plain
    # algorithm walks the depth over every item (a bracket pattern matching everywhere makes
    # both the gate and `_depth_after`'s own test pass, so every stretch is walked)
    from jixiao.domain.audit import sums

    text = "总计20万元，其中" + "".join(pieces) + "。"
    line = extract_line(1, text)
    start = text.index("其中") + 2
    fast = sums._listing(line, start, len(text), "money")
    gate = sums._BRACKET_CHAR
    sums._BRACKET_CHAR = re.compile("")
    try:
        plain = sums._listing(extract_line(1, text), start, len(text), "money")
    finally:
        sums._BRACKET_CHAR = gate
    assert fast == plain


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="未剩余结款尾欠缺口少付拨发待还需支使用超多甲 ", max_size=16))
@example("尚待支付")
@example("多拨")
def test_the_remainder_gate_opens_each_alternative_with_a_literal(text: str) -> None:
    # shares._REMAINDER_GATE: (?:待|还需)… and (?:超|多)… written as one alternative per word
    from jixiao.domain.audit.shares import _PAY, _REMAINDER_GATE

    plain = re.compile(rf"未|剩余|结余|余款|尾款|欠|缺口|少(?:付|拨|发)|(?:待|还需){_PAY}|"
                       r"(?:超|多)(?:支?付|拨|发)")
    assert [m.span() for m in _REMAINDER_GATE.finditer(text)] == \
        [m.span() for m in plain.finditer(text)]
