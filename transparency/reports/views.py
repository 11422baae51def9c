"""The staff page of progress reports: ask for a CSV, XLSX or PDF, download it when ready."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ogp_portal.core.exports import XLSX_CONTENT_TYPE
from transparency.models import ActionPlan, GeneratedReport

from . import services
from .forms import ReportRequestForm
from .permissions import reports_staff_required

CONTENT_TYPES = {
    GeneratedReport.Format.CSV: "text/csv; charset=utf-8",
    GeneratedReport.Format.XLSX: XLSX_CONTENT_TYPE,
    GeneratedReport.Format.PDF: "application/pdf",
}
# Language names as the languages write them (the buttons are read by people of each language).
LANGUAGE_NAMES = {"ar": "العربية", "fr": "Français", "en": "English"}
RECENT = 20


def _languages():
    return [
        {"code": code, "name": LANGUAGE_NAMES.get(code, str(name))}
        for code, name in settings.LANGUAGES
    ]


def _recent_context():
    reports = list(GeneratedReport.objects.recent(RECENT))
    return {"reports": reports, "polling": any(r.is_pending for r in reports)}


@reports_staff_required
def report_index(request, form=None, status=200):
    plans = ActionPlan.objects.annotate(commitment_count=Count("commitments")).order_by(
        "-start_year", "pk"
    )
    context = {
        "plans": plans,
        "formats": GeneratedReport.Format.choices,
        "languages": _languages(),
        "form": form,
        **_recent_context(),
    }
    return render(request, "transparency/reports/index.html", context, status=status)


@require_POST
@reports_staff_required
def report_build(request):
    form = ReportRequestForm(request.POST)
    if not form.is_valid():
        return report_index(request, form=form, status=400)
    report = services.request_report(
        form.cleaned_data["plan"],
        fmt=form.cleaned_data["fmt"],
        language=form.cleaned_data["language"],
        actor=request.user,
    )
    report.refresh_from_db()
    if report.is_ready:
        messages.success(request, _("The report is ready: download it from the list below."))
    elif report.status == GeneratedReport.Status.FAILED:
        messages.error(request, _("The report could not be built. The error is in the list below."))
    else:
        messages.info(request, _("The report is being built; this page shows it when it is ready."))
    return redirect("transparency:report_index")


@reports_staff_required
def report_recent(request):
    return render(request, "transparency/reports/_recent.html", _recent_context())


@reports_staff_required
def report_download(request, pk):
    report = get_object_or_404(
        GeneratedReport.objects.select_related("plan"), pk=pk, status=GeneratedReport.Status.READY
    )
    if not report.file:
        raise Http404
    try:
        handle = report.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=report.download_name(),
        content_type=CONTENT_TYPES[report.fmt],
    )
    response["Cache-Control"] = "private, no-store"
    return response
