"""ORM models of the disclosure portal (信息公开): the rendered files of a publication."""

from __future__ import annotations

from django.db import models

__all__ = ["PublicationFile"]


class PublicationFile(models.Model):
    """A document rendered from a publication's snapshot when it was published (自评报告 or
    自评表 PDF), stored with its SHA-256 so a citizen's copy can be verified. Never changed."""

    class Kind(models.TextChoices):
        REPORT = "report", "自评报告"
        TABLE = "table", "自评表"

    report = models.ForeignKey("persistence.PublishedReport", on_delete=models.PROTECT,
                               related_name="files")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    content_type = models.CharField(max_length=100, default="application/pdf")
    data = models.BinaryField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("report", "kind"), name="publication_file_kind"),
        )
