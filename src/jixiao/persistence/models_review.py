"""ORM models of 抽查 (spot checks), 复核 (re-scoring) and 重点评价 (in-depth evaluation)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

__all__ = ["KeyEvaluation", "Review", "ReviewScore", "SpotCheck", "SpotCheckItem"]


class SpotCheck(models.Model):
    """A recorded random sample of one fiscal year's accepted evaluations (抽查). The seed
    and the population are stored so anyone can draw the same sample again."""

    finance = models.ForeignKey("persistence.Organisation", on_delete=models.PROTECT,
                                related_name="+")
    fiscal_year = models.PositiveIntegerField("年度")
    size = models.PositiveIntegerField("抽查数量")
    seed = models.CharField("随机种子", max_length=100)
    population = models.JSONField("总体（项目编号）", default=list)
    allocation = models.JSONField("分层分配", default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("-created_at", "-id")


class SpotCheckItem(models.Model):
    """One sampled project of a spot check, with its stratum (department · amount band)."""

    spot_check = models.ForeignKey(SpotCheck, on_delete=models.CASCADE, related_name="items")
    project = models.ForeignKey("persistence.Project", on_delete=models.PROTECT,
                                related_name="spot_check_items")
    stratum = models.CharField("层", max_length=250)

    class Meta:
        ordering = ("id",)
        constraints = (models.UniqueConstraint(fields=("spot_check", "project"),
                                               name="spot_check_project"),)


class Review(models.Model):
    """复核 of a sampled evaluation: the re-scored total beside the self-score, and flags."""

    item = models.OneToOneField(SpotCheckItem, on_delete=models.CASCADE, related_name="review")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    reviewed_at = models.DateTimeField()
    self_total = models.DecimalField(max_digits=6, decimal_places=2)
    review_total = models.DecimalField(max_digits=6, decimal_places=2)
    self_grade = models.CharField(max_length=10)
    review_grade = models.CharField(max_length=10)
    flags = models.JSONField(default=list)
    #: SHA-256 of the evaluation that was re-scored.
    snapshot_sha256 = models.CharField(max_length=64)


class ReviewScore(models.Model):
    """复核得分 of one indicator, beside its self-score, with the reviewer's reason."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    indicator_index = models.PositiveIntegerField()
    indicator_name = models.CharField(max_length=300)
    weight = models.DecimalField(max_digits=6, decimal_places=2)
    self_score = models.DecimalField(max_digits=6, decimal_places=2)
    review_score = models.DecimalField(max_digits=6, decimal_places=2)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ("indicator_index",)
        constraints = (models.UniqueConstraint(fields=("review", "indicator_index"),
                                               name="review_indicator"),)


class KeyEvaluation(models.Model):
    """重点评价: a project assigned to a named evaluator (in-house or third party) with a
    deadline."""

    class Kind(models.TextChoices):
        IN_HOUSE = "in_house", "财政内部"
        THIRD_PARTY = "third_party", "第三方机构"

    class Status(models.TextChoices):
        ASSIGNED = "assigned", "已委托"
        DONE = "done", "已完成"

    project = models.ForeignKey("persistence.Project", on_delete=models.PROTECT,
                                related_name="key_evaluations")
    evaluator = models.CharField("评价人/机构", max_length=200)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    deadline = models.DateField("完成期限")
    status = models.CharField("状态", max_length=20, choices=Status.choices,
                              default=Status.ASSIGNED)
    note = models.TextField("说明", blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    assigned_at = models.DateTimeField()

    class Meta:
        ordering = ("deadline", "id")
