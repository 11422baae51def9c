"""Every state change of an information request (Law 31-13), one function per transition.

Each function validates the transition (ValidationError with a translated message),
saves with update_fields, records a timeline event in the same transaction and queues
notifications (sent after commit). The requester and every follower hear of each
public event; the body's information officers hear of new requests and complaints.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ogp_portal.accounts import roles
from ogp_portal.core import timeline
from ogp_portal.core.deadlines import add_calendar_days, add_working_days
from ogp_portal.core.notifications import notify
from ogp_portal.core.references import next_reference
from transparency import actors
from transparency.models import (
    AnswerAttachment,
    InformationRequest,
    RequestAnswer,
    RequestAppeal,
)
from transparency.models import requests as rules

from . import permissions
from .uploads import validate_attachment

Status = InformationRequest.Status
NOTIFY_PREFIX = "transparency/ati/"


class Event(models.TextChoices):
    SUBMITTED = "submitted", _("Request submitted")
    RECORDED = "recorded", _("Request recorded by staff")
    ACKNOWLEDGED = "acknowledged", _("Receipt acknowledged")
    CLARIFICATION_REQUESTED = "clarification_requested", _("Clarification requested")
    CLARIFICATION_PROVIDED = "clarification_provided", _("Clarification provided")
    IN_PROGRESS = "in_progress", _("Work started")
    EXTENDED = "extended", _("Deadline extended")
    URGENCY_ACCEPTED = "urgency_accepted", _("Urgency accepted")
    URGENCY_DECLINED = "urgency_declined", _("Urgency declined")
    ANSWERED = "answered", _("Answer sent")
    PARTIALLY_ANSWERED = "partially_answered", _("Partial answer sent")
    REFUSED = "refused", _("Request refused")
    NOT_HELD = "not_held", _("Information not held")
    TRANSFERRED = "transferred", _("Transferred to another body")
    IMPLICITLY_REFUSED = "implicitly_refused", _("Deadline passed without an answer")
    APPEAL_HEAD = "appeal_head", _("Complaint to the head of the institution")
    HEAD_DECISION = "head_decision", _("Decision of the head of the institution")
    APPEAL_CDAI = "appeal_cdai", _("Complaint to the CDAI")
    CDAI_DECISION = "cdai_decision", _("Decision of the CDAI")
    CLOSED = "closed", _("Closed")
    REMINDER = "reminder", _("Reminder sent to the information officers")


def _today() -> datetime.date:
    return timezone.localdate()


def _role_of(actor) -> str:
    """The actor's public role as a code (transparency/actors.py): never a name, never text
    translated now (the page says it in its reader's language)."""
    from ogp_portal.accounts.permissions import has_role, is_unscoped

    if actor is None:
        return actors.PORTAL
    if is_unscoped(actor):
        return actors.OGP_STAFF
    if has_role(actor, roles.INFORMATION_OFFICER):
        return actors.INFORMATION_OFFICER
    return actors.REQUESTER


def _require_officer(request_obj, actor) -> None:
    if not permissions.can_handle_request(actor, request_obj):
        raise ValidationError(
            _("Only an information officer of %(body)s may do this.")
            % {"body": request_obj.administration}
        )


def _require_status(request_obj, allowed, message=None) -> None:
    if request_obj.status not in allowed:
        raise ValidationError(
            message
            or _("This cannot be done while the request is “%(status)s”.")
            % {"status": request_obj.get_status_display()}
        )


def _require_text(value: str, message) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message)
    return value


def _path(request_obj, recipient=None) -> str:
    """The request page in the recipient's language (notifications add SITE_URL)."""
    language = getattr(recipient, "preferred_language", None) or settings.LANGUAGE_CODE
    with translation.override(language):
        return request_obj.get_absolute_url()


def _context(request_obj, **extra) -> dict:
    return {
        "reference": request_obj.reference,
        "subject": request_obj.subject,
        "status": request_obj.status,
        "due_date": request_obj.due_date.isoformat(),
        "path": _path(request_obj),
        **extra,
    }


def _requester_and_followers(request_obj):
    """(user, address) pairs, each person once."""
    seen, targets = set(), []
    if request_obj.requester_id:
        seen.add(request_obj.requester_id)
        targets.append((request_obj.requester, ""))
    elif request_obj.contact_email:
        targets.append((None, request_obj.contact_email))
    for follower in request_obj.followers.all():
        if follower.pk not in seen and not follower.anonymised_at:
            seen.add(follower.pk)
            targets.append((follower, ""))
    return targets


def _officers(administration_id):
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            administration_id=administration_id,
            is_active=True,
            is_staff=True,
            groups__name=roles.INFORMATION_OFFICER,
        )
        .distinct()
    )


def _announce(request_obj, event: str, note: str = "", *, template: str = "request_event") -> None:
    """Tell the requester and the followers; private notes never go to followers."""
    context = _context(request_obj, event=event, note=note)
    for user, address in _requester_and_followers(request_obj):
        context["path"] = _path(request_obj, user)
        notify(user, NOTIFY_PREFIX + template, dict(context), address=address)


def _tell_officers(request_obj, template: str, **extra) -> None:
    context = _context(request_obj, **extra)
    for officer in _officers(request_obj.administration_id):
        with translation.override(officer.preferred_language or settings.LANGUAGE_CODE):
            context["admin_path"] = reverse(
                "admin:transparency_informationrequest_change", args=[request_obj.pk]
            )
        notify(officer, NOTIFY_PREFIX + template, dict(context))


def _transition(
    request_obj,
    to_status: str,
    event: str,
    *,
    actor,
    note: str = "",
    fields: tuple[str, ...] = (),
    public: bool = True,
    announce: bool = True,
) -> None:
    from_status = request_obj.status
    request_obj.status = to_status
    if to_status in InformationRequest.OUTCOME_STATUSES:
        request_obj.outcome = to_status
        fields = (*fields, "outcome")
    request_obj.save(update_fields=["status", "updated_at", *fields])
    timeline.record(
        request_obj,
        event,
        actor=actor,
        actor_role=_role_of(actor),
        from_status=from_status if from_status != to_status else "",
        to_status=to_status if from_status != to_status else "",
        note=note,
        public=public,
    )
    if announce:
        _announce(request_obj, event, note)


# --- Filing -------------------------------------------------------------------------


@transaction.atomic
def submit_request(
    *,
    actor,
    administration,
    requester_name: str,
    subject: str,
    description: str,
    postal_address: str = "",
    cin: str = "",
    contact_email: str = "",
    preferred_format: str = InformationRequest.Format.ELECTRONIC,
    delivery: str = InformationRequest.Delivery.PORTAL,
    is_private: bool = False,
    is_urgent: bool = False,
    urgency_justification: str = "",
    channel: str = InformationRequest.Channel.WEB,
    requester=None,
    received_on: datetime.date | None = None,
) -> InformationRequest:
    """File a request: by the citizen on the portal, or by staff for a request received
    by post, email or at the counter (channel recorded, requester optional)."""
    if channel == InformationRequest.Channel.WEB:
        requester = actor
        if not getattr(actor, "is_authenticated", False):
            raise ValidationError(_("Sign in to ask for information."))
    elif not permissions.can_record_request_for_someone(actor):
        raise ValidationError(_("Only staff may record a request received by another channel."))
    elif not permissions.can_handle_request(
        actor, InformationRequest(administration=administration)
    ):
        raise ValidationError(_("You may record requests only for your own administration."))
    if not administration.is_active:
        raise ValidationError(_("This administration does not take requests."))
    if is_urgent and not (urgency_justification or "").strip():
        raise ValidationError(_("Say why the information is needed urgently."))
    received_on = received_on or _today()
    obj = InformationRequest(
        administration=administration,
        requester=requester,
        requester_name=_require_text(requester_name, _("The requester's name is required.")),
        postal_address=postal_address.strip(),
        contact_email=contact_email or (requester.email if requester else ""),
        subject=_require_text(subject, _("A subject is required.")),
        description=_require_text(description, _("Describe the information you ask for.")),
        preferred_format=preferred_format,
        delivery=delivery,
        channel=channel,
        is_private=is_private,
        is_urgent=is_urgent,
        urgency_justification=urgency_justification.strip() if is_urgent else "",
        urgency=InformationRequest.Urgency.PENDING if is_urgent else "",
        received_on=received_on,
        deadline_start=received_on,
        # Until the officer decides, an urgent claim runs on the short deadline.
        deadline_days=rules.URGENT_DAYS if is_urgent else rules.ANSWER_DAYS,
    )
    obj.set_cin(cin)
    obj.recompute_due_date()
    obj.reference = next_reference("ATI", year=received_on.year)
    obj.save()
    if requester is not None:
        obj.followers.add(requester)
    web = channel == InformationRequest.Channel.WEB
    timeline.record(
        obj,
        Event.SUBMITTED if web else Event.RECORDED,
        actor=actor,
        actor_role=actors.REQUESTER if web else _role_of(actor),
        to_status=Status.SUBMITTED,
        note="" if web else obj.channel,  # a code: the page shows the channel's label
    )
    _announce(obj, Event.SUBMITTED)
    _tell_officers(obj, "request_received", urgent=is_urgent)
    return obj


# --- The officer's work ----------------------------------------------------------------


@transaction.atomic
def acknowledge(request_obj, *, actor, note: str = "") -> None:
    _require_officer(request_obj, actor)
    _require_status(request_obj, (Status.SUBMITTED, Status.TRANSFERRED))
    _transition(request_obj, Status.ACKNOWLEDGED, Event.ACKNOWLEDGED, actor=actor, note=note)


@transaction.atomic
def start_work(request_obj, *, actor, note: str = "") -> None:
    _require_officer(request_obj, actor)
    _require_status(request_obj, (Status.SUBMITTED, Status.ACKNOWLEDGED, Status.TRANSFERRED))
    _transition(request_obj, Status.IN_PROGRESS, Event.IN_PROGRESS, actor=actor, note=note)


@transaction.atomic
def request_clarification(request_obj, *, actor, question: str) -> None:
    """The deadline stops until the requester answers; it then restarts in full."""
    _require_officer(request_obj, actor)
    _require_status(request_obj, InformationRequest.OPEN_STATUSES)
    request_obj.clarification_question = _require_text(
        question, _("Write the question the requester must answer.")
    )
    _transition(
        request_obj,
        Status.CLARIFICATION_REQUESTED,
        Event.CLARIFICATION_REQUESTED,
        actor=actor,
        note=request_obj.clarification_question,
        fields=("clarification_question",),
    )


@transaction.atomic
def provide_clarification(request_obj, *, actor, text: str, on: datetime.date | None = None):
    if not (
        permissions.is_requester(actor, request_obj)
        or permissions.can_handle_request(actor, request_obj)
    ):
        raise ValidationError(_("Only the requester may answer this question."))
    _require_status(request_obj, (Status.CLARIFICATION_REQUESTED,))
    text = _require_text(text, _("Write your clarification."))
    request_obj.deadline_start = on or _today()
    request_obj.recompute_due_date()
    _transition(
        request_obj,
        Status.ACKNOWLEDGED,
        Event.CLARIFICATION_PROVIDED,
        actor=actor,
        note=text,
        fields=("deadline_start", "due_date"),
    )
    _tell_officers(request_obj, "request_clarified")


@transaction.atomic
def extend(request_obj, *, actor, reason: str, on: datetime.date | None = None) -> None:
    """One extension of 20 working days, announced before the deadline, with its reason."""
    _require_officer(request_obj, actor)
    _require_status(
        request_obj, (Status.SUBMITTED, Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.TRANSFERRED)
    )
    if request_obj.extension_days:
        raise ValidationError(_("The deadline can be extended only once."))
    if request_obj.urgency == InformationRequest.Urgency.ACCEPTED:
        raise ValidationError(_("An urgent request cannot be extended."))
    if (on or _today()) > request_obj.due_date:
        raise ValidationError(
            _("The extension must be announced before the deadline (%(due)s).")
            % {"due": request_obj.due_date.isoformat()}
        )
    request_obj.extension_reason = _require_text(
        reason, _("Give the reason for the extension: the requester is told.")
    )
    request_obj.extension_days = rules.EXTENSION_DAYS
    request_obj.recompute_due_date()
    _transition(
        request_obj,
        Status.EXTENDED,
        Event.EXTENDED,
        actor=actor,
        note=request_obj.extension_reason,
        fields=("extension_reason", "extension_days", "due_date"),
    )


def _decide_urgency(request_obj, actor, decision, reason, days, event):
    _require_officer(request_obj, actor)
    if request_obj.urgency != InformationRequest.Urgency.PENDING:
        raise ValidationError(_("There is no urgency claim awaiting a decision."))
    _require_status(request_obj, InformationRequest.OPEN_STATUSES)
    request_obj.urgency = decision
    request_obj.urgency_reason = reason
    request_obj.deadline_days = days
    request_obj.recompute_due_date()
    _transition(
        request_obj,
        request_obj.status,
        event,
        actor=actor,
        note=reason,
        fields=("urgency", "urgency_reason", "deadline_days", "due_date"),
    )


@transaction.atomic
def accept_urgency(request_obj, *, actor, reason: str = "") -> None:
    _decide_urgency(
        request_obj,
        actor,
        InformationRequest.Urgency.ACCEPTED,
        (reason or "").strip(),
        rules.URGENT_DAYS,
        Event.URGENCY_ACCEPTED,
    )


@transaction.atomic
def decline_urgency(request_obj, *, actor, reason: str) -> None:
    reason = _require_text(reason, _("Give the reason for declining the urgency."))
    _decide_urgency(
        request_obj,
        actor,
        InformationRequest.Urgency.DECLINED,
        reason,
        rules.ANSWER_DAYS,
        Event.URGENCY_DECLINED,
    )


@transaction.atomic
def answer(
    request_obj,
    *,
    actor,
    text: str,
    partial: bool = False,
    redaction_note: str = "",
    files=(),
    on: datetime.date | None = None,
) -> RequestAnswer:
    """Send the answer (full or partial), with attachments checked by content and size."""
    _require_officer(request_obj, actor)
    _require_status(request_obj, InformationRequest.OPEN_STATUSES)
    text = _require_text(text, _("Write the answer."))
    if partial and not (redaction_note or "").strip():
        raise ValidationError(_("Say what was withheld or redacted, and why."))
    checked = [(f, validate_attachment(f)) for f in files]
    on = on or _today()
    reply = RequestAnswer.objects.create(
        request=request_obj,
        kind=RequestAnswer.Kind.PARTIAL if partial else RequestAnswer.Kind.FULL,
        text=text,
        redaction_note=(redaction_note or "").strip(),
        answered_by=actor,
        sent_on=on,
    )
    for upload, content_type in checked:
        AnswerAttachment.objects.create(
            answer=reply,
            file=upload,
            name=upload.name[:200],
            content_type=content_type,
            size=upload.size,
        )
    request_obj.answered_on = on
    _transition(
        request_obj,
        Status.PARTIALLY_ANSWERED if partial else Status.ANSWERED,
        Event.PARTIALLY_ANSWERED if partial else Event.ANSWERED,
        actor=actor,
        note=reply.redaction_note,
        fields=("answered_on",),
    )
    return reply


@transaction.atomic
def refuse(request_obj, *, actor, ground, reason: str, on: datetime.date | None = None) -> None:
    _require_officer(request_obj, actor)
    _require_status(request_obj, InformationRequest.OPEN_STATUSES)
    if ground is None:
        raise ValidationError(_("Choose the legal ground of the refusal."))
    request_obj.refusal_ground = ground
    request_obj.refusal_reason = _require_text(reason, _("A refusal must give its reasons."))
    request_obj.answered_on = on or _today()
    _transition(
        request_obj,
        Status.REFUSED,
        Event.REFUSED,
        actor=actor,
        note=f"{ground.name} — {request_obj.refusal_reason}",
        fields=("refusal_ground", "refusal_reason", "answered_on"),
    )


@transaction.atomic
def mark_not_held(request_obj, *, actor, note: str, on: datetime.date | None = None) -> None:
    _require_officer(request_obj, actor)
    _require_status(request_obj, InformationRequest.OPEN_STATUSES)
    note = _require_text(note, _("Explain why the body does not hold this information."))
    request_obj.answered_on = on or _today()
    _transition(
        request_obj,
        Status.NOT_HELD,
        Event.NOT_HELD,
        actor=actor,
        note=note,
        fields=("answered_on",),
    )


@transaction.atomic
def transfer(
    request_obj, *, actor, to_administration, reason: str, on: datetime.date | None = None
) -> None:
    """To the competent body; the deadline starts again from the transfer."""
    _require_officer(request_obj, actor)
    _require_status(request_obj, InformationRequest.OPEN_STATUSES)
    if to_administration is None or to_administration.pk == request_obj.administration_id:
        raise ValidationError(_("Choose another administration to transfer the request to."))
    if not to_administration.is_active:
        raise ValidationError(_("This administration does not take requests."))
    reason = _require_text(reason, _("Say why the other body is competent."))
    request_obj.transferred_from_id = request_obj.administration_id
    request_obj.administration = to_administration
    request_obj.deadline_start = on or _today()
    request_obj.extension_days = 0
    request_obj.extension_reason = ""
    request_obj.recompute_due_date()
    request_obj.reminded_5_for = request_obj.reminded_1_for = None
    _transition(
        request_obj,
        Status.TRANSFERRED,
        Event.TRANSFERRED,
        actor=actor,
        note=f"{to_administration.name} — {reason}",
        fields=(
            "transferred_from",
            "administration",
            "deadline_start",
            "extension_days",
            "extension_reason",
            "due_date",
            "reminded_5_for",
            "reminded_1_for",
        ),
    )
    _tell_officers(request_obj, "request_received", urgent=request_obj.is_urgent)


@transaction.atomic
def record_implicit_refusal(request_obj, *, actor=None, today: datetime.date | None = None) -> None:
    """Silence at the deadline is a refusal (run by the beat task the day after the due date)."""
    _require_status(request_obj, InformationRequest.OPEN_STATUSES)
    today = today or _today()
    if today <= request_obj.due_date:
        raise ValidationError(_("The deadline has not passed yet."))
    _transition(
        request_obj,
        Status.IMPLICITLY_REFUSED,
        Event.IMPLICITLY_REFUSED,
        actor=actor,
        announce=False,
    )
    window = appeal_head_window(request_obj)
    context = _context(request_obj, appeal_until=window.due.isoformat())
    for user, address in _requester_and_followers(request_obj):
        context["path"] = _path(request_obj, user)
        notify(user, NOTIFY_PREFIX + "request_implicitly_refused", dict(context), address=address)


# --- Appeals -----------------------------------------------------------------------------


def appeal_head_window(request_obj):
    """20 working days from the answer, or from the deadline when there was none."""
    start = request_obj.answered_on
    if request_obj.status == Status.IMPLICITLY_REFUSED or start is None:
        start = request_obj.due_date
    return add_working_days(start, rules.APPEAL_HEAD_WINDOW_DAYS)


def appeal_cdai_window(appeal: RequestAppeal):
    """30 calendar days from the head's decision, or from the day it was due."""
    start = appeal.decided_on or appeal.reply_due
    return add_calendar_days(start, rules.APPEAL_CDAI_WINDOW_DAYS)


def can_appeal_to_head(request_obj, today=None) -> bool:
    return (
        request_obj.status in InformationRequest.OUTCOME_STATUSES
        and (today or _today()) <= appeal_head_window(request_obj).due
    )


def can_appeal_to_cdai(request_obj, today=None) -> bool:
    if request_obj.status != Status.APPEAL_HEAD:
        return False
    appeal = request_obj.current_appeal
    today = today or _today()
    if appeal is None:
        return False
    head_done = appeal.is_decided or (appeal.reply_due and today > appeal.reply_due)
    return bool(head_done) and today <= appeal_cdai_window(appeal).due


def _require_requester_or_staff(request_obj, actor):
    if not (
        permissions.is_requester(actor, request_obj)
        or permissions.can_handle_request(actor, request_obj)
    ):
        raise ValidationError(_("Only the requester may file this complaint."))


@transaction.atomic
def appeal_to_head(
    request_obj, *, actor, grounds: str, on: datetime.date | None = None
) -> RequestAppeal:
    _require_requester_or_staff(request_obj, actor)
    _require_status(
        request_obj,
        InformationRequest.OUTCOME_STATUSES,
        _("A complaint to the head can be filed only after an answer or the deadline."),
    )
    on = on or _today()
    window = appeal_head_window(request_obj)
    if on > window.due:
        raise ValidationError(
            _("The time to complain to the head of the institution ended on %(date)s.")
            % {"date": window.due.isoformat()}
        )
    grounds = _require_text(grounds, _("Say why you complain."))
    appeal = RequestAppeal.objects.create(
        request=request_obj,
        level=RequestAppeal.Level.HEAD,
        grounds=grounds,
        filed_on=on,
        reply_due=add_working_days(on, rules.HEAD_REPLY_DAYS).due,
    )
    _transition(request_obj, Status.APPEAL_HEAD, Event.APPEAL_HEAD, actor=actor, note=grounds)
    _tell_officers(request_obj, "request_appealed")
    return appeal


def _decide(appeal, outcome, decision, on, message):
    if appeal.is_decided:
        raise ValidationError(_("This complaint has already been decided."))
    if outcome not in RequestAppeal.Outcome.values or not outcome:
        raise ValidationError(_("Choose the outcome."))
    appeal.outcome = outcome
    appeal.decision = _require_text(decision, message)
    appeal.decided_on = on or _today()
    appeal.save(update_fields=["outcome", "decision", "decided_on", "updated_at"])


@transaction.atomic
def record_head_decision(
    request_obj, *, actor, outcome: str, decision: str, on: datetime.date | None = None
) -> RequestAppeal:
    _require_officer(request_obj, actor)
    _require_status(request_obj, (Status.APPEAL_HEAD,))
    appeal = request_obj.appeals.filter(level=RequestAppeal.Level.HEAD).last()
    _decide(appeal, outcome, decision, on, _("Write the head's decision."))
    _transition(
        request_obj,
        Status.APPEAL_HEAD,
        Event.HEAD_DECISION,
        actor=actor,
        note=f"{appeal.get_outcome_display()} — {appeal.decision}",
    )
    return appeal


@transaction.atomic
def appeal_to_cdai(
    request_obj, *, actor, grounds: str, on: datetime.date | None = None
) -> RequestAppeal:
    _require_requester_or_staff(request_obj, actor)
    _require_status(
        request_obj,
        (Status.APPEAL_HEAD,),
        _("Complain to the head of the institution before the CDAI."),
    )
    on = on or _today()
    if not can_appeal_to_cdai(request_obj, today=on):
        raise ValidationError(
            _(
                "The CDAI can be asked after the head's decision, or once the head's reply is "
                "overdue, and within 30 days."
            )
        )
    grounds = _require_text(grounds, _("Say why you complain."))
    appeal = RequestAppeal.objects.create(
        request=request_obj, level=RequestAppeal.Level.CDAI, grounds=grounds, filed_on=on
    )
    _transition(request_obj, Status.APPEAL_CDAI, Event.APPEAL_CDAI, actor=actor, note=grounds)
    return appeal


@transaction.atomic
def record_cdai_decision(
    request_obj, *, actor, outcome: str, decision: str, on: datetime.date | None = None
) -> RequestAppeal:
    if not permissions.can_record_cdai_decision(actor, request_obj):
        raise ValidationError(_("Only OGP staff record the CDAI's decision."))
    _require_status(request_obj, (Status.APPEAL_CDAI,))
    appeal = request_obj.appeals.filter(level=RequestAppeal.Level.CDAI).last()
    _decide(appeal, outcome, decision, on, _("Write the CDAI's decision."))
    _transition(
        request_obj,
        Status.APPEAL_CDAI,
        Event.CDAI_DECISION,
        actor=actor,
        note=f"{appeal.get_outcome_display()} — {appeal.decision}",
    )
    return appeal


@transaction.atomic
def close(request_obj, *, actor, note: str = "", on: datetime.date | None = None) -> None:
    _require_officer(request_obj, actor)
    closable = (*InformationRequest.OUTCOME_STATUSES, Status.APPEAL_HEAD, Status.APPEAL_CDAI)
    _require_status(request_obj, closable)
    appeal = request_obj.current_appeal
    if request_obj.status in (Status.APPEAL_HEAD, Status.APPEAL_CDAI) and not (
        appeal and appeal.is_decided
    ):
        raise ValidationError(_("A pending complaint must be decided before closing."))
    request_obj.closed_on = on or _today()
    _transition(
        request_obj, Status.CLOSED, Event.CLOSED, actor=actor, note=note, fields=("closed_on",)
    )


# --- Following -------------------------------------------------------------------------


def follow(request_obj, *, actor) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise ValidationError(_("Sign in to follow a request."))
    if not permissions.can_read_request(actor, request_obj):
        raise ValidationError(_("This request is private."))
    request_obj.followers.add(actor)


def unfollow(request_obj, *, actor) -> None:
    if getattr(actor, "is_authenticated", False):
        request_obj.followers.remove(actor)


# --- Reminders (beat) ----------------------------------------------------------------


@transaction.atomic
def send_reminder(request_obj, *, days_left: int) -> bool:
    """Remind the officers once per due date; False when already reminded."""
    field = {5: "reminded_5_for", 1: "reminded_1_for"}[days_left]
    if not request_obj.is_open or getattr(request_obj, field) == request_obj.due_date:
        return False
    setattr(request_obj, field, request_obj.due_date)
    request_obj.save(update_fields=[field, "updated_at"])
    timeline.record(
        request_obj,
        Event.REMINDER,
        actor_role=actors.PORTAL,
        note=str(days_left),
        public=False,
    )
    _tell_officers(request_obj, "request_reminder", days_left=days_left)
    return True
