# ruff: noqa: RUF012  (Django migration class attributes)
"""Merge of the dashboards' stored monitoring light with main (issues 9, 11, 13)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("persistence", "0016_i11d_merge"),
        ("persistence", "0017_main_merge_i11_i13"),
    ]

    operations = []
