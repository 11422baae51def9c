"""Personas and petitions of the petitions tests, built through the services."""

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
    ensure_default_rules()


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
