# ruff: noqa: RUF012
"""Merge of the two branches of issue 9 (project version; audit chain and accounts)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("persistence", "0009_i9a_project_version"),
        ("persistence", "0010_i9b_accounts"),
    ]

    operations = []
