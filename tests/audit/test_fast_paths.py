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
    from jixiao.ingest.docmodel import tables

    return [(sums._OVER_GATE, "超节"), (sums._TOTAL_GATE, "计"),
            (shares._REMAINDER_GATE, "未余尾欠待还缺少超多"),
            (due_paid._FULL, "全足如"), (unit_price._UNIT_COST_GATE, "价均"),
            (grades._PROSE, "分"), (restated._DATE, "年日"), (rates._COMPLETION, ("完成",)),
            (tables._HEADER_TRIGGER, tables._TRIGGER_WORDS),
            (restated._DAY, "月季半"), (restated._QUALIFIER, "(（")]


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
    word = re.compile(r"(?:合计|共计|总计|总共|一共|共)(?:为|是|达)?|总投资|投资总额|资金总额|总金额|"
                      r"计(?:为)?(?=\s*\d)")  # (计 with its figure: i13a)
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

    got = _extracted(enumerate(lines, start=1))
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
@given(st.text(alphabet="约近逾超过不足到≥≤于低 \t\n余多左右上下许以及-~～—至5万元人abZ9、", max_size=12),
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
        # a figure with 万/亿 (i12s): exact too unless unit letters may follow
        if head not in figures._DAMAGED_FIRST:
            assert figures._qualifier(text, start, end, True) == (figures.EXACT, end)


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


# --- issue 10, i12s: slot setters, printed precision from the text, no cycle collection -------


def test_a_renumbered_line_is_the_line_built_again_under_its_number() -> None:
    # `AuditLine.renumbered` copies the slots instead of running the constructor again
    fig = Figure(Decimal("1.5"), "万元", 3, 8, "1.5万元")
    overlapping = (Figure(Decimal(1), "", 0, 9, "x"), Figure(Decimal(2), "", 2, 4, "y"))
    for line in (AuditLine(2, "甲1.5万元", (fig,)), AuditLine(4, "", ()),
                 AuditLine(5, "xyz", overlapping)):
        again = line.renumbered(7)
        built = AuditLine(7, line.text, line.figures)
        assert again == built and repr(again) == repr(built)
        assert (again._starts, again._ends, again._cells) == (built._starts, built._ends, None)
        assert again._spans is line._spans and again._labels is line._labels


def _plain_places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@settings(max_examples=500, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=None), st.integers(-12, 12))
@example(Decimal("1E+2"), 0)
@example(Decimal("0E-7"), 0)
@example(Decimal("-0.00"), 0)
@example(Decimal("1.5E-8"), 0)
@example(Decimal("0.000001"), 0)
def test_places_read_from_the_text_are_the_exponent(value: Decimal, shift: int) -> None:
    from jixiao.domain.audit.facts import agrees_within, half_unit, places

    for v in (value, value.scaleb(shift), Decimal("NaN"), Decimal("-Infinity"), Decimal("sNaN")):
        assert places(v) == _plain_places(v), v
    v = value.scaleb(shift)
    if v.is_finite():  # half_unit and agrees_within take their quanta from tables
        p = _plain_places(v)
        plain_half = Decimal(5).scaleb(-p - 1) if p else Decimal(0)
        assert half_unit(v) == plain_half
        assert str(half_unit(v)) == str(plain_half)  # the same exponent too
        unit = Decimal(1).scaleb(-p)
        for low, high in ((v - unit, v), (v, v + unit), (v + unit, v + 2 * unit)):
            assert agrees_within(v, low, high) == (low < v + unit and high >= v - unit / 2)


def test_an_audit_leaves_nothing_for_the_cycle_collector() -> None:
    # services.figure_audit pauses the cyclic collector during an audit: that frees no less
    # memory only as long as the audit makes no reference cycles
    import gc

    from jixiao.services.figure_audit import audit_lines

    texts = [
        "总面积为100平方米，其中甲30平方米、乙70平方米。全年预算数200万元，其中：人员经费120万元、"
        "公用经费80万元，全年执行数180万元，预算执行率90%。受理诉求100件，在线答复60件，答复率60%。",
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |",
        "| 产出指标 | 数量指标 | 培训人数 | ≥100人 | 95人 | 10 | 9 |",
        "项目资金约5万元（含材料费1.2万元、人工费3.8万元）；支付率1２0%，第三层，2022年6月。",
        "预算执行率 95 %，共计五个乡镇，1e999999，１,２３４.５万元",
    ]
    audit_lines(texts)  # (first use: imports, compiled patterns)
    gc.collect()
    gc.disable()
    try:
        audit_lines(texts)
        audit_lines(texts[0].replace("。", "") * 40 for _ in range(3))
        assert gc.collect() == 0
    finally:
        gc.enable()
    audit_lines(texts)
    assert gc.isenabled()
    gc.disable()
    try:
        audit_lines(texts)
        assert not gc.isenabled()  # a caller's pause is left as it was
    finally:
        gc.enable()


def test_a_figure_with_wan_reads_damaged_unit_letters_after_it() -> None:
    # why extract_figures asks `_qualifier` for a 万/亿 figure followed by a letter or digit
    from jixiao.ingest import figures

    assert figures._qualifier("5万ab，", 0, 2, True) == (figures.EXACT, 4)
    assert "a" in figures._DAMAGED_FIRST and "、" not in figures._DAMAGED_FIRST
    assert [f.raw for f in figures.extract_figures("资金5万Ab，另3万元")] == ["5万Ab", "3万元"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["1.0万元", "1.00万元", "1万元", "2022年", "35. 3万元", "1,000元", "十个",
                                 "，", "共计", "100%", "1e999999"]), max_size=10), st.integers(1, 3))
def test_numbers_parsed_once_per_document_keep_their_printed_precision(pieces: list[str],
                                                                        lines: int) -> None:
    # `_extracted` shares one `numbers` dict over a document's lines: each figure still gets
    # its own number as printed (1.0 and 1.00 are equal Decimals: the repr tells them apart)
    from jixiao.ingest.docmodel.document import _extracted

    texts = ["".join(pieces[k::lines]) for k in range(lines)]
    got = _extracted(list(enumerate(texts, start=1)))
    plain = tuple(extract_line(n, t) for n, t in enumerate(texts, start=1))
    assert repr(got) == repr(plain)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="零一两十百千万亿个项人件万元元次性级是第进步统在5，", max_size=14))
def test_a_line_without_a_chinese_figure_start_has_no_chinese_figure(text: str) -> None:
    # `_chinese_figures` searches `_CN_FIGURE` only in a line where `_CN_START` matches
    from jixiao.ingest import figures

    if figures._CN_START.search(text) is None:
        assert figures._CN_FIGURE.search(text) is None


def test_the_written_out_glued_test_is_the_pattern_for_every_character() -> None:
    # extract_figures tests the character before a number with a set and str.isdecimal
    import sys

    from jixiao.ingest import figures

    for c in map(chr, range(sys.maxunicode + 1)):
        assert (c in figures._GLUED_CHARS or c.isdecimal()) == bool(figures._GLUED_BEFORE.match(c)), c
    text = "A12万元，x.5人，,7件，٣4件，第3层，共5个"
    assert [f.raw for f in figures.extract_figures(text, normalised=True)] == ["٣4件", "5个"]


def _label_reversed(text: str, fig: Figure, floor: int, limit: int, spaced: bool) -> str:
    # facts.label_before as it was: the reversed window searched for its first delimiter
    end = fig.start
    if spaced:
        while end > floor and text[end - 1] == " ":
            end -= 1
        if end > floor and text[end - 1] in ":：":
            end -= 1
    floor = max(floor, end - limit)
    m = re.search(r"[,，。；;:：、|()（）\s]", text[floor:end][::-1])
    return text[end - m.start() if m else floor:end]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab率甲 ：:，、\n。5%", max_size=30), st.integers(-5, 35), st.integers(1, 40),
       st.booleans())
def test_label_before_is_the_reversed_search(text: str, floor: int, limit: int, spaced: bool) -> None:
    # label_before matches the window once (a greedy `.*` backing off to the last delimiter)
    for fig in extract_figures(text):
        assert label_before(text, fig, floor, limit, spaced) == \
            _label_reversed(text, fig, floor, limit, spaced)


# --- issue 10, i12s: patterns scanned over a line open with a literal or a class -------------


def _skips_to_candidates(pattern: re.Pattern[str]) -> bool:
    """Whether the regex engine can skip to the positions a match may start at: the pattern
    opens with a literal, a character class, or alternatives that each open with a literal
    (CPython's `re` computes a prefix or a first-character set for them; an alternative opening
    with a group or a class, or a pattern opening with a repeat, makes it try every position)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern.pattern, pattern.flags)
    return bool(_compiler._get_literal_prefix(parsed, pattern.flags)[0]) \
        or _compiler._get_charset_prefix(parsed, pattern.flags) is not None


def _scanned() -> dict[str, re.Pattern[str]]:
    from jixiao.domain.audit import due_paid, facts, grades, rates, restated, shares, sums
    from jixiao.ingest import figures
    from jixiao.ingest.docmodel import tables

    return {"sums._MARKER": sums._MARKER, "sums._ITEM_SEPARATOR": sums._ITEM_SEPARATOR,
            "sums._PART_SEPARATOR": sums._PART_SEPARATOR, "sums._OVER_GATE": sums._OVER_GATE,
            "sums._TOTAL_GATE": sums._TOTAL_GATE, "sums._ADJUST_GATE": sums._ADJUST_GATE,
            "sums._BLANKS": sums._BLANKS, "rates._EXCESS_GATE": rates._EXCESS_GATE,
            "rates._PAID_GATE": rates._PAID_GATE, "rates._COMPLETION": rates._COMPLETION,
            "shares._REMAINDER_GATE": shares._REMAINDER_GATE, "shares._YEAR": shares._YEAR,
            "due_paid._FULL": due_paid._FULL, "grades._PROSE": grades._PROSE,
            "restated._DATE": restated._DATE, "restated._ITEM_BOUNDARY": restated._ITEM_BOUNDARY,
            "facts.YEARS": facts.YEARS, "figures._FIGURE": figures._FIGURE,
            "figures._CN_FIGURE": figures._CN_FIGURE, "figures._CN_START": figures._CN_START,
            "figures._PINYIN": figures._PINYIN, "tables._HEADER_WORDS": tables._HEADER_WORDS}


def test_patterns_scanned_over_a_line_let_the_engine_skip_to_candidates() -> None:
    # one alternative opening with a class (sums._MARKER's [:：]) made the marker scan of every
    # line 8 × slower; a pattern opening with a repeat ([一二三…]+) is tried at every position
    slow = [name for name, pattern in _scanned().items() if not _skips_to_candidates(pattern)]
    assert slow == []
    assert not _skips_to_candidates(re.compile(r"[元人][:：]|其中"))  # (the check can fail)
    assert not _skips_to_candidates(re.compile(r"[一二]+个"))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="其中分别为包括用于含由构成如下一是：:，,、；;和及以元人亩5万"
                        "超计划任务目标比的值数年 \t\u3000", max_size=24))
def test_patterns_rewritten_to_open_with_a_literal_match_as_before(text: str) -> None:
    from jixiao.domain.audit import facts, rates, shares, sums

    plain = {
        sums._MARKER: sums._MARKER.pattern.replace(
            ":(?<=[元亩米人户次个项所家处台套份]:)|：(?<=[元亩米人户次个项所家处台套份]：)",
            "[:：](?<=[元亩米人户次个项所家处台套份][:：])"),
        rates._EXCESS_GATE: r"超|比(?:年度|全年|原定?)?(?:计划|任务|目标|预期|预算)|"
                            r"(?:计划|任务|目标)(?:数|任务|值)?的",
        facts.YEARS: r"\d{4}(?=\s*年)",
        shares._YEAR: r"(\d{4})\s*年",
        sums._BLANKS: r"[ \t\u3000]+",
    }
    for pattern, was in plain.items():
        assert was != pattern.pattern
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in re.finditer(was, text)]
        assert [m.groups() for m in pattern.finditer(text)] == [m.groups() for m in re.finditer(was, text)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="零一二两三十百千万亿个项人件元万元次性级是第进步统在5，", max_size=16))
def test_chinese_figures_opening_with_a_class_match_as_before(text: str) -> None:
    from jixiao.ingest import figures

    digits = figures._CN_DIGITS
    was = figures._CN_FIGURE.pattern.replace(f"[{digits}][{digits}]*(?:", f"[{digits}]+(?:", 1)
    assert was != figures._CN_FIGURE.pattern
    assert [m.group() for m in figures._CN_FIGURE.finditer(text)] == \
        [m.group() for m in re.finditer(was, text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="奖励资金补助专项省级中央县级为是共计:： ", max_size=10), max_size=5),
       st.text(alphabet="奖励资金补助专项省级中央县级为是共计:： ", max_size=12))
@example(["常规产粮大县奖励资金", "超级产粮大县奖励资金"], "产粮大县奖励资金")
def test_kinds_named_by_the_total_need_only_its_shortest_name(labels: list[str], total: str) -> None:
    # sums._named_kinds tests the last _KIND_NAME characters of the total's name, where the
    # rule reads "some tail of the name, from the whole name down to _KIND_NAME characters"
    from jixiao.domain.audit.sums import _KIND_NAME, _LABEL_TRAIL, _LEADING_JOINER, _named_kinds

    name = _LABEL_TRAIL.sub("", total)
    parts = [_LEADING_JOINER.sub("", _LABEL_TRAIL.sub("", lb)).strip(" :：") for lb in labels]
    plain = any(all(p.endswith(name[-k:]) and len(p) > k for p in parts)
                for k in range(len(name), _KIND_NAME - 1, -1)) if parts else False
    assert _named_kinds(total, tuple(labels)) == plain


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.元万亩人户公斤平方米/每月年（）个", max_size=30))
def test_a_unit_with_a_slash_is_read_off_a_slash_or_mei(text: str) -> None:
    # chains and unit_price look at the figures' units only when the line holds / (after 每)
    line = extract_line(1, text)
    if any("/" in f.unit for f in line.figures):
        assert "/" in line.text or "每" in line.text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="其中分别为是包括具体如下主要用于:： \u3000\t元1", max_size=20))
def test_a_marker_at_the_end_ends_the_line_with_a_colon(text: str) -> None:
    # sums._joined_items tests the line's end before searching for its marker
    from jixiao.domain.audit.sums import _MARKER_AT_END

    if _MARKER_AT_END.search(text):
        assert text.rstrip().endswith((":", "："))


def test_a_text_with_too_few_open_lines_is_not_wrapped_but_one_with_enough_is() -> None:
    # wrap_width stops when fewer than three lines end inside a sentence; at three it measures
    from jixiao.ingest.docmodel.wrapping import wrap_width

    closed = ["甲" * 29 + "。", "乙" * 29 + "。", "丙" * 29 + "。", "丁" * 29 + "，", "戊" * 10]
    assert wrap_width(closed) is None
    cut = ["甲" * 30, "乙" * 30, "丙" * 30, "丁" * 12 + "。"]
    assert wrap_width(cut) is not None


_PARAGRAPH = st.text(alphabet="甲乙丙丁戊己庚辛12a，、。", min_size=30, max_size=150)
_LOOSE_LINE = st.text(alphabet="甲乙丙丁ab1 \t|，。：；、", min_size=0, max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=6), st.integers(8, 30), st.booleans(),
       st.lists(_LOOSE_LINE, max_size=4))
def test_a_text_refused_before_measuring_is_refused_by_the_measures(
        paragraphs: list[str], width: int, columns: bool, loose: list[str]) -> None:
    # wrap_width first asks `_may_fill` (bounds of its own tests over more lines); whatever
    # that refuses, the full measuring refuses too — on paragraphs cut at a width (in
    # characters or columns), with loose lines of any length among them
    from jixiao.ingest.docmodel import wrapping

    lines: list[str] = list(loose)
    for para in paragraphs:
        cut, size = "", 0
        for ch in para:
            step = 2 if columns and ch >= "\u0800" else 1
            if size + step > width:
                lines.append(cut)
                cut, size = "", 0
            cut, size = cut + ch, size + step
        lines += [cut, ""]
    if not wrapping._may_fill(lines):
        original = wrapping._may_fill
        try:
            wrapping._may_fill = lambda lines: True  # type: ignore[assignment]
            assert wrapping.wrap_width(lines) is None
        finally:
            wrapping._may_fill = original


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="总分得10 \t，。：(%)（）|", max_size=30))
def test_a_line_without_a_border_is_one_cell_at_most(text: str) -> None:
    # grades' 总分 row and percent-labels' (%) rows need three and two cells: they read the
    # cells of a line only when it holds a | (without one, the line is one cell or none)
    from jixiao.domain.audit.facts import cells

    if "|" not in text:
        assert len(cells(extract_line(1, text))) <= 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="万亿元人件平方米公里吨", max_size=5))
def test_dimension_is_the_table_or_the_rule_for_an_unseen_unit(unit: str) -> None:
    # `dimension` is the table's own lookup; a unit it does not hold is worked out (万/亿
    # before a unit scale it) the first time and the same answer is given after
    from jixiao.domain.audit.facts import _DIMENSIONS, dimension

    if unit in _DIMENSIONS:
        plain = _DIMENSIONS[unit]
    elif len(unit) > 1 and unit[0] == "万":
        plain = (unit[1:], Decimal(10_000))
    elif len(unit) > 1 and unit[0] == "亿":
        plain = (unit[1:], Decimal(100_000_000))
    else:
        plain = (unit, Decimal(1))
    assert dimension(unit) == plain
    assert dimension(unit) == plain


_AMOUNT = st.decimals(min_value=Decimal("-5"), max_value=Decimal("100000"), places=2,
                      allow_nan=False, allow_infinity=False)


@settings(max_examples=500, deadline=None)
@given(_AMOUNT, _AMOUNT, _AMOUNT, st.sampled_from([Decimal(1), Decimal(100), Decimal(1000),
                                                   Decimal("0.01"), Decimal(-100)]),
       st.integers(0, 3))
@example(Decimal("90"), Decimal("180"), Decimal("200"), Decimal(100), 0)
@example(Decimal("73.52"), Decimal("53467"), Decimal("72728"), Decimal(100), 2)
def test_ratio_agrees_is_the_range_test(stated: Decimal, numerator: Decimal, denominator: Decimal,
                                        scale: Decimal, decimals: int) -> None:
    # ratio_agrees tries the printed operands' own ratio before the range around it
    from jixiao.domain.audit.facts import agrees_within, half_unit, ratio_agrees
    from jixiao.domain.money import round_half_up

    stated = round_half_up(stated, decimals)
    hn, hd = half_unit(numerator), half_unit(denominator)
    if denominator - hd <= 0:
        plain = True
    else:
        low = max(numerator - hn, Decimal(0)) / (denominator + hd) * scale
        high = (numerator + hn) / (denominator - hd) * scale
        plain = agrees_within(stated, low, high)
    assert ratio_agrees(stated, numerator, denominator, scale) == plain
    # (the stated figure the ratio rounds to: where the fast path may be taken)
    if denominator - hd > 0:
        point = round_half_up(numerator / denominator * scale, decimals)
        assert ratio_agrees(point, numerator, denominator, scale) == agrees_within(
            point, max(numerator - hn, Decimal(0)) / (denominator + hd) * scale,
            (numerator + hn) / (denominator - hd) * scale)
