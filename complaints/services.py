"""Every change of a complaint's status, with its timeline event and notification.

Each service validates the transition (ValidationError with a translated message),
saves with update_fields, records a timeline event in the same transaction, and
notifies the complainant on their preferred channel (sent after commit).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ogp_portal.accounts import roles
from ogp_portal.core.notifications import notify
from ogp_portal.core.references import next_reference
from ogp_portal.core.timeline import record

from .models import (
    ApiKey,
    Attachment,
    Category,
    Complaint,
    ComplaintPolicy,
    InternalNote,
    Message,
    ResponseTemplate,
    Transfer,
)

Status = Complaint.Status

# Timeline event kinds (past tense); labels in EVENT_LABELS for the public page.
FILED = "filed"
FORWARDED = "forwarded"
TRANSFERRED = "transferred"
REJECTED = "rejected"
STARTED = "started"
ANSWERED = "answered"
CLOSED = "closed"
RATED = "rated"
REOPENED = "reopened"
MESSAGE = "message"
NOTE = "internal_note"
REMINDED = "reminded"
ESCALATED = "escalated"


def event_labels() -> dict:
    return {
        FILED: _("Complaint received"),
        FORWARDED: _("Forwarded to the administration"),
        TRANSFERRED: _("Transferred to another administration"),
        REJECTED: _("Rejected"),
        STARTED: _("Being handled"),
        ANSWERED: _("Answered"),
        CLOSED: _("Closed"),
        RATED: _("Answer rated"),
        REOPENED: _("Reopened"),
        MESSAGE: _("Message"),
        ESCALATED: _("Escalated to the head of the administration"),
    }


def _role_label(code: str) -> str:
    return roles.role_label(code)


# --- notifications -------------------------------------------------------------------------


def supported_language(code: str | None) -> str:
    """One of settings.LANGUAGES for a code from outside ("fr", "fr-MA", "fr_MA", "AR"), else
    the site's default: a complaint's language picks its notifications' language and links."""
    supported = {lang.lower() for lang, _name in settings.LANGUAGES}
    wanted = (code or "").strip().lower().replace("_", "-")
    for candidate in (wanted, wanted.split("-", 1)[0]):
        if candidate and candidate in supported:
            return candidate
    return settings.LANGUAGE_CODE


def _context(complaint: Complaint, **extra) -> dict:
    return {
        "reference": complaint.reference,
        "subject": complaint.subject,
        "tracking_url": f"{settings.SITE_URL}{_tracking_path(complaint)}",
        "administration": str(complaint.administration) if complaint.administration else "",
        **extra,
    }


def _tracking_path(complaint: Complaint) -> str:
    from django.urls import reverse

    with translation.override(complaint.language or settings.LANGUAGE_CODE):
        return reverse("complaints:track", kwargs={"token": complaint.tracking_token})


def notify_complainant(complaint: Complaint, template: str, **extra) -> None:
    """On the complainant's preferred channel: SMS to their phone, email otherwise."""
    context = _context(complaint, **extra)
    name = f"complaints/{template}"
    phone = complaint.contact_address_phone
    email = complaint.contact_address_email
    if complaint.contact_preference in (Complaint.Contact.SMS, Complaint.Contact.PHONE) and phone:
        notify(
            complaint.complainant,
            name,
            context,
            channel="sms",
            address=phone,
            language=complaint.language,
        )
    elif email:
        notify(complaint.complainant, name, context, address=email, language=complaint.language)
    elif phone:
        notify(
            complaint.complainant,
            name,
            context,
            channel="sms",
            address=phone,
            language=complaint.language,
        )


def _officers(complaint: Complaint):
    from ogp_portal.accounts.models import User

    if not complaint.administration_id:
        return User.objects.none()
    return User.objects.filter(
        administration_id=complaint.administration_id,
        groups__name=roles.COMPLAINTS_OFFICER,
        is_active=True,
    ).distinct()


def _notify_officers(complaint: Complaint, template: str, **extra) -> None:
    context = _context(complaint, **extra)
    context["admin_path"] = f"/admin/complaints/complaint/{complaint.pk}/change/"
    for officer in _officers(complaint):
        notify(officer, f"complaints/{template}", context)


# --- guards --------------------------------------------------------------------------------


def _require(complaint: Complaint, allowed, message: str) -> None:
    if complaint.status not in allowed:
        raise ValidationError(message, code="invalid_transition")


def _set_deadlines(complaint: Complaint, policy: ComplaintPolicy) -> None:
    received = timezone.localdate(complaint.received_at)
    complaint.forward_due = received + datetime.timedelta(days=policy.forward_days)
    complaint.answer_due = received + datetime.timedelta(days=policy.answer_days)


def _region_of(complaint: Complaint):
    if complaint.province_id:
        return complaint.province.region_id
    if complaint.administration_id:
        return complaint.administration.region_id
    return None


# --- intake --------------------------------------------------------------------------------


@transaction.atomic
def file_complaint(
    *,
    actor=None,
    subject: str,
    description: str,
    kind: str = Complaint.Kind.COMPLAINT,
    channel: str = Complaint.Channel.WEB,
    administration=None,
    category: Category | None = None,
    province=None,
    commune=None,
    complainant=None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    contact_preference: str = Complaint.Contact.EMAIL,
    language: str | None = None,
    attachments=(),
    latitude=None,
    longitude=None,
    api_key: ApiKey | None = None,
    received_at=None,
) -> Complaint:
    """File a complaint on any channel; staff (phone, counter, mail) file on a caller's behalf."""
    if category is not None and administration is not None:
        if category.administration_id != administration.pk:
            raise ValidationError(
                _("This category does not belong to the chosen administration."),
                code="category_mismatch",
            )
    if category is not None and administration is None:
        administration = category.administration
    if commune is not None and province is None:
        province = commune.province
    if commune is not None and province is not None and commune.province_id != province.pk:
        raise ValidationError(_("This commune is not in the chosen province."), code="commune")
    phone = contact_phone or (complainant.phone if complainant else "")
    email = contact_email or (complainant.email if complainant else "")
    if contact_preference == Complaint.Contact.SMS and not phone:
        raise ValidationError(_("A phone number is needed to be contacted by SMS."), code="phone")
    if contact_preference == Complaint.Contact.PHONE and not phone:
        raise ValidationError(_("A phone number is needed to be called back."), code="phone")
    if contact_preference == Complaint.Contact.EMAIL and not email:
        raise ValidationError(
            _("An email address is needed to be contacted by email."), code="email"
        )
    policy = ComplaintPolicy.current()
    complaint = Complaint(
        kind=kind,
        channel=channel,
        subject=subject.strip(),
        description=description.strip(),
        administration=administration,
        category=category,
        province=province,
        commune=commune,
        complainant=complainant,
        contact_name=contact_name or (complainant.full_name if complainant else ""),
        contact_email=contact_email,
        contact_phone=contact_phone,
        contact_preference=contact_preference,
        language=supported_language(language or translation.get_language()),
        filed_by=actor if (actor is not None and actor != complainant) else None,
        latitude=latitude,
        longitude=longitude,
        api_key=api_key,
        received_at=received_at or timezone.now(),
    )
    complaint.region_id = _region_of(complaint)
    _set_deadlines(complaint, policy)
    complaint.reference = next_reference("CPL")
    complaint.save()
    for upload, content_type in attachments:
        Attachment.objects.create(
            complaint=complaint,
            file=upload,
            original_name=upload.name[:200],
            content_type=content_type,
            size=upload.size,
        )
    actor_role = _("call-centre agent") if complaint.filed_by else _("complainant")
    record(
        complaint,
        FILED,
        actor=actor,
        actor_role=actor_role,
        to_status=Status.RECEIVED,
        note=str(complaint.get_channel_display()),
    )
    if complaint.channel == Complaint.Channel.PHONE and complaint.contact_address_phone:
        # A caller has no link to click: the tracking number comes by SMS, whatever else.
        notify(
            complaint.complainant,
            "complaints/filed",
            _context(complaint),
            channel="sms",
            address=complaint.contact_address_phone,
            language=complaint.language,
        )
    else:
        notify_complainant(complaint, "filed")
    return complaint


# --- triage and handling -------------------------------------------------------------------


@transaction.atomic
def forward(complaint: Complaint, *, actor, administration=None, category=None) -> Complaint:
    """Triage sends the complaint to the administration that must answer it."""
    _require(complaint, (Status.RECEIVED,), _("Only a complaint awaiting triage can be forwarded."))
    administration = administration or complaint.administration
    if administration is None:
        raise ValidationError(_("Choose the administration to forward to."), code="administration")
    if category is not None and category.administration_id != administration.pk:
        raise ValidationError(
            _("This category does not belong to the chosen administration."),
            code="category_mismatch",
        )
    complaint.administration = administration
    if category is not None:
        complaint.category = category
    elif complaint.category and complaint.category.administration_id != administration.pk:
        complaint.category = None
    complaint.region_id = _region_of(complaint)
    complaint.status = Status.FORWARDED
    complaint.forwarded_at = timezone.now()
    complaint.save(
        update_fields=[
            "administration",
            "category",
            "region",
            "status",
            "forwarded_at",
            "updated_at",
        ]
    )
    record(
        complaint,
        FORWARDED,
        actor=actor,
        actor_role=_("triage"),
        from_status=Status.RECEIVED,
        to_status=Status.FORWARDED,
        note=str(administration),
    )
    notify_complainant(complaint, "forwarded")
    _notify_officers(complaint, "officer_new")
    return complaint


@transaction.atomic
def transfer(complaint: Complaint, *, actor, to_administration, reason: str) -> Complaint:
    _require(
        complaint,
        Complaint.AWAITING_ANSWER,
        _("Only a complaint being handled by an administration can be transferred."),
    )
    if not reason or not reason.strip():
        raise ValidationError(_("Give the reason for the transfer."), code="reason")
    if to_administration.pk == complaint.administration_id:
        raise ValidationError(
            _("The complaint is already with this administration."), code="same_administration"
        )
    Transfer.objects.create(
        complaint=complaint,
        from_administration=complaint.administration,
        to_administration=to_administration,
        reason=reason.strip(),
        actor=actor,
    )
    previous = complaint.status
    complaint.administration = to_administration
    complaint.category = None
    complaint.status = Status.FORWARDED
    complaint.region_id = _region_of(complaint)
    complaint.save(update_fields=["administration", "category", "status", "region", "updated_at"])
    record(
        complaint,
        TRANSFERRED,
        actor=actor,
        actor_role=_role_label(roles.COMPLAINTS_OFFICER),
        from_status=previous,
        to_status=Status.FORWARDED,
        note=str(to_administration),
    )
    notify_complainant(complaint, "transferred")
    _notify_officers(complaint, "officer_new")
    return complaint


@transaction.atomic
def reject(complaint: Complaint, *, actor, reason: str, note: str) -> Complaint:
    _require(
        complaint,
        (Status.RECEIVED, Status.FORWARDED, Status.IN_PROGRESS),
        _("This complaint can no longer be rejected."),
    )
    if reason not in Complaint.RejectionReason.values:
        raise ValidationError(_("Choose why the complaint is rejected."), code="reason")
    if not note or not note.strip():
        raise ValidationError(_("Explain the rejection to the complainant."), code="note")
    previous = complaint.status
    complaint.status = Status.REJECTED
    complaint.rejection_reason = reason
    complaint.rejection_note = note.strip()
    complaint.closed_at = timezone.now()
    complaint.save(
        update_fields=["status", "rejection_reason", "rejection_note", "closed_at", "updated_at"]
    )
    record(
        complaint,
        REJECTED,
        actor=actor,
        actor_role=_("triage"),
        from_status=previous,
        to_status=Status.REJECTED,
        note=f"{complaint.get_rejection_reason_display()}: {complaint.rejection_note}",
    )
    notify_complainant(
        complaint, "rejected", reason=complaint.rejection_reason, note=complaint.rejection_note
    )
    return complaint


@transaction.atomic
def start(complaint: Complaint, *, actor) -> Complaint:
    _require(
        complaint,
        (Status.FORWARDED, Status.REOPENED),
        _("Only a forwarded or reopened complaint can be taken in hand."),
    )
    previous = complaint.status
    complaint.status = Status.IN_PROGRESS
    complaint.save(update_fields=["status", "updated_at"])
    record(
        complaint,
        STARTED,
        actor=actor,
        actor_role=_role_label(roles.COMPLAINTS_OFFICER),
        from_status=previous,
        to_status=Status.IN_PROGRESS,
    )
    notify_complainant(complaint, "started")
    return complaint


@transaction.atomic
def answer(
    complaint: Complaint,
    *,
    actor,
    outcome: str,
    text: str = "",
    template: ResponseTemplate | None = None,
) -> Complaint:
    """The administration's answer: from a template (edited or not) or free text."""
    _require(
        complaint,
        Complaint.AWAITING_ANSWER,
        _("Only a complaint being handled by an administration can be answered."),
    )
    if template is not None:
        if template.administration_id != complaint.administration_id:
            raise ValidationError(
                _("This response template belongs to another administration."), code="template"
            )
        outcome = outcome or template.outcome
        text = text.strip() or template.render(complaint)
    if outcome not in ResponseTemplate.Outcome.values:
        raise ValidationError(_("Say whether the answer is positive, negative or partial."))
    if not text or not text.strip():
        raise ValidationError(_("Write the answer."), code="text")
    previous = complaint.status
    now = timezone.now()
    complaint.status = Status.ANSWERED
    complaint.answer_outcome = outcome
    complaint.answer_text = text.strip()
    complaint.answered_by = actor
    complaint.answered_at = now
    if complaint.first_answered_at is None:
        complaint.first_answered_at = now
    complaint.save(
        update_fields=[
            "status",
            "answer_outcome",
            "answer_text",
            "answered_by",
            "answered_at",
            "first_answered_at",
            "updated_at",
        ]
    )
    record(
        complaint,
        ANSWERED,
        actor=actor,
        actor_role=_role_label(roles.COMPLAINTS_OFFICER),
        from_status=previous,
        to_status=Status.ANSWERED,
    )
    notify_complainant(complaint, "answered", outcome=outcome)
    return complaint


@transaction.atomic
def close(complaint: Complaint, *, actor=None, by_complainant: bool = False) -> Complaint:
    _require(complaint, (Status.ANSWERED,), _("Only an answered complaint can be closed."))
    complaint.status = Status.CLOSED
    complaint.closed_at = timezone.now()
    complaint.save(update_fields=["status", "closed_at", "updated_at"])
    record(
        complaint,
        CLOSED,
        actor=actor,
        actor_role=_("complainant") if by_complainant else _("portal"),
        from_status=Status.ANSWERED,
        to_status=Status.CLOSED,
    )
    notify_complainant(complaint, "closed", by_complainant=by_complainant)
    return complaint


@transaction.atomic
def rate(
    complaint: Complaint, *, actor=None, resolved: bool, rating: int, comment: str = ""
) -> Complaint:
    if not complaint.can_be_rated:
        raise ValidationError(_("Only an answered complaint can be rated."), code="not_answered")
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError(_("The rating goes from 1 to 5."), code="rating")
    complaint.resolved = bool(resolved)
    complaint.rating = rating
    complaint.rating_comment = (comment or "").strip()
    complaint.rated_at = timezone.now()
    complaint.save(update_fields=["resolved", "rating", "rating_comment", "rated_at", "updated_at"])
    record(complaint, RATED, actor=actor, actor_role=_("complainant"), note=f"{rating}/5")
    return complaint


@transaction.atomic
def reopen(complaint: Complaint, *, actor=None, reason: str, now=None) -> Complaint:
    """The complainant reopens within the window; the complaint goes back to the officer."""
    policy = ComplaintPolicy.current()
    now = now or timezone.now()
    if complaint.status not in (Status.ANSWERED, Status.CLOSED):
        raise ValidationError(_("Only an answered complaint can be reopened."), code="not_answered")
    if not complaint.can_be_reopened(now=now, policy=policy):
        raise ValidationError(
            _("The time to reopen this complaint (%(days)s days after the answer) has passed.")
            % {"days": policy.reopen_days},
            code="window",
        )
    if not reason or not reason.strip():
        raise ValidationError(_("Say why the answer does not solve the problem."), code="reason")
    previous = complaint.status
    complaint.status = Status.REOPENED
    complaint.reopened_count += 1
    complaint.reopened_at = now
    complaint.reopen_reason = reason.strip()
    complaint.closed_at = None
    complaint.answer_due = timezone.localdate(now) + datetime.timedelta(days=policy.answer_days)
    complaint.save(
        update_fields=[
            "status",
            "reopened_count",
            "reopened_at",
            "reopen_reason",
            "closed_at",
            "answer_due",
            "updated_at",
        ]
    )
    record(
        complaint,
        REOPENED,
        actor=actor,
        actor_role=_("complainant"),
        from_status=previous,
        to_status=Status.REOPENED,
        note=complaint.reopen_reason,
    )
    _notify_officers(complaint, "officer_reopened")
    return complaint


# --- thread and notes ---------------------------------------------------------------------


@transaction.atomic
def post_message(complaint: Complaint, *, actor=None, body: str, from_complainant: bool) -> Message:
    if not body or not body.strip():
        raise ValidationError(_("Write a message."), code="body")
    if complaint.status == Status.REJECTED:
        raise ValidationError(_("This complaint is closed to messages."), code="rejected")
    message = Message.objects.create(
        complaint=complaint,
        author=actor if getattr(actor, "pk", None) else None,
        from_complainant=from_complainant,
        body=body.strip(),
    )
    record(
        complaint,
        MESSAGE,
        actor=actor,
        actor_role=_("complainant") if from_complainant else _role_label(roles.COMPLAINTS_OFFICER),
    )
    if from_complainant:
        _notify_officers(complaint, "officer_message")
    else:
        notify_complainant(complaint, "message")
    return message


@transaction.atomic
def add_note(complaint: Complaint, *, actor, body: str) -> InternalNote:
    if not body or not body.strip():
        raise ValidationError(_("Write the note."), code="body")
    note = InternalNote.objects.create(complaint=complaint, author=actor, body=body.strip())
    record(
        complaint,
        NOTE,
        actor=actor,
        actor_role=_role_label(roles.COMPLAINTS_OFFICER),
        public=False,
    )
    return note


# --- reminders and escalation (beat) ------------------------------------------------------


# How many complaints a triage reminder lists by name; the rest are counted.
TRIAGE_REMINDER_LIST = 50


def _triage_staff():
    """Who works the central triage queue: mirrors permissions.can_triage (OGP staff and
    superusers), active staff accounts only."""
    from ogp_portal.accounts.models import User

    return (
        User.objects.filter(is_active=True, is_staff=True)
        .filter(Q(is_superuser=True) | Q(groups__name=roles.OGP_STAFF))
        .distinct()
        .order_by("pk")
    )


def _remind_triage(today, since) -> int:
    """One message to each triage staff member listing the complaints past the deadline to
    forward; a complaint is listed at most once a day (reminded_at, as for the officers)."""
    late = list(
        Complaint.objects.overdue_to_forward(today=today)
        .exclude(reminded_at__gte=since)
        .order_by("forward_due", "pk")
        .only("pk", "reference", "subject", "forward_due")
    )
    recipients = list(_triage_staff())
    if not late or not recipients:
        return 0
    policy = ComplaintPolicy.current()
    context = {
        "count": len(late),
        "days": policy.forward_days,
        "complaints": [
            {"reference": c.reference, "subject": c.subject, "due": c.forward_due.isoformat()}
            for c in late[:TRIAGE_REMINDER_LIST]
        ],
        "more": max(0, len(late) - TRIAGE_REMINDER_LIST),
        "admin_path": "/admin/complaints/complaint/?queue=overdue_forward",
    }
    with transaction.atomic():
        for user in recipients:
            notify(user, "complaints/triage_reminder", context)
        Complaint.objects.filter(pk__in=[c.pk for c in late]).update(reminded_at=timezone.now())
        for complaint in late:
            record(complaint, REMINDED, actor_role=_("portal"), note=_("triage"), public=False)
    return len(late)


def send_reminders(today=None) -> dict:
    """Remind triage of complaints past the deadline to forward, officers of answers due soon
    or overdue; escalate long-overdue answers to the head of the administration."""
    today = today or timezone.localdate()
    policy = ComplaintPolicy.current()
    reminded = escalated = 0
    since = timezone.now() - datetime.timedelta(days=1)
    triage_reminded = _remind_triage(today, since)
    due = (
        Complaint.objects.due_soon(policy.reminder_days, today=today)
        | Complaint.objects.overdue_to_answer(today=today)
    ).exclude(reminded_at__gte=since)
    for complaint in due.select_related("administration"):
        with transaction.atomic():
            _notify_officers(complaint, "officer_reminder", due=complaint.answer_due.isoformat())
            complaint.reminded_at = timezone.now()
            complaint.save(update_fields=["reminded_at"])
            record(complaint, REMINDED, actor_role=_("portal"), public=False)
        reminded += 1
    for complaint in (
        Complaint.objects.overdue_to_answer(today=today)
        .filter(escalated_at__isnull=True)
        .select_related("administration")
    ):
        with transaction.atomic():
            head_email = complaint.administration.email if complaint.administration else ""
            if head_email:
                notify(
                    None,
                    "complaints/escalation",
                    _context(complaint, due=complaint.answer_due.isoformat()),
                    address=head_email,
                )
            complaint.escalated_at = timezone.now()
            complaint.save(update_fields=["escalated_at"])
            record(complaint, ESCALATED, actor_role=_("portal"), public=False)
        escalated += 1
    return {"reminded": reminded, "escalated": escalated, "triage_reminded": triage_reminded}
