"""The validating mapping reads stored JSON directly (no text round trip), and its fast paths
for plain values give exactly what the general parser gives, errors included."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain.errors import InputError
from jixiao.domain.money import D, NumberFormatError, round_half_up
from jixiao.ingest.evaluation_file import load_evaluation, parse_evaluation
from jixiao.ingest.fields import FieldReader
from jixiao.ingest.yamlsource import load_document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def reference(value: object, minimum: Decimal | None, places: int | None) -> Decimal | str:
    """The general rule, written out: D(), then the minimum, then the decimals."""
    try:
        number = D(value)
    except NumberFormatError:
        return "error"
    if minimum is not None and number < minimum:
        return "error"
    if places is not None and number != round_half_up(number, places):
        return "error"
    return number


numbers = st.one_of(
    st.from_regex(r"-?[0-9]{1,17}(\.[0-9]{0,12})?", fullmatch=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=4).map(str),
    st.sampled_from(["1.500", "0.125", "-0", "007", "1,234.50", " 12 ", "１２", "1e3", ""]),
)


@given(numbers, st.sampled_from([None, Decimal(0)]), st.sampled_from([None, 2]))
def test_plain_number_fast_path_equals_the_general_rule(text, minimum, places):
    reader = FieldReader("x")
    try:
        got: Decimal | str = reader.number("f", text, minimum=minimum, places=places)
    except InputError:
        got = "error"
    expected = reference(text, minimum, places)
    assert got == expected
    if isinstance(got, Decimal):
        assert str(got) == str(expected)  # same exponent, not only the same value


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")
                                         if "lease" not in p.name and "ledger" not in p.name))
def test_stored_json_maps_to_the_same_evaluation_as_the_file(name):
    path = EXAMPLES / name
    try:
        from_file = load_evaluation(path)
    except InputError:
        pytest.skip("not an evaluation file")
    data, _ = load_document(path.read_text(encoding="utf-8"), name)
    stored = json.loads(json.dumps(data, default=str))  # numbers as exact strings, as stored
    from_json = parse_evaluation(stored, name)
    # extension blocks are kept raw (other layers read them), so only their keys compare
    assert [k for k, _ in from_json.extensions] == [k for k, _ in from_file.extensions]
    assert replace(from_json, extensions=()) == replace(from_file, extensions=())


def test_unknown_and_missing_keys_are_still_named():
    reader = FieldReader("doc")
    with pytest.raises(InputError, match="weigth"):
        reader.mapping("indicators[0]", {"weigth": "1"}, {"weight"}, set())
    with pytest.raises(InputError, match="'weight'"):
        reader.mapping("indicators[0]", {"name": "a"}, {"name", "weight"}, {"weight"})
    with pytest.raises(InputError, match="不能为空"):
        reader.text("name", "  ", required=True)
