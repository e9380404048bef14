"""The annotation-free benchmark's machinery (bench/audit_quality/autorelations.py).

Not the audit's figures but that the measuring is right: the pool split follows the corpus's
hash rule on the relative path, candidates are found by arithmetic in the genre's word orders and
units and chance matches are refused, a planted error changes exactly one printed figure in its
format and breaks the relation beyond every reading of the printed precision, and a finding
counts only on its line naming the planted or stated figure.
"""

from __future__ import annotations

import hashlib
import sys
from decimal import Decimal
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))

from audit_quality import autorelations as ar  # noqa: E402

from jixiao.domain.findings import Finding, Severity  # noqa: E402


def _cands(*lines: str) -> list[ar.Candidate]:
    return ar.candidates_of("t.txt", lines)


def _one(*lines: str) -> ar.Candidate:
    (c,) = _cands(*lines)
    return c


# --- split and pool ------------------------------------------------------------------------

def test_pool_split_hashes_the_path_relative_to_the_pool() -> None:
    for name in ("i11f/01.txt", "i12f/01.txt", "i12g/07.txt"):
        want = ar.HELD_OUT if hashlib.sha256(name.encode()).hexdigest()[0] in "01234567" else ar.DEV
        assert ar.split_of(name) == want
    # the two sets' 01.txt are different names, so they may fall on different sides
    assert {ar.split_of(f"{d}/01.txt") for d in ("i11f", "i12f", "i12g", "x")} == {ar.DEV, ar.HELD_OUT}


def test_pool_files_are_the_texts_of_its_subfolders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "01.txt").write_text("x", encoding="utf-8")
    (tmp_path / "CLAIMED.txt").write_text("x", encoding="utf-8")
    assert [n for n, _ in ar.pool_files(tmp_path)] == ["a/01.txt"]


# --- figures -------------------------------------------------------------------------------

def test_figures_carry_units_and_approximation() -> None:
    figs = ar.figures_of(3, "2021年预算约120.5万元，支出1,234.56元，覆盖3.2万人，共100余户，完成率97.8%")
    got = [(f.token, f.dim, f.value, f.approx) for f in figs]
    assert got == [("120.5", "money", Decimal("1205000"), True),
                   ("1,234.56", "money", Decimal("1234.56"), False),
                   ("3.2", "人", Decimal("32000"), False), ("100", "户", Decimal(100), True),
                   ("97.8", "%", Decimal("97.8"), False)]
    assert all(f.line == 3 for f in figs)


def test_bare_numbers_are_figures_only_in_a_table_row() -> None:
    assert [f.token for f in ar.figures_of(1, "项目 | 120.5 | 118.3 | 98.17%")] == ["120.5", "118.3", "98.17"]
    assert ar.figures_of(1, "第3批，共120.5与118.3") == []


# --- candidates ----------------------------------------------------------------------------

def test_rate_in_the_genre_word_orders_and_units() -> None:
    for text in ("预算资金120万元，实际支出117.36万元，执行率97.8%。",
                 "执行率97.8%，预算资金120万元，实际支出117.36万元。",
                 "预算1,200,000元，执行117.36万元，预算执行率为97.80%",
                 "计划投资120万元。完成投资117.36万元，投资完成率97.8%。"):
        c = _one(text)
        stated = "97.80" if "97.80" in text else "97.8"
        assert (c.relation, c.kind, c.stated.token) == ("rate", "ratio", stated)
        assert {o.value for o in c.operands} == {Decimal("1200000"), Decimal("1173600")}
    assert _one("计划投资120万元。完成投资117.36万元，投资完成率97.8%。").scope == "line"


def test_share_growth_excess_and_permille() -> None:
    assert _one("发放问卷260份，满意241份，满意度92.69%。").relation == "share"
    assert _one("中央资金473万元，占总投资1290万元的36.67%。").relation == "share"
    g = _one("2022年收入137.9万元，较上年的118.3万元增长16.57%。")
    assert (g.relation, g.kind) == ("growth", "growth")
    e = _one("任务数为115户，实际完成264户，超任务129.57%。")
    assert (e.relation, e.kind) == ("rate", "excess")
    assert _one("受理13,377件，差错29件，差错率2.17‰。").stated.dim == "‰"


def test_sums_after_and_before_and_paid_unpaid() -> None:
    s = _one("下达资金1883.00万元，其中甲项目47.00万元、乙项目1537.00万元、丙项目299.00万元。")
    assert (s.relation, [o.token for o in s.operands]) == ("sum", ["47.00", "1537.00", "299.00"])
    b = _one("中央资金630.2万元、省级资金429.36万元、市级资金18万元，合计1077.56万元。")
    assert b.relation == "sum" and b.stated.token == "1077.56"
    p = _one("合同金额356.8万元，已支付289.4万元，尚未支付67.4万元。")
    assert p.relation == "paid-unpaid" and p.stated.token == "356.8"


def test_chance_matches_are_refused() -> None:
    assert _cands("预算100万元，支出50万元，执行率50%。") == []  # a round share
    assert _cands("预算80万元，支出60万元，执行率75%。") == []  # 2 sig digits, 3/4
    assert _cands("预算120万元，支出约117.36万元，执行率97.8%。") == []  # approximate operand
    assert _cands("甲120万元，乙40万元，丙80万元。") == []  # 120 = 40 + 80: too few digits
    assert _cands("资金300万元，其中甲150万元、乙150万元。") == []  # equal parts
    assert _cands("共120万元，受益120人，比例97.8%。") == []  # no pair of one dimension gives it


# --- planting ------------------------------------------------------------------------------

def _changed(before: tuple[str, ...], after: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(a, b) for a, b in zip(before, after, strict=True) if a != b]


def test_a_planted_error_changes_one_figure_in_its_format_and_breaks_the_relation() -> None:
    lines = ("SOURCE: x", "预算资金1,200,000.00元，实际支出1,173,600.00元，执行率97.80%。")
    c = _one(*lines)
    plants = ar.plant(c)
    assert [p.kind for p in plants] == ["stated", "operand"]
    for p in plants:
        after = p.apply(lines)
        ((old, new),) = _changed(lines, after)
        assert old.replace(p.fig.token, p.new, 1) == new
        assert len(p.new.split(".")[1]) == p.fig.places and ("," in p.new) == ("," in p.fig.token)
        (c2,) = [x for x in ar.candidates_of("t.txt", after)] or [None]
        assert c2 is None or c2.stated.token != c.stated.token or c2.operands != c.operands


def test_a_stated_rate_moves_past_what_rounded_operands_allow() -> None:
    c = _one("预算228.15万元，执行222.52万元，执行率97.53%。")
    (stated, _) = ar.plant(c)
    lo, hi = ar._range(c, [o.value for o in c.operands])
    value = Decimal(stated.new)
    assert value < lo - Decimal("0.01") or value > hi + Decimal("0.02")


def test_a_sum_is_planted_below_its_parts_or_with_a_part_raised() -> None:
    c = _one("下达资金1883.00万元，其中甲项目47.00万元、乙项目1537.00万元、丙项目299.00万元。")
    stated, operand = ar.plant(c)
    assert Decimal(stated.new) < Decimal("1883")
    assert Decimal(operand.new) > operand.fig.printed


def test_a_finding_counts_on_its_line_naming_the_planted_or_stated_figure() -> None:
    lines = ("SOURCE: x", "预算资金120万元，实际支出117.36万元，执行率97.8%。")
    (p, _) = ar.plant(_one(*lines))

    def finding(line: int, stated: str, severity: Severity = Severity.ERROR) -> Finding:
        return Finding(code="rate-mismatch", severity=severity, message="m", line=line, stated=stated)

    assert ar.found_by(p, finding(2, p.new))
    assert ar.found_by(p, finding(3, "97.8"))
    assert not ar.found_by(p, finding(5, p.new))
    assert not ar.found_by(p, finding(2, "12"))

    def audit(ls: object) -> tuple[Finding, ...]:
        text = "".join(ls)  # type: ignore[call-overload]
        return (finding(2, p.new),) if p.new in text else ()

    report = ar.run_file("i11f/x.txt", lines, audit)
    assert [r.found for r in report.results] == [True, False]
    assert report.errors_on_text == []
    assert ar.per_type([report])["rate"] == {"candidates": 1, "planted": 2, "found": 1, "warned": 0}


def test_growth_from_this_year_and_the_change() -> None:
    up = _one("收入:792.22万元。同比上年度增加189.25万元,增加31.39%。")
    assert (up.relation, up.kind) == ("growth", "change-up")
    down = _one("支出799.12万元，同比上年度减少100.37万元，减少11.16%。")
    assert (down.relation, down.kind) == ("growth", "change-down")
    for c in (up, down):
        for p in ar.plant(c):
            moved = [o.value for o in c.operands]
            if p.kind == "operand":
                i = c.operands.index(p.fig)
                moved[i] = Decimal(p.new) * (p.fig.value / p.fig.printed)
                assert ar._broken(c, c.stated.printed, moved)
            else:
                assert ar._broken(c, Decimal(p.new), moved)


def test_paid_unpaid_needs_a_part_paid_and_a_part_left() -> None:
    # sources whose words name payments are a sum, not paid + unpaid (round 3 176's shape)
    c = _one("省级拨付补贴资金62.15万元，中央拨付16.27万元，上年度结余的资金6.47万元，共计84.89万元。")
    assert c.relation == "sum"
    assert _one("项目预算238.6万元，实际支出201.35万元，结余资金37.25万元。").relation == "paid-unpaid"


def test_held_out_half_is_printed_only_on_request(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    path = REPO / "bench" / "audit_autorelations.py"
    spec = importlib.util.spec_from_file_location("audit_autorelations", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    names = [f"d{k}/{n:02d}.txt" for k in range(3) for n in range(1, 5)]
    for name in names:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        text = "SOURCE: x\n预算资金120万元，实际支出117.36万元，执行率97.8%。\n"
        (tmp_path / name).write_text(text, encoding="utf-8")
    held = sum(ar.split_of(n) == ar.HELD_OUT for n in names)
    assert 0 < held < len(names)
    assert bench.main(["--pool", str(tmp_path), "-v"]) == 0
    out = capsys.readouterr().out
    assert f"dev half: {len(names) - held} texts" in out and "held-out" not in out
    assert bench.main(["--pool", str(tmp_path), "--show-held-out"]) == 0
    out = capsys.readouterr().out
    assert f"held-out half (totals only): {held} texts" in out
