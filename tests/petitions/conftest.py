"""Personas and petitions of the petitions tests, built through the services."""

import base64
import json

import altcha
import pytest

from ogp_portal.accounts import roles
from ogp_portal.directory.models import Administration
from petitions import services
from petitions.models import CommitteeMember, Petition, Theme
from petitions.thresholds import ensure_default_rules
from tests.factories import (
    AdministrationFactory,
    CommuneFactory,
    ProvinceFactory,
    RegionFactory,
    verified_user,
)


@pytest.fixture(autouse=True)
def _rules(db, settings):
    # Committees need many users: a fast hasher keeps these tests quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Real ALTCHA challenges, solved by the tests, but small ones (one test uses the default).
    settings.PETITIONS_ALTCHA_MAX_NUMBER = 20_000
    ensure_default_rules()


@pytest.fixture(autouse=True)
def _forget_switch():
    # The site-wide switch is memoised per process: each test starts from the database.
    # So are the petitions' signing records and the territories (petitions.memo).
    from petitions import memo, pauses

    pauses.forget()
    memo.forget()
    yield
    pauses.forget()
    memo.forget()


def solve(challenge: dict) -> str:
    """The payload a browser's ALTCHA widget posts once it solved `challenge` (the JSON of
    petitions:altcha_challenge)."""
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


def altcha_payload(client=None, lang="fr") -> str:
    """Fetch a challenge from the portal's challenge view (or make one) and solve it."""
    if client is not None:
        response = client.get(f"/{lang}/petitions/altcha/challenge/")
        assert response.status_code == 200
        return solve(response.json())
    from django_altcha import get_altcha_challenge

    from petitions.forms import altcha_max_number

    return solve(get_altcha_challenge(max_number=altcha_max_number()).to_dict())


@pytest.fixture
def region(db):
    region = RegionFactory(
        code="04",
        name_fr="Rabat-Salé-Kénitra",
        name_ar="الرباط سلا القنيطرة",
        population_2024=5_100_000,
    )
    return region


@pytest.fixture
def provinces(region):
    return [
        ProvinceFactory(
            region=region,
            code=f"04.{i}",
            name_fr=f"Province {i}",
            name_ar=f"إقليم {i}",
            population_2024=700_000,
        )
        for i in range(1, 5)
    ]


@pytest.fixture
def commune(provinces):
    return CommuneFactory(province=provinces[0], code="04.1.01", population_2024=20_000)


@pytest.fixture
def head_of_government(db):
    return AdministrationFactory(
        slug="chef-du-gouvernement",
        name_fr="Chef du Gouvernement",
        name_ar="رئاسة الحكومة",
        name_en="Head of Government",
        kind=Administration.Kind.OTHER,
    )


@pytest.fixture
def regional_council(region):
    return AdministrationFactory(
        slug="conseil-region-rabat-sale-kenitra",
        kind=Administration.Kind.REGIONAL_COUNCIL,
        region=region,
    )


@pytest.fixture
def reviewer(head_of_government):
    return verified_user(
        email="rachid@example.test",
        full_name="Rachid Reviewer",
        is_staff=True,
        administration=head_of_government,
        roles=[roles.PETITION_REVIEWER],
    )


@pytest.fixture
def reviewer_b(regional_council):
    return verified_user(
        email="rabia@example.test",
        full_name="Rabia Reviewer",
        is_staff=True,
        administration=regional_council,
        roles=[roles.PETITION_REVIEWER],
    )


CONFIRMATIONS = {
    "confirms_general_interest": True,
    "confirms_constants": True,
    "confirms_no_court_case": True,
    "confirms_not_discriminatory": True,
}


def draft(author, addressee, **extra):
    fields = {
        "kind": Petition.Kind.NATIONAL_PETITION,
        "addressee": addressee,
        "theme": Theme.EDUCATION,
        "title": "Cantines scolaires dans les écoles rurales",
        "text": "Nous demandons des cantines dans toutes les écoles rurales.",
        "memo": "Mémoire détaillé.",
        **CONFIRMATIONS,
        **extra,
    }
    return services.create_draft(actor=author, **fields)


def form_committee(petition, author, n=4):
    members = []
    for i in range(n):
        person = verified_user(
            email=f"member{i}-{petition.pk}@example.test", full_name=f"Membre {i}"
        )
        role = CommitteeMember.Role.DEPUTY if i == 0 else CommitteeMember.Role.MEMBER
        member = services.invite_member(petition, actor=author, email=person.email, role=role)
        services.accept_invitation(member, actor=person, show_name=(i == 0))
        members.append(person)
    return members


def published(author, addressee, moderator, **extra):
    petition = draft(author, addressee, **extra)
    form_committee(petition, author)
    services.submit_for_moderation(petition, actor=author)
    return services.publish(petition, actor=moderator)


@pytest.fixture
def national_petition(citizen, head_of_government, moderator):
    return published(citizen, head_of_government, moderator)


@pytest.fixture
def regional_petition(citizen, regional_council, region, provinces, moderator):
    return published(
        citizen,
        regional_council,
        moderator,
        kind=Petition.Kind.LOCAL_PETITION,
        region=region,
        theme=Theme.TRANSPORT,
        title="Bus entre les provinces",
    )
