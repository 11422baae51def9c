"""Known co-evaluation data: a plan, two commitments led by administrations A and B, an open
and a closed window, the IRM scales, and helpers to write assessments through the service."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import verified_user
from tests.transparency.plan.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
)
from transparency.coeval import services
from transparency.models import AssessmentWindow, IrmRating
from transparency.plan.scales import ensure_reference_data

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JUSTIFICATION = "Nothing is visible online yet; the dashboard was announced but never published."


@pytest.fixture
def levels(db):
    ensure_reference_data()
    result: dict = {}
    for level in IrmRating.objects.all():
        result.setdefault(level.scale, {})[level.code] = level
    return result


@pytest.fixture
def plan(db):
    return ActionPlanFactory(
        slug="2024-2027",
        start_year=2024,
        end_year=2027,
        title_fr="Plan d'action national 2024-2027",
        title_ar="خطة العمل الوطنية 2024-2027",
        title_en="National action plan 2024-2027",
    )


@pytest.fixture
def commitment_a(plan, administration_a):
    """Led by administration A; milestones at 60 % -> substantial (step 2)."""
    commitment = CommitmentFactory(
        plan=plan,
        number=1,
        lead_administration=administration_a,
        title_fr="Suivi des recommandations",
        title_ar="تتبع التوصيات",
        title_en="Following up recommendations",
    )
    MilestoneFactory(commitment=commitment, progress=60, status="in_progress")
    return commitment


@pytest.fixture
def commitment_b(plan, administration_b):
    """Led by administration B; no milestone progress -> 0 % -> not started (step 0)."""
    return CommitmentFactory(plan=plan, number=2, lead_administration=administration_b)


@pytest.fixture
def open_window(plan):
    now = timezone.now()
    return AssessmentWindow.objects.create(
        plan=plan,
        label_ar="مراجعة منتصف المدة",
        label_fr="Revue à mi-parcours",
        label_en="Mid-term review",
        opens_at=now - datetime.timedelta(days=5),
        closes_at=now + datetime.timedelta(days=20),
    )


@pytest.fixture
def closed_window(plan):
    now = timezone.now()
    return AssessmentWindow.objects.create(
        plan=plan,
        label_ar="مراجعة السنة الأولى",
        label_fr="Revue de la première année",
        label_en="First-year review",
        opens_at=now - datetime.timedelta(days=200),
        closes_at=now - datetime.timedelta(days=150),
    )


@pytest.fixture
def people(db):
    """Seven citizens; people[i].full_name == "Person<i> Example"."""
    return [
        verified_user(email=f"person{i}@example.test", full_name=f"Person{i} Example")
        for i in range(7)
    ]


@pytest.fixture
def assess(levels):
    """assess(commitment, user, window, "limited", "marginal", **more) through the service."""

    def _assess(commitment, user, window, completion="limited", early="marginal", **kwargs):
        kwargs.setdefault("justification", JUSTIFICATION)
        return services.submit_assessment(
            commitment,
            actor=user,
            window=window,
            completion=levels["completion"][completion],
            early_results=levels["early_results"][early],
            **kwargs,
        )

    return _assess


def close(window):
    window.closes_at = timezone.now() - datetime.timedelta(seconds=1)
    window.opens_at = window.closes_at - datetime.timedelta(days=30)
    window.save(update_fields=["opens_at", "closes_at"])
