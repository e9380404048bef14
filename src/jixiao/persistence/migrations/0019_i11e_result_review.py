# ruff: noqa: RUF012  (Django migration class attributes)
"""Stored results carry the latest 复核 (total and grade), so 结果应用 filters and sorts by
the treatment without a subquery per row; filled from the reviews already recorded."""

from django.db import migrations, models


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    review_model = apps.get_model("persistence", "Review")
    result_model = apps.get_model("persistence", "EvaluationResult")
    latest = {}
    for project_id, total, grade in (review_model.objects.order_by("reviewed_at", "id")
                                     .values_list("item__project_id", "review_total",
                                                  "review_grade")):
        latest[project_id] = (total, grade)
    for project_id, (total, grade) in latest.items():
        result_model.objects.filter(project_id=project_id).update(review_total=total,
                                                                  review_grade=grade)


class Migration(migrations.Migration):
    dependencies = [
        ("persistence", "0018_main_merge_i11d"),
    ]

    operations = [
        migrations.AddField(
            model_name="evaluationresult", name="review_total",
            field=models.DecimalField(decimal_places=2, max_digits=6, null=True,
                                      verbose_name="复核得分")),
        migrations.AddField(
            model_name="evaluationresult", name="review_grade",
            field=models.CharField(blank=True, default="", max_length=10,
                                   verbose_name="复核等级")),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
