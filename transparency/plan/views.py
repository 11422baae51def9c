"""Public pages of the action plan and co-creation.

No email, phone or full name of a participant is shown: comment and idea authors appear
as initials. Every form re-renders with errors; services raise, views translate.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ogp_portal.core import links
from ogp_portal.core.caching import anonymous_page_cache
from ogp_portal.core.exports import csv_response
from ogp_portal.core.forms import ReportForm
from ogp_portal.core.timeline import events_for
from ogp_portal.core.uploads import attachment_response
from transparency.actors import label_roles
from transparency.coeval.events import describe_events
from transparency.models import (
    ActionPlan,
    Comment,
    Consultation,
    Idea,
    IdeaSupport,
    Milestone,
    MilestoneEvidence,
    PlanDocument,
    ProgressUpdate,
)

from . import imports, services
from . import links as plan_links
from .filters import CommitmentFilter
from .forms import CommentForm, IdeaForm, ReplyForm
from .progress import plan_progress
from .stats import co_creation

PAGE_SIZE = 20

EVENT_LABELS = {
    "milestone_progress": gettext_lazy("Milestone progress recorded"),
    "update_published": gettext_lazy("Progress update published"),
    "idea_decided": gettext_lazy("Idea answered"),
    "idea_proposed": gettext_lazy("Idea proposed"),
    "assessment_contested": gettext_lazy("Contested by the public assessment"),
    "assessment_replied": gettext_lazy("The lead administration replied to the public assessment"),
    "assessment_reply_updated": gettext_lazy("The lead administration updated its reply"),
    **links.EVENT_LABELS,
}
STATUS_LABELS = {
    **dict(Milestone.Status.choices),
    **dict(Idea.Status.choices),
    **dict(ProgressUpdate.Status.choices),
}


def _labelled(events):
    """kind_label / from_label / to_label, the actor's role and the co-evaluation's notes in
    the page's language."""
    events = describe_events(label_roles(events))
    for event in events:
        event.kind_label = EVENT_LABELS.get(event.kind, "")
        event.from_label = STATUS_LABELS.get(event.from_status, "")
        event.to_label = STATUS_LABELS.get(event.to_status, "")
    return events


def _public_plans():
    return ActionPlan.objects.exclude(status=ActionPlan.Status.DRAFT)


def _get_plan(slug):
    return get_object_or_404(_public_plans(), slug=slug)


def _form_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


@anonymous_page_cache
def plan_list(request):
    plans = list(_public_plans().annotate(n_commitments=Count("commitments")))
    for plan in plans:
        plan.rollup = plan_progress(plan)
    return render(request, "transparency/plan/plan_list.html", {"plans": plans})


@anonymous_page_cache
def plan_detail(request, slug):
    plan = _get_plan(slug)
    if request.GET.get("format") == "csv":
        return plan_progress_csv(request, slug)
    rollup = plan_progress(plan)
    theme_chart = [(str(t.theme or _("Other")), t.progress) for t in rollup.themes]
    commitment_chart = [
        (f"{r.commitment.number}. {r.commitment.title}"[:70], r.progress)
        for r in rollup.commitments
    ]
    return render(
        request,
        "transparency/plan/plan_detail.html",
        {
            "plan": plan,
            "rollup": rollup,
            "theme_chart": theme_chart,
            "commitment_chart": commitment_chart,
            "co_creation": co_creation(plan),
            "consultations": plan.consultations.all(),
            "documents": plan.documents.all(),
            "updates": ProgressUpdate.objects.published()
            .filter(commitment__plan=plan)
            .select_related("commitment")
            .order_by("-published_at")[:5],
        },
    )


def plan_document(request, slug, pk):
    """A document of a public plan, as a download (404 for a draft plan's)."""
    document = get_object_or_404(
        PlanDocument.objects.filter(plan__in=_public_plans()).exclude(file=""),
        plan__slug=slug,
        pk=pk,
    )
    return attachment_response(document.file, download_name=document.title)


def milestone_evidence(request, pk):
    """A milestone's evidence file, as a download, while its plan is public."""
    evidence = get_object_or_404(
        MilestoneEvidence.objects.filter(milestone__commitment__plan__in=_public_plans()).exclude(
            file=""
        ),
        pk=pk,
    )
    return attachment_response(evidence.file, download_name=evidence.title)


def plan_progress_csv(request, slug):
    plan = _get_plan(slug)
    milestones = Milestone.objects.filter(commitment__plan=plan)
    return csv_response(
        f"milestone-progress-{plan.slug}.csv", imports.COLUMNS, imports.export_rows(milestones)
    )


@anonymous_page_cache
def commitment_list(request, slug):
    plan = _get_plan(slug)
    queryset = plan.commitments.select_related("theme", "lead_administration")
    filterset = CommitmentFilter(request.GET or None, queryset=queryset, plan=plan)
    commitments = filterset.qs if filterset.is_valid() else queryset
    rollup = plan_progress(plan, commitments=commitments)
    if request.GET.get("format") == "csv":
        headers = [
            "number",
            "ogp_id",
            "title",
            "theme",
            "lead_administration",
            "progress",
            "off_track",
        ]
        rows = [
            [
                r.commitment.number,
                r.commitment.ogp_id,
                r.commitment.title,
                str(r.commitment.theme or ""),
                str(r.commitment.lead_administration),
                r.progress,
                "yes" if r.off_track else "no",
            ]
            for r in rollup.commitments
        ]
        return csv_response(f"commitments-{plan.slug}.csv", headers, rows)
    page = Paginator(rollup.commitments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "transparency/plan/commitment_list.html",
        {
            "plan": plan,
            "filter": filterset,
            "page_obj": page,
            "query": request.GET.get("q", ""),
        },
    )


def _comments(commitment):
    replies = Comment.objects.visible().select_related("author")
    return (
        commitment.comments.visible()
        .filter(parent=None)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
    )


@anonymous_page_cache
def commitment_detail(request, slug, number, comment_form=None, reply_form=None, status=200):
    plan = _get_plan(slug)
    commitment = get_object_or_404(
        plan.commitments.select_related(
            "theme",
            "lead_administration",
            "irm_potential",
            "irm_completion",
            "irm_early_results",
        ).prefetch_related("ogp_values", "partners"),
        number=number,
    )
    milestones = commitment.milestones.prefetch_related("evidence")
    today = timezone.localdate()
    for milestone in milestones:
        milestone.late = milestone.is_late(today)
    comments = list(_comments(commitment))
    stances = dict(
        commitment.comments.visible().values_list("stance").annotate(n=Count("id")).order_by()
    )
    return render(
        request,
        "transparency/plan/commitment_detail.html",
        {
            "plan": plan,
            "commitment": commitment,
            "milestones": milestones,
            "progress": commitment.progress,
            "off_track": any(m.late for m in milestones),
            "events": _labelled(events_for(commitment).order_by("created_at")),
            "updates": commitment.updates.published().order_by("-published_at"),
            "comments": comments,
            "stances": [(label, stances.get(value, 0)) for value, label in Comment.Stance.choices],
            "comment_form": comment_form or CommentForm(),
            "reply_form": reply_form,
            "report_form": ReportForm(),
            "merged_ideas": commitment.merged_ideas.visible(),
        },
        status=status,
    )


@login_required
@require_POST
def commitment_comment(request, slug, number):
    plan = _get_plan(slug)
    commitment = get_object_or_404(plan.commitments, number=number)
    is_reply = bool(request.POST.get("parent"))
    form = (ReplyForm if is_reply else CommentForm)(request.POST)
    if form.is_valid():
        parent = None
        if form.cleaned_data.get("parent"):
            parent = commitment.comments.visible().filter(pk=form.cleaned_data["parent"]).first()
            if parent is None:
                return HttpResponseBadRequest(_("The comment you reply to does not exist."))
        try:
            comment = services.post_comment(
                commitment,
                actor=request.user,
                text=form.cleaned_data["text"],
                stance=form.cleaned_data["stance"],
                parent=parent,
            )
        except PermissionDenied:
            raise
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Your comment is published."))
            return redirect(comment.get_absolute_url())
    kwargs = {"reply_form": form} if is_reply else {"comment_form": form}
    return commitment_detail(request, slug, number, status=400, **kwargs)


def _consultation_context(request, consultation, form=None):
    ideas = consultation.ideas.visible().select_related("author", "theme", "merged_into__plan")
    ideas = ideas.annotate(n_supports=Count("supports"))
    if request.user.is_authenticated:
        ideas = ideas.annotate(
            supported=Exists(IdeaSupport.objects.filter(idea=OuterRef("pk"), user=request.user))
        )
    status = request.GET.get("status", "")
    if status in Idea.Status.values:
        ideas = ideas.filter(status=status)
    counts = dict(
        consultation.ideas.visible().values_list("status").annotate(n=Count("id")).order_by()
    )
    page = Paginator(ideas.order_by("-n_supports", "-created_at"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = list(page.object_list)
    about = links.linked_from_many(page.object_list, plan_links.COMMITMENT)
    for idea in page.object_list:
        idea.about_commitments = about.get(str(idea.pk), [])
    return {
        "consultation": consultation,
        "plan": consultation.plan,
        "is_open": consultation.is_open(),
        "page_obj": page,
        "status": status,
        "status_counts": [
            (value, label, counts.get(value, 0)) for value, label in Idea.Status.choices
        ],
        "form": form or IdeaForm(plan=consultation.plan),
        "report_form": ReportForm(),
    }


def consultation_list(request):
    consultations = Consultation.objects.filter(plan__in=_public_plans()).select_related("plan")
    consultations = consultations.annotate(n_ideas=Count("ideas", filter=Q(ideas__is_hidden=False)))
    return render(
        request, "transparency/plan/consultation_list.html", {"consultations": consultations}
    )


@anonymous_page_cache
def consultation_detail(request, slug):
    consultation = get_object_or_404(
        Consultation.objects.filter(plan__in=_public_plans()).select_related("plan"), slug=slug
    )
    return render(
        request,
        "transparency/plan/consultation_detail.html",
        _consultation_context(request, consultation),
    )


@login_required
@require_POST
def idea_propose(request, slug):
    consultation = get_object_or_404(
        Consultation.objects.filter(plan__in=_public_plans()), slug=slug
    )
    form = IdeaForm(request.POST, plan=consultation.plan)
    if form.is_valid():
        try:
            idea = services.propose_idea(
                consultation,
                actor=request.user,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                theme=form.cleaned_data["theme"],
                commitment=form.cleaned_data.get("commitment"),
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Thank you: your idea is published and will be answered."))
            return redirect(idea.get_absolute_url())
    return render(
        request,
        "transparency/plan/consultation_detail.html",
        _consultation_context(request, consultation, form),
        status=400,
    )


@login_required
@require_POST
def idea_support(request, pk):
    idea = get_object_or_404(
        Idea.objects.visible().filter(consultation__plan__in=_public_plans()), pk=pk
    )
    withdraw = request.POST.get("action") == "withdraw"
    try:
        if withdraw:
            services.unsupport_idea(idea, actor=request.user)
            messages.success(request, _("Your support is withdrawn."))
        else:
            services.support_idea(idea, actor=request.user)
            messages.success(request, _("Thank you for your support."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(idea.get_absolute_url())
