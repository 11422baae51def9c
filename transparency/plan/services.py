"""Every state change of the action plan and co-creation.

Each service takes a keyword-only `actor`, checks the transition and the actor's right
(PermissionDenied / ValidationError), saves with update_fields, records a timeline event in
the same transaction and queues notifications (sent after commit).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ogp_portal.accounts.roles import OGP_STAFF
from ogp_portal.core import links, moderation, timeline
from ogp_portal.core.notifications import notify
from transparency import actors
from transparency.models import (
    Comment,
    Commitment,
    Consultation,
    Idea,
    IdeaSupport,
    Milestone,
    ProgressUpdate,
)

from . import permissions

NOTIFY_PREFIX = "transparency/plan/"


def _role(user) -> str:
    """A code (transparency/actors.py): OGP staff, else the user's administration."""
    return actors.role_of(user)


def _ogp_staff():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=OGP_STAFF, is_active=True).distinct()


def _url(obj) -> str:
    return obj.get_absolute_url()


# --- Milestones and progress updates ---------------------------------------------------


@transaction.atomic
def record_milestone_progress(
    milestone: Milestone, *, actor, progress: int, status: str | None = None, note: str = ""
) -> Milestone:
    """Set a milestone's progress (0-100) and status; 100 % means completed and back."""
    if not permissions.can_edit_commitment(actor, milestone.commitment):
        raise PermissionDenied
    try:
        progress = int(progress)
    except (TypeError, ValueError):
        raise ValidationError({"progress": _("Progress must be a whole number.")}) from None
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Progress must be between 0 and 100.")})
    status = status or milestone.status
    if status not in Milestone.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == Milestone.Status.CANCELLED:
        pass
    elif progress == 100:
        status = Milestone.Status.COMPLETED
    elif status == Milestone.Status.COMPLETED:
        raise ValidationError(
            {"status": _("A completed milestone is at 100 percent; set the progress to 100.")}
        )
    elif progress > 0 and status == Milestone.Status.NOT_STARTED:
        status = Milestone.Status.IN_PROGRESS
    previous_status, previous_progress = milestone.status, milestone.progress
    if (previous_status, previous_progress) == (status, progress):
        return milestone
    milestone.progress = progress
    milestone.status = status
    milestone.save(update_fields=["progress", "status", "updated_at"])
    timeline.record(
        milestone.commitment,
        "milestone_progress",
        actor=actor,
        actor_role=_role(actor),
        from_status=previous_status,
        to_status=status,
        note=note
        or _("%(milestone)s: %(old)d%% → %(new)d%%")
        % {"milestone": milestone.title, "old": previous_progress, "new": progress},
    )
    return milestone


@transaction.atomic
def create_progress_update(
    commitment: Commitment, *, actor, text: str, progress_claimed: int = 0
) -> ProgressUpdate:
    if not permissions.can_edit_commitment(actor, commitment):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write what was done.")})
    if not 0 <= int(progress_claimed) <= 100:
        raise ValidationError({"progress_claimed": _("Progress must be between 0 and 100.")})
    return ProgressUpdate.objects.create(
        commitment=commitment, author=actor, text=text, progress_claimed=progress_claimed
    )


@transaction.atomic
def submit_progress_update(update: ProgressUpdate, *, actor) -> ProgressUpdate:
    if not permissions.can_edit_commitment(actor, update.commitment):
        raise PermissionDenied
    if update.status not in (ProgressUpdate.Status.DRAFT, ProgressUpdate.Status.REJECTED):
        raise ValidationError(_("Only a draft or a rejected update can be submitted."))
    previous = update.status
    update.status = ProgressUpdate.Status.SUBMITTED
    update.save(update_fields=["status", "updated_at"])
    timeline.record(
        update.commitment,
        "update_submitted",
        actor=actor,
        actor_role=_role(actor),
        from_status=previous,
        to_status=update.status,
        public=False,
    )
    for staff in _ogp_staff():
        notify(
            staff,
            NOTIFY_PREFIX + "update_submitted",
            {
                "commitment": str(update.commitment),
                "administration": str(update.commitment.lead_administration),
                "url": f"/admin/transparency/progressupdate/{update.pk}/change/",
            },
        )
    return update


@transaction.atomic
def publish_progress_update(update: ProgressUpdate, *, actor, note: str = "") -> ProgressUpdate:
    if not permissions.can_review_updates(actor):
        raise PermissionDenied
    if update.status != ProgressUpdate.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted update can be published."))
    update.status = ProgressUpdate.Status.PUBLISHED
    update.reviewed_by = actor
    update.review_note = note
    update.published_at = timezone.now()
    update.save(
        update_fields=["status", "reviewed_by", "review_note", "published_at", "updated_at"]
    )
    timeline.record(
        update.commitment,
        "update_published",
        actor=actor,
        actor_role=_role(actor),
        from_status=ProgressUpdate.Status.SUBMITTED,
        to_status=update.status,
        note=update.text[:500],
    )
    if update.author:
        notify(
            update.author,
            NOTIFY_PREFIX + "update_published",
            {"commitment": str(update.commitment), "url": _url(update.commitment)},
        )
    return update


@transaction.atomic
def reject_progress_update(update: ProgressUpdate, *, actor, reason: str) -> ProgressUpdate:
    if not permissions.can_review_updates(actor):
        raise PermissionDenied
    if update.status != ProgressUpdate.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted update can be rejected."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"review_note": _("Say why the update is sent back.")})
    update.status = ProgressUpdate.Status.REJECTED
    update.reviewed_by = actor
    update.review_note = reason
    update.save(update_fields=["status", "reviewed_by", "review_note", "updated_at"])
    timeline.record(
        update.commitment,
        "update_rejected",
        actor=actor,
        actor_role=_role(actor),
        from_status=ProgressUpdate.Status.SUBMITTED,
        to_status=update.status,
        note=reason,
        public=False,
    )
    if update.author:
        notify(
            update.author,
            NOTIFY_PREFIX + "update_rejected",
            {
                "commitment": str(update.commitment),
                "reason": reason,
                "url": f"/admin/transparency/progressupdate/{update.pk}/change/",
            },
        )
    return update


# --- Comments --------------------------------------------------------------------------


@transaction.atomic
def post_comment(
    commitment: Commitment, *, actor, text: str, stance: str = Comment.Stance.NEUTRAL, parent=None
) -> Comment:
    """A comment, or a reply to a top-level comment (one level of replies only)."""
    if not permissions.can_participate(actor):
        raise PermissionDenied
    if not commitment.plan.is_public:
        raise ValidationError(_("This plan is not open for comments."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write a comment.")})
    if stance not in Comment.Stance.values:
        raise ValidationError({"stance": _("Choose for, against or neutral.")})
    if parent is not None:
        if parent.commitment_id != commitment.pk:
            raise ValidationError(_("You can only reply to a comment on this commitment."))
        if parent.parent_id is not None:
            raise ValidationError(_("Replies to replies are not possible: reply to the comment."))
        if parent.is_hidden:
            raise ValidationError(_("This comment is hidden."))
    comment = Comment.objects.create(
        commitment=commitment, author=actor, text=text, stance=stance, parent=parent
    )
    if parent is not None and parent.author and parent.author_id != actor.pk:
        notify(
            parent.author,
            NOTIFY_PREFIX + "comment_replied",
            {"commitment": str(commitment), "url": _url(comment)},
        )
    return comment


def report_content(obj, *, reporter, reason: str, text: str = ""):
    """Report a comment or an idea; core.moderation hides it after the threshold."""
    return moderation.report(obj, reporter=reporter, reason=reason, text=text)


# --- Consultations and ideas ----------------------------------------------------------


@transaction.atomic
def open_consultation(consultation: Consultation, *, actor, closes_at=None) -> Consultation:
    if not permissions.can_manage_plans(actor):
        raise PermissionDenied
    now = timezone.now()
    if consultation.is_open(now):
        raise ValidationError(_("The consultation is already open."))
    closes_at = closes_at or consultation.closes_at
    if closes_at <= now:
        raise ValidationError({"closes_at": _("The closing date must be in the future.")})
    consultation.opens_at = now
    consultation.closes_at = closes_at
    consultation.save(update_fields=["opens_at", "closes_at", "updated_at"])
    timeline.record(consultation, "consultation_opened", actor=actor, actor_role=_role(actor))
    return consultation


@transaction.atomic
def close_consultation(consultation: Consultation, *, actor) -> Consultation:
    if not permissions.can_manage_plans(actor):
        raise PermissionDenied
    now = timezone.now()
    if not consultation.is_open(now):
        raise ValidationError(_("The consultation is not open."))
    consultation.closes_at = now
    consultation.save(update_fields=["closes_at", "updated_at"])
    timeline.record(consultation, "consultation_closed", actor=actor, actor_role=_role(actor))
    return consultation


@transaction.atomic
def propose_idea(
    consultation: Consultation, *, actor, title: str, text: str, theme=None, commitment=None
) -> Idea:
    """A participant's idea; `commitment` (optional, a public one) is linked as what it is about."""
    if not permissions.can_participate(actor):
        raise PermissionDenied
    if not consultation.is_open():
        raise ValidationError(_("The consultation is closed: ideas can no longer be proposed."))
    title, text = (title or "").strip(), (text or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Give your idea a title.")
    if not text:
        errors["text"] = _("Describe your idea.")
    if theme is not None and theme.plan_id != consultation.plan_id:
        errors["theme"] = _("Choose a theme of this plan.")
    if commitment is not None and not commitment.plan.is_public:
        errors["commitment"] = _("Choose a commitment of a published plan.")
    if errors:
        raise ValidationError(errors)
    idea = Idea.objects.create(
        consultation=consultation, author=actor, title=title, text=text, theme=theme
    )
    timeline.record(idea, "idea_proposed", to_status=idea.status)
    if commitment is not None:
        links.create_link(idea, commitment, actor=actor, kind=links.Kind.ABOUT)
    return idea


@transaction.atomic
def support_idea(idea: Idea, *, actor) -> IdeaSupport:
    if not permissions.can_participate(actor):
        raise PermissionDenied
    if idea.is_hidden or not idea.consultation.is_open():
        raise ValidationError(_("This idea can no longer be supported."))
    if idea.author_id == actor.pk:
        raise ValidationError(_("You cannot support your own idea."))
    if IdeaSupport.objects.filter(idea=idea, user=actor).exists():
        raise ValidationError(_("You already support this idea."))
    try:
        with transaction.atomic():
            return IdeaSupport.objects.create(idea=idea, user=actor)
    except IntegrityError:  # a double click racing the check above
        raise ValidationError(_("You already support this idea.")) from None


@transaction.atomic
def unsupport_idea(idea: Idea, *, actor) -> None:
    if not permissions.can_participate(actor):
        raise PermissionDenied
    if not idea.consultation.is_open():
        raise ValidationError(_("The consultation is closed."))
    deleted, _n = IdeaSupport.objects.filter(idea=idea, user=actor).delete()
    if not deleted:
        raise ValidationError(_("You do not support this idea."))


@transaction.atomic
def decide_idea(
    idea: Idea, *, actor, decision: str, response: str, merged_into: Commitment | None = None
) -> Idea:
    """Accept, merge into a commitment or reject an idea, always with a public reason."""
    if not permissions.can_decide_idea(actor, idea, merged_into):
        raise PermissionDenied
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if idea.status != Idea.Status.SUBMITTED:
        raise ValidationError(_("This idea has already been answered."))
    decisions = (Idea.Status.ACCEPTED, Idea.Status.MERGED, Idea.Status.REJECTED)
    if decision not in decisions:
        raise ValidationError({"status": _("Choose accepted, merged or rejected.")})
    response = (response or "").strip()
    errors = {}
    if not response:
        errors["response"] = _("Every answer needs a reason, shown publicly.")
    if decision == Idea.Status.MERGED and merged_into is None:
        errors["merged_into"] = _("Choose the commitment the idea is merged into.")
    if errors:
        raise ValidationError(errors)
    idea.status = decision
    idea.response = response
    idea.merged_into = merged_into if decision == Idea.Status.MERGED else idea.merged_into
    idea.decided_at = timezone.now()
    idea.decided_by = actor
    idea.save(
        update_fields=[
            "status",
            "response",
            "merged_into",
            "decided_at",
            "decided_by",
            "updated_at",
        ]
    )
    timeline.record(
        idea,
        "idea_decided",
        actor=actor,
        actor_role=_role(actor),
        from_status=Idea.Status.SUBMITTED,
        to_status=decision,
        note=response,
    )
    if idea.author:
        notify(
            idea.author,
            NOTIFY_PREFIX + "idea_decided",
            {
                "title": idea.title,
                "status": str(idea.get_status_display()),
                "response": response,
                "url": _url(idea),
            },
        )
    return idea
