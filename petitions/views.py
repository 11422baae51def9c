"""Public pages of petitions and motions, signing, and the agent's drafting pages.

Nothing here shows a signer's email, CIN or full name; committee members appear by
name only if they consented.
"""

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ogp_portal.core.exports import csv_response
from ogp_portal.core.registry import areas
from ogp_portal.core.search import search
from ogp_portal.core.timeline import events_for
from ogp_portal.directory.models import Province, Region

from . import counting, permissions, services, thresholds
from .filters import PetitionFilter
from .forms import AcceptInvitationForm, InviteForm, PetitionForm, SignForm
from .models import Attachment, Petition, PetitionProvinceCount, PetitionRegionCount

PAGE_SIZE = 20


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


# Per IP: a burst and a sustained rate (count, seconds); settings.PETITIONS_SIGN_RATES overrides,
# an empty tuple disables (the load benchmark).
SIGN_RATES = ((10, 60), (60, 3600))


def _over_rate(request) -> bool:
    from django.conf import settings
    from django.core.cache import cache

    ip = _client_ip(request) or "unknown"
    now = int(time.time())
    over = False
    for limit, window in getattr(settings, "PETITIONS_SIGN_RATES", SIGN_RATES):
        key = f"petitions:sign:{ip}:{window}:{now // window}"
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:
            count = 1
        over = over or count > limit
    return over


def _cached(response, request):
    """Public pages carry a max-age matching the counting interval (counts move no faster)."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=counting.interval_seconds())
    return response


def _load_visible(request, reference) -> Petition:
    petition = get_object_or_404(
        Petition.objects.select_related("addressee", "region", "province", "commune", "counts"),
        reference=reference,
    )
    if not permissions.can_view_petition(request.user, petition):
        raise Http404
    return petition


def index(request):
    base = Petition.objects.public().select_related("addressee", "region", "counts")
    filterset = PetitionFilter(request.GET or None, queryset=base)
    petitions = filterset.qs if filterset.is_valid() else base
    if not request.GET.get("sort") and "search_rank" not in petitions.query.annotations:
        petitions = petitions.order_by("-published_at", "-pk")

    if request.GET.get("format") == "csv":
        rows = (
            [
                p.reference,
                p.kind,
                p.status,
                p.addressee.slug,
                p.title,
                p.count,
                p.required_signatures,
                p.collection_ends_on,
            ]
            for p in petitions
        )
        return csv_response(
            "petitions-counts.csv",
            [
                "reference",
                "kind",
                "status",
                "addressee",
                "title",
                "signatures",
                "required",
                "collection_ends_on",
            ],
            rows,
        )
    page = Paginator(petitions, PAGE_SIZE).get_page(request.GET.get("page"))
    area = next(a for a in areas() if a.key == "petitions")
    return render(
        request,
        "petitions/petition_list.html",
        {
            "area": area,
            "filter": filterset,
            "page_obj": page,
            "figures": area.figures(),
            "query": request.GET.get("q", ""),
            "queue_long": Petition.objects.awaiting_moderation().count() > 20,
        },
    )


def detail(request, reference):
    petition = _load_visible(request, reference)
    progress = thresholds.petition_progress(petition)
    region_counts = {
        rc.region.code: rc.confirmed
        for rc in PetitionRegionCount.objects.filter(petition=petition).select_related("region")
    }
    regions = list(Region.objects.order_by("code"))
    per_capita = {
        r.code: round(region_counts.get(r.code, 0) * 100_000 / r.population_2024, 1)
        for r in regions
        if r.population_2024
    }
    province_rows = list(
        PetitionProvinceCount.objects.filter(petition=petition)
        .select_related("province")
        .order_by("-confirmed", "province__code")
    )
    missing = []
    if progress.missing_by_province:
        names = Province.objects.in_bulk(progress.missing_by_province.keys())
        missing = [(names[pk], n) for pk, n in progress.missing_by_province.items() if pk in names]
    events = list(events_for(petition))
    for event in events:
        event.kind_label = services.EVENT_LABELS.get(event.kind, event.kind)
        event.actor_role = services.ROLE_LABELS.get(event.actor_role, event.actor_role)
        event.from_label = _status_label(event.from_status)
        event.to_label = _status_label(event.to_status)
    committee = [
        m
        for m in petition.committee.select_related("user").filter(accepted_at__isnull=False)
        if m.public_name
    ]
    response = render(
        request,
        "petitions/petition_detail.html",
        {
            "petition": petition,
            "progress": progress,
            "region_counts": region_counts,
            "per_capita": per_capita,
            "province_rows": province_rows,
            "missing_provinces": missing,
            "events": events,
            "committee": committee,
            "attachments": petition.attachments.all(),
            "is_agent": permissions.is_agent(request.user, petition),
            "committee_problems": services.committee_problems(petition)
            if permissions.can_edit_draft(request.user, petition)
            else [],
        },
    )
    return _cached(response, request)


def _status_label(value: str) -> str:
    try:
        return Petition.Status(value).label if value else ""
    except ValueError:
        return value


def count_json(request, reference):
    petition = get_object_or_404(
        Petition.objects.public().select_related("counts"), reference=reference
    )
    progress = thresholds.petition_progress(petition)
    response = JsonResponse(
        {
            "reference": petition.reference,
            "status": petition.status,
            "signatures": progress.count,
            "required": progress.required,
            "goal_reached": progress.reached,
            "counted_until": petition.counts.counted_until.isoformat()
            if getattr(petition, "counts", None) and petition.counts.counted_until
            else None,
        }
    )
    patch_cache_control(response, public=True, max_age=counting.interval_seconds())
    return response


def sign(request, reference):
    petition = _load_visible(request, reference)
    if not petition.is_signable:
        messages.warning(request, _("This petition is not open for signature."))
        return redirect(petition)
    user = request.user if request.user.is_authenticated else None
    form = SignForm(request.POST or None, user=user, petition=petition)
    if request.method == "POST" and _over_rate(request):
        form.is_valid()
        form.add_error(
            None, _("Too many signatures from your connection. Please try again in a few minutes.")
        )
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signature = services.sign(
                petition,
                user=user,
                full_name=data.get("full_name", ""),
                email=data.get("email", ""),
                cin=data["cin"],
                region=data["region"],
                province=data["province"],
                show_first_name=data["show_first_name"],
                notify_progress=data["notify_progress"],
                ip=_client_ip(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(
                request,
                "petitions/sign_done.html",
                {"petition": petition, "confirmed": signature.confirmed_at is not None},
            )
    return render(request, "petitions/sign.html", {"petition": petition, "form": form})


def confirm(request, token):
    signature = services.signature_from_token(token)
    if signature is None:
        return render(request, "petitions/confirm.html", {"invalid": True}, status=400)
    petition = signature.petition
    if request.method == "POST":
        try:
            services.confirm_signature(signature)
        except ValidationError as exc:
            return render(
                request, "petitions/confirm.html", {"petition": petition, "error": exc.messages[0]}
            )
        return render(request, "petitions/confirm.html", {"petition": petition, "done": True})
    # A GET only shows the button: mail scanners that follow links must not confirm.
    return render(
        request,
        "petitions/confirm.html",
        {"petition": petition, "already": bool(signature.confirmed_at)},
    )


@login_required
def mine(request):
    petitions = Petition.objects.of_user(request.user).select_related("addressee", "counts")
    return render(request, "petitions/mine.html", {"petitions": petitions})


def _save_attachment(petition, upload):
    if upload:
        Attachment.objects.create(
            petition=petition,
            file=upload,
            title=upload.name[:200],
            content_type=getattr(upload, "sniffed_content_type", ""),
            size=upload.size,
        )


@login_required
def create(request):
    form = PetitionForm(request.POST or None, request.FILES or None)
    similar = []
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "attachment"}
        with transaction.atomic():
            petition = services.create_draft(actor=request.user, **data)
            _save_attachment(petition, form.cleaned_data.get("attachment"))
        messages.success(request, _("Your draft is saved. Invite your committee now."))
        return redirect("petitions:committee", reference=petition.reference)
    if request.method == "POST" and form.data.get("title"):
        similar = search(
            Petition.objects.exclude(status=Petition.Status.DRAFT),
            form.data["title"],
            ["title", "text"],
        )[:5]
    return render(request, "petitions/petition_form.html", {"form": form, "similar": similar})


@login_required
def edit(request, reference):
    petition = get_object_or_404(Petition, reference=reference)
    if not permissions.can_edit_draft(request.user, petition):
        raise Http404
    form = PetitionForm(request.POST or None, request.FILES or None, instance=petition)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "attachment"}
        with transaction.atomic():
            services.update_draft(petition, actor=request.user, **data)
            _save_attachment(petition, form.cleaned_data.get("attachment"))
        messages.success(request, _("Draft saved."))
        return redirect("petitions:committee", reference=petition.reference)
    return render(request, "petitions/petition_form.html", {"form": form, "petition": petition})


@login_required
def committee(request, reference):
    petition = get_object_or_404(Petition, reference=reference)
    if not permissions.is_agent(request.user, petition):
        raise Http404
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_member(
                petition,
                actor=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except PermissionDenied:
            form.add_error(None, _("The committee can no longer be changed."))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Invitation sent."))
            return redirect("petitions:committee", reference=reference)
    return render(
        request,
        "petitions/committee.html",
        {
            "petition": petition,
            "form": form,
            "members": petition.committee.all(),
            "problems": services.committee_problems(petition),
            "editable": permissions.can_edit_draft(request.user, petition),
        },
    )


@login_required
@require_POST
def submit(request, reference):
    petition = get_object_or_404(Petition, reference=reference)
    if not permissions.is_agent(request.user, petition):
        raise Http404
    try:
        services.submit_for_moderation(petition, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("petitions:committee", reference=reference)
    messages.success(request, _("Your petition was sent to the moderators."))
    return redirect(petition)


@login_required
@require_POST
def file(request, reference):
    petition = get_object_or_404(Petition, reference=reference)
    if not permissions.is_agent(request.user, petition):
        raise Http404
    try:
        services.file_petition(petition, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The petition was filed with its addressee."))
    return redirect(petition)


@login_required
def accept_invitation(request, token):
    member = services.member_from_token(token)
    if member is None:
        return render(request, "petitions/accept_invitation.html", {"invalid": True}, status=400)
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.accept_invitation(
                member, actor=request.user, show_name=form.cleaned_data["show_name"]
            )
        except PermissionDenied:
            form.add_error(None, _("Verify your email address before joining a committee."))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("You joined the petition's committee."))
            return redirect("petitions:mine")
    return render(
        request,
        "petitions/accept_invitation.html",
        {"member": member, "petition": member.petition, "form": form},
    )
