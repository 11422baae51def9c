"""Public pages of petitions and motions, signing, and the agent's drafting pages.

Nothing here shows a signer's email, CIN or full name; committee members appear by
name only if they consented.
"""

import hashlib
import re
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ogp_portal.core import uploads
from ogp_portal.core.caching import anonymous_page_cache
from ogp_portal.core.clientip import client_ip
from ogp_portal.core.exports import csv_response
from ogp_portal.core.registry import areas
from ogp_portal.core.timeline import events_for
from ogp_portal.directory.models import Province, Region

from . import counting, links, memo, pauses, permissions, services, thresholds
from .filters import PetitionFilter
from .forms import (
    AcceptInvitationForm,
    InviteForm,
    PaperBatchForm,
    PetitionForm,
    RegionChoiceForm,
    ResendConfirmationForm,
    SignForm,
    WithdrawForm,
    altcha_max_number,
)
from .models import (
    Attachment,
    Petition,
    PetitionProvinceCount,
    PetitionRegionCount,
    Signature,
)
from .similar import similar_petitions

PAGE_SIZE = 20


def _client_ip(request) -> str | None:
    """The signer's address as the outermost trusted proxy saw it (TRUSTED_PROXY_COUNT), the
    one the rate limits count: behind the compose stack's proxies REMOTE_ADDR is a proxy."""
    return client_ip(request) or None


# Per IP, a burst and a sustained rate (django-ratelimit, counted in the default cache).
# An empty setting disables that rate; RATELIMIT_ENABLE=False disables both.
SIGN_RATES = (
    ("PETITIONS_SIGN_RATE_BURST", "10/m"),
    ("PETITIONS_SIGN_RATE_SUSTAINED", "100/h"),
)


def _rate_key(group, request) -> str:
    """django-ratelimit's client address (RATELIMIT_IP_META_KEY behind a proxy; IPv6 by /64),
    without its error page when the server sees no address at all."""
    from django.core.exceptions import ImproperlyConfigured
    from django_ratelimit.core import _get_ip

    try:
        return _get_ip(request)
    except (ImproperlyConfigured, KeyError, ValueError):
        return "unknown"


def _sign_rates() -> list[tuple[str, int, int]]:
    """(name, limit, period in s) of each enabled rate."""
    from django_ratelimit.core import _split_rate

    rates = []
    for name, default in SIGN_RATES:
        rate = getattr(settings, name, default) or None
        if rate:
            limit, period = _split_rate(rate)
            rates.append((name, limit, period))
    return rates


def _rate_limited(request) -> bool:
    """Count this signing attempt against both rates; True if either is exceeded.

    Fixed windows per client address, as django-ratelimit counts them, in the default cache:
    on Redis, both counters in one round trip (a pipeline of INCR and EXPIRE per rate); on
    another cache, add + incr per rate.
    """
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return False
    rates = _sign_rates()
    if not rates:
        return False
    from django.core.cache import caches

    cache = caches["default"]
    now = int(time.time())
    ip = _rate_key(None, request)
    keys = [
        (f"petitions.sign:{name.lower()}:{ip}:{now // period}", limit, period)
        for name, limit, period in rates
    ]
    client = _redis_client(cache)
    if client is not None:
        pipe = client.pipeline(transaction=False)
        for key, _limit, period in keys:
            full_key = cache.make_and_validate_key(key)
            pipe.incr(full_key)
            pipe.expire(full_key, period + 1)
        counts = pipe.execute()[::2]
    else:
        counts = []
        for key, _limit, period in keys:
            cache.add(key, 0, period + 1)
            try:
                counts.append(cache.incr(key))
            except ValueError:  # expired between add and incr
                cache.set(key, 1, period + 1)
                counts.append(1)
    return any(count > limit for count, (_key, limit, _period) in zip(counts, keys, strict=True))


_redis_clients: dict = {}


def _redis_client(cache):
    """The raw redis-py client of Django's RedisCache (one per connection pool, kept), or None
    for any other backend."""
    from django.core.cache.backends.redis import RedisCache

    if not isinstance(cache, RedisCache):
        return None
    pool = cache._cache._get_connection_pool(write=True)
    client = _redis_clients.get(id(pool))
    if client is None or client.connection_pool is not pool:
        client = _redis_clients[id(pool)] = cache._cache._client(connection_pool=pool)
    return client


def _cached(response, request):
    """Public pages carry a max-age matching the counting interval (counts move no faster)."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=counting.interval_seconds())
    return response


class Gone(Exception):
    def __init__(self, petition):
        self.petition = petition


def _load_visible(request, reference) -> Petition:
    """A petition the user may see; Gone for a removed one (the caller answers 410)."""
    petition = get_object_or_404(
        Petition.objects.select_related("addressee", "region", "province", "commune", "counts"),
        reference=reference,
    )
    if petition.is_removed:
        raise Gone(petition)
    if not permissions.can_view_petition(request.user, petition):
        raise Http404
    return petition


def _gone(request, petition):
    """410 Gone: a short page saying the petition was removed and why (the coded reason)."""
    response = render(request, "petitions/gone.html", {"petition": petition}, status=410)
    return _cached(response, request)


def answers_gone(view):
    from functools import wraps

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Gone as gone:
            return _gone(request, gone.petition)

    return wrapper


@anonymous_page_cache
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
            "queue_long": Petition.objects.awaiting_moderation().count()
            > getattr(settings, "PETITIONS_MODERATION_QUEUE_NOTICE", 20),
        },
    )


# Anonymous renders of public pages, kept in the default cache (Redis in production). A page
# whose HTML holds a CSRF token (the language switcher of base.html today) is stored with a
# placeholder, filled with this request's token on the way out.
PAGE_CACHE_PREFIX = "petitions.page:"
CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"@@petitions-csrf@@"


def _anonymous_page(request, build, *key_parts):
    """The response of `build()`, from the cache for an anonymous visitor with no query string
    and no pending messages (per host, path, language and `key_parts`; kept one counting
    interval); anyone else gets a fresh render."""
    from django.core.cache import cache
    from django.http import HttpResponse
    from django.middleware.csrf import get_token
    from django.utils.translation import get_language

    if request.user.is_authenticated or request.GET or len(messages.get_messages(request)):
        return _cached(build(), request)
    raw = repr((request.get_host(), request.path, get_language(), *key_parts))
    key = PAGE_CACHE_PREFIX + hashlib.sha256(raw.encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        response = build()
        if response.status_code == 200 and not response.cookies:
            body = CSRF_VALUE.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
            cache.set(key, body, counting.interval_seconds())
        return _cached(response, request)
    if CSRF_PLACEHOLDER in body:
        body = body.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    return _cached(HttpResponse(body), request)


# What the anonymous page depends on besides the pause switch: the petition's row and counts.
DETAIL_VERSION_SQL = (
    "SELECT p.id, p.status, p.updated_at, c.confirmed, c.paper, c.counted_until "
    "FROM petitions_petition p LEFT JOIN petitions_petitioncount c ON c.petition_id = p.id "
    "WHERE p.reference = %s"
)


@answers_gone
def detail(request, reference):
    """The petition page. Anonymous visitors get a render cached per petition, language and
    count watermark (the counts move only when the counting task runs), petition change and
    site-wide switch; signed-in users the live page."""
    from django.db import connection

    with connection.cursor() as cursor:  # one short statement, no ORM compilation
        cursor.execute(DETAIL_VERSION_SQL, [reference])
        version = cursor.fetchone()
    return _anonymous_page(
        request, lambda: _render_detail(request, reference), version, pauses.site_switch()
    )


def _render_detail(request, reference):
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
    return render(
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
            "is_moderator": permissions.can_moderate_petitions(request.user),
            "paused": pauses.signing_pause_message(petition)
            if petition.status in Petition.SIGNABLE_STATUSES
            else "",
            "association": petition.association_author,
            "can_withdraw": permissions.is_agent(request.user, petition)
            and petition.status in Petition.WITHDRAWABLE_STATUSES,
            "committee_problems": services.committee_problems(petition)
            if permissions.can_edit_draft(request.user, petition)
            else [],
            "signatories": _recent_signatories(petition),
        },
    )


RECENT_SIGNATORIES = 20


def _recent_signatories(petition) -> list[Signature]:
    """The latest signatories who agreed to show their first name: first name, province (none
    when they live abroad) and day, valid and counted (confirmed up to the count's watermark,
    so the anonymous page's cache key, which holds it, covers this list). One query."""
    counts = getattr(petition, "counts", None)
    if counts is None or counts.counted_until is None or petition.signer_data_erased_at:
        return []
    return list(
        Signature.objects.valid()
        .filter(
            petition=petition,
            show_first_name=True,
            confirmed_at__lte=counts.counted_until,
        )
        .exclude(public_first_name="")
        .select_related("province")
        .only("public_first_name", "confirmed_at", "province__name_fr", "province__name_ar")
        .order_by("-confirmed_at", "-pk")[:RECENT_SIGNATORIES]
    )


def _status_label(value: str) -> str:
    try:
        return Petition.Status(value).label if value else ""
    except ValueError:
        return value


def count_json(request, reference):
    petition = (
        Petition.objects.public().select_related("counts").filter(reference=reference).first()
    )
    if petition is None:
        removed = Petition.objects.filter(reference=reference, status=Petition.Status.REMOVED)
        if removed.exists():
            return JsonResponse({"reference": reference, "status": "removed"}, status=410)
        raise Http404
    progress = thresholds.petition_progress(petition)
    response = JsonResponse(
        {
            "reference": petition.reference,
            "status": petition.status,
            "signatures": progress.count,
            "paper_signatures": petition.paper_count,
            "required": progress.required,
            "goal_reached": progress.reached,
            "counted_until": petition.counts.counted_until.isoformat()
            if getattr(petition, "counts", None) and petition.counts.counted_until
            else None,
        }
    )
    patch_cache_control(response, public=True, max_age=counting.interval_seconds())
    return response


def _load_for_download(request, reference) -> Petition:
    """A petition whose files the user may download: as the page, but 404 for a removed one."""
    try:
        return _load_visible(request, reference)
    except Gone:
        raise Http404 from None


def attachment(request, reference, pk):
    """An attachment of a petition the user may see (public, or a draft of their committee)."""
    petition = _load_for_download(request, reference)
    item = get_object_or_404(petition.attachments.exclude(file=""), pk=pk)
    return uploads.attachment_response(
        item.file,
        download_name=item.title or petition.reference,
        content_type=item.content_type,
        # A draft's files are for its committee and the moderators only: never cached.
        private=not petition.is_public,
    )


def response_document(request, reference):
    """The official response document, once the response is public."""
    petition = _load_for_download(request, reference)
    if not petition.response_is_public:
        raise Http404
    return uploads.attachment_response(
        petition.response_document,
        # Translators: the name of the downloaded official response document of a petition.
        download_name=_("Response to %(reference)s") % {"reference": petition.reference},
    )


@never_cache
@require_GET
def altcha_challenge(request):
    """A fresh one-time ALTCHA challenge for the signing form (never cached: each is single-use,
    and the page that shows the form may itself be cached)."""
    from django_altcha import get_altcha_challenge

    challenge = get_altcha_challenge(max_number=altcha_max_number())
    return JsonResponse(challenge.to_dict())


@answers_gone
def sign(request, reference):
    """The signing form. Its POST reads the petition from this process's short memo
    (memo.signing_record), the territories from memory, counts both rates in one Redis round
    trip, checks the ALTCHA once (one atomic cache write), INSERTs one row and answers
    303 See Other to the cacheable `signed` page (Post/Redirect/Get)."""
    record = memo.signing_record(reference)
    if record is None or record.status not in Petition.SIGNABLE_STATUSES or record.collection_over:
        petition = _load_visible(request, reference)  # 404 or 410 as the page would
        messages.warning(request, _("This petition is not open for signature."))
        return redirect(petition)
    # A petition open for signature is public: no permission to check.
    paused = pauses.signing_pause_message(record)
    user = request.user if request.user.is_authenticated else None
    form = SignForm(request.POST or None, user=user, petition=record)
    status = 200
    duplicate = False
    if request.method == "POST" and paused:
        status = 503
    elif request.method == "POST" and _rate_limited(request):
        # Nothing is lost: the form comes back filled in, with a polite message.
        form.is_valid()
        form.add_error(
            None, _("Too many signatures from your connection. Please try again in a few minutes.")
        )
        status = 429
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signature = services.sign(
                record,
                user=user,
                full_name=data.get("full_name", ""),
                email=data.get("email", ""),
                cin=data["cin"],
                region=data["region"],
                province=data["province"],
                abroad=data.get("abroad", False),
                show_first_name=data["show_first_name"],
                notify_progress=data["notify_progress"],
                ip=_client_ip(request),
            )
        except services.SigningPaused as exc:
            paused, status = exc.messages[0], 503
        except services.DuplicateSignature as exc:
            form.add_error(None, exc)
            duplicate = True  # the page offers to send the confirmation link again
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            # No personal data in the URL: which of the two pages is all it says.
            url = reverse("petitions:signed", kwargs={"reference": reference})
            response = HttpResponseRedirect(
                url + ("?confirmed=1" if signature.confirmed_at else "")
            )
            response.status_code = 303
            return response
    response = render(
        request,
        "petitions/sign.html",
        {
            "petition": _load_visible(request, reference),
            "form": form,
            "paused": paused,
            "duplicate": duplicate,
        },
        status=status,
    )
    if status in (429, 503):
        response["Retry-After"] = "60" if status == 429 else "600"
    return response


@answers_gone
def signed(request, reference):
    """After signing: "check your email" (the same page for every anonymous signer, so it is
    cached) or, with ?confirmed=1 (a signed-in verified user), "your signature is recorded"."""
    record = memo.signing_record(reference)
    if record is None:
        raise Http404
    if record.status not in Petition.SIGNABLE_STATUSES:
        _load_visible(request, reference)  # 404 or 410 where the petition's page answers so
    confirmed = request.GET.get("confirmed") == "1"

    def build():
        return render(
            request, "petitions/sign_done.html", {"petition": record, "confirmed": confirmed}
        )

    return _anonymous_page(request, build, record.title)


def confirm(request, token):
    signature = services.signature_from_token(token)
    if signature is None:
        return render(request, "petitions/confirm.html", {"invalid": True}, status=400)
    petition = signature.petition
    if request.method == "POST":
        try:
            services.confirm_signature(signature)
        except services.SigningPaused as exc:
            return render(
                request,
                "petitions/confirm.html",
                {"petition": petition, "error": exc.messages[0]},
                status=503,
            )
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


@answers_gone
@never_cache
def resend(request, reference):
    """A signer asks for the confirmation link again (lost or filtered message): CIN and email
    as signed. The answer is the same whether or not a signature matched (nothing to learn
    about who signed); the link goes only to the address on record, from the batch task.
    Counted against the signing rates of the connection; no anti-robot check."""
    record = memo.signing_record(reference)
    if record is None or record.status not in Petition.SIGNABLE_STATUSES or record.collection_over:
        petition = _load_visible(request, reference)  # 404 or 410 as the page would
        messages.warning(request, _("This petition is not open for signature."))
        return redirect(petition)
    form = ResendConfirmationForm(request.POST or None)
    status, done = 200, False
    if request.method == "POST" and _rate_limited(request):
        form.is_valid()
        form.add_error(
            None, _("Too many requests from your connection. Please try again in a few minutes.")
        )
        status = 429
    elif request.method == "POST" and form.is_valid():
        services.resend_confirmation(
            record, cin=form.cleaned_data["cin"], email=form.cleaned_data["email"]
        )
        done = True
    response = render(
        request,
        "petitions/resend.html",
        {"petition": record, "form": form, "done": done},
        status=status,
    )
    if status == 429:
        response["Retry-After"] = "60"
    return response


@never_cache
def unsubscribe(request, token):
    """A signer's "stop emailing me about this petition" link. A GET only shows the button
    (mail scanners follow links); the POST turns the progress emails off, idempotently."""
    signature = services.signature_from_unsubscribe_token(token)
    if signature is None:
        return render(request, "petitions/unsubscribe.html", {"invalid": True}, status=400)
    petition = signature.petition
    done = False
    if request.method == "POST":
        services.unsubscribe_signer(signature)
        done = True
    return render(
        request,
        "petitions/unsubscribe.html",
        {
            "petition": petition,
            "done": done,
            "already": not done and not signature.notify_progress,
            "public": petition.is_public,
        },
    )


@login_required
def mine(request):
    petitions = Petition.objects.of_user(request.user).select_related("addressee", "counts")
    return render(request, "petitions/mine.html", {"petitions": petitions})


def _save_attachment(petition, upload):
    if upload:
        title = upload.name[:200]
        # Stored under a random name: the title keeps what the agent called it.
        upload.name = uploads.storage_name("petitions", upload.name).rsplit("/", 1)[-1]
        Attachment.objects.create(
            petition=petition,
            file=upload,
            title=title,
            content_type=getattr(upload, "sniffed_content_type", ""),
            size=upload.size,
        )


def _checking_similar(request) -> bool:
    """The form's "check for similar petitions" button (without JavaScript): nothing is saved,
    the form comes back as typed (attachments aside) with the similar petitions."""
    return request.method == "POST" and "check_similar" in request.POST


def _typed_form(request, instance=None) -> PetitionForm:
    """An unbound form showing what was typed (no error messages for fields not filled yet)."""
    typed = {k: v for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken",)}
    form = PetitionForm(initial=typed, instance=instance)
    form.initial.update(typed)  # over what the instance's association set
    return form


def _form_page(request, form, petition=None, title=None):
    """The drafting form with the similar petitions of `title` (or of what was typed)."""
    if title is None:
        title = form.data.get("title", "") if form.is_bound else form.initial.get("title", "")
    return render(
        request,
        "petitions/petition_form.html",
        {
            "form": form,
            "petition": petition,
            "similar": similar_petitions(title or ""),
            "similar_checked": bool(title),
        },
    )


@login_required
@require_GET
def similar(request):
    """htmx: the similar petitions of the title being typed (public ones and rejected ones)."""
    title = request.GET.get("title", "")[:200]
    response = render(
        request,
        "petitions/_similar.html",
        {"similar": similar_petitions(title), "similar_checked": bool(title.strip())},
    )
    patch_cache_control(response, private=True, max_age=0)
    return response


@login_required
def create(request):
    if _checking_similar(request):
        return _form_page(request, _typed_form(request))
    form = PetitionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                petition = services.create_draft(
                    actor=request.user, association=form.association_data(), **form.draft_data()
                )
                _save_attachment(petition, form.cleaned_data.get("attachment"))
                links.set_commitment(
                    petition, form.cleaned_data.get("commitment"), actor=request.user
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your draft is saved. Invite your committee now."))
            return redirect("petitions:committee", reference=petition.reference)
    return _form_page(request, form)


@login_required
def edit(request, reference):
    petition = get_object_or_404(Petition, reference=reference)
    if not permissions.can_edit_draft(request.user, petition):
        raise Http404
    if _checking_similar(request):
        return _form_page(request, _typed_form(request, instance=petition), petition)
    form = PetitionForm(request.POST or None, request.FILES or None, instance=petition)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.update_draft(
                    petition,
                    actor=request.user,
                    association=form.association_data(),
                    **form.draft_data(),
                )
                _save_attachment(petition, form.cleaned_data.get("attachment"))
                links.set_commitment(
                    petition, form.cleaned_data.get("commitment"), actor=request.user
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("petitions:committee", reference=petition.reference)
    # The saved title's similar petitions, or those of the title just typed.
    return _form_page(request, form, petition, None if form.is_bound else petition.title)


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
            # After "save and continue": petitions like this draft, while it can still change.
            "similar": similar_petitions(petition.title)
            if permissions.can_edit_draft(request.user, petition)
            else [],
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


@login_required
def withdraw(request, reference):
    """The agent withdraws the petition (until it is filed), giving a reason."""
    petition = get_object_or_404(Petition, reference=reference)
    if not permissions.is_agent(request.user, petition):
        raise Http404
    if petition.status not in Petition.WITHDRAWABLE_STATUSES:
        messages.warning(request, _("This petition can no longer be withdrawn."))
        return redirect(petition)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(petition, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The petition is withdrawn."))
            return redirect("petitions:mine")
    return render(request, "petitions/withdraw.html", {"petition": petition, "form": form})


@login_required
def paper(request, reference):
    """The agent records a batch of paper signatures (count per province, scans)."""
    petition = get_object_or_404(Petition, reference=reference)
    if not permissions.is_agent(request.user, petition):
        raise Http404
    open_ = petition.status in Petition.SIGNABLE_STATUSES
    provinces = services.paper_provinces(petition).order_by("region__code", "code")
    form = PaperBatchForm(request.POST or None, request.FILES or None, provinces=provinces)
    if request.method == "POST" and open_ and form.is_valid():
        try:
            services.record_paper_batch(
                petition,
                actor=request.user,
                counts=form.cleaned_data["counts"],
                scans=form.cleaned_data["scans"],
                note=form.cleaned_data.get("note", ""),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The batch is recorded. It will count once the addressee verifies it.")
            )
            return redirect("petitions:paper", reference=reference)
    batches = petition.paper_batches.prefetch_related("lines__province", "scans")
    return render(
        request,
        "petitions/paper.html",
        {"petition": petition, "form": form, "batches": batches, "open": open_},
    )


REGION_SESSION_KEY = "petitions_region"


def my_region(request):
    """Local petitions of the visitor's region: chosen here (remembered in the session) or,
    for a signed-in signer, the region of their latest signature."""
    form = RegionChoiceForm(request.GET or None)
    region = None
    if form.is_bound and form.is_valid():
        region = form.cleaned_data["region"]
        request.session[REGION_SESSION_KEY] = region.code
    elif code := request.session.get(REGION_SESSION_KEY):
        region = Region.objects.filter(code=code).first()
    elif request.user.is_authenticated:
        latest = (
            Signature.objects.filter(user=request.user)
            .order_by("-created_at")
            .select_related("region")
            .first()
        )
        region = latest.region if latest else None
    if region is not None and not form.is_bound:
        form = RegionChoiceForm(initial={"region": region.code})
    petitions = Petition.objects.none()
    if region is not None:
        petitions = (
            Petition.objects.public()
            .in_region(region)
            .select_related("addressee", "region", "province", "commune", "counts")
            .order_by("-published_at", "-pk")
        )
    page = Paginator(petitions, PAGE_SIZE).get_page(request.GET.get("page"))
    response = render(
        request,
        "petitions/my_region.html",
        {"form": form, "region": region, "page_obj": page},
    )
    patch_cache_control(response, private=True, max_age=0)
    return response
