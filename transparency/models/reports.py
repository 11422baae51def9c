"""Progress reports built for OGP staff (files under MEDIA_ROOT/reports/).

A row is created when staff ask for a report; the Celery task
(transparency.reports.tasks.build_progress_report) fills in the file and marks it ready or
failed. Files are served only by the staff download view, never from MEDIA_URL.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.models import TimeStampedModel

__all__ = ["GeneratedReport", "GeneratedReportQuerySet"]


class GeneratedReportQuerySet(models.QuerySet):
    def recent(self, limit: int = 20):
        return self.select_related("plan", "requested_by").order_by("-created_at", "-pk")[:limit]

    def ready(self):
        return self.filter(status=GeneratedReport.Status.READY)

    def pending(self):
        return self.filter(status=GeneratedReport.Status.PENDING)


class GeneratedReport(TimeStampedModel):
    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        PDF = "pdf", "PDF"

    class Status(models.TextChoices):
        PENDING = "pending", _("being built")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    plan = models.ForeignKey(
        "transparency.ActionPlan",
        on_delete=models.CASCADE,
        related_name="generated_reports",
        verbose_name=_("plan"),
    )
    fmt = models.CharField(_("format"), max_length=5, choices=Format.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    file = models.FileField(_("file"), upload_to="reports/%Y/", blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    seconds = models.FloatField(_("build time (s)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = GeneratedReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("generated report")
        verbose_name_plural = _("generated reports")

    def __str__(self) -> str:
        return f"{self.plan} — {self.fmt.upper()} ({self.language})"

    def get_absolute_url(self) -> str:
        return reverse("transparency:report_download", kwargs={"pk": self.pk})

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and bool(self.file)

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    def download_name(self) -> str:
        """plan-slug_progress-report_ar_2026-11-27.pdf (ASCII only, safe in a header)."""
        day = timezone.localdate(self.finished_at or self.created_at or timezone.now())
        return f"{self.plan.slug}_progress-report_{self.language}_{day:%Y-%m-%d}.{self.fmt}"


@receiver(post_delete, sender=GeneratedReport, dispatch_uid="generated_report_delete_file")
def _delete_report_file(sender, instance, **kwargs):
    # Also on queryset and cascade deletes (a plan deleted), once the deletion is committed.
    if instance.file:
        file = instance.file
        transaction.on_commit(lambda: file.delete(save=False))
