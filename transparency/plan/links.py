"""The action plan's part in links across apps (ogp_portal.core.links).

Commitments are link targets (ideas, petitions and datasets point to them); ideas are sources
(an idea about a commitment) and targets (a complaint topic followed up as an idea). The
"consultation idea" factory lets OGP staff turn aggregate figures of another app into an idea
of the current consultation, without that app importing this one.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ogp_portal.accounts.permissions import is_unscoped
from ogp_portal.core import links
from transparency.models import ActionPlan, Commitment, Consultation, Idea

from . import services

COMMITMENT = "transparency.commitment"
IDEA = "transparency.idea"


def public_commitments():
    return (
        Commitment.objects.public().select_related("plan").order_by("-plan__start_year", "number")
    )


def public_ideas():
    return (
        Idea.objects.visible()
        .exclude(consultation__plan__status=ActionPlan.Status.DRAFT)
        .select_related("consultation")
    )


def commitment_title(commitment) -> str:
    return f"{commitment.plan.period} · {commitment}"


def may_link_from_idea(user, idea) -> bool:
    """The idea's author (when proposing it) or OGP staff."""
    if is_unscoped(user):
        return True
    return bool(getattr(user, "is_authenticated", False) and idea.author_id == user.pk)


def current_consultation():
    """The open consultation of the most recent public plan, or None."""
    return (
        Consultation.objects.open()
        .exclude(plan__status=ActionPlan.Status.DRAFT)
        .select_related("plan")
        .order_by("-plan__start_year", "-opens_at")
        .first()
    )


@transaction.atomic
def propose_idea_for_staff(*, actor, title: str, text: str) -> Idea:
    """The consultation-idea factory: OGP staff propose an idea in the current consultation.

    ValidationError with a message for the staff member when no consultation is open.
    """
    if not is_unscoped(actor):
        raise PermissionDenied
    consultation = current_consultation()
    if consultation is None:
        raise ValidationError(
            _(
                "No consultation on the action plan is open: open one in the admin, then "
                "propose the idea again."
            )
        )
    return services.propose_idea(consultation, actor=actor, title=title[:200], text=text)


def register() -> None:
    links.register_linkable(
        links.Linkable(
            label=COMMITMENT,
            group=gettext_lazy("Commitments"),
            public=public_commitments,
            title=commitment_title,
            source=False,
            order=10,
        )
    )
    links.register_linkable(
        links.Linkable(
            label=IDEA,
            group=gettext_lazy("Ideas from the consultations"),
            public=public_ideas,
            status=lambda idea: idea.get_status_display(),
            may_link_from=may_link_from_idea,
            order=30,
        )
    )
    links.register_factory(links.CONSULTATION_IDEA_FACTORY, propose_idea_for_staff)
