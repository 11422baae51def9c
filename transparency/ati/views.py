"""Public pages of access-to-information requests: register, request page, asking form,
"my requests" and the scorecard. The requester's identity is never rendered here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ogp_portal.core.caching import anonymous_page_cache
from ogp_portal.core.exports import csv_response
from ogp_portal.core.search import search
from ogp_portal.core.timeline import events_for
from ogp_portal.core.uploads import attachment_response
from ogp_portal.directory.models import Administration, Region
from transparency.models import AnswerAttachment, InformationRequest

from . import links as ati_links
from . import permissions, services, stats
from .filters import OUTCOME_CHOICES, RequestFilter
from .forms import AppealForm, ClarificationForm, RequestForm
from .presenters import label_events

PAGE_SIZE = 20
SIMILAR_LIMIT = 5


def _is_verified(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


@anonymous_page_cache
def request_list(request):
    filterset = RequestFilter(
        request.GET,
        queryset=InformationRequest.objects.public().select_related("administration"),
    )
    requests = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    if "search_rank" not in requests.query.annotations:
        requests = requests.order_by("-received_on", "-pk")
    if request.GET.get("format") == "csv":
        headers = [
            _("Reference"),
            _("Administration"),
            _("Subject"),
            _("Status"),
            _("Received on"),
            _("Due date"),
            _("Answered on"),
        ]
        rows = (
            [
                r.reference,
                r.administration.name,
                r.subject,
                r.get_status_display(),
                r.received_on,
                r.due_date,
                r.answered_on or "",
            ]
            for r in requests
        )
        return csv_response("information-requests.csv", headers, rows)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    years = range(timezone.localdate().year, 2019, -1)
    return render(
        request,
        "transparency/ati/request_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "statuses": InformationRequest.Status.choices,
            "outcomes": OUTCOME_CHOICES,
            "years": years,
            "administrations": Administration.objects.active().order_by("name"),
            "today": timezone.localdate(),
        },
    )


def _load_readable(request, reference):
    obj = get_object_or_404(
        InformationRequest.objects.select_related(
            "administration", "transferred_from", "refusal_ground"
        ),
        reference=reference,
    )
    if not permissions.can_read_request(request.user, obj):
        raise Http404
    return obj


@anonymous_page_cache
def request_detail(request, reference):
    obj = _load_readable(request, reference)
    is_requester = permissions.is_requester(request.user, obj)
    today = timezone.localdate()
    context = {
        "req": obj,
        "deadline": obj.deadline(),
        "overdue": obj.is_overdue(today),
        "events": _label_link_events(label_events(events_for(obj))),
        "answers": obj.answers.prefetch_related("attachments"),
        "appeals": obj.appeals.all(),
        "is_requester": is_requester,
        "is_following": request.user.is_authenticated
        and obj.followers.filter(pk=request.user.pk).exists(),
        "can_appeal_head": is_requester and services.can_appeal_to_head(obj, today),
        "can_appeal_cdai": is_requester and services.can_appeal_to_cdai(obj, today),
        "can_clarify": is_requester
        and obj.status == InformationRequest.Status.CLARIFICATION_REQUESTED,
        "appeal_form": AppealForm(),
        "clarification_form": ClarificationForm(),
        "convertible": ati_links.is_convertible(obj),
        "can_ask_as_dataset": ati_links.can_ask_as_dataset(request.user, obj),
        "dataset_requests": ati_links.dataset_requests_of(obj),
    }
    if context["can_appeal_head"]:
        context["appeal_head_until"] = services.appeal_head_window(obj).due
    return render(request, "transparency/ati/request_detail.html", context)


def _label_link_events(events):
    for event in events:
        if event.kind in ati_links.EVENT_LABELS:
            event.kind_label = ati_links.EVENT_LABELS[event.kind]
    return events


@login_required
@require_POST
def request_as_dataset(request, reference):
    """ "Ask for this as an open dataset": a dataset request made from a refused request."""
    obj = _load_readable(request, reference)
    if not ati_links.is_convertible(obj):
        raise Http404
    if not ati_links.can_ask_as_dataset(request.user, obj):
        raise PermissionDenied
    try:
        dataset_request, created = ati_links.ask_as_dataset(obj, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(obj)
    if created:
        messages.success(
            request,
            _(
                "Your dataset request is filed: the administration will answer it on the open data pages."
            ),
        )
    else:
        messages.info(request, _("This request was already asked for as an open dataset."))
    return redirect(dataset_request.get_absolute_url())


def request_attachment(request, reference, pk):
    obj = _load_readable(request, reference)
    attachment = get_object_or_404(AnswerAttachment, pk=pk, answer__request=obj)
    return attachment_response(
        attachment.file, download_name=attachment.name, content_type=attachment.content_type
    )


@login_required
@require_POST
def request_follow(request, reference):
    obj = _load_readable(request, reference)
    if request.POST.get("unfollow"):
        services.unfollow(obj, actor=request.user)
        messages.success(request, _("You no longer follow this request."))
    else:
        services.follow(obj, actor=request.user)
        messages.success(request, _("You will receive an email at each step of this request."))
    return redirect(obj)


@login_required
def request_appeal(request, reference, level):
    obj = _load_readable(request, reference)
    if level not in ("head", "cdai") or not permissions.is_requester(request.user, obj):
        raise Http404
    if request.method != "POST":
        return redirect(obj)
    form = AppealForm(request.POST)
    if form.is_valid():
        service = services.appeal_to_head if level == "head" else services.appeal_to_cdai
        try:
            service(obj, actor=request.user, grounds=form.cleaned_data["grounds"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your complaint has been filed."))
            return redirect(obj)
    return render(
        request,
        "transparency/ati/request_appeal.html",
        {"req": obj, "form": form, "level": level},
        status=400,
    )


@login_required
def request_clarify(request, reference):
    obj = _load_readable(request, reference)
    if not permissions.is_requester(request.user, obj):
        raise Http404
    if request.method != "POST":
        return redirect(obj)
    form = ClarificationForm(request.POST)
    if form.is_valid():
        try:
            services.provide_clarification(obj, actor=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your clarification has been sent."))
            return redirect(obj)
    return render(
        request,
        "transparency/ati/request_appeal.html",
        {"req": obj, "form": form, "level": "clarification"},
        status=400,
    )


@login_required
def my_requests(request):
    requests = InformationRequest.objects.filter(requester=request.user).select_related(
        "administration"
    )
    following = (
        request.user.followed_information_requests.public()
        .exclude(requester=request.user)
        .select_related("administration")
    )
    return render(
        request,
        "transparency/ati/my_requests.html",
        {"requests": requests, "following": following, "today": timezone.localdate()},
    )


def _kind_order():
    return Case(
        *(When(kind=value, then=Value(i)) for i, value in enumerate(Administration.Kind.values)),
        output_field=IntegerField(),
    )


def _finder(request):
    """Administrations for the select, narrowed by the finder's search, kind and region."""
    administrations = Administration.objects.active().select_related("region")
    query = request.GET.get("find", "")
    kind = request.GET.get("kind", "")
    region = request.GET.get("region", "")
    if kind in Administration.Kind.values:
        administrations = administrations.filter(kind=kind)
    if region:
        administrations = administrations.filter(region__code=region)
    if query:
        administrations = search(
            administrations, query, ["name_ar", "name_fr", "name_en", "acronym"]
        )
    administrations = administrations.annotate(kind_order=_kind_order()).order_by(
        "kind_order", "name"
    )
    groups: dict[str, list] = {}
    labels = dict(Administration.Kind.choices)
    for administration in administrations:
        groups.setdefault(str(labels.get(administration.kind, "")), []).append(administration)
    return groups, {"find": query, "kind": kind, "region": region}


@login_required
def request_new(request):
    if not _is_verified(request.user):
        messages.warning(request, _("Confirm your email address before asking for information."))
        return redirect("account_email")
    groups, finder = _finder(request)
    initial = {"requester_name": request.user.full_name}
    if request.GET.get("administration"):
        initial["administration"] = (
            Administration.objects.active().filter(slug=request.GET["administration"]).first()
        )
    # Prefill from elsewhere in the portal (a refused dataset request becomes a Law 31-13 request).
    for field, limit in (("subject", 200), ("description", 5000)):
        if request.GET.get(field):
            initial[field] = request.GET[field][:limit]
    similar = []
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            similar = list(
                search(
                    InformationRequest.objects.public().select_related("administration"),
                    data["subject"],
                    ["subject", "description"],
                )[:SIMILAR_LIMIT]
            )
            if similar and not request.POST.get("confirm"):
                messages.info(
                    request,
                    _("Similar requests exist. Follow one of them, or send yours anyway."),
                )
            else:
                try:
                    created = services.submit_request(
                        actor=request.user,
                        administration=data["administration"],
                        requester_name=data["requester_name"],
                        postal_address=data["postal_address"],
                        cin=data["cin"],
                        subject=data["subject"],
                        description=data["description"],
                        preferred_format=data["preferred_format"],
                        delivery=data["delivery"],
                        is_private=data["is_private"],
                        is_urgent=data["is_urgent"],
                        urgency_justification=data["urgency_justification"],
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(
                        request,
                        _("Your request %(reference)s has been sent.")
                        % {"reference": created.reference},
                    )
                    return redirect(created)
    else:
        form = RequestForm(initial=initial)
    form.fields["administration"].queryset = Administration.objects.active()
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request,
        "transparency/ati/request_form.html",
        {
            "form": form,
            "groups": groups,
            "finder": finder,
            "kinds": Administration.Kind.choices,
            "regions": Region.objects.ordered_by_name(),
            "similar": similar,
            "selected_administration": str(form["administration"].value() or ""),
        },
        status=status,
    )


@anonymous_page_cache
def scorecard(request):
    year = request.GET.get("year") or ""
    # Four ASCII digits or nothing: a huge number would overflow the database's integer.
    year = int(year) if len(year) == 4 and year.isascii() and year.isdigit() else None
    return render(
        request,
        "transparency/ati/scorecard.html",
        {
            "ranking": stats.ranking(year),
            "totals": stats.totals(),
            "year": year,
            "years": range(timezone.localdate().year, 2019, -1),
            "list_url": reverse("transparency:request_list"),
        },
    )
