"""Reports on user content, automatic hiding, and the moderators' decisions.

Any model that inherits core.models.Moderatable can be reported. After
settings.MODERATION_AUTO_HIDE_THRESHOLD reports from different people the content
is hidden until a moderator decides; a moderator can hide it or keep it.
Content a moderator kept is not hidden automatically again: new reports put it
back in the queue instead.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import timeline
from .models import ContentReport, Moderatable, ModerationCase


def is_moderatable(model_or_obj) -> bool:
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    return issubclass(model, Moderatable)


def case_for(obj, *, lock: bool = False) -> ModerationCase:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    qs = ModerationCase.objects.select_for_update() if lock else ModerationCase.objects
    case, _created = qs.get_or_create(content_type=content_type, object_id=str(obj.pk))
    return case


def _set_hidden(obj, hidden: bool) -> None:
    if obj is not None and is_moderatable(obj) and obj.is_hidden != hidden:
        obj.is_hidden = hidden
        obj.save(update_fields=["is_hidden"])


@transaction.atomic
def report(obj, *, reporter, reason: str, text: str = "") -> ContentReport:
    if not is_moderatable(obj):
        raise ValidationError(_("This content cannot be reported."))
    if reason not in ContentReport.Reason.values:
        raise ValidationError(_("Choose a reason for the report."))
    case = case_for(obj, lock=True)
    if reporter is not None and ContentReport.objects.filter(case=case, reporter=reporter).exists():
        raise ValidationError(_("You have already reported this content."))
    try:
        with transaction.atomic():
            created = ContentReport.objects.create(
                case=case, reporter=reporter, reason=reason, text=text.strip()
            )
    except IntegrityError as exc:  # a double submit racing the check above
        raise ValidationError(_("You have already reported this content.")) from exc
    ModerationCase.objects.filter(pk=case.pk).update(report_count=F("report_count") + 1)
    case.refresh_from_db()
    if case.status == ModerationCase.Status.HIDDEN:
        return created
    undecided = case.decided_at is None
    if undecided and case.report_count >= settings.MODERATION_AUTO_HIDE_THRESHOLD:
        previous = case.status
        case.status = ModerationCase.Status.HIDDEN
        case.auto_hidden = True
        case.save(update_fields=["status", "auto_hidden", "updated_at"])
        _set_hidden(obj, True)
        timeline.record(
            obj,
            "auto_hidden",
            from_status=previous,
            to_status=case.status,
            public=False,
            note=_("Hidden automatically after %(count)d reports.") % {"count": case.report_count},
        )
    elif case.status in (ModerationCase.Status.VISIBLE, ModerationCase.Status.KEPT):
        case.status = ModerationCase.Status.PENDING
        case.save(update_fields=["status", "updated_at"])
    return created


def _decide(case: ModerationCase, status: str, *, actor, note: str) -> ModerationCase:
    case = ModerationCase.objects.select_for_update().get(pk=case.pk)
    previous = case.status
    case.status = status
    case.decided_by = actor
    case.decided_at = timezone.now()
    case.decision_note = note
    case.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"])
    target = case.target
    _set_hidden(target, status == ModerationCase.Status.HIDDEN)
    if target is not None:
        timeline.record(
            target,
            f"moderation_{status}",
            actor=actor,
            actor_role=_("moderator"),
            from_status=previous,
            to_status=status,
            note=note,
            public=False,
        )
    return case


@transaction.atomic
def hide(case: ModerationCase, *, actor, note: str = "") -> ModerationCase:
    return _decide(case, ModerationCase.Status.HIDDEN, actor=actor, note=note)


@transaction.atomic
def keep(case: ModerationCase, *, actor, note: str = "") -> ModerationCase:
    return _decide(case, ModerationCase.Status.KEPT, actor=actor, note=note)


def queue():
    """What moderators should look at first: reported or auto-hidden, undecided."""
    return ModerationCase.objects.filter(
        Q(status=ModerationCase.Status.PENDING)
        | Q(status=ModerationCase.Status.HIDDEN, auto_hidden=True, decided_at__isnull=True)
    ).select_related("content_type")
