"""Asking for a progress report and building its file.

``request_report`` records the request (status "being built") and queues the Celery task
after the transaction commits; ``build_report_file`` renders the file into
MEDIA_ROOT/reports/<year>/ and marks the report ready, or failed with the error.
"""

import logging
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from transparency.models import ActionPlan, GeneratedReport

from .builder import build_report_data

logger = logging.getLogger(__name__)

FORMATS = GeneratedReport.Format.values
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def render_report(data, fmt: str) -> bytes:
    if fmt == GeneratedReport.Format.CSV:
        from .xlsx import render_csv

        return render_csv(data)
    if fmt == GeneratedReport.Format.XLSX:
        from .xlsx import render_xlsx

        return render_xlsx(data)
    if fmt == GeneratedReport.Format.PDF:
        from .pdf import render_pdf

        return render_pdf(data)
    raise ValueError(f"Unknown report format: {fmt!r}")


def _check(fmt: str, language: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"Unknown report format: {fmt!r}")
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language: {language!r}")


@transaction.atomic
def request_report(plan: ActionPlan, *, fmt: str, language: str, actor) -> GeneratedReport:
    """Record the request and build the file in the background (at once when Celery is eager)."""
    _check(fmt, language)
    report = GeneratedReport.objects.create(
        plan=plan, fmt=fmt, language=language, requested_by=actor
    )
    from .tasks import build_progress_report

    transaction.on_commit(
        lambda: build_progress_report.delay(
            plan.pk, fmt, language, actor.pk if actor else None, report_id=report.pk
        )
    )
    return report


def build_report_file(report: GeneratedReport) -> GeneratedReport:
    """Render the report's file and store it; a failure is recorded on the report, not raised."""
    started = time.perf_counter()
    try:
        _check(report.fmt, report.language)
        data = build_report_data(report.plan, language=report.language)
        content = render_report(data, report.fmt)
    except Exception as error:  # recorded for staff to see; the log keeps the traceback
        logger.exception("Progress report %s failed", report.pk)
        report.status = GeneratedReport.Status.FAILED
        report.error = f"{type(error).__name__}: {error}"[:2000]
        report.finished_at = timezone.now()
        report.seconds = round(time.perf_counter() - started, 3)
        report.save(update_fields=["status", "error", "finished_at", "seconds", "updated_at"])
        return report
    name = f"{report.plan.slug}-{report.language}-{report.pk}.{report.fmt}"
    report.file.save(name, ContentFile(content), save=False)
    report.size = len(content)
    report.status = GeneratedReport.Status.READY
    report.error = ""
    report.finished_at = timezone.now()
    report.seconds = round(time.perf_counter() - started, 3)
    report.save(
        update_fields=["file", "size", "status", "error", "finished_at", "seconds", "updated_at"]
    )
    return report
