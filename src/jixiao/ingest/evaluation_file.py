"""Load an evaluation file (`format: jixiao.evaluation/1`, CONTRACTS.md §2) into domain objects.

YAML or JSON; numbers may be YAML numbers or strings ("1,234.56") and are read as exact
decimals. Every problem raises `InputError` naming the file, line and field. The JSON
Schema in `schemas/evaluation.schema.json` documents the same format.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.domain.errors import shown
from jixiao.domain.evaluation import FUND_SOURCES, Evaluation, FundRow, Funds, Goals, Project
from jixiao.domain.indicators import (
    CATEGORY_TREE_2020,
    CATEGORY_TREE_2021,
    Indicator,
    Operator,
    QualitativeGrade,
)
from jixiao.domain.rulesets import RULESETS
from jixiao.ingest.fields import FieldReader, plain_number
from jixiao.ingest.yamlsource import LineMap, load_document, read_text_file

__all__ = [
    "FORMAT",
    "NARRATIVE_KEYS",
    "TOP_LEVEL_KEYS",
    "load_evaluation",
    "parse_evaluation",
    "parse_evaluation_text",
]

FORMAT = "jixiao.evaluation/1"

#: Free-text sections of the 自评报告 (documented in docs/evaluation-format.md).
NARRATIVE_KEYS = (
    "summary", "output_narrative", "outcome_narrative", "satisfaction_narrative",
    "problems", "improvements", "background", "evaluation_work", "previous_results",
    "other_matters", "overspending", "unspent_funds", "issuer", "issue_date",
)
#: Optional blocks other layers interpret (monitoring, spending ledger); kept raw.
EXTENSION_KEYS = ("monitoring", "ledger")
TOP_LEVEL_KEYS = {"format", "project", "ruleset", "funds", "goals", "indicators", "narrative",
                  *EXTENSION_KEYS}
_PROJECT_KEYS = {"name", "department", "unit", "fiscal_year", "region"}
_ROW_KEYS = {"initial_budget", "full_year_budget", "executed"}
_INDICATOR_KEYS = {
    "category", "subcategory", "name", "operator", "target", "unit_of_measure", "weight",
    "actual", "grade", "score", "override_reason", "deviation_reason",
}
_CATEGORIES = set(CATEGORY_TREE_2020) | set(CATEGORY_TREE_2021)
#: Operators as stored (their canonical spelling), quantitative only.
_PLAIN_OPERATORS = {op.value: op for op in Operator if op is not Operator.QUALITATIVE}


def load_evaluation(path: str | Path) -> Evaluation:
    """Read and validate an evaluation file.

    Raises:
        InputError: naming the file, line and field of the first problem.
    """
    text = read_text_file(path)
    return parse_evaluation_text(text, str(path))


def parse_evaluation_text(text: str, source: str) -> Evaluation:
    """Parse evaluation-file text (YAML or JSON); `source` names it in error messages."""
    data, lines = load_document(text, source)
    return parse_evaluation(data, source, lines)


def parse_evaluation(data: Any, source: str, lines: LineMap | None = None, *,
                     in_year: bool = False) -> Evaluation:
    """Validate already-parsed data (e.g. from an upload or the API) into an `Evaluation`.

    `in_year`: read it as it stands during the year (运行监控): the year-end judgement of a
    qualitative indicator (grade and score) may still be missing. Everything else is checked
    alike; scoring always reads with `in_year=False`.
    """
    r = FieldReader(source, lines)
    doc = r.mapping("", data, TOP_LEVEL_KEYS, {"format", "project", "funds", "indicators"})
    if doc["format"] != FORMAT:
        raise r.error("format", f"格式应为 {shown(FORMAT)}，实际是 {doc['format']!r} / unknown format")
    ruleset = doc.get("ruleset")
    if ruleset is not None and ruleset not in RULESETS:
        raise r.error("ruleset", f"未知的规则集 {shown(ruleset)}（可用：{'、'.join(sorted(RULESETS))}）")
    indicators = r.sequence("indicators", doc["indicators"])
    if not indicators:
        raise r.error("indicators", "至少需要一个绩效指标 / at least one indicator is required")
    return Evaluation(
        project=_project(r, doc["project"]),
        funds=_funds(r, doc["funds"]),
        indicators=tuple(_indicator(r, f"indicators[{i}]", x, in_year)
                         for i, x in enumerate(indicators)),
        goals=_goals(r, doc.get("goals")),
        ruleset=ruleset,
        narrative=_narrative(r, doc.get("narrative")),
        extensions=tuple((k, doc[k]) for k in EXTENSION_KEYS if doc.get(k) is not None),
    )


def _project(r: FieldReader, value: Any) -> Project:
    m = r.mapping("project", value, _PROJECT_KEYS, {"name", "department", "unit", "fiscal_year"})
    return Project(
        name=r.text("project.name", m["name"], required=True),
        department=r.text("project.department", m["department"], required=True),
        unit=r.text("project.unit", m["unit"], required=True),
        fiscal_year=r.integer("project.fiscal_year", m["fiscal_year"], low=1990, high=2200),
        region=r.text("project.region", m.get("region")),
    )


def _row(r: FieldReader, path: str, value: Any) -> FundRow:
    m = r.mapping(path, value, _ROW_KEYS, {"full_year_budget", "executed"})
    initial = m.get("initial_budget")
    return FundRow(
        initial_budget=None if initial is None else r.number(f"{path}.initial_budget", initial,
                                                             money=True, places=2),
        full_year_budget=r.number(f"{path}.full_year_budget", m["full_year_budget"], money=True,
                                  places=2),
        executed=r.number(f"{path}.executed", m["executed"], money=True, places=2),
    )


def _funds(r: FieldReader, value: Any) -> Funds:
    m = r.mapping("funds", value, {"total", *FUND_SOURCES}, {"total"})
    rows = {k: _row(r, f"funds.{k}", m[k]) for k in FUND_SOURCES if m.get(k) is not None}
    return Funds(total=_row(r, "funds.total", m["total"]), **rows)


def _goals(r: FieldReader, value: Any) -> Goals:
    if value is None:
        return Goals()
    m = r.mapping("goals", value, {"expected", "actual"}, set())
    return Goals(r.text("goals.expected", m.get("expected")), r.text("goals.actual", m.get("actual")))


def _narrative(r: FieldReader, value: Any) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    m = r.mapping("narrative", value, set(NARRATIVE_KEYS), set())
    return tuple((k, r.text(f"narrative.{k}", m[k])) for k in NARRATIVE_KEYS if m.get(k) is not None)


def _plain_indicator(m: dict[str, Any]) -> Indicator | None:
    """A quantitative indicator whose every value is already plain (exact decimal text,
    clean text), as stored documents hold them: read straight, without the per-field
    checks' overhead. None when anything is unusual: `_indicator` then reads it with the
    general rules and names any problem. Gives exactly what `_indicator` gives."""
    get = m.get
    category = get("category")
    operator = _PLAIN_OPERATORS.get(get("operator"))
    if (category not in _CATEGORIES or operator is None or get("grade") is not None
            or get("score") is not None):
        return None
    texts = []
    for key in ("name", "subcategory", "unit_of_measure", "override_reason", "deviation_reason"):
        text = get(key)
        if text is None:
            text = ""
        elif text.__class__ is str and text.isprintable():  # normalise_text would not change it
            text = text.strip()
        else:
            return None
        texts.append(text)
    name, subcategory, unit, override_reason, deviation_reason = texts
    weight = plain_number(get("weight"), places=2)
    target = plain_number(get("target"), minimum=None)
    raw_actual = get("actual")
    actual = None if raw_actual is None else plain_number(raw_actual, minimum=None)
    if not name or weight is None or target is None or (raw_actual is not None and actual is None):
        return None
    # What Indicator(...) builds, without the frozen dataclass's per-field object.__setattr__
    # (half the cost of reading a stored indicator); the field order is checked at import.
    indicator = _new_indicator(Indicator)
    (set_category(indicator, category), set_subcategory(indicator, subcategory),
     set_name(indicator, name), set_operator(indicator, operator), set_target(indicator, target),
     set_weight(indicator, weight), set_actual(indicator, actual),
     set_unit(indicator, unit), set_grade(indicator, None), set_score(indicator, None),
     set_override(indicator, override_reason), set_deviation(indicator, deviation_reason))
    return indicator


_new_indicator = object.__new__
(set_category, set_subcategory, set_name, set_operator, set_target, set_weight, set_actual,
 set_unit, set_grade, set_score, set_override, set_deviation) = (
    Indicator.__dict__[f.name].__set__ for f in dataclass_fields(Indicator))
assert [f.name for f in dataclass_fields(Indicator)] == [
    "category", "subcategory", "name", "operator", "target", "weight", "actual",
    "unit_of_measure", "grade", "score", "override_reason", "deviation_reason"]


def _indicator(r: FieldReader, path: str, value: Any, in_year: bool = False) -> Indicator:
    if value.__class__ is dict and value.keys() <= _INDICATOR_KEYS:
        plain = _plain_indicator(value)
        if plain is not None:
            return plain  # (quantitative only: `in_year` changes nothing for those)
    m = r.mapping(path, value, _INDICATOR_KEYS, {"category", "name", "operator", "target", "weight"})
    category = r.text(f"{path}.category", m["category"], required=True)
    if category not in _CATEGORIES:
        raise r.error(f"{path}.category",
                      f"未知的一级指标 {shown(category)}（可用：{'、'.join(sorted(_CATEGORIES))}）")
    try:
        operator = Operator.parse(str(m["operator"]))
    except ValueError as err:
        raise r.error(f"{path}.operator", str(err)) from None
    unit = r.text(f"{path}.unit_of_measure", m.get("unit_of_measure"))
    weight = r.number(f"{path}.weight", m["weight"], places=2)
    qualitative = operator is Operator.QUALITATIVE
    grade = None
    if m.get("grade") is not None:
        try:
            grade = QualitativeGrade.parse(str(m["grade"]))
        except ValueError as err:
            raise r.error(f"{path}.grade", str(err)) from None
    if qualitative:
        target: Decimal | str = r.text(f"{path}.target", m["target"], required=True)
        actual: Decimal | str | None = r.text(f"{path}.actual", m.get("actual")) or None
        if grade is None and not in_year:
            raise r.error(f"{path}.grade", "定性指标须选择档次 grade（achieved / partly_achieved / "
                          "not_achieved）/ a qualitative indicator needs a grade")
        if m.get("score") is None and not in_year:
            raise r.error(f"{path}.score", "定性指标须人工打分 score / a qualitative indicator "
                          "needs a score")
    else:
        target, unit = _quantity(r, f"{path}.target", m["target"], unit)
        actual = None
        if m.get("actual") is not None:
            actual, unit = _quantity(r, f"{path}.actual", m["actual"], unit)
    score = None
    if m.get("score") is not None:
        score = r.number(f"{path}.score", m["score"], places=2)
    return Indicator(
        category=category,
        subcategory=r.text(f"{path}.subcategory", m.get("subcategory")),
        name=r.text(f"{path}.name", m["name"], required=True),
        operator=operator,
        target=target,
        weight=weight,
        actual=actual,
        unit_of_measure=unit,
        grade=grade,
        score=score,
        override_reason=r.text(f"{path}.override_reason", m.get("override_reason")),
        deviation_reason=r.text(f"{path}.deviation_reason", m.get("deviation_reason")),
    )


def check_field(document: dict[str, Any], path: str, value: str) -> str:
    """One field of a stored evaluation as a form, the API or an Excel upload changes it
    (``indicators.3.actual``, ``funds.total.executed``, ``goals.actual``), checked with the
    rules this loader applies to the same field of a file. Returns the text to store ("" =
    empty). The caller has checked that `path` is an editable field of `document`.

    Raises:
        InputError: what is wrong, naming `path`.
    """
    r = FieldReader("", LineMap())
    text = r.text(path, value)
    if not text:
        return ""
    parts = path.split(".")
    if parts[0] == "funds":
        return str(r.number(path, text, money=True, places=2))
    if parts[0] != "indicators":
        return text
    raw = document["indicators"][int(parts[1])]
    key = parts[2]
    if key == "score":
        return str(r.number(path, text, places=2))
    if key == "grade":
        try:
            return QualitativeGrade.parse(text).value
        except ValueError as err:
            raise r.error(path, str(err)) from None
    if key == "actual" and raw.get("operator") != "qualitative":
        number, _ = _quantity(r, path, text, str(raw.get("unit_of_measure") or ""))
        return str(number)
    return text


def _quantity(r: FieldReader, path: str, value: Any, unit: str) -> tuple[Decimal, str]:
    """A quantitative target/actual; "95%" is accepted and sets the unit to % when empty."""
    if isinstance(value, str) and value.strip().endswith(("%", "％")):
        if unit not in ("", "%"):
            raise r.error(path, f"{shown(value)} 带 % 号，但度量单位是 {shown(unit)} / unit conflict")
        return r.number(path, value.strip()[:-1], minimum=None), "%"
    return r.number(path, value, minimum=None), unit
