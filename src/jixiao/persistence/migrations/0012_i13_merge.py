# Merge of i13's stored results / jobs migrations with main's (i9a version, i9b audit chain).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = (
        ("persistence", "0011_i13_list_indexes"),
        ("persistence", "0011_main_merge_i9a_i9b"),
    )
    operations = ()
