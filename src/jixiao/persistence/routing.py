"""Which database alias a read may use: the read replica (`JIXIAO_READ_DATABASE_URL`) for
reads that tolerate replication lag of a second (the public portal, list counts of
dashboards), the primary for everything else."""

from __future__ import annotations

from django.conf import settings


def read_alias() -> str:
    """"replica" when a read replica is configured, else "default"."""
    return str(getattr(settings, "READ_DATABASE", "default"))
