"""Known data for the funding tests: 12 regions, three sectors, two funders (the personas'
administrations A and B), calls, associations and awards with round amounts."""

import base64
import json
from datetime import timedelta
from decimal import Decimal

import altcha
import pytest
from django.utils import timezone

from csofunding.models import Association, Award, Call, Programme, Sector
from tests.factories import RegionFactory

# Region code -> population: round numbers so that per-inhabitant figures are easy to check.
POPULATIONS = {f"{n:02d}": n * 1_000_000 for n in range(1, 13)}


@pytest.fixture(autouse=True)
def _small_altcha(settings):
    # Real ALTCHA challenges, solved by the tests, but small ones.
    settings.ALTCHA_MAX_NUMBER = 20_000


def altcha_payload(client, lang="fr") -> str:
    """What a browser's ALTCHA widget posts once it solved a challenge of the alerts form."""
    response = client.get(f"/{lang}/funding/alerts/challenge/")
    assert response.status_code == 200
    challenge = response.json()
    solution = altcha.solve_challenge(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxNumber"]
    )
    assert solution is not None
    payload = {
        "algorithm": challenge["algorithm"],
        "challenge": challenge["challenge"],
        "number": solution.number,
        "salt": challenge["salt"],
        "signature": challenge["signature"],
    }
    return base64.b64encode(json.dumps(payload).encode()).decode()


@pytest.fixture
def regions(db):
    return {
        code: RegionFactory(
            code=code, name_fr=f"Région {code}", name_ar=f"جهة {code}", population_2024=population
        )
        for code, population in POPULATIONS.items()
    }


@pytest.fixture
def sectors(db):
    return {
        code: Sector.objects.create(code=code, name_fr=fr, name_ar=ar, name_en=en, order=i)
        for i, (code, fr, ar, en) in enumerate(
            [
                ("youth", "Jeunesse", "الشباب", "Youth"),
                ("health", "Santé", "الصحة", "Health"),
                ("disability", "Handicap", "الإعاقة", "Disability"),
            ]
        )
    }


def make_programme(funder, sector, code):
    return Programme.objects.create(
        funder=funder,
        code=code,
        title_fr=f"Programme {code}",
        title_ar=f"برنامج {code}",
        sector=sector,
        budget=Decimal("1000000"),
        year=2026,
    )


@pytest.fixture
def programme_a(administration_a, sectors):
    return make_programme(administration_a, sectors["youth"], "prog-a")


@pytest.fixture
def programme_b(administration_b, sectors):
    return make_programme(administration_b, sectors["health"], "prog-b")


def make_call(programme, reference, *, opens_in=-10, closes_in=20, published=True, **extra):
    today = timezone.localdate()
    values = {
        "title_fr": f"Appel {reference}",
        "title_ar": f"طلب {reference}",
        "title_en": f"Call {reference}",
        "description_fr": "Description",
        "description_ar": "وصف",
        "budget": Decimal("500000"),
        "opens_on": today + timedelta(days=opens_in),
        "deadline": today + timedelta(days=closes_in),
        "is_published": published,
        "published_at": timezone.now() if published else None,
        **extra,
    }
    call = Call.objects.create(programme=programme, reference=reference, **values)
    call.sectors.set([programme.sector])
    return call


@pytest.fixture
def call_a(programme_a):
    return make_call(programme_a, "call-a")


@pytest.fixture
def call_b(programme_b):
    return make_call(programme_b, "call-b")


def make_association(number, region, name="Association"):
    return Association.objects.create(
        slug=f"assoc-{number}".lower(),
        name_fr=f"{name} {number}",
        name_ar=f"جمعية {number}",
        registration_number=number,
        seat_region=region,
    )


def make_award(reference, funder, association, sector, amount, day, regions, **extra):
    award = Award.objects.create(
        reference=reference,
        funder=funder,
        association=association,
        sector=sector,
        title=f"Projet {reference}",
        amount=Decimal(amount),
        awarded_on=day,
        **extra,
    )
    award.beneficiary_regions.set(regions)
    return award


@pytest.fixture
def known_awards(regions, sectors, administration_a, administration_b, programme_a):
    """Five awards:

    ref  funder sector      amount     year  regions    association
    a1   A      youth       100 000    2024  01         X (seat 01)
    a2   A      youth        40 000    2025  01, 02     X
    a3   A      health    1 200 000    2025  03         Y (seat 03)
    b1   B      health      300 000    2025  02         Y
    b2   B      disability   10 000    2023  12         Z (seat 12)
    """
    from datetime import date

    x = make_association("REG-X", regions["01"], "Association X")
    y = make_association("REG-Y", regions["03"], "Association Y")
    z = make_association("REG-Z", regions["12"], "Association Z")
    return {
        "a1": make_award(
            "a1",
            administration_a,
            x,
            sectors["youth"],
            100_000,
            date(2024, 3, 1),
            [regions["01"]],
            programme=programme_a,
        ),
        "a2": make_award(
            "a2",
            administration_a,
            x,
            sectors["youth"],
            40_000,
            date(2025, 5, 1),
            [regions["01"], regions["02"]],
        ),
        "a3": make_award(
            "a3",
            administration_a,
            y,
            sectors["health"],
            1_200_000,
            date(2025, 6, 1),
            [regions["03"]],
        ),
        "b1": make_award(
            "b1",
            administration_b,
            y,
            sectors["health"],
            300_000,
            date(2025, 7, 1),
            [regions["02"]],
        ),
        "b2": make_award(
            "b2",
            administration_b,
            z,
            sectors["disability"],
            10_000,
            date(2023, 1, 15),
            [regions["12"]],
        ),
    }
