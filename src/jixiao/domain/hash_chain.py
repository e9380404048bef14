"""The audit log's hash chain as pure data: the canonical serialisation of an event and its
SHA-256. Services write and verify the chain with it; the migration that chained the events
written before the chain existed uses the same definition (so it sits below both)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

__all__ = ["CHAINED_FIELDS", "GENESIS", "canonical", "event_hash"]

#: `prev_sha256` of the first event.
GENESIS = "0" * 64
#: Fields of an event as they enter its hash, in the canonical serialisation.
CHAINED_FIELDS = ("seq", "at", "actor", "kind", "target", "detail", "ip", "prev_sha256")


def _utc(at: datetime) -> str:
    # milliseconds: Django's serialisation (and so `jixiao backup`) keeps no more, and a
    # restored log must still verify
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def canonical(event: Any) -> bytes:
    """The bytes an event's hash is taken over: its `CHAINED_FIELDS` as a JSON object with
    sorted keys, no spaces, UTF-8, the time in UTC to the millisecond."""
    document = {name: getattr(event, name) for name in CHAINED_FIELDS}
    document["at"] = _utc(event.at)
    return json.dumps(document, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def event_hash(event: Any) -> str:
    """SHA-256 (hex) of `canonical(event)`."""
    return hashlib.sha256(canonical(event)).hexdigest()
