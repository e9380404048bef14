"""The JSON Schemas describe the lease format and the monitoring/ledger extension."""

from __future__ import annotations

import json

import jsonschema
import yaml

from funds.support import EXAMPLES, REPO

LEASE = json.loads((REPO / "schemas" / "lease.schema.json").read_text(encoding="utf-8"))
EVALUATION = json.loads((REPO / "schemas" / "evaluation.schema.json").read_text(encoding="utf-8"))


def _load(name: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_lease_schema_accepts_the_example_and_rejects_bad_shares() -> None:
    jsonschema.Draft202012Validator.check_schema(LEASE)
    data = _load("baoshan-2022-lease.yaml")
    jsonschema.validate(data, LEASE)
    data["spaces"][0]["shares"]["市级"] = 50  # a bare 50 is not a share (write 50%)
    assert not jsonschema.Draft202012Validator(LEASE).is_valid(data)


def test_evaluation_schema_documents_monitoring_and_ledger() -> None:
    validator = jsonschema.Draft202012Validator(EVALUATION)
    for name in ("baoshan-2022-monitoring.yaml", "demo-2022-monitoring-behind.yaml"):
        data = _load(name)
        validator.validate(data)
    data = _load("demo-2022-monitoring-behind.yaml")
    data["monitoring"]["snapshots"][0]["indicators"][0]["completion"] = "也许"
    assert not validator.is_valid(data)
    del data["monitoring"]["snapshots"][0]["as_of"]
    assert not validator.is_valid(data)
    data = _load("baoshan-2022-monitoring.yaml")
    data["ledger"]["lines"][0]["colour"] = "red"
    assert not validator.is_valid(data)
