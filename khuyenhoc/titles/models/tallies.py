"""Counts of registrations kept in step with them, for dashboards and programme indicators."""

from django.db import models

from khuyenhoc.core.fields import PathField
from khuyenhoc.titles.models.criteria import Title
from khuyenhoc.titles.models.registrations import Status


class TitleTally(models.Model):
    """Counts of registrations by year, title, status, managing path and commune, kept by the services in
    the same transaction as the registrations they count: dashboards and programme indicators read these
    rows (a few per unit), never the registrations (tens of millions). `khuyenhoc rebuild_tallies`
    recounts them from the registrations; a test checks that both agree."""

    year = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=16, choices=Title.choices)
    status = models.CharField(max_length=16, choices=Status.choices)
    org_path = PathField()
    province_code = models.CharField(max_length=2, blank=True)
    commune_code = models.CharField(max_length=5, blank=True)
    count = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["year", "title", "status", "org_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "title", "status", "org_path", "commune_code"],
                name="titletally_key",
            )
        ]
        indexes = [
            models.Index(
                fields=["province_code", "year", "title", "status", "commune_code"],
                name="titletally_place",
            ),
            models.Index(fields=["org_path", "year", "title", "status"], name="titletally_scope"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.title} {self.status}: {self.count}"
