"""Periodic and background tasks: thin, take ids, call services or queries."""

from celery import shared_task
from django.contrib.auth import get_user_model

from ogp_portal.accounts.roles import CIVIL_SERVANT
from ogp_portal.core.notifications import notify


@shared_task(name="transparency.plan.remind_off_track")
def remind_off_track() -> int:
    """Tell each lead administration's civil servants which of their commitments are off track."""
    from transparency.models import ActionPlan, Commitment

    commitments = (
        Commitment.objects.off_track()
        .filter(plan__status=ActionPlan.Status.IN_PROGRESS)
        .select_related("plan")
    )
    by_administration: dict[int, list] = {}
    for commitment in commitments:
        by_administration.setdefault(commitment.lead_administration_id, []).append(commitment)
    sent = 0
    users = get_user_model().objects.filter(
        is_active=True, groups__name=CIVIL_SERVANT, administration_id__in=by_administration
    )
    for user in users.distinct():
        items = by_administration[user.administration_id]
        notify(
            user,
            "transparency/plan/off_track",
            {
                "commitments": [str(c) for c in items],
                "url": "/admin/transparency/milestone/",
            },
        )
        sent += 1
    return sent
