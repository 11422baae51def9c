"""Background work of the progress reports: building the files (PDF takes seconds)."""

from celery import shared_task

__all__ = ["build_progress_report"]


@shared_task
def build_progress_report(
    plan_id: int,
    fmt: str,
    language: str,
    requested_by_id: int | None = None,
    *,
    report_id: int | None = None,
) -> int:
    """Build a report's file; fills the GeneratedReport report_id, or a new one. Returns its pk."""
    from transparency.models import GeneratedReport

    from .services import build_report_file

    if report_id is not None:
        report = GeneratedReport.objects.select_related("plan").get(pk=report_id)
    else:
        report = GeneratedReport.objects.create(
            plan_id=plan_id, fmt=fmt, language=language, requested_by_id=requested_by_id
        )
    return build_report_file(report).pk
