"""Every state change of a petition: validated, saved, recorded on the timeline, notified.

Signing (`sign`) writes only the signature's own row; confirmation emails go out in
batches (`send_signature_confirmations`, a beat task) and counts move in petitions.counting.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connections, router, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ogp_portal.core import timeline, uploads
from ogp_portal.core.notifications import notify
from ogp_portal.core.references import next_reference

from . import eligibility, identity, pauses, permissions, thresholds
from .models import (
    CommitteeMember,
    InvalidationBatch,
    PaperBatch,
    PaperBatchLine,
    PaperScan,
    Petition,
    PetitionAssociation,
    PetitionCount,
    PetitionsSwitch,
    Signature,
)

Status = Petition.Status
logger = logging.getLogger(__name__)

MIN_COMMITTEE = 5

# Timeline events store a role code; pages show ROLE_LABELS in the reader's language.
ROLE_AGENT = "agent"
ROLE_MODERATOR = "moderator"
ROLE_REVIEWER = "reviewer"
ROLE_MEMBER = "member"
ROLE_SYSTEM = "portal"
ROLE_LABELS = {
    ROLE_AGENT: gettext_lazy("agent"),
    ROLE_MODERATOR: gettext_lazy("moderator"),
    ROLE_REVIEWER: gettext_lazy("reviewer"),
    ROLE_MEMBER: gettext_lazy("committee member"),
    ROLE_SYSTEM: gettext_lazy("portal"),
}

EVENT_LABELS = {
    "drafted": gettext_lazy("Draft created"),
    "member_invited": gettext_lazy("Committee member invited"),
    "member_accepted": gettext_lazy("Committee member accepted"),
    "submitted": gettext_lazy("Submitted for moderation"),
    "published": gettext_lazy("Published, signature collection open"),
    "rejected": gettext_lazy("Rejected by moderation"),
    "goal_reached": gettext_lazy("Signature goal reached"),
    "filed": gettext_lazy("Filed with the addressee"),
    "review_started": gettext_lazy("Review started"),
    "ruled_admissible": gettext_lazy("Declared admissible"),
    "ruled_inadmissible": gettext_lazy("Declared inadmissible"),
    "answered": gettext_lazy("Official response published"),
    "expired": gettext_lazy("Collection period ended"),
    "closed": gettext_lazy("Closed"),
    "signatures_invalidated": gettext_lazy("Signatures invalidated"),
    "signer_data_erased": gettext_lazy("Signers' personal data erased"),
    "withdrawn": gettext_lazy("Withdrawn by its agent"),
    "removed": gettext_lazy("Removed by the moderators"),
    "signing_paused": gettext_lazy("Signing paused"),
    "signing_resumed": gettext_lazy("Signing resumed"),
    "counting_paused": gettext_lazy("Counting paused"),
    "counting_resumed": gettext_lazy("Counting resumed"),
    "site_switch_changed": gettext_lazy("Site-wide signing or counting switch changed"),
    "paper_batch_recorded": gettext_lazy("Paper signatures recorded"),
    "paper_batch_verified": gettext_lazy("Paper signatures verified"),
    "paper_batch_rejected": gettext_lazy("Paper signatures rejected"),
    "signatures_restored": gettext_lazy("Invalidated signatures restored"),
    "reviewers_reminded": gettext_lazy("Reviewers reminded of the deadline"),
}


class TransitionError(ValidationError):
    pass


class DuplicateSignature(ValidationError):
    pass


class SigningPaused(ValidationError):
    pass


def _require(petition: Petition, *statuses) -> None:
    if petition.status not in statuses:
        raise TransitionError(
            _("This action is not possible while the petition is “%(status)s”.")
            % {"status": petition.get_status_display()}
        )


def _url(petition: Petition) -> str:
    return f"{settings.SITE_URL}{petition.get_absolute_url()}"


def _context(petition: Petition, **extra) -> dict:
    return {
        "reference": petition.reference,
        "title": petition.title,
        "url": _url(petition),
        **extra,
    }


def _notify_committee(petition: Petition, template: str, **extra) -> None:
    context = _context(petition, **extra)
    notified = set()
    if petition.author:
        notify(petition.author, template, context)
        notified.add(petition.author_id)
    for member in petition.committee.filter(accepted_at__isnull=False).select_related("user"):
        if member.user and member.user_id not in notified:
            notify(member.user, template, context)
            notified.add(member.user_id)


def _notify_signers(petition: Petition, template: str, **extra) -> None:
    """Signers who opted in to progress emails (bulk: one Notification row each), each in
    the language they signed in, with their own link to stop these emails."""
    context = _context(petition, **extra)
    signers = (
        Signature.objects.valid()
        .filter(petition=petition, notify_progress=True)
        .exclude(email="")
        .values_list("pk", "email", "language")
    )
    for pk, email, language in signers.iterator():
        notify(
            None,
            template,
            {**context, "unsubscribe_url": unsubscribe_url(pk, language)},
            address=email,
            language=language or None,
        )


def _change(petition, to_status, kind, *, actor, actor_role, note="", fields=(), public=True):
    from_status = petition.status
    petition.status = to_status
    petition.save(update_fields=["status", "updated_at", *fields])
    timeline.record(
        petition,
        kind,
        actor=actor,
        actor_role=actor_role,
        from_status=from_status,
        to_status=to_status,
        note=note,
        public=public,
    )


# --- drafting and committee ----------------------------------------------------------

DRAFT_FIELDS = (
    "kind",
    "addressee",
    "region",
    "province",
    "commune",
    "theme",
    "title",
    "text",
    "memo",
    "collection_days",
    "confirms_general_interest",
    "confirms_constants",
    "confirms_no_court_case",
    "confirms_not_discriminatory",
)


ASSOCIATION_FIELDS = ("name", "registration_number", "founded_on", "seat_province", "seat_commune")


def _save_association(petition: Petition, association: dict | None) -> None:
    """Set (a dict of ASSOCIATION_FIELDS) or clear (None) the authoring association."""
    if association is None:
        PetitionAssociation.objects.filter(petition=petition).delete()
        return
    values = {k: association.get(k) for k in ASSOCIATION_FIELDS}
    problems = eligibility.association_problems(
        kind=petition.kind,
        region=petition.region,
        province=petition.province,
        commune=petition.commune,
        founded_on=values["founded_on"],
        seat_province=values["seat_province"],
        seat_commune=values["seat_commune"],
    )
    if problems:
        raise ValidationError(problems)
    record, _created = PetitionAssociation.objects.update_or_create(
        petition=petition, defaults=values
    )
    record.full_clean()


@transaction.atomic
def create_draft(*, actor, association: dict | None = None, **fields) -> Petition:
    """A new draft; `association` (ASSOCIATION_FIELDS) makes an association its author."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    petition = Petition(
        reference=next_reference("PET"),
        author=actor,
        **{k: v for k, v in fields.items() if k in DRAFT_FIELDS},
    )
    petition.full_clean(exclude=["reference"])
    petition.save()
    if association is not None:
        _save_association(petition, association)
    CommitteeMember.objects.create(
        petition=petition,
        user=actor,
        email=actor.email,
        role=CommitteeMember.Role.AGENT,
        accepted_at=timezone.now(),
        show_name=bool(fields.get("show_agent_name", False)),
    )
    timeline.record(
        petition,
        "drafted",
        actor=actor,
        actor_role=ROLE_AGENT,
        to_status=Status.DRAFT,
        public=False,
    )
    return petition


_KEEP = object()


@transaction.atomic
def update_draft(petition: Petition, *, actor, association=_KEEP, **fields) -> Petition:
    """Change a draft; `association`: a dict to set, None to remove, omitted to keep."""
    if not permissions.can_edit_draft(actor, petition):
        raise PermissionDenied
    changed = [k for k in DRAFT_FIELDS if k in fields]
    for key in changed:
        setattr(petition, key, fields[key])
    petition.full_clean()
    petition.save(update_fields=[*(f"{k}" for k in changed), "updated_at"])
    if association is not _KEEP:
        _save_association(petition, association)
    elif petition.association_author is not None:
        problems = eligibility.petition_association_problems(petition)
        if problems:
            raise ValidationError(problems)
    return petition


@transaction.atomic
def invite_member(petition: Petition, *, actor, email: str, role=CommitteeMember.Role.MEMBER):
    if not permissions.can_edit_draft(actor, petition):
        raise PermissionDenied
    email = email.strip().lower()
    if petition.committee.filter(email__iexact=email).exists():
        raise ValidationError(_("This person is already invited."))
    if role != CommitteeMember.Role.MEMBER and petition.committee.filter(role=role).exists():
        raise ValidationError(_("The committee already has a %(role)s.") % {"role": role.label})
    member = CommitteeMember.objects.create(petition=petition, email=email, role=role)
    if petition.status == Status.DRAFT:
        _change(
            petition,
            Status.COMMITTEE_FORMING,
            "member_invited",
            actor=actor,
            actor_role=ROLE_AGENT,
            public=False,
        )
    else:
        timeline.record(
            petition, "member_invited", actor=actor, actor_role=ROLE_AGENT, public=False
        )
    token = identity.make_token(member.pk, identity.INVITATION_SALT)
    path = reverse("petitions:accept_invitation", kwargs={"token": token})
    notify(
        None,
        "petitions/committee_invitation",
        _context(
            petition,
            role=str(member.get_role_display()),
            agent=actor.full_name,
            accept_url=f"{settings.SITE_URL}{path}",
        ),
        address=email,
        language=getattr(actor, "preferred_language", None),
    )
    return member


def member_from_token(token: str) -> CommitteeMember | None:
    pk = identity.read_token(token, identity.INVITATION_SALT, identity.INVITATION_MAX_AGE)
    return CommitteeMember.objects.select_related("petition").filter(pk=pk).first() if pk else None


def is_verified(user) -> bool:
    from allauth.account.models import EmailAddress

    return (
        bool(getattr(user, "is_authenticated", False))
        and EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
    )


@transaction.atomic
def accept_invitation(
    member: CommitteeMember, *, actor, show_name: bool = False
) -> CommitteeMember:
    member = CommitteeMember.objects.select_for_update().get(pk=member.pk)
    petition = member.petition
    _require(petition, Status.DRAFT, Status.COMMITTEE_FORMING)
    if not is_verified(actor):
        raise PermissionDenied
    if actor.email.lower() != member.email.lower():
        raise ValidationError(_("This invitation was sent to another email address."))
    if member.accepted_at:
        return member
    member.user = actor
    member.accepted_at = timezone.now()
    member.show_name = show_name
    member.save(update_fields=["user", "accepted_at", "show_name", "updated_at"])
    timeline.record(petition, "member_accepted", actor=actor, actor_role=ROLE_MEMBER, public=False)
    if petition.author:
        notify(
            petition.author,
            "petitions/member_accepted",
            _context(petition, role=str(member.get_role_display())),
        )
    return member


def committee_problems(petition: Petition) -> list[str]:
    """What still prevents submission for moderation (empty when ready)."""
    from allauth.account.models import EmailAddress

    problems = []
    accepted = petition.committee.filter(accepted_at__isnull=False, user__isnull=False)
    verified_users = set(
        EmailAddress.objects.filter(user__in=accepted.values("user"), verified=True).values_list(
            "user_id", flat=True
        )
    )
    members = [m for m in accepted if m.user_id in verified_users]
    roles = {m.role for m in members}
    if len(members) < MIN_COMMITTEE:
        problems.append(
            _(
                "The committee needs at least %(min)d verified members who accepted (%(have)d so far)."
            )
            % {"min": MIN_COMMITTEE, "have": len(members)}
        )
    if CommitteeMember.Role.AGENT not in roles:
        problems.append(_("The committee needs its agent."))
    if CommitteeMember.Role.DEPUTY not in roles:
        problems.append(_("The committee needs a deputy who accepted."))
    if not all(
        [
            petition.confirms_general_interest,
            petition.confirms_constants,
            petition.confirms_no_court_case,
            petition.confirms_not_discriminatory,
        ]
    ):
        problems.append(_("Every admissibility condition must be confirmed."))
    problems.extend(eligibility.petition_association_problems(petition))
    return problems


@transaction.atomic
def submit_for_moderation(petition: Petition, *, actor) -> Petition:
    if not permissions.is_agent(actor, petition):
        raise PermissionDenied
    _require(petition, Status.DRAFT, Status.COMMITTEE_FORMING)
    problems = committee_problems(petition)
    if problems:
        raise TransitionError(problems)
    _change(petition, Status.SUBMITTED, "submitted", actor=actor, actor_role=ROLE_AGENT)
    _notify_committee(petition, "petitions/submitted")
    return petition


# --- moderation ---------------------------------------------------------------------


@transaction.atomic
def publish(petition: Petition, *, actor) -> Petition:
    if not permissions.can_moderate_petitions(actor):
        raise PermissionDenied
    _require(petition, Status.SUBMITTED)
    requirement = thresholds.requirement_for(petition)
    now = timezone.now()
    petition.required_signatures = requirement.required
    petition.per_province_minimum = requirement.per_province_minimum
    petition.published_at = now
    petition.collection_ends_on = timezone.localdate(now) + datetime.timedelta(
        days=petition.collection_days
    )
    _change(
        petition,
        Status.COLLECTING,
        "published",
        actor=actor,
        actor_role=ROLE_MODERATOR,
        fields=[
            "required_signatures",
            "per_province_minimum",
            "published_at",
            "collection_ends_on",
        ],
    )
    # No watermark yet: the first count takes every confirmed signature up to its window.
    PetitionCount.objects.get_or_create(petition=petition)
    _notify_committee(petition, "petitions/published")
    return petition


@transaction.atomic
def reject(petition: Petition, *, actor, reason: str, note: str) -> Petition:
    if not permissions.can_moderate_petitions(actor):
        raise PermissionDenied
    _require(petition, Status.SUBMITTED)
    if reason not in Petition.RejectionReason.values:
        raise ValidationError(_("Choose a rejection reason."))
    if not (note or "").strip():
        raise ValidationError(_("Explain the rejection."))
    petition.rejection_reason = reason
    petition.rejection_note = note.strip()
    petition.closed_at = timezone.now()
    _change(
        petition,
        Status.REJECTED,
        "rejected",
        actor=actor,
        actor_role=ROLE_MODERATOR,
        note=f"{Petition.RejectionReason(reason).label}: {petition.rejection_note}",
        fields=["rejection_reason", "rejection_note", "closed_at"],
        public=False,
    )
    _notify_committee(
        petition,
        "petitions/rejected",
        reason=str(Petition.RejectionReason(reason).label),
        note=petition.rejection_note,
    )
    return petition


# --- signing -------------------------------------------------------------------------


def _pk(value):
    return value if value is None or isinstance(value, int) else value.pk


def _commune_province(commune) -> int | None:
    if not isinstance(commune, int):
        return commune.province_id
    from ogp_portal.directory.models import Commune

    return Commune.objects.filter(pk=commune).values_list("province_id", flat=True).first()


def sign(
    petition,
    *,
    user=None,
    full_name: str = "",
    email: str = "",
    cin: str,
    region=None,
    province=None,
    commune=None,
    abroad: bool = False,
    show_first_name: bool = False,
    notify_progress: bool = False,
    ip: str | None = None,
) -> Signature:
    """Record a signature: confirmed at once for a signed-in verified user, else by email link.

    One INSERT and nothing else (in autocommit when called outside a transaction): the
    confirmation email goes out from the batch task `send_signature_confirmations` within
    seconds, and the counts move in petitions.counting. `petition` is a Petition or the
    signing view's memo.SigningRecord; `region`, `province` and `commune` are instances or
    ids. The email is kept normalised (identity.normalise_email): one spelling per mailbox,
    which is also where the confirmation goes. The unique constraint (petition, CIN hash)
    refuses a second signature. `abroad`: a citizen living abroad signs a national petition
    or motion with no region or province (refused for a local petition).
    """
    from .memo import territories

    if not petition.is_signable:
        raise TransitionError(_("This petition is not open for signature."))
    paused = pauses.signing_pause_message(petition)
    if paused:
        raise SigningPaused(paused)
    normalised = identity.normalise_cin(cin)
    if not identity.is_valid_cin(normalised):
        raise ValidationError(
            _("Enter the number of your national identity card (CIN), e.g. AB123456.")
        )
    region_id, province_id, commune_id = _pk(region), _pk(province), _pk(commune)
    if abroad:
        if petition.kind == Petition.Kind.LOCAL_PETITION:
            raise ValidationError(
                _(
                    "A local petition is signed by people who live or work in its territory: "
                    "it cannot be signed from abroad."
                )
            )
        region_id = province_id = commune_id = None
    elif (
        region_id is None
        or territories().region_of.get(province_id) != region_id
        or (commune_id is not None and _commune_province(commune) != province_id)
    ):
        raise ValidationError(
            _("The province must be in the region, and the commune in the province.")
        )
    verified = user is not None and is_verified(user)
    if user is not None:
        full_name = full_name or user.full_name
        email = email or user.email
    first_name = (full_name.split() or [""])[0][:60] if show_first_name else ""
    signature = Signature(
        petition_id=petition.pk,
        user=user if verified else None,
        full_name=full_name[:150],
        email=identity.normalise_email(email),
        cin_hash=identity.cin_hash(normalised),
        region_id=region_id,
        province_id=province_id,
        commune_id=commune_id,
        abroad=bool(abroad),
        show_first_name=show_first_name,
        public_first_name=first_name,
        notify_progress=notify_progress,
        confirmed_at=timezone.now() if verified else None,
        language=(getattr(user, "preferred_language", None) or _active_language())[:8],
        ip=ip,
    )
    if not _insert_signature(signature):
        raise DuplicateSignature(
            _(
                "A signature with this identity card number is already recorded for this petition. Thank you for your support."
            )
        )
    return signature


_INSERT_STATEMENTS: dict[str, tuple[str, tuple]] = {}


def _insert_statement(connection) -> tuple[str, tuple]:
    """The signature INSERT, built once per process and database vendor from the model's
    fields: every concrete column but the id, `ON CONFLICT (petition_id, cin_hash) DO
    NOTHING`, `RETURNING id`."""
    if connection.vendor in _INSERT_STATEMENTS:
        return _INSERT_STATEMENTS[connection.vendor]
    quote = connection.ops.quote_name
    meta = Signature._meta
    fields = tuple(f for f in meta.concrete_fields if not f.primary_key)
    columns = ", ".join(quote(f.column) for f in fields)
    unique = ", ".join(quote(meta.get_field(name).column) for name in ("petition", "cin_hash"))
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) "  # noqa: S608 - names from the model
        f"VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT ({unique}) DO NOTHING RETURNING {quote(meta.pk.column)}"
    )
    _INSERT_STATEMENTS[connection.vendor] = (sql, fields)
    return sql, fields


def _insert_signature(signature: Signature) -> bool:
    """Write the new row in one statement; False when this CIN already signed this petition.

    What `Model.save(force_insert=True)` does, without its generic machinery (a fifth of a
    signing request's CPU) and without an IntegrityError to catch: the unique constraint
    answers with no row instead, so no savepoint is needed inside a caller's transaction.
    Values are prepared by each field as `save` would (`pre_save`, `get_db_prep_save`).
    """
    connection = connections[router.db_for_write(Signature)]
    if not connection.features.can_return_rows_from_bulk_insert:  # an old SQLite
        try:
            with transaction.atomic(using=connection.alias):
                signature.save(force_insert=True)
        except IntegrityError:
            return False
        return True
    sql, fields = _insert_statement(connection)
    params = [
        field.get_db_prep_save(field.pre_save(signature, True), connection) for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    signature.pk = row[0]
    signature._state.adding = False
    signature._state.db = connection.alias
    return True


def _active_language() -> str:
    from django.utils.translation import get_language

    return (get_language() or settings.LANGUAGE_CODE)[:2]


CONFIRMATION_TEMPLATE = "notifications/petitions/signature_confirmation"


def confirmation_batch_size() -> int:
    return int(getattr(settings, "PETITIONS_CONFIRMATION_BATCH", 500))


def _confirmation_message(signature: Signature, petition: Petition):
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string
    from django.utils import translation

    token = identity.make_token(signature.pk, identity.CONFIRMATION_SALT)
    with translation.override(signature.language or settings.LANGUAGE_CODE):
        path = reverse("petitions:confirm", kwargs={"token": token})  # in the signer's language
        stop_url = unsubscribe_url(signature.pk, translation.get_language())
        context = {
            **_context(
                petition, confirm_url=f"{settings.SITE_URL}{path}", unsubscribe_url=stop_url
            ),
            "site_url": settings.SITE_URL,
        }
        subject = render_to_string(f"{CONFIRMATION_TEMPLATE}.subject.txt", context)
        body = render_to_string(f"{CONFIRMATION_TEMPLATE}.txt", context)
    return EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{' '.join(subject.split())}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[signature.email],
        headers={"List-Unsubscribe": f"<{stop_url}>"},
    )


def send_signature_confirmations(limit: int | None = None) -> int:
    """Email the confirmation link of up to `limit` signatures waiting for it; returns how many.

    The queue: unconfirmed signatures whose email is not sent yet (a partial index). Rows are
    locked FOR UPDATE SKIP LOCKED on PostgreSQL, so concurrent runs share the queue without
    overlap; each is stamped `confirmation_sent_at` in the transaction that sent it, so a run
    that fails leaves the rest for the next one (idempotent; at worst, one message of a
    failing batch is sent twice). All messages of a run share one mail connection. Rows with
    nothing to send (no address, invalidated, petition no longer signable) are stamped
    without a message; while signing is paused, the petition's rows wait.
    """
    from django.core.mail import get_connection

    limit = limit or confirmation_batch_size()
    if pauses.site_switch().signing_paused:
        return 0  # the links could not be used now; they go out once signing resumes
    with transaction.atomic():
        rows = list(
            Signature.objects.filter(
                confirmed_at__isnull=True,
                confirmation_sent_at__isnull=True,
                petition__signing_paused=False,
            )
            .order_by("pk")
            .select_for_update(skip_locked=True, of=("self",))
            .only("pk", "petition_id", "email", "language", "invalidated")[:limit]
        )
        if not rows:
            return 0
        petitions = Petition.objects.in_bulk({r.petition_id for r in rows})
        done, messages = [], []
        for row in rows:
            petition = petitions[row.petition_id]
            if row.email and not row.invalidated and petition.is_signable:
                messages.append((row, _confirmation_message(row, petition)))
            else:
                done.append(row.pk)
        sent = 0
        if messages:
            connection = get_connection()
            try:
                connection.open()
                for row, message in messages:
                    message.connection = connection
                    try:
                        message.send()
                    except Exception:  # noqa: BLE001 - the rest waits for the next run
                        logger.exception("confirmation email of signature %s not sent", row.pk)
                        break
                    done.append(row.pk)
                    sent += 1
            finally:
                connection.close()
        if done:
            Signature.objects.filter(pk__in=done).update(confirmation_sent_at=timezone.now())
    return sent


def signature_from_token(token: str) -> Signature | None:
    pk = identity.read_token(token, identity.CONFIRMATION_SALT, identity.CONFIRMATION_MAX_AGE)
    return Signature.objects.select_related("petition").filter(pk=pk).first() if pk else None


def confirm_signature(signature: Signature) -> bool:
    """Confirm by email link; idempotent. True if this call confirmed it. Not after the
    collection's last day, even when the goal is reached."""
    petition = signature.petition
    if petition.status not in Petition.SIGNABLE_STATUSES or petition.collection_over:
        raise TransitionError(_("This petition is no longer open for signature."))
    paused = pauses.signing_pause_message(signature.petition)
    if paused:
        raise SigningPaused(
            _("Signing is paused for a short while; your link stays valid, try again later.")
        )
    return bool(
        Signature.objects.filter(pk=signature.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
    )


# --- collection outcome (called by the counting task and the beat) ---------------------


@transaction.atomic
def mark_goal_reached(petition: Petition) -> Petition:
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if petition.status != Status.COLLECTING:
        return petition
    petition.goal_reached_at = timezone.now()
    _change(
        petition,
        Status.GOAL_REACHED,
        "goal_reached",
        actor=None,
        actor_role=ROLE_SYSTEM,
        fields=["goal_reached_at"],
    )
    _notify_committee(petition, "petitions/goal_reached")
    _notify_signers(petition, "petitions/goal_reached")
    return petition


def _counting_paused_error() -> TransitionError:
    return TransitionError(
        _(
            "Counting is paused for this petition: its last signatures must be counted "
            "first. Try again once counting resumes."
        )
    )


@transaction.atomic
def expire(petition: Petition) -> Petition:
    """End a collection whose period is over, after a final count of its last window: if
    that count reaches the goal, the petition is marked goal reached instead (its agent can
    file it) and is returned as such. Refused while its counting is paused."""
    from .counting import counting_paused, final_count, hold_counting_lock

    petition = Petition.objects.get(pk=petition.pk)
    _require(petition, Status.COLLECTING)
    if counting_paused(petition):
        raise _counting_paused_error()
    hold_counting_lock()  # before the row locks, as the counting task
    Petition.objects.select_for_update().filter(pk=petition.pk).values_list("pk").get()
    final_count(petition.pk)  # may mark the goal reached
    petition = Petition.objects.get(pk=petition.pk)
    if petition.status == Status.GOAL_REACHED:
        return petition
    _require(petition, Status.COLLECTING)
    petition.closed_at = timezone.now()
    _change(
        petition,
        Status.EXPIRED,
        "expired",
        actor=None,
        actor_role=ROLE_SYSTEM,
        fields=["closed_at"],
    )
    _notify_committee(petition, "petitions/expired")
    return petition


def expire_due(today=None) -> int:
    """Expire the collections past their end (nightly); returns how many expired. Those
    whose counting is paused wait (signing is closed anyway): they expire, after their final
    count, on the first run once counting resumes."""
    from . import pauses

    if pauses.site_counting_paused():
        return 0
    done = 0
    for petition in Petition.objects.past_collection_end(today).filter(counting_paused=False):
        if expire(petition).status == Status.EXPIRED:
            done += 1
    return done


# --- filing and the addressee's decision ------------------------------------------------


def due_dates(petition: Petition, filed_on: datetime.date) -> tuple:
    """(admissibility ruling due, response due or None): calendar days from the filing, as
    the petition's threshold rule gives them."""
    requirement = thresholds.requirement_for(petition)
    decision = filed_on + datetime.timedelta(days=requirement.decision_days)
    response = None
    if requirement.response_days is not None:
        response = filed_on + datetime.timedelta(days=requirement.response_days)
    return decision, response


@transaction.atomic
def file_petition(petition: Petition, *, actor) -> Petition:
    """The agent files a petition that reached its goal (also after the collection's end
    date), after a final count of its last window; refused while its counting is paused."""
    from .counting import counting_paused, final_count, hold_counting_lock

    if not permissions.is_agent(actor, petition):
        raise PermissionDenied
    _require(petition, Status.GOAL_REACHED)
    if counting_paused(petition):
        raise _counting_paused_error()
    hold_counting_lock()  # before the row locks, as the counting task
    # The caller's instance moves on (as every service here), under the row lock.
    petition.status = (
        Petition.objects.select_for_update().values_list("status").get(pk=petition.pk)[0]
    )
    _require(petition, Status.GOAL_REACHED)
    final_count(petition.pk)
    now = timezone.now()
    petition.filed_at = now
    petition.decision_due_on, petition.response_due_on = due_dates(
        petition, timezone.localdate(now)
    )
    _change(
        petition,
        Status.FILED,
        "filed",
        actor=actor,
        actor_role=ROLE_AGENT,
        fields=["filed_at", "decision_due_on", "response_due_on"],
    )
    _notify_committee(petition, "petitions/filed")
    _notify_signers(petition, "petitions/filed")
    return petition


def _check_reviewer(actor, petition):
    if not permissions.can_review_petition(actor, petition):
        raise PermissionDenied


@transaction.atomic
def start_review(petition: Petition, *, actor) -> Petition:
    _check_reviewer(actor, petition)
    _require(petition, Status.FILED)
    _change(petition, Status.UNDER_REVIEW, "review_started", actor=actor, actor_role=ROLE_REVIEWER)
    return petition


@transaction.atomic
def rule_admissibility(petition: Petition, *, actor, admissible: bool, note: str = "") -> Petition:
    _check_reviewer(actor, petition)
    _require(petition, Status.FILED, Status.UNDER_REVIEW)
    if not admissible and not (note or "").strip():
        raise ValidationError(_("Give the reasons for inadmissibility."))
    petition.decided_at = timezone.now()
    petition.decision_note = (note or "").strip()
    fields = ["decided_at", "decision_note"]
    if not admissible:
        petition.closed_at = petition.decided_at
        fields.append("closed_at")
    _change(
        petition,
        Status.ADMISSIBLE if admissible else Status.INADMISSIBLE,
        "ruled_admissible" if admissible else "ruled_inadmissible",
        actor=actor,
        actor_role=ROLE_REVIEWER,
        note=petition.decision_note,
        fields=fields,
    )
    _notify_committee(
        petition, "petitions/decision", admissible=admissible, note=petition.decision_note
    )
    _notify_signers(
        petition, "petitions/decision", admissible=admissible, note=petition.decision_note
    )
    return petition


@transaction.atomic
def publish_response(petition: Petition, *, actor, text: str, document=None) -> Petition:
    _check_reviewer(actor, petition)
    _require(petition, Status.ADMISSIBLE)
    if not (text or "").strip():
        raise ValidationError(_("Write the official response."))
    petition.response_text = text.strip()
    fields = ["response_text", "answered_at", "closed_at"]
    if document:
        petition.response_document = document
        fields.append("response_document")
    petition.answered_at = petition.closed_at = timezone.now()
    _change(
        petition, Status.ANSWERED, "answered", actor=actor, actor_role=ROLE_REVIEWER, fields=fields
    )
    _notify_committee(petition, "petitions/answered")
    _notify_signers(petition, "petitions/answered")
    return petition


@transaction.atomic
def close(petition: Petition, *, actor, note: str = "") -> Petition:
    if not permissions.is_unscoped_staff(actor):
        raise PermissionDenied
    if petition.status in Petition.CLOSED_STATUSES:
        raise TransitionError(_("This petition is already closed."))
    petition.closed_at = timezone.now()
    _change(
        petition,
        Status.CLOSED,
        "closed",
        actor=actor,
        actor_role=ROLE_MODERATOR,
        note=note,
        fields=["closed_at"],
    )
    return petition


# --- anti-abuse and data protection -----------------------------------------------------


@transaction.atomic
def invalidate_signatures(signatures, *, actor, reason: str, criteria: dict | None = None) -> int:
    """Invalidate in bulk (moderators): one InvalidationBatch per petition records who, when,
    why, how many and on which search; `restore_invalidation` undoes it. Counts are recomputed
    after commit."""
    if not permissions.can_moderate_petitions(actor):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason."))
    rows = list(signatures.filter(invalidated=False).values_list("pk", "petition_id"))
    by_petition: dict[int, list[int]] = {}
    for pk, petition_id in rows:
        by_petition.setdefault(petition_id, []).append(pk)
    for petition in Petition.objects.filter(pk__in=by_petition):
        ids = by_petition[petition.pk]
        batch = InvalidationBatch.objects.create(
            petition=petition,
            actor=actor,
            reason=reason[:200],
            criteria=criteria or {},
            count=len(ids),
        )
        for start in range(0, len(ids), 5000):
            Signature.objects.filter(pk__in=ids[start : start + 5000]).update(
                invalidated=True, invalidation_reason=reason[:200], invalidation_batch=batch
            )
        timeline.record(
            petition,
            "signatures_invalidated",
            actor=actor,
            actor_role=ROLE_MODERATOR,
            note=f"{len(ids)}: {reason}",
            public=False,
        )
    _recount_on_commit(by_petition)
    return len(rows)


@transaction.atomic
def restore_invalidation(batch: InvalidationBatch, *, actor, reason: str = "") -> int:
    """Undo a bulk invalidation: its signatures count again (after the recount)."""
    if not permissions.can_moderate_petitions(actor):
        raise PermissionDenied
    batch = InvalidationBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.restored_at:
        raise TransitionError(_("These signatures were already restored."))
    restored = Signature.objects.filter(invalidation_batch=batch).update(
        invalidated=False, invalidation_reason="", invalidation_batch=None
    )
    batch.restored_at = timezone.now()
    batch.restored_by = actor
    batch.restore_reason = (reason or "").strip()[:200]
    batch.save(update_fields=["restored_at", "restored_by", "restore_reason"])
    timeline.record(
        batch.petition,
        "signatures_restored",
        actor=actor,
        actor_role=ROLE_MODERATOR,
        note=f"{restored}: {batch.reason}",
        public=False,
    )
    _recount_on_commit([batch.petition_id])
    return restored


def _recount_on_commit(petition_ids) -> None:
    from .counting import recount_petition

    ids = list(petition_ids)
    transaction.on_commit(lambda: [recount_petition(pk) for pk in ids])


@transaction.atomic
def erase_signer_data(petition: Petition) -> int:
    """Keep only what the counts need: no name, email, IP, user link or first name, and no
    scanned paper sheets (names and CIN numbers; `erase_paper_scans`)."""
    if petition.status not in Petition.CLOSED_STATUSES:
        raise TransitionError(_("Signer data is erased only once the petition is closed."))
    erase_paper_scans(petition)
    erased = Signature.objects.filter(petition=petition).update(
        full_name="",
        email="",
        ip=None,
        user=None,
        public_first_name="",
        show_first_name=False,
        notify_progress=False,
    )
    petition.signer_data_erased_at = timezone.now()
    petition.save(update_fields=["signer_data_erased_at", "updated_at"])
    timeline.record(
        petition, "signer_data_erased", actor=None, actor_role=ROLE_SYSTEM, public=False
    )
    return erased


def erase_due_signer_data(now=None) -> int:
    """Erase signer data of petitions closed more than PETITIONS_ERASE_SIGNERS_AFTER_DAYS ago."""
    now = now or timezone.now()
    days = getattr(settings, "PETITIONS_ERASE_SIGNERS_AFTER_DAYS", 365)
    due = Petition.objects.filter(
        status__in=Petition.CLOSED_STATUSES,
        closed_at__lte=now - datetime.timedelta(days=days),
        signer_data_erased_at__isnull=True,
    )
    count = 0
    for petition in due:
        erase_signer_data(petition)
        count += 1
    return count


# --- withdrawal and removal ---------------------------------------------------------------


@transaction.atomic
def withdraw(petition: Petition, *, actor, reason: str) -> Petition:
    """The agent withdraws the petition, at any time before filing, giving a reason."""
    if not permissions.is_agent(actor, petition):
        raise PermissionDenied
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    _require(petition, *Petition.WITHDRAWABLE_STATUSES)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why you withdraw the petition."))
    was_collecting = petition.status in Petition.SIGNABLE_STATUSES
    petition.withdrawal_reason = reason
    petition.withdrawn_at = petition.closed_at = timezone.now()
    _change(
        petition,
        Status.WITHDRAWN,
        "withdrawn",
        actor=actor,
        actor_role=ROLE_AGENT,
        note=reason,
        fields=["withdrawal_reason", "withdrawn_at", "closed_at"],
        public=petition.published_at is not None,
    )
    _notify_committee(petition, "petitions/withdrawn", reason=reason)
    if was_collecting:
        _notify_signers(petition, "petitions/withdrawn", reason=reason)
    return petition


REMOVABLE_STATUSES = (
    *Petition.SIGNABLE_STATUSES,
    Status.FILED,
    Status.UNDER_REVIEW,
    Status.ADMISSIBLE,
    Status.INADMISSIBLE,
    Status.ANSWERED,
    Status.CLOSED,
    Status.EXPIRED,
    Status.WITHDRAWN,
)


@transaction.atomic
def remove(petition: Petition, *, actor, reason: str, note: str) -> Petition:
    """Moderators take a published petition down (coded reason + text): its page answers 410."""
    if not permissions.can_moderate_petitions(actor):
        raise PermissionDenied
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    _require(petition, *REMOVABLE_STATUSES)
    if petition.status == Status.WITHDRAWN and petition.published_at is None:
        raise TransitionError(_("Only a published petition can be removed."))
    if reason not in Petition.RemovalReason.values:
        raise ValidationError(_("Choose a removal reason."))
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Explain the removal."))
    petition.removal_reason = reason
    petition.removal_note = note
    petition.removed_at = timezone.now()
    fields = ["removal_reason", "removal_note", "removed_at"]
    if not petition.closed_at:
        petition.closed_at = petition.removed_at
        fields.append("closed_at")
    label = Petition.RemovalReason(reason).label
    _change(
        petition,
        Status.REMOVED,
        "removed",
        actor=actor,
        actor_role=ROLE_MODERATOR,
        note=f"{label}: {note}",
        fields=fields,
        public=False,
    )
    _notify_committee(petition, "petitions/removed", reason=str(label), note=note)
    return petition


# --- pauses ---------------------------------------------------------------------------------


@transaction.atomic
def set_petition_pauses(
    petition: Petition, *, actor, signing: bool | None = None, counting: bool | None = None
) -> Petition:
    """Pause or resume signing and/or counting of one petition (moderators, OGP staff)."""
    if not permissions.can_moderate_petitions(actor):
        raise PermissionDenied
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    fields = []
    for flag, value, on, off in (
        ("signing_paused", signing, "signing_paused", "signing_resumed"),
        ("counting_paused", counting, "counting_paused", "counting_resumed"),
    ):
        if value is None or getattr(petition, flag) == bool(value):
            continue
        setattr(petition, flag, bool(value))
        fields.append(flag)
        timeline.record(
            petition, on if value else off, actor=actor, actor_role=ROLE_MODERATOR, public=True
        )
    if fields:
        petition.save(update_fields=[*fields, "updated_at"])
    return petition


@transaction.atomic
def set_site_switch(
    *, actor, signing_paused: bool, counting_paused: bool, message: str = ""
) -> PetitionsSwitch:
    """The site-wide pause of signing and of counting (OGP staff and moderators)."""
    if not permissions.can_moderate_petitions(actor):
        raise PermissionDenied
    PetitionsSwitch.load()
    switch = PetitionsSwitch.objects.select_for_update().get(pk=1)
    before = (switch.signing_paused, switch.counting_paused)
    switch.signing_paused = bool(signing_paused)
    switch.counting_paused = bool(counting_paused)
    switch.message = (message or "").strip()[:300]
    switch.updated_by = actor if getattr(actor, "pk", None) else None
    switch.save()
    if before != (switch.signing_paused, switch.counting_paused):
        timeline.record(
            switch,
            "site_switch_changed",
            actor=actor,
            actor_role=ROLE_MODERATOR,
            note=f"signing_paused={switch.signing_paused} counting_paused={switch.counting_paused}",
            public=False,
        )
    transaction.on_commit(pauses.forget)
    pauses.forget()
    return switch


# --- paper signatures -----------------------------------------------------------------------


def paper_provinces(petition: Petition):
    """The provinces a paper batch of this petition may count signatures in."""
    from ogp_portal.directory.models import Province

    provinces = Province.objects.with_council().select_related("region")
    if petition.kind != Petition.Kind.LOCAL_PETITION:
        return provinces
    if petition.commune_id:
        return provinces.filter(pk=petition.commune.province_id)
    if petition.province_id:
        return provinces.filter(pk=petition.province_id)
    return provinces.filter(region_id=petition.region_id)


@transaction.atomic
def record_paper_batch(
    petition: Petition, *, actor, counts: dict, scans, note: str = ""
) -> PaperBatch:
    """The agent records paper signatures: a count per province and the scanned sheets
    (already checked for type and size by the form). They count once a reviewer verifies."""
    if not permissions.is_agent(actor, petition):
        raise PermissionDenied
    _require(petition, *Petition.SIGNABLE_STATUSES)
    counts = {province: int(n) for province, n in counts.items() if n}
    if not counts or any(n < 0 for n in counts.values()):
        raise ValidationError(_("Give the number of paper signatures of at least one province."))
    allowed = set(paper_provinces(petition).values_list("pk", flat=True))
    if any(province.pk not in allowed for province in counts):
        raise ValidationError(_("A province is outside the territory of this petition."))
    if not scans:
        raise ValidationError(_("Attach the scanned signature sheets."))
    batch = PaperBatch.objects.create(
        petition=petition, recorded_by=actor, total=sum(counts.values()), note=note.strip()
    )
    PaperBatchLine.objects.bulk_create(
        PaperBatchLine(batch=batch, province=province, count=n) for province, n in counts.items()
    )
    for upload in scans:
        upload.name = uploads.storage_name("petitions", upload.name).rsplit("/", 1)[-1]
        PaperScan.objects.create(
            batch=batch,
            file=upload,
            content_type=getattr(upload, "sniffed_content_type", ""),
            size=upload.size,
        )
    timeline.record(
        petition,
        "paper_batch_recorded",
        actor=actor,
        actor_role=ROLE_AGENT,
        note=str(batch.total),
        public=False,
    )
    return batch


def _review_paper(batch: PaperBatch, actor) -> PaperBatch:
    batch = PaperBatch.objects.select_for_update().select_related("petition").get(pk=batch.pk)
    _check_reviewer(actor, batch.petition)
    if batch.status != PaperBatch.Status.PENDING:
        raise TransitionError(_("This batch was already reviewed."))
    return batch


@transaction.atomic
def verify_paper_batch(batch: PaperBatch, *, actor, note: str = "") -> PaperBatch:
    """A reviewer of the addressee verifies a batch: its counts join the petition's counts."""
    from .counting import add_paper

    batch = _review_paper(batch, actor)
    petition = batch.petition
    if petition.status not in (*Petition.SIGNABLE_STATUSES, Status.FILED, Status.UNDER_REVIEW):
        raise TransitionError(_("This petition no longer takes signatures."))
    batch.status = PaperBatch.Status.VERIFIED
    batch.reviewed_by = actor
    batch.reviewed_at = timezone.now()
    batch.review_note = (note or "").strip()
    batch.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"])
    add_paper(petition.pk, dict(batch.lines.values_list("province_id", "count")))
    timeline.record(
        petition,
        "paper_batch_verified",
        actor=actor,
        actor_role=ROLE_REVIEWER,
        note=str(batch.total),
        public=True,
    )
    if petition.author:
        notify(
            petition.author,
            "petitions/paper_batch_reviewed",
            _context(petition, verified=True, total=batch.total, note=batch.review_note),
        )
    return batch


@transaction.atomic
def reject_paper_batch(batch: PaperBatch, *, actor, note: str) -> PaperBatch:
    batch = _review_paper(batch, actor)
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Say why the batch is rejected."))
    batch.status = PaperBatch.Status.REJECTED
    batch.reviewed_by = actor
    batch.reviewed_at = timezone.now()
    batch.review_note = note
    batch.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"])
    timeline.record(
        batch.petition,
        "paper_batch_rejected",
        actor=actor,
        actor_role=ROLE_REVIEWER,
        note=f"{batch.total}: {note}",
        public=False,
    )
    if batch.petition.author:
        notify(
            batch.petition.author,
            "petitions/paper_batch_reviewed",
            _context(batch.petition, verified=False, total=batch.total, note=note),
        )
    return batch


# --- reviewers' deadlines -------------------------------------------------------------------


def reviewers_of(petition: Petition):
    from django.contrib.auth import get_user_model

    from ogp_portal.accounts import roles

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            administration_id=petition.addressee_id,
            groups__name=roles.PETITION_REVIEWER,
        )
        .distinct()
    )


def remind_reviewers(today=None) -> int:
    """Email the addressee's reviewers about filed petitions whose ruling (or admissible
    ones whose response, where the rule sets a deadline) is due within
    PETITIONS_REVIEW_REMINDER_DAYS (default 7) or overdue; at most once every
    PETITIONS_REVIEW_REMINDER_EVERY_DAYS (default 7) per petition. Returns petitions reminded."""
    today = today or timezone.localdate()
    within = getattr(settings, "PETITIONS_REVIEW_REMINDER_DAYS", 7)
    every = getattr(settings, "PETITIONS_REVIEW_REMINDER_EVERY_DAYS", 7)
    done = 0
    due = Petition.objects.review_due(today, within).exclude(
        review_reminded_on__gt=today - datetime.timedelta(days=every)
    )
    for petition in due.select_related("addressee"):
        with transaction.atomic():
            reviewers = list(reviewers_of(petition))
            # Filed or under review: the admissibility ruling; admissible: the response.
            stage = "response" if petition.status == Status.ADMISSIBLE else "admissibility"
            due_on = petition.response_due_on if stage == "response" else petition.decision_due_on
            overdue = due_on < today
            for reviewer in reviewers:
                notify(
                    reviewer,
                    "petitions/review_reminder",
                    _context(
                        petition,
                        stage=stage,
                        due=due_on.isoformat(),
                        overdue=overdue,
                        days=abs((due_on - today).days),
                        admin_url=f"{settings.SITE_URL}"
                        + reverse("admin:petitions_petition_change", args=[petition.pk]),
                    ),
                )
            Petition.objects.filter(pk=petition.pk).update(review_reminded_on=today)
            timeline.record(
                petition,
                "reviewers_reminded",
                actor=None,
                actor_role=ROLE_SYSTEM,
                note=f"{len(reviewers)}",
                public=False,
            )
        done += 1
    return done


# --- a signer's own links: the confirmation sent again, progress emails stopped -------------


def resend_cooldown_seconds() -> int:
    return int(getattr(settings, "PETITIONS_RESEND_COOLDOWN_SECONDS", 120))


def resend_confirmation(petition, *, cin: str, email: str) -> bool:
    """Queue the confirmation email again for the unconfirmed signature of `petition` whose
    CIN (its keyed hash) and email (normalised) both match; True if one matched.

    The batch task (`send_signature_confirmations`) sends it within seconds, to the address
    on record only: no one learns anything they did not know. A row whose message went out
    less than PETITIONS_RESEND_COOLDOWN_SECONDS (120) ago, or is still queued, is left as it
    is (no mailbox flooding). The caller answers the same whether or not anything matched.
    """
    normalised = identity.normalise_cin(cin)
    email = identity.normalise_email(email)
    if not identity.is_valid_cin(normalised) or "@" not in email:
        return False
    matching = Signature.objects.filter(
        petition_id=_pk(petition),
        cin_hash=identity.cin_hash(normalised),
        email=email,
        confirmed_at__isnull=True,
        invalidated=False,
    )
    cutoff = timezone.now() - datetime.timedelta(seconds=resend_cooldown_seconds())
    if matching.filter(confirmation_sent_at__lte=cutoff).update(confirmation_sent_at=None):
        return True
    return matching.exists()


def unsubscribe_url(signature_pk: int, language: str | None = None) -> str:
    """The signed link that stops a signer's progress emails (no expiry), in `language`."""
    from django.utils import translation

    token = identity.make_token(signature_pk, identity.UNSUBSCRIBE_SALT)
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("petitions:unsubscribe", kwargs={"token": token})
    return f"{settings.SITE_URL}{path}"


def signature_from_unsubscribe_token(token: str) -> Signature | None:
    pk = identity.read_token(token, identity.UNSUBSCRIBE_SALT, None)
    return Signature.objects.select_related("petition").filter(pk=pk).first() if pk else None


def unsubscribe_signer(signature: Signature) -> bool:
    """No more progress emails for this signature; idempotent. True if this call changed it.
    The signature itself still counts."""
    return bool(
        Signature.objects.filter(pk=signature.pk, notify_progress=True).update(
            notify_progress=False
        )
    )


def erase_paper_scans(petition: Petition) -> int:
    """Delete the scanned paper sheets of a petition (they carry signers' names and CIN
    numbers): the field is blanked now, the files leave the storage once the transaction
    commits. The batches, their counts per province and their review stay. Returns how many."""
    scans = PaperScan.objects.filter(batch__petition=petition).exclude(file="")
    names = list(scans.values_list("file", flat=True))
    if not names:
        return 0
    scans.update(file="", content_type="", size=0)
    storage = PaperScan._meta.get_field("file").storage

    def delete_files():
        for name in names:
            try:
                storage.delete(name)
            except OSError:
                logger.exception("paper scan %s of %s not deleted", name, petition.reference)

    transaction.on_commit(delete_files)
    return len(names)
