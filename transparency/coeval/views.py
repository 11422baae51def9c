"""Public pages of the co-evaluation.

A commitment's assessments page (three views, the assessments, the lead administration's
reply), the assessment form, the reply (lead administration), evidence files (served only
while the assessment is visible) and a person's organisation requests. No email anywhere;
names only as each person chose. Services raise, views translate into form errors.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ogp_portal.core.caching import anonymous_page_cache
from ogp_portal.core.forms import ReportForm
from ogp_portal.core.uploads import attachment_response
from transparency.models import (
    ActionPlan,
    Assessment,
    AssessmentEvidence,
    AssessmentWindow,
    OrganisationMembership,
)

from . import permissions, services
from .aggregates import commitment_views, current_window
from .forms import AssessmentForm, OrganisationRequestForm, ReplyForm, WhoFilterForm

PAGE_SIZE = 20


def _form_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _commitment(slug, number):
    plan = get_object_or_404(ActionPlan.objects.exclude(status=ActionPlan.Status.DRAFT), slug=slug)
    commitment = get_object_or_404(
        plan.commitments.select_related(
            "plan", "lead_administration", "irm_completion", "irm_early_results"
        ),
        number=number,
    )
    return plan, commitment


def _window_from(request, plan):
    """?window=<id> among the plan's windows that have opened; else the current one."""
    value = request.GET.get("window") or request.POST.get("window") or ""
    if value.isdigit():
        window = AssessmentWindow.objects.started().filter(plan=plan, pk=value).first()
        if window is not None:
            return window
    return current_window(plan)


def _own_assessment(user, window, commitment):
    if not user.is_authenticated or window is None:
        return None
    return (
        Assessment.objects.filter(window=window, commitment=commitment, author=user)
        .select_related("completion", "early_results", "organisation")
        .prefetch_related("evidence")
        .first()
    )


@anonymous_page_cache
def commitment_assessments(request, slug, number, reply_form=None, status=200):
    plan, commitment = _commitment(slug, number)
    window = _window_from(request, plan)
    views = commitment_views(commitment, window)
    who_form = WhoFilterForm(request.GET or None)
    who = who_form.cleaned_data["who"] if who_form.is_valid() else ""
    assessments = Assessment.objects.none()
    if window is not None:
        assessments = (
            Assessment.objects.visible()
            .filter(window=window, commitment=commitment)
            .select_related("author", "completion", "early_results", "organisation")
            .prefetch_related("evidence")
            .order_by("-created_at", "pk")
        )
        if who == "individuals":
            assessments = assessments.by_individuals()
        elif who == "organisations":
            assessments = assessments.by_organisations()
    can_reply = window is not None and permissions.can_reply(request.user, commitment)
    if can_reply and reply_form is None:
        reply_form = ReplyForm(initial={"text": views.reply.text if views.reply else ""})
    return render(
        request,
        "transparency/coeval/commitment_assessments.html",
        {
            "plan": plan,
            "commitment": commitment,
            "window": window,
            "windows": AssessmentWindow.objects.started().filter(plan=plan).order_by("-opens_at"),
            "coeval": views,
            "who": who,
            "who_form": who_form if who_form.is_bound else WhoFilterForm(),
            "page_obj": Paginator(assessments, PAGE_SIZE).get_page(request.GET.get("page")),
            "own": _own_assessment(request.user, window, commitment),
            "can_reply": can_reply,
            "reply_form": reply_form if can_reply else None,
            "report_form": ReportForm(),
        },
        status=status,
    )


@login_required
def assess(request, slug, number):
    """Write or edit one's assessment while a window is open; read-only once it closed."""
    plan, commitment = _commitment(slug, number)
    open_window = AssessmentWindow.objects.open().filter(plan=plan).order_by("-opens_at").first()
    window = open_window or current_window(plan)
    own = _own_assessment(request.user, window, commitment)
    context = {
        "plan": plan,
        "commitment": commitment,
        "window": window,
        "own": own,
        "is_open": open_window is not None,
    }
    if open_window is None:
        if request.method == "POST":
            messages.error(
                request,
                _(
                    "The assessment window is closed: assessments can no longer be written or changed."
                ),
            )
        return render(
            request,
            "transparency/coeval/assess.html",
            context,
            status=400 if request.method == "POST" else 200,
        )
    organisations = permissions.organisations_spoken_for(request.user)
    initial = {}
    if own is not None:
        initial = {
            "completion": own.completion_id,
            "early_results": own.early_results_id,
            "justification": own.justification,
            "links": "\n".join(e.url for e in own.evidence.all() if e.url),
            "organisation": own.organisation_id,
            "name_display": own.name_display,
        }
    form = AssessmentForm(
        request.POST or None,
        request.FILES or None,
        organisations=organisations,
        editing=own is not None,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "actor": request.user,
            "completion": data["completion"],
            "early_results": data["early_results"],
            "justification": data["justification"],
            "name_display": data["name_display"],
            "organisation": data.get("organisation"),
            "links": data["links"],
            "files": data["files"],
        }
        try:
            if own is None:
                assessment = services.submit_assessment(commitment, window=open_window, **common)
            else:
                assessment = services.update_assessment(
                    own, remove_files=data.get("remove_files", False), **common
                )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Your assessment is saved.")
                if own
                else _("Thank you: your assessment is published."),
            )
            return redirect(assessment.get_absolute_url())
    return render(
        request,
        "transparency/coeval/assess.html",
        {**context, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def reply(request, slug, number):
    plan, commitment = _commitment(slug, number)
    if not permissions.can_reply(request.user, commitment):
        raise PermissionDenied
    window = _window_from(request, plan)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_to_assessments(
                commitment, actor=request.user, window=window, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Your reply is published beside the assessments."))
            url = reverse("transparency:coeval_commitment", kwargs={"slug": slug, "number": number})
            return redirect(f"{url}?window={window.pk}#reply")
    return commitment_assessments(request, slug, number, reply_form=form, status=400)


def evidence_file(request, pk):
    """An evidence file, only while its assessment is visible and its plan public."""
    evidence = get_object_or_404(
        AssessmentEvidence.objects.select_related("assessment__commitment__plan").exclude(file=""),
        pk=pk,
        assessment__is_hidden=False,
    )
    if not evidence.assessment.commitment.plan.is_public:
        raise Http404
    return attachment_response(
        evidence.file, download_name=f"evidence-{evidence.pk}", content_type=evidence.content_type
    )


@login_required
def organisations(request):
    """A person's requests to speak for organisations, and the form to ask."""
    form = OrganisationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_organisation(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request, _("Your request is sent: OGP staff will verify it and tell you.")
            )
            return redirect(request.path)
    memberships = OrganisationMembership.objects.filter(user=request.user).select_related(
        "organisation"
    )
    return render(
        request,
        "transparency/coeval/organisations.html",
        {"form": form, "memberships": memberships},
        status=400 if request.method == "POST" else 200,
    )
