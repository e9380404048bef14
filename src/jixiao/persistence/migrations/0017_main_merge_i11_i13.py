# ruff: noqa: RUF012  (Django migration class attributes)
"""Merge of issue 11's migrations (disclosure … notifications) with issue 13's (jobs, list indexes)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("persistence", "0012_i13_merge"),
        ("persistence", "0016_i11_merge_main"),
    ]

    operations = []
