"""Personas and helpers of the ATI tests: information officers of A and B, requests filed
through the services."""

import datetime

import pytest

from ogp_portal.accounts import roles
from tests.factories import verified_user
from transparency.ati import demo, services


@pytest.fixture
def officer_a(db, administration_a):
    return verified_user(
        email="ilham.officer@example.test",
        full_name="Ilham Officer",
        administration=administration_a,
        is_staff=True,
        roles=[roles.INFORMATION_OFFICER],
    )


@pytest.fixture
def officer_b(db, administration_b):
    return verified_user(
        email="bilal.officer@example.test",
        full_name="Bilal Officer",
        administration=administration_b,
        is_staff=True,
        roles=[roles.INFORMATION_OFFICER],
    )


@pytest.fixture
def grounds(db):
    demo.ensure_refusal_grounds()
    from transparency.models import RefusalGround

    return {g.code: g for g in RefusalGround.objects.all()}


CIN = "AB123456"
NAME = "Salma Requester-Name"
ADDRESS = "12, rue Secrète, Rabat"


@pytest.fixture
def file_request(citizen, administration_a):
    """file_request(**overrides) -> a request filed by the citizen to administration A."""

    def _file(**overrides):
        values = {
            "actor": citizen,
            "administration": administration_a,
            "requester_name": NAME,
            "postal_address": ADDRESS,
            "cin": CIN,
            "subject": "Budget of the water programme",
            "description": "The budget and spending of the 2025 water programme.",
            "received_on": datetime.date(2026, 3, 16),
        }
        values.update(overrides)
        return services.submit_request(**values)

    return _file


@pytest.fixture(autouse=True)
def _english():
    """Services run in English here (the source language), so messages read as written."""
    from django.utils import translation

    with translation.override("en"):
        yield
