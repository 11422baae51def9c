"""Complaints personas and helpers: officers of A and B, a call-centre agent, categories."""

import pytest

from complaints import services
from complaints.models import Category, ResponseTemplate
from ogp_portal.accounts import roles
from tests.factories import verified_user


@pytest.fixture(autouse=True)
def _sms_outbox(settings):
    from ogp_portal.core import sms

    settings.SMS_BACKEND = "ogp_portal.core.sms.LocmemSmsBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture(autouse=True)
def _send_notifications_at_once(monkeypatch):
    """Notifications go out on commit; a test's transaction never commits, so send at once."""
    import types

    from ogp_portal.core import notifications

    monkeypatch.setattr(
        notifications, "transaction", types.SimpleNamespace(on_commit=lambda func, **kw: func())
    )


@pytest.fixture
def sms_outbox(_sms_outbox):
    return _sms_outbox


@pytest.fixture
def complaints_officer_a(db, administration_a):
    return verified_user(
        email="hind@example.test",
        full_name="Hind Officer",
        administration=administration_a,
        is_staff=True,
        roles=[roles.COMPLAINTS_OFFICER],
    )


@pytest.fixture
def complaints_officer_b(db, administration_b):
    return verified_user(
        email="bilal@example.test",
        full_name="Bilal Officer",
        administration=administration_b,
        is_staff=True,
        roles=[roles.COMPLAINTS_OFFICER],
    )


@pytest.fixture
def call_centre_agent(db):
    return verified_user(
        email="omar@example.test",
        full_name="Omar Agent",
        is_staff=True,
        roles=[roles.CALL_CENTRE_AGENT],
    )


@pytest.fixture
def category_a(administration_a):
    return Category.objects.create(
        administration=administration_a,
        code="a-accueil",
        name="Accueil",
        name_ar="الاستقبال",
        name_fr="Accueil",
        name_en="Reception",
    )


@pytest.fixture
def category_b(administration_b):
    return Category.objects.create(
        administration=administration_b,
        code="b-voirie",
        name="Voirie",
        name_ar="الطرق",
        name_fr="Voirie",
        name_en="Roads",
    )


@pytest.fixture
def template_a(administration_a):
    return ResponseTemplate.objects.create(
        administration=administration_a,
        title="Favorable",
        outcome="positive",
        body="Votre réclamation {reference} « {subject} » est résolue.",
    )


@pytest.fixture
def file(citizen):
    """file(**overrides) -> a complaint filed on the web by Salma."""

    def _file(**kwargs):
        defaults = {
            "actor": citizen,
            "complainant": citizen,
            "subject": "Attente au guichet",
            "description": "Trois heures d'attente.",
        }
        defaults.update(kwargs)
        return services.file_complaint(**defaults)

    return _file


@pytest.fixture
def forwarded(file, ogp_staff, administration_a, category_a):
    def _forwarded(**kwargs):
        complaint = file(**kwargs)
        return services.forward(
            complaint, actor=ogp_staff, administration=administration_a, category=category_a
        )

    return _forwarded


@pytest.fixture
def answered(forwarded, complaints_officer_a, template_a):
    def _answered(**kwargs):
        complaint = forwarded(**kwargs)
        return services.answer(
            complaint, actor=complaints_officer_a, outcome="", template=template_a
        )

    return _answered
