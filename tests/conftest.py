"""Persona fixtures: every permission test is phrased with these people.

- anonymous: the test client, signed out
- citizen: Salma, a verified citizen
- administration_a / administration_b: two ministries
- civil_servant_a / civil_servant_b: a civil servant of each (staff, scoped)
- ogp_staff: unscoped staff
- moderator: moderates user content
All demo personal data is fictitious (example.test addresses).
"""

import os

import pytest

from ogp_portal.accounts import roles
from tests.factories import AdministrationFactory, verified_user

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    # Requests activate a language in the test's thread; start every test from the default.
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_holidays():
    # A rolled-back test sends no delete signal: forget official holidays between tests.
    from ogp_portal.core import deadlines

    deadlines.invalidate_holiday_cache()
    yield
    deadlines.invalidate_holiday_cache()


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    # allauth's rate limits and the holiday cache version live in the cache: one test must not
    # see another's. On Redis (CI) each xdist worker gets its own database number.
    default = settings.CACHES["default"]
    if default["BACKEND"].endswith("RedisCache"):
        worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")  # unset without xdist
        index = int(worker.removeprefix("gw") or 0)
        base, _, db = default["LOCATION"].rpartition("/")
        settings.CACHES = {"default": {**default, "LOCATION": f"{base}/{int(db or 15) - index}"}}
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def administration_a(db):
    return AdministrationFactory(
        slug="ministere-a", name_fr="Ministère A", name_ar="الوزارة أ", name_en="Ministry A"
    )


@pytest.fixture
def administration_b(db):
    return AdministrationFactory(
        slug="ministere-b", name_fr="Ministère B", name_ar="الوزارة ب", name_en="Ministry B"
    )


@pytest.fixture
def citizen(db):
    return verified_user(email="salma@example.test", full_name="Salma Citizen")


@pytest.fixture
def civil_servant_a(db, administration_a):
    return verified_user(
        email="amine@example.test",
        full_name="Amine Servant",
        administration=administration_a,
        is_staff=True,
        roles=[roles.CIVIL_SERVANT],
    )


@pytest.fixture
def civil_servant_b(db, administration_b):
    return verified_user(
        email="badr@example.test",
        full_name="Badr Servant",
        administration=administration_b,
        is_staff=True,
        roles=[roles.CIVIL_SERVANT],
    )


@pytest.fixture
def ogp_staff(db):
    return verified_user(
        email="ouafae@example.test",
        full_name="Ouafae Staff",
        is_staff=True,
        roles=[roles.OGP_STAFF],
    )


@pytest.fixture
def moderator(db):
    return verified_user(
        email="mourad@example.test",
        full_name="Mourad Moderator",
        is_staff=True,
        roles=[roles.MODERATOR],
    )


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client signed in as that user."""

    def _client_for(user):
        client.force_login(user)
        return client

    return _client_for
