"""The JSON Schema in schemas/ describes the same format the loader reads."""

import json
from pathlib import Path

import jsonschema
import yaml

from jixiao.ingest import evaluation_file as ef

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schemas" / "evaluation.schema.json").read_text(encoding="utf-8"))


def test_schema_is_valid_and_accepts_the_examples():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("format") == ef.FORMAT:
            jsonschema.validate(data, SCHEMA)


def test_schema_and_loader_know_the_same_keys():
    assert set(SCHEMA["properties"]) == ef.TOP_LEVEL_KEYS
    assert set(SCHEMA["properties"]["narrative"]["properties"]) == set(ef.NARRATIVE_KEYS)
    assert set(SCHEMA["$defs"]["indicator"]["properties"]) == ef._INDICATOR_KEYS
    assert set(SCHEMA["$defs"]["fundRow"]["properties"]) == ef._ROW_KEYS
    assert set(SCHEMA["properties"]["project"]["properties"]) == ef._PROJECT_KEYS


def test_schema_rejects_what_the_loader_rejects():
    bad = {"format": ef.FORMAT, "project": {"name": "p", "department": "d", "unit": "u",
           "fiscal_year": 2022}, "funds": {"total": {"full_year_budget": -1, "executed": 1}},
           "indicators": [{"category": "产出指标", "name": "n", "operator": ">=", "target": 1,
                           "weight": 1}]}
    assert not jsonschema.Draft202012Validator(SCHEMA).is_valid(bad)
