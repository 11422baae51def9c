"""Every change of an initiative's publication state.

draft ──submit──▶ submitted ──publish──▶ published
  ▲                   │  └──send_back──▶ returned ──submit──▶ submitted
  │                   │
published ──unpublish──▶ draft   (a moderator withdraws it)
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ogp_portal.accounts.permissions import can_moderate, has_role
from ogp_portal.accounts.roles import CIVIL_SERVANT, MODERATOR, OGP_STAFF, role_label
from ogp_portal.core.notifications import notify
from ogp_portal.core.timeline import record

from .models import Initiative
from .permissions import can_submit_initiative

State = Initiative.State


class TransitionError(ValidationError):
    pass


def _reviewer_role(actor) -> str:
    return role_label(MODERATOR) if has_role(actor, MODERATOR) else role_label(OGP_STAFF)


def _check_state(initiative, allowed, target):
    if initiative.state not in allowed:
        raise TransitionError(
            _("An initiative that is %(state)s cannot become %(target)s.")
            % {"state": initiative.get_state_display(), "target": State(target).label}
        )


def _notify_submitter(initiative, template: str):
    if initiative.submitted_by_id is None:
        return
    notify(
        initiative.submitted_by,
        f"integrity/{template}",
        {
            "initiative_id": initiative.pk,
            "title": initiative.title,
            "comment": initiative.review_comment,
            "path": initiative.get_absolute_url()[3:],  # without the language prefix
            "admin_path": f"/admin/integrity/initiative/{initiative.pk}/change/",
        },
    )


@transaction.atomic
def submit(initiative: Initiative, *, actor) -> Initiative:
    """A civil servant of the lead administration asks for publication."""
    _check_state(initiative, (State.DRAFT, State.RETURNED), State.SUBMITTED)
    if not can_submit_initiative(actor, initiative):
        raise PermissionDenied
    from_state = initiative.state
    initiative.state = State.SUBMITTED
    initiative.submitted_by = actor
    initiative.submitted_at = timezone.now()
    initiative.save(update_fields=["state", "submitted_by", "submitted_at", "updated_at"])
    record(
        initiative,
        "submitted",
        actor=actor,
        actor_role=role_label(CIVIL_SERVANT),
        from_status=from_state,
        to_status=State.SUBMITTED,
        public=False,
    )
    return initiative


@transaction.atomic
def publish(initiative: Initiative, *, actor, note: str = "") -> Initiative:
    """A moderator publishes a submitted initiative."""
    if not can_moderate(actor):
        raise PermissionDenied
    _check_state(initiative, (State.SUBMITTED,), State.PUBLISHED)
    initiative.state = State.PUBLISHED
    initiative.published_at = timezone.now()
    initiative.review_comment = note
    initiative.save(update_fields=["state", "published_at", "review_comment", "updated_at"])
    record(
        initiative,
        "published",
        actor=actor,
        actor_role=_reviewer_role(actor),
        from_status=State.SUBMITTED,
        to_status=State.PUBLISHED,
    )
    _notify_submitter(initiative, "initiative_published")
    return initiative


@transaction.atomic
def send_back(initiative: Initiative, *, actor, comment: str) -> Initiative:
    """A moderator returns a submitted initiative to its administration with a comment."""
    if not can_moderate(actor):
        raise PermissionDenied
    _check_state(initiative, (State.SUBMITTED,), State.RETURNED)
    comment = (comment or "").strip()
    if not comment:
        raise TransitionError(_("Say what should change before sending the initiative back."))
    initiative.state = State.RETURNED
    initiative.review_comment = comment
    initiative.save(update_fields=["state", "review_comment", "updated_at"])
    record(
        initiative,
        "returned",
        actor=actor,
        actor_role=_reviewer_role(actor),
        from_status=State.SUBMITTED,
        to_status=State.RETURNED,
        note=comment,
        public=False,
    )
    _notify_submitter(initiative, "initiative_returned")
    return initiative


@transaction.atomic
def unpublish(initiative: Initiative, *, actor, comment: str = "") -> Initiative:
    """A moderator withdraws a published initiative; it goes back to draft."""
    if not can_moderate(actor):
        raise PermissionDenied
    _check_state(initiative, (State.PUBLISHED,), State.DRAFT)
    initiative.state = State.DRAFT
    initiative.published_at = None
    initiative.review_comment = comment
    initiative.save(update_fields=["state", "published_at", "review_comment", "updated_at"])
    record(
        initiative,
        "unpublished",
        actor=actor,
        actor_role=_reviewer_role(actor),
        from_status=State.PUBLISHED,
        to_status=State.DRAFT,
        note=comment,
        public=False,
    )
    return initiative
