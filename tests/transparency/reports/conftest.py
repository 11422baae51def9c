"""A small action plan with known figures (see the docstring of known_plan)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from transparency.models import (
    ActionPlan,
    Comment,
    Commitment,
    Consultation,
    Idea,
    IdeaSupport,
    IrmRating,
    Milestone,
    ProgressUpdate,
    Theme,
)
from transparency.plan.scales import ensure_reference_data

TODAY = date(2026, 6, 1)
PAST = TODAY - timedelta(days=30)
FUTURE = TODAY + timedelta(days=60)

TITLES = {
    1: {
        "ar": "بوابة الشفافية",
        "fr": "Le portail de la transparence",
        "en": "The transparency portal",
    },
    2: {"ar": "الأرشيف العمومي", "fr": "Les archives publiques", "en": "Public archives"},
    3: {
        "ar": "منصة المشاركة المواطنة",
        "fr": "La plateforme de participation citoyenne",
        "en": "The citizen participation platform",
    },
}


def _translated(field, values):
    return {field: values["ar"], **{f"{field}_{lang}": text for lang, text in values.items()}}


def _milestone(commitment, order, *, weight, progress, status, due, title="Étape"):
    return Milestone.objects.create(
        commitment=commitment,
        order=order,
        weight=weight,
        progress=progress,
        status=status,
        due_date=due,
        **_translated("title", {"ar": f"المرحلة {order}", "fr": title, "en": f"Step {order}"}),
    )


@pytest.fixture
def known_plan(db, administration_a, administration_b, citizen):
    """Plan 2021-2023, two themes, three commitments, on TODAY (2026-06-01):

    - C1 (theme 1): milestones 100 % (weight 1, done) and 50 % (weight 3, past due)
      -> 62.5 %, off track; 4 published updates and a draft.
    - C2 (theme 1): 100 % (weight 2, done) and a cancelled one -> 100 %, on track.
    - C3 (theme 2): 20 % (weight 1, due later) -> 20 %, on track; an update starting with "=".
    Theme 1: (62.5 + 100) / 2 = 81.25 -> 81.2; theme 2: 20; plan: 182.5 / 3 = 60.8.
    Co-creation: one consultation, ideas accepted and rejected, 3 participants.
    """
    ensure_reference_data()
    plan = ActionPlan.objects.create(
        slug="plan-2021-2023",
        start_year=2021,
        end_year=2023,
        status=ActionPlan.Status.IN_PROGRESS,
        **_translated(
            "title",
            {
                "ar": "خطة العمل الوطنية 2021-2023",
                "fr": "Plan d'action national 2021-2023",
                "en": "National action plan 2021-2023",
            },
        ),
    )
    theme_1 = Theme.objects.create(
        plan=plan,
        slug="transparency",
        order=1,
        **_translated(
            "name",
            {
                "ar": "الشفافية والخدمات العمومية",
                "fr": "Transparence et services publics",
                "en": "Transparency and public services",
            },
        ),
    )
    theme_2 = Theme.objects.create(
        plan=plan,
        slug="participation",
        order=2,
        **_translated(
            "name",
            {
                "ar": "المشاركة المواطنة",
                "fr": "Participation citoyenne",
                "en": "Citizen participation",
            },
        ),
    )
    completion = IrmRating.objects.get(scale=IrmRating.Scale.COMPLETION, code="substantial")
    c1 = Commitment.objects.create(
        plan=plan,
        number=1,
        ogp_id="MO0001",
        theme=theme_1,
        lead_administration=administration_a,
        start_date=date(2021, 1, 1),
        end_date=date(2023, 12, 31),
        irm_completion=completion,
        **_translated("title", TITLES[1]),
        **_translated("problem", {"ar": "مشكلة", "fr": "Un problème", "en": "A problem"}),
    )
    c1.partners.set([administration_b])
    c2 = Commitment.objects.create(
        plan=plan, number=2, theme=theme_1, lead_administration=administration_b,
        **_translated("title", TITLES[2]),
    )  # fmt: skip
    c3 = Commitment.objects.create(
        plan=plan, number=3, theme=theme_2, lead_administration=administration_a,
        **_translated("title", TITLES[3]),
    )  # fmt: skip
    done, going = Milestone.Status.COMPLETED, Milestone.Status.IN_PROGRESS
    _milestone(c1, 1, weight=1, progress=100, status=done, due=PAST)
    _milestone(c1, 2, weight=3, progress=50, status=going, due=PAST)
    _milestone(c2, 1, weight=2, progress=100, status=done, due=PAST)
    _milestone(c2, 2, weight=1, progress=0, status=Milestone.Status.CANCELLED, due=PAST)
    _milestone(c3, 1, weight=1, progress=20, status=going, due=FUTURE, title="=SUM(A1:A9)")

    now = timezone.now()
    for k in range(4):
        ProgressUpdate.objects.create(
            commitment=c1,
            text=f"Mise à jour {k + 1}",
            progress_claimed=10 * (k + 1),
            status=ProgressUpdate.Status.PUBLISHED,
            published_at=now - timedelta(days=40 - k),
        )
    ProgressUpdate.objects.create(commitment=c1, text="Brouillon secret", status="draft")
    ProgressUpdate.objects.create(
        commitment=c3,
        text='=HYPERLINK("http://example.test","x")',
        progress_claimed=20,
        status=ProgressUpdate.Status.PUBLISHED,
        published_at=now,
    )

    consultation = Consultation.objects.create(
        plan=plan,
        slug="consultation-2021",
        opens_at=now - timedelta(days=90),
        closes_at=now - timedelta(days=30),
        **_translated("title", {"ar": "استشارة", "fr": "Consultation", "en": "Consultation"}),
    )
    other = UserFactory(email="karim@example.test")
    supporter = UserFactory(email="nadia@example.test")
    accepted = Idea.objects.create(
        consultation=consultation, author=citizen, title="Idée 1", text="…",
        status=Idea.Status.ACCEPTED,
    )  # fmt: skip
    Idea.objects.create(
        consultation=consultation, author=other, title="Idée 2", text="…",
        status=Idea.Status.REJECTED,
    )  # fmt: skip
    IdeaSupport.objects.create(idea=accepted, user=supporter)
    IdeaSupport.objects.create(idea=accepted, user=other)
    Comment.objects.create(commitment=c1, author=citizen, text="Bien")
    return plan
