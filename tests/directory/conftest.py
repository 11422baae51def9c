"""Known data for the administration pages: each builder gives one administration a small,
countable footprint in one app (inert rows; the figures read them as the apps store them).

Every person-shaped field carries an address under example.test so that privacy tests can
look for it in the pages and the CSV.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import AdministrationFactory, CommuneFactory, verified_user

SECRET_EMAIL = "private.person@example.test"


@pytest.fixture
def person(db):
    return verified_user(email=SECRET_EMAIL, full_name="Private Person")


def add_requests(administration, prefix="A"):
    """3 requests: answered in 4 working days (on time), in 10 (late), one pending (overdue)."""
    from transparency.models import InformationRequest

    S = InformationRequest.Status
    received = datetime.date(2026, 2, 2)  # a Monday, no holiday in the fortnight
    rows = [
        (datetime.date(2026, 2, 6), datetime.date(2026, 3, 2), S.ANSWERED),
        (datetime.date(2026, 2, 16), datetime.date(2026, 2, 10), S.ANSWERED),
        (None, datetime.date(2026, 3, 2), S.IN_PROGRESS),
    ]
    for i, (answered, due, status) in enumerate(rows):
        InformationRequest.objects.create(
            reference=f"ATI-T{prefix}-{i}",
            administration=administration,
            requester_name="Private Person",
            contact_email=SECRET_EMAIL,
            subject=f"Budget {i}",
            description="Please.",
            received_on=received,
            deadline_start=received,
            due_date=due,
            answered_on=answered,
            outcome=S.ANSWERED if answered else "",
            status=status,
        )


def add_complaints(administration, n, *, answer_days=(), ratings=(), prefix="A"):
    """n complaints received 100 days ago; the first ones answered after answer_days and rated."""
    from complaints.models import Complaint

    received = timezone.now() - datetime.timedelta(days=100)
    for i in range(n):
        answered = (
            received + datetime.timedelta(days=answer_days[i]) if i < len(answer_days) else None
        )
        Complaint.objects.create(
            reference=f"CMP-T{prefix}-{i}",
            administration=administration,
            subject="Street lights",
            description="Broken.",
            contact_name="Private Person",
            contact_email=SECRET_EMAIL,
            status=Complaint.Status.ANSWERED if answered else Complaint.Status.FORWARDED,
            received_at=received,
            forwarded_at=received,
            answered_at=answered,
            first_answered_at=answered,
            rating=ratings[i] if i < len(ratings) else None,
        )


def snapshot():
    from complaints.analytics import compute_snapshot

    return compute_snapshot(topics=False)


def add_petitions(administration, author, prefix="A"):
    """Public: collecting, under review, answered (2); plus a draft, never counted."""
    from petitions.models import Petition

    S = Petition.Status
    now = timezone.now()
    rows = [
        (S.COLLECTING, None, "Collecting one"),
        (S.UNDER_REVIEW, None, "Under review one"),
        (S.ANSWERED, now - datetime.timedelta(days=10), "Older answered"),
        (S.ANSWERED, now - datetime.timedelta(days=2), "Newest answered"),
        (S.DRAFT, None, "Secret draft"),
    ]
    for i, (status, answered_at, title) in enumerate(rows):
        Petition.objects.create(
            reference=f"PET-T{prefix}-{i}",
            kind=Petition.Kind.NATIONAL_PETITION,
            author=author,
            addressee=administration,
            theme="health",
            title=f"{title} {prefix}",
            text="Text.",
            status=status,
            published_at=None if status == S.DRAFT else now - datetime.timedelta(days=30),
            answered_at=answered_at,
        )


def add_commitments(administration, plan_slug="plan-2026"):
    """Two commitments it leads: 100 % done, and 25 % with a late milestone (off track)."""
    from transparency.models import ActionPlan, Commitment, Milestone

    plan, _created = ActionPlan.objects.get_or_create(
        slug=plan_slug,
        defaults={
            "title": "Plan",
            "start_year": 2026,
            "end_year": 2027,
            "status": ActionPlan.Status.IN_PROGRESS,
        },
    )
    number = Commitment.objects.filter(plan=plan).count() + 1
    done = Commitment.objects.create(
        plan=plan, number=number, title="Done", lead_administration=administration
    )
    Milestone.objects.create(
        commitment=done, title="M1", progress=100, status=Milestone.Status.COMPLETED
    )
    late = Commitment.objects.create(
        plan=plan, number=number + 1, title="Late", lead_administration=administration
    )
    Milestone.objects.create(
        commitment=late,
        title="M2",
        weight=1,
        progress=50,
        status=Milestone.Status.IN_PROGRESS,
        due_date=datetime.date(2026, 1, 31),
    )
    Milestone.objects.create(commitment=late, title="M3", weight=1, progress=0)
    return plan


def add_datasets(administration, scores=(90, 60, 30)):
    """Published datasets with these quality scores; one unpublished, never counted."""
    from opendata.models import Dataset, band_for
    from tests.opendata.factories import DatasetFactory

    for score in (*scores, 100):
        dataset = DatasetFactory(publisher=administration, is_published=score != 100)
        Dataset.objects.filter(pk=dataset.pk).update(
            quality_score=score, quality_band=band_for(score)
        )


def add_initiatives(administration, partner=None):
    """Published: ongoing, completed, completed; a draft, never counted."""
    from integrity.models import ChallengeType, Initiative, Sector, Theme
    from integrity.vocabularies import load_vocabularies
    from tests.integrity.factories import InitiativeFactory

    load_vocabularies(Sector, Theme, ChallengeType)
    S = Initiative.Status
    for status, state in (
        (S.ONGOING, Initiative.State.PUBLISHED),
        (S.COMPLETED, Initiative.State.PUBLISHED),
        (S.COMPLETED, Initiative.State.PUBLISHED),
        (S.PLANNED, Initiative.State.DRAFT),
    ):
        initiative = InitiativeFactory(
            lead_administration=administration,
            status=status,
            state=state,
            published_at=timezone.now() if state == Initiative.State.PUBLISHED else None,
        )
        if partner is not None:
            initiative.partner_administrations.add(partner)


def add_awards(funder, amounts=("100000", "50000.50"), prefix="a"):
    """Published awards to two associations (in kind 1,000 each); one unpublished."""
    from csofunding.models import Association, Award, Sector
    from tests.factories import RegionFactory

    region = RegionFactory(code="01")
    sector, _created = Sector.objects.get_or_create(
        code="youth", defaults={"name_fr": "Jeunesse", "name_ar": "الشباب"}
    )
    associations = [
        Association.objects.get_or_create(
            slug=f"assoc-{prefix}-{i}",
            defaults={
                "name_fr": f"Association {prefix} {i}",
                "name_ar": f"جمعية {i}",
                "registration_number": f"REG-{prefix}-{i}",
                "seat_region": region,
            },
        )[0]
        for i in range(2)
    ]
    for i, amount in enumerate((*amounts, "999999")):
        Award.objects.create(
            reference=f"award-{prefix}-{i}",
            funder=funder,
            association=associations[i % 2],
            sector=sector,
            title=f"Projet {i}",
            amount=Decimal(amount),
            in_kind_value=Decimal("1000"),
            awarded_on=datetime.date(2026, 1, 10 + i),
            is_published=i < len(amounts),
        )


@pytest.fixture
def council(db):
    """A communal council whose commune counts 30,000 inhabitants."""
    from ogp_portal.directory.models import Administration

    commune = CommuneFactory(population_2024=30_000)
    return AdministrationFactory(
        slug="conseil-communal-t",
        name_fr="Conseil communal T",
        name_ar="المجلس الجماعي ت",
        name_en="Communal council T",
        kind=Administration.Kind.COMMUNAL_COUNCIL,
        commune=commune,
        province=commune.province,
        region=commune.province.region,
    )
