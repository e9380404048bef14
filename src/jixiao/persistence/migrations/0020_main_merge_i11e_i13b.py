# ruff: noqa: RUF012  (Django migration class attributes)
"""Merge of the stored 复核 columns (i11e) and the publication order index (i13b)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("persistence", "0019_i11e_result_review"),
        ("persistence", "0019_i13b_publication_order"),
    ]

    operations = []
