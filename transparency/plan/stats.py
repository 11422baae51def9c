"""Figures of the action plan part, for transparency/stats.py and the opendata export."""

from types import SimpleNamespace

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from transparency.models import ActionPlan, Commitment, Idea, IdeaSupport, ProgressUpdate


def commitments_followed() -> int:
    return Commitment.objects.public().count()


def current_plan():
    return (
        ActionPlan.objects.exclude(status=ActionPlan.Status.DRAFT).order_by("-start_year").first()
    )


def co_creation(plan) -> dict:
    """Participants, ideas, accepted (accepted or merged) and rejected, for a plan's consultations."""
    ideas = Idea.objects.filter(consultation__plan=plan)
    authors = set(ideas.exclude(author=None).values_list("author_id", flat=True))
    supporters = set(
        IdeaSupport.objects.filter(idea__consultation__plan=plan).values_list("user_id", flat=True)
    )
    from transparency.models import Comment

    commenters = set(
        Comment.objects.filter(commitment__plan=plan)
        .exclude(author=None)
        .values_list("author_id", flat=True)
    )
    return {
        "participants": len(authors | supporters | commenters),
        "ideas": ideas.count(),
        "accepted": ideas.filter(status__in=[Idea.Status.ACCEPTED, Idea.Status.MERGED]).count(),
        "rejected": ideas.filter(status=Idea.Status.REJECTED).count(),
        "pending": ideas.filter(status=Idea.Status.SUBMITTED).count(),
    }


def latest_updates(limit: int = 3):
    return (
        ProgressUpdate.objects.published()
        .filter(commitment__plan__status__in=[s for s in ActionPlan.Status.values if s != "draft"])
        .select_related("commitment__plan")
        .order_by("-published_at")[:limit]
    )


def _build_progress_table():
    from transparency.models import Milestone

    from .imports import COLUMNS, export_rows

    return COLUMNS, export_rows(
        Milestone.objects.filter(commitment__in=Commitment.objects.public())
    )


milestone_progress_export = SimpleNamespace(
    title=_("Action plan milestone progress"),
    description=_(
        "Every milestone of the national action plans with its due date, status, progress and evidence links."
    ),
    build=_build_progress_table,
)

__all__ = ["commitments_followed", "co_creation", "current_plan", "latest_updates", "timezone"]
