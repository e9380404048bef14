# ruff: noqa: RUF012  (Django migration)
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("persistence", "0014_i11_target_changes"),
    ]

    operations = [
        migrations.AddField(
            model_name="evaluationresult",
            name="monitoring_light",
            field=models.CharField(blank=True, default="", max_length=12, verbose_name="监控预警"),
        ),
    ]
