"""自评表 whose text gives the rows' values in one block and the labels after them (i12w).

Word/WPS tables exported to PDF with merged label cells come out of the text layer — and so
out of the document-sharing sites and reposts that publish many 自评表 — with the header, then
every row's 指标值 | 实际完成值 | 分值 | 得分 one after another, the 总分 row's points and score,
and only then the category and indicator names and the 总分 label (上海 财政项目支出绩效自评表,
round 3 427, both of its forms; the funds row the same way: its figures first, 年度资金总额 and
the 执行率 later). The relations that need no names are checked: score above its weight, the
total against the scores and the funds row's, the points available against the weights, the
funds score re-scored. Rows whose direction is not printed are not re-scored (their names, so
whether less is better, are unknown).
"""

from __future__ import annotations

import pytest

from jixiao.services.figure_audit import audit_lines

FUNDS_HEAD = "年初预算数 全年预算数 全年执行数 分值 执行率 得分"
HEADER = "一级指标 二级指标 数量指标 三级指标 培训人数 年度 指标值 实际 完成值 分值 得分"
LABELS = ("产出指标 质量指标 绩 效 指 标 时效指标 效益指标 社会效益指标 培训合格率 完成及时性 学员 就业率 "
          "满意度指标 服务对象满意度指标 学员满意度 总分 -1- 偏差原因分析及 改进措施")


def _values(w1: str = "20", s1: str = "20", s5: str = "10", available: str = "100",
            total: str = "98.5", target4: str = "≥80%") -> list[str]:
    return ["≥500人", "520人", w1, s1, "≥95%", "98%", "20", "20", "及时", "及时", "20", "20",
            target4, "85%", "20", "20", "≥90%", "95%", "10", s5, available, total]


def _text(funds: tuple[str, ...] = ("100.00", "100.00", "85", "10", "8.5"), **values: str) -> str:
    return " ".join(["2023年度财政项目支出绩效自评表 项目名称 职业技能培训", FUNDS_HEAD, *funds,
                     "— 上年结转资金 0 0 — 年度资金总额 项目资金 (万元) 实施单位 85% 年度总体目标",
                     HEADER, *_values(**values), LABELS])


def _one_line(**kw: str) -> list[str]:
    return [_text(**kw)]


def _token_lines(**kw: str) -> list[str]:
    return _text(**kw).split(" ")


def _wrapped(**kw: str) -> list[str]:
    words, out, line = _text(**kw).split(" "), [], ""
    for w in words:
        if len(line) + len(w) > 60:
            out.append(line.strip())
            line = ""
        line += " " + w
    return [*out, line.strip()]


def _reasons_in_block(**kw: str) -> list[str]:
    """Each row's blank 偏差原因 printed after its values (无 / —)."""
    text = _text(**kw)
    for end in (" 520人 20 20 ", " 98% 20 20 ", " 及时 20 20 ", " 85% 20 20 "):
        text = text.replace(end, end + ("无 " if "%" in end else "— "), 1)
    return [text]


LAYOUTS = {"one-line": _one_line, "token-per-line": _token_lines, "wrapped-60": _wrapped,
           "reasons-in-block": _reasons_in_block}


def _errors(lines: list[str]) -> set[tuple[str, str, str]]:
    return {(f.code, str(f.stated), str(f.expected)) for f in audit_lines(lines)
            if f.severity.value == "error"}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_consistent_block_is_silent(layout: str) -> None:
    assert _errors(LAYOUTS[layout]()) == set()


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize(("planted", "want"), [
    # the 总分 above the points available
    ({"total": "108.5"}, ("sum-mismatch", "108.5", "100")),
    # a row's score lowered: the scores and the funds row's 8.5 no longer make the total
    ({"s1": "15"}, ("sum-mismatch", "98.5", "93.5")),
    # the points available lowered to the rows' weights (90): the total is above them
    ({"available": "90"}, ("sum-mismatch", "98.5", "90")),
    # a score above its weight
    ({"s5": "12", "total": "100.5"}, ("score-above-weight", "12", "10")),
    # the funds row's points raised: its score no longer follows from them (12 × 85%)
    ({"funds": ("100.00", "100.00", "85", "12", "8.5")}, ("score-rule-mismatch", "8.5", "10.20")),
    # the funds row's score re-scored: 10 × 85 ÷ 100 = 8.5, not 9.5
    ({"funds": ("100.00", "100.00", "85", "10", "9.5"), "total": "99.5"},
     ("score-rule-mismatch", "9.5", "8.50")),
])
def test_planted_error_is_found(layout: str, planted: dict[str, object], want: tuple[str, str, str]
                                ) -> None:
    assert want in _errors(LAYOUTS[layout](**planted))  # type: ignore[arg-type]


def test_row_without_printed_direction_is_not_rescored() -> None:
    """A row of the block printing no operator (80% → 85%, 20 of 20): without its name whether
    more or less is better is unknown, so no rule re-scores it — silent, where a ≥ reading and a
    ≤ reading would disagree."""
    lines = _one_line(target4="90%")  # 85% under 90%: short by ≥, met by ≤
    assert not [f for f in audit_lines(lines) if f.code == "score-rule-mismatch"]


@pytest.mark.parametrize("cut", ["no-total-label", "figure-before-label"])
def test_block_read_only_in_its_shape(cut: str) -> None:
    """Without the 总分 label among the labels after the pair, or with a figure between (the
    pair then ends nothing), the values are no such block: nothing is read, nothing reported."""
    text = _text(s1="15")
    text = text.replace("总分 -1-", "-1-") if cut == "no-total-label" else text.replace(
        "学员满意度 总分", "学员满意度 2023 总分")
    assert not [e for e in _errors([text]) if e[1] == "98.5"]


def test_extract_says_the_names_were_not_read() -> None:
    """`jixiao audit --extract` writes the block's rows for the user to complete: the header
    says each row's name and category were not read (filed under 产出指标 until filled in)."""
    from jixiao.ingest.docmodel.document import build_document
    from jixiao.services.figure_audit import extracted_evaluation

    text = extracted_evaluation(build_document(_one_line()), "report.txt")
    assert text is not None
    assert text.count("名称与类别未能读出") == 5
