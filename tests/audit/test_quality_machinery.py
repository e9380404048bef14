"""The machinery that measures the audit's quality (bench/audit_quality, bench/audit_surface).

Not the audit's figures — those are measured by bench/audit_corpus.py and may miss the goals —
but that the measuring is right: the split follows its rule, annotations validate against
their texts, a mutant changes exactly one printed figure, a surface case survives rendering,
and the matcher counts found / missed / false alarms as documented.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))

from audit_quality import corpus as qc  # noqa: E402
from audit_quality import matching, mutation  # noqa: E402
from audit_surface import bench as surface  # noqa: E402
from audit_surface import render, templates  # noqa: E402

from jixiao.domain.findings import Finding, Severity  # noqa: E402
from jixiao.ingest.report_text import read_report  # noqa: E402

SHARED = qc.shared_corpus()
needs_shared = pytest.mark.skipif(SHARED is None, reason="the shared corpus is not beside the repository")


# --- split --------------------------------------------------------------------------------

def test_split_rule_gives_the_published_round2_split() -> None:
    names = ["008", "012", "015", "017", "022", "023", "024", "025", "028", "029", "033", "048"]
    locked = [n for n in names if qc.split_of(f"{n}.txt") == qc.LOCKED]
    assert locked == ["015", "017", "022", "023", "024", "028", "048"]  # AUDIT-CORPUS.md


def test_split_rule_is_the_hash_rule() -> None:
    for n in range(100, 400):
        name = f"{n}.txt"
        want = qc.LOCKED if hashlib.sha256(name.encode()).hexdigest()[0] in "01234567" else qc.DEV
        assert qc.split_of(name) == want


@needs_shared
def test_root_files_are_dev_and_every_other_file_follows_the_rule() -> None:
    files = qc.corpus_files()
    assert sum(cf.group == "root" for cf in files) == 12
    assert sum(cf.group == "round2" for cf in files) == 12
    for cf in files:
        assert cf.split == (qc.DEV if cf.group == "root" else qc.split_of(cf.basename))
    assert [cf.name for cf in files] == [cf.name for cf in qc.corpus_files()]  # deterministic order


# --- annotations --------------------------------------------------------------------------

def _annotated() -> list[qc.CorpusFile]:
    return [cf for cf in qc.corpus_files() if cf.group != "root"]


@pytest.mark.parametrize("cf", _annotated(), ids=lambda cf: cf.name)
def test_annotation_validates_against_its_text(cf: qc.CorpusFile) -> None:
    raw = cf.raw_annotation()
    assert raw is not None, f"{cf.name} has no annotation at {cf.annotation_path}"
    assert qc.validate(raw, cf.lines, name=cf.name) == []


@needs_shared
@pytest.mark.parametrize("stem", sorted(p.stem for p in (REPO / "corpus" / "root").glob("*.yaml")))
def test_root_supplement_validates_against_its_text(stem: str) -> None:
    cf = next(cf for cf in qc.corpus_files() if cf.group == "root" and cf.path.stem == stem)
    data = yaml.safe_load(cf.supplement_path.read_text(encoding="utf-8"))
    assert qc.validate_supplement(data, cf.lines, name=cf.name) == []
    legacy_ids = {c.id for c in qc.annotation_from_legacy(cf.raw_annotation() or {}).consistent}
    assert len(cf.annotation().consistent) == len(legacy_ids) + len(data["consistent"])


def test_every_repository_annotation_names_its_source() -> None:
    """round3 texts are not committed (third-party pages): each annotation must say where its
    text comes from; where the text is on this machine, the validation tests above check it."""
    for path in (REPO / "corpus" / "round3").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert str(data.get("source", "")).startswith(("http://", "https://")), path
        assert not path.with_suffix(".txt").exists() or qc.round3_text(path) is not None
    if SHARED is not None:
        for path in (REPO / "corpus" / "round2").glob("*.yaml"):
            assert (SHARED / "round2" / path.with_suffix(".txt").name).is_file(), path


def test_a_figure_run_together_by_ocr_counts_as_printed() -> None:
    assert qc.figure_on_line("年度资金总额64.864.864.8100%年度总体", "100%")
    assert qc.figure_on_line("办学环境.8指标2", "8")
    assert not qc.figure_on_line("年度资金总额64.8", "65")


def test_validation_catches_a_wrong_line_and_an_unknown_relation() -> None:
    lines = ("SOURCE: http://x", "TITLE: t", "COMPLETENESS: all", "", "共计237万元，其中93万元。")
    good = {"source": "http://x", "title": "t", "place": "p", "level": "county", "year": 2022,
            "kind": "other", "notes": "n", "inconsistent": [],
            "consistent": [{"id": "A", "relation": "sum", "line": 5, "stated": "237"}], "uncertain": []}
    assert qc.validate(good, lines) == []
    moved = {**good, "consistent": [{"id": "A", "relation": "sum", "line": 4, "stated": "237"}]}
    assert any("not printed on line 4" in p for p in qc.validate(moved, lines))
    wrong = {**good, "consistent": [{"id": "A", "relation": "total", "line": 5, "stated": "237"}]}
    assert any("relation 'total'" in p for p in qc.validate(wrong, lines))
    assert any("level" in p for p in qc.validate({**good, "level": "village"}, lines))


SCORE_LINES = ("SOURCE: http://x", "TITLE: t", "COMPLETENESS: all", "",
               "培训人数 ≥100人 120人 10 10 满意度 ≥90% 95% 10 10 合计 20")


def _score_annotation(**item: Any) -> dict[str, Any]:
    entry = {"id": "S-A", "relation": "score-rule", "line": 5, "stated": "10", "unit": "分",
             "operands": ["100", "120", "10"], **item}
    return {"source": "http://x", "title": "t", "place": "p", "level": "county", "year": 2022,
            "kind": "other", "notes": "n", "inconsistent": [], "consistent": [entry], "uncertain": []}


def test_validation_asks_which_occurrence_when_the_stated_figure_repeats() -> None:
    # the 10 of a score is printed four times on its row (分值, 得分, twice more for the next
    # indicator): the mutation benchmark would change the first, the 分值, not the score
    problems = qc.validate(_score_annotation(), SCORE_LINES, name="round3/499.txt")
    assert problems == ["round3/499.txt: consistent[0] S-A: stated '10' is printed 4 times on line 5; "
                        "say which one the relation is about with occurrence: N (1…4; 0 if none)"]
    assert qc.validate(_score_annotation(occurrence=2), SCORE_LINES) == []
    assert qc.validate(_score_annotation(occurrence=0), SCORE_LINES) == []  # none of them is it
    assert any("occurrence 5 but the figure is printed 4 time(s)" in p
               for p in qc.validate(_score_annotation(occurrence=5), SCORE_LINES))
    assert any("not a whole number" in p for p in qc.validate(_score_annotation(occurrence="2"), SCORE_LINES))
    # printed once: nothing to say
    once = _score_annotation(stated="20", relation="weights", operands=["10", "10"])
    assert qc.validate(once, SCORE_LINES) == []
    # a root file's supplement is held to the same rule
    assert qc.validate_supplement({"consistent": _score_annotation()["consistent"]}, SCORE_LINES,
                                  name="003.txt")[0].startswith("003.txt: consistent[0] S-A: stated '10'")


def test_validation_checks_operand_occurrence() -> None:
    good = _score_annotation(occurrence=2, relation="weights", stated="20", operands=["10", "10"],
                             operand_occurrence={"10": 2})
    assert qc.validate({**good, "consistent": [{**good["consistent"][0], "occurrence": 1}]},
                       SCORE_LINES) == []
    wrong = [{**good["consistent"][0], "occurrence": 1, "operand_occurrence": {"95": 1, "10": 5}}]
    problems = qc.validate({**good, "consistent": wrong}, SCORE_LINES)
    assert any("operand_occurrence names '95', not one of its operands" in p for p in problems)
    assert any("operand_occurrence '10': 5 but the operand is printed 4 time(s)" in p for p in problems)


@needs_shared
def test_legacy_expectations_convert_with_their_relations() -> None:
    seed = next(cf for cf in qc.corpus_files() if cf.basename.startswith("seed"))
    items = {i.id: i for i in seed.annotation().inconsistent}
    assert items["S1"].relation == "sum"
    assert len(items["S7"].parts) == 2  # both halves must be found
    assert items["S1"].parts[0].alternatives[0].line == 43


# --- matcher ------------------------------------------------------------------------------

def _f(line: int, stated: str, severity: Severity = Severity.ERROR, code: str = "sum-mismatch") -> Finding:
    return Finding(code, severity, "m", stated=Decimal(stated), line=line)


def _toy_annotation() -> qc.Annotation:
    return qc.annotation_from_schema({
        "inconsistent": [
            {"id": "A", "relation": "sum", "line": 10, "stated": "171", "expected": "170"},
            {"id": "B", "relation": "rate", "line": 20, "stated": "97.8", "expected": "95"},
            {"id": "C", "relation": "score-weight", "parts": [
                {"line": 30, "stated": "25", "expected": "20"}, {"line": 32, "stated": "12"}]},
            {"id": "D", "relation": "grade", "line": 40, "stated": "85"},
        ]})


def test_matcher_counts_found_missed_and_false_alarms() -> None:
    findings = [
        _f(11, "170"),                      # A: line +1, the expected figure → found
        _f(20, "0.978", code="rate-mismatch"),  # B: a rate written as a fraction → found
        _f(30, "25", code="score-above-weight"),  # C: one part of two → not found
        _f(40, "85", Severity.WARNING),     # D: a warning does not count
        _f(12, "171"),                      # A again, 2 lines off → a false alarm
        _f(50, "3", code="count-mismatch"),  # about nothing → a false alarm
    ]
    m = matching.match_file("toy", qc.DEV, findings, _toy_annotation())
    assert [i.id for i in m.found] == ["A", "B"]
    assert [i.id for i in m.missed] == ["C", "D"]
    assert m.warnings_on_items == ["D"]
    assert [(f.line, str(f.stated)) for f in m.false_alarms] == [(12, "171"), (50, "3")]
    overall, per = matching.tally([m])
    assert (overall.items, overall.found, overall.true_findings, overall.false_alarms) == (4, 2, 3, 2)
    assert per["score-weight"].true_findings == 1 and per["score-weight"].found == 0
    assert per["count"].false_alarms == 1 and per["count"].items == 0
    assert overall.recall == 0.5 and overall.precision == 0.6


def _bench_module() -> object:
    spec = importlib.util.spec_from_file_location("audit_corpus", REPO / "bench" / "audit_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("audit_corpus", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_locked_test_detail_is_hidden_unless_asked() -> None:
    module: Any = _bench_module()
    report = {"corpus": {qc.LOCKED: {"per_file": [{"file": "round2/015.txt"}]},
                         qc.DEV: {"per_file": [{"file": "round2/012.txt"}]}},
              "mutation": {"missed": ["round2/015.txt#015-A/stated (86→75)", "round2/012.txt#012-B/stated",
                                      "010.txt#010-R1/stated"]}}
    module.hide_locked_detail(report)
    assert report["corpus"][qc.LOCKED]["per_file"] == []
    assert report["corpus"][qc.DEV]["per_file"] == [{"file": "round2/012.txt"}]
    assert report["mutation"]["missed"] == ["round2/012.txt#012-B/stated", "010.txt#010-R1/stated"]


def test_split_dev_prints_no_locked_or_surface_figure(capsys: pytest.CaptureFixture[str]) -> None:
    module: Any = _bench_module()
    assert module.main(["--split", "dev", "--only", "corpus,mutation,surface"]) == 0
    out = capsys.readouterr().out
    assert "LOCKED" not in out and "Surface" not in out and "locked-test" not in out
    assert "## Corpus, dev part" in out and "Mutation benchmark" in out


def test_goals_are_reported_missed_without_failing_the_suite() -> None:
    module: Any = _bench_module()
    good = {"corpus": {qc.LOCKED: {"overall": {"items": 10, "recall": 0.9, "precision": 1.0},
                                   "clean_texts_with_error_findings": 0}},
            "mutation": {"per_relation": {"sum": {"recall": 0.95}}, "clean_false_alarms": 0},
            "surface": {"per_relation": {"rate": {"inconsistent": 4, "recall": 1.0}}, "false_alarms": 0}}
    assert module.goals_missed(good) == []
    bad = {**good, "mutation": {"per_relation": {"sum": {"recall": 0.5}}, "clean_false_alarms": 1}}
    assert len(module.goals_missed(bad)) == 2
    other = {**good, "mutation": {"per_relation": {"other": {"recall": 0.0}}, "clean_false_alarms": 0}}
    assert module.goals_missed(other) == []  # the catch-all is reported, not a goal
    locked = {**good, "corpus": {qc.LOCKED: {"overall": {"items": 10, "recall": 0.7, "precision": 0.9},
                                             "clean_texts_with_error_findings": 1}}}
    assert len(module.goals_missed(locked)) == 3


# --- mutation -----------------------------------------------------------------------------

TOY_TEXT = ("SOURCE: http://example.gov.cn/1\nTITLE: t\nCOMPLETENESS: all\n\n"
            "分配至甲镇12万元，乙镇8.5万元，丙镇5万元，共计25.5万元。\n"
            "全年预算数1,200.00万元，全年执行数1,080.00万元，执行率90.00%。\n"
            "培训人数 ≥100人 120人 20 18\n")
TOY_YAML = {
    "source": "http://example.gov.cn/1", "title": "t", "place": "p", "level": "county", "year": 2022,
    "kind": "other", "notes": "toy", "inconsistent": [], "uncertain": [],
    "consistent": [
        {"id": "T-A", "relation": "sum", "line": 5, "stated": "25.5", "unit": "万元",
         "operands": ["12", "8.5", "5"]},
        {"id": "T-B", "relation": "rate", "line": 6, "stated": "90.00", "unit": "%",
         "operands": ["1080", "1200"]},
        {"id": "T-C", "relation": "score-weight", "line": 7, "stated": "18", "unit": "分",
         "operands": ["20"]},
    ]}


@pytest.fixture
def toy_corpus(tmp_path: Path) -> list[qc.CorpusFile]:
    folder = tmp_path / "corpus" / "round3"
    folder.mkdir(parents=True)
    (folder / "399.txt").write_text(TOY_TEXT, encoding="utf-8")
    (folder / "399.yaml").write_text(yaml.safe_dump(TOY_YAML, allow_unicode=True), encoding="utf-8")
    return qc.corpus_files(tmp_path / "no-shared", tmp_path / "corpus")


def _tokens(line: str) -> list[str]:
    return [t for _, _, t in qc.numbers_in(line)]


def _assert_one_figure_changed(original: tuple[str, ...], m: mutation.Mutation) -> None:
    changed = [n for n, (a, b) in enumerate(zip(original, m.lines, strict=True), start=1) if a != b]
    assert changed == [m.line]
    before, after = _tokens(original[m.line - 1]), _tokens(m.lines[m.line - 1])
    diffs = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert diffs == [(m.old, m.new)]
    assert len(before) == len(after)
    # the text around the figure is untouched and the format kept
    assert re.sub(r"[\d,.]+", "#", original[m.line - 1]) == re.sub(r"[\d,.]+", "#", m.lines[m.line - 1])
    assert ("." in m.old) == ("." in m.new) and ("," in m.old) == ("," in m.new)
    assert len(m.old.partition(".")[2]) == len(m.new.partition(".")[2])


def test_a_mutation_changes_exactly_one_figure(toy_corpus: list[qc.CorpusFile]) -> None:
    (cf,) = toy_corpus
    assert cf.split == qc.split_of("399.txt")
    mutants = mutation.mutations_of(cf, seed=1)
    assert {(m.item_id, m.kind) for m in mutants} == {("T-A", "stated"), ("T-A", "operand"),
                                                      ("T-B", "stated"), ("T-B", "operand"),
                                                      ("T-C", "stated")}
    for m in mutants:
        _assert_one_figure_changed(cf.lines, m)
        old, new = qc.number(m.old), qc.number(m.new)
        assert old is not None and new is not None
        assert abs(new - old) >= max(abs(old) * Decimal("0.03"), Decimal(3) * Decimal(1).scaleb(
            -len(m.old.partition(".")[2])))  # well beyond printed precision
    score = next(m for m in mutants if m.item_id == "T-C")
    assert Decimal(score.new) > 20  # a score-weight error pushes the score above its weight
    total = next(m for m in mutants if m.item_id == "T-A" and m.kind == "stated")
    part = next(m for m in mutants if m.item_id == "T-A" and m.kind == "operand")
    assert Decimal(total.new) < Decimal(total.old)  # a total below its parts: wrong on any reading
    assert Decimal(part.new) > Decimal(part.old)  # a part pushing the parts above the total
    assert mutation.mutations_of(cf, seed=1) == mutants  # deterministic
    assert [m.new for m in mutation.mutations_of(cf, seed=2)] != [m.new for m in mutants]


def test_a_mutation_changes_the_occurrence_the_annotation_names(tmp_path: Path) -> None:
    # a score row: 分值 10 then 得分 10; weights row: 合计 20 = 10 + 10, the parts printed after
    # a 10 of another row
    text = "SOURCE: http://x\nTITLE: t\nCOMPLETENESS: all\n\n" + SCORE_LINES[4] + "\n"
    data = _score_annotation(occurrence=2)
    data["consistent"] += [
        {"id": "S-B", "relation": "weights", "line": 5, "stated": "20", "unit": "分",
         "operands": ["10"], "operand_occurrence": {"10": 3}},
        {"id": "S-C", "relation": "rate", "line": 5, "stated": "95", "occurrence": 0, "unit": "%",
         "operands": ["90"], "operand_occurrence": {"90": 0}},
    ]
    folder = tmp_path / "corpus" / "round3"
    folder.mkdir(parents=True)
    (folder / "499.txt").write_text(text, encoding="utf-8")
    (folder / "499.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (cf,) = qc.corpus_files(tmp_path / "no-shared", tmp_path / "corpus")
    assert qc.validate(cf.raw_annotation(), cf.lines) == []
    mutants = {m.item_id + "/" + m.kind: m for m in mutation.mutations_of(cf, seed=1)}
    assert set(mutants) == {"S-A/stated", "S-B/stated", "S-B/operand"}  # S-C: neither is printed apart
    tens = [start for start, _, tok in qc.numbers_in(cf.lines[4]) if tok == "10"]

    def changed_at(m: mutation.Mutation) -> int:
        return next(a for (a, _, old), (_, _, new) in zip(qc.numbers_in(cf.lines[4]),
                                                          qc.numbers_in(m.lines[4]), strict=True)
                    if old != new)

    assert changed_at(mutants["S-A/stated"]) == tens[1]  # the 得分, not the 分值
    assert changed_at(mutants["S-B/operand"]) == tens[2]
    for m in mutants.values():
        _assert_one_figure_changed(cf.lines, m)


@needs_shared
def test_every_mutant_of_the_corpus_changes_exactly_one_figure() -> None:
    n = 0
    for cf in qc.corpus_files():
        for m in mutation.mutations_of(cf):
            _assert_one_figure_changed(cf.lines, m)
            n += 1
    assert n >= 40


def test_a_grade_mutation_moves_the_score_into_another_band() -> None:
    rng = __import__("random").Random(3)
    for score, band in ((Decimal(96), "优"), (Decimal(85), "良"), (Decimal(70), "中"), (Decimal(50), "差")):
        item = qc.CleanItem("G", "grade", str(score), 1, "分", (band,))
        new = mutation.new_value(item, str(score), rng, kind="stated")
        assert new is not None
        bands = [(90, "优"), (80, "良"), (60, "中"), (0, "差")]
        assert next(b for low, b in bands if new >= low) != band


def test_mutation_run_counts_a_found_planted_error(toy_corpus: list[qc.CorpusFile]) -> None:
    original = toy_corpus[0].lines

    def fake_audit(lines: object) -> tuple[Finding, ...]:
        text = tuple(lines)  # type: ignore[call-overload]
        always = (_f(7, "18", code="score-docked-achieved"),)  # also on the original: never "found"
        if text[4] == original[4]:
            return always
        total = re.search(r"共计([\d.]+)万元", text[4])
        assert total is not None
        return (*always, _f(5, total.group(1)))  # the sum line reported with its printed total

    report = mutation.run(toy_corpus, fake_audit, seed=1)
    found = {(r.mutation.item_id, r.mutation.kind): r.found for r in report.results}
    assert found == {("T-A", "stated"): True, ("T-A", "operand"): True, ("T-B", "stated"): False,
                     ("T-B", "operand"): False, ("T-C", "stated"): False}
    assert [str(f.stated) for _, f in report.clean_false_alarms] == ["18"]  # an error on a clean text
    assert not any(r.warning_only for r in report.results)  # the docked warning is old news
    summary = report.to_json()
    assert (summary["planted"], summary["found"]) == (5, 2)
    assert summary["per_relation"]["sum"]["recall"] == 1.0


# --- surface ------------------------------------------------------------------------------

def test_surface_sum_templates_add_up() -> None:
    for cid, relation, _form, template, good, bad in templates.PROSE:
        if relation != "sum":
            continue
        parts = [qc.number(t) for t in _tokens(template.replace("{v}", ""))]
        assert sum(p for p in parts if p is not None) == qc.number(good), cid
        bad_n, good_n = qc.number(bad), qc.number(good)
        assert bad_n is not None and good_n is not None and bad_n != good_n
        if "其中" in template or "含" in template:  # a 其中 list may be partial: only an excess is wrong
            assert bad_n < good_n, cid


def test_surface_cases_are_unique_and_cover_every_relation() -> None:
    cases = templates.cases()
    assert len({c.id for c in cases}) == len(cases)
    covered = {c.relation for c in cases if c.inconsistent is not None}
    assert covered >= set(qc.RELATIONS) - {"other"}
    assert any(c.inconsistent is None for c in cases)  # approximate wordings


@pytest.mark.parametrize("layout", (*render.TEXT_TABLE_LAYOUTS, "html", "docx", "xlsx"))
def test_a_surface_table_renders_and_reads_back(layout: str, tmp_path: Path) -> None:
    case = next(c for c in templates.cases() if c.id == "table-rate-repeated")
    assert case.inconsistent is not None
    ok = read_report(render.write(case.consistent, layout, tmp_path, "ok")).lines
    bad = read_report(render.write(case.inconsistent, layout, tmp_path, "bad")).lines
    assert any("95%" in ln for ln in ok) and not any("85%" in ln for ln in ok)
    assert any("85%" in ln for ln in bad)
    assert any("培训合格率" in ln for ln in bad)


@pytest.mark.parametrize("layout", (*render.PROSE_TEXT_LAYOUTS, "html", "docx", "xlsx", "pdf"))
def test_a_surface_paragraph_renders_and_reads_back(layout: str, tmp_path: Path) -> None:
    case = next(c for c in templates.cases() if c.id == "rate-one-clause")
    assert case.inconsistent is not None
    text = "".join(read_report(render.write(case.inconsistent, layout, tmp_path, "bad")).lines)
    assert "预算执行率96%" in text.replace(" ", "")


def test_surface_bench_counts_recall_and_false_alarms() -> None:
    chosen = [c for c in templates.cases() if c.id in ("grade-you", "approx-sum-yue")]
    result = surface.run(formats={"txt"}, selected=chosen)
    grade = result["per_relation"]["grade"]
    assert grade["inconsistent"] == 2 and grade["consistent"] == 2  # txt and txt-wrapped
    assert result["per_relation"]["sum"]["inconsistent"] == 0  # an approximate case is only silent
    assert result["per_relation"]["sum"]["consistent"] == 2
    assert result["found"] + len(result["missed"]) == result["inconsistent"]
    assert result["false_alarms"] == len(result["false_alarm_cases"])
