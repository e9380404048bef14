# ruff: noqa: RUF012  (Django migration)
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("persistence", "0015_i11_notifications"),
        ("persistence", "0015_i11d_monitoring_light"),
    ]

    operations = []
