"""Data migration: the default indicator library (jixiao.persistence.library_seed)."""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    from jixiao.persistence.library_seed import seed_library

    seed_library(apps.get_model("persistence", "LibraryIndicator"))


class Migration(migrations.Migration):
    dependencies = (("persistence", "0003_indicator_library"),)
    operations = (migrations.RunPython(forwards, migrations.RunPython.noop),)
