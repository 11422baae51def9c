"""A visitor signs a petition in Arabic on a phone, confirms from the email, and the count moves."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from ogp_portal.accounts import roles
from petitions import counting, services
from petitions.models import PetitionCount, Signature
from petitions.thresholds import ensure_default_rules
from tests.factories import AdministrationFactory, ProvinceFactory, RegionFactory, verified_user
from tests.petitions.conftest import published

from .helpers import in_language

pytestmark = pytest.mark.e2e

CONFIRM_LINK = re.compile(r"https?://[^\s\"'<>]+/petitions/confirm/[^\s\"'<>]+")


def wait_for_altcha(page, timeout=30_000):
    """The ALTCHA widget solves its proof of work in the browser (auto="onload")."""
    expect(page.locator('altcha-widget .altcha[data-state="verified"]')).to_be_attached(
        timeout=timeout
    )


@pytest.fixture
def petition(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ensure_default_rules()
    region = RegionFactory(code="04", name_ar="الرباط سلا القنيطرة", name_fr="Rabat-Salé-Kénitra")
    ProvinceFactory(region=region, code="04.421", name_ar="الرباط", name_fr="Rabat")
    head = AdministrationFactory(slug="chef-du-gouvernement", name_ar="رئاسة الحكومة")
    agent = verified_user(email="agent@example.test", full_name="Agent Citizen")
    moderator = verified_user(email="mod@example.test", is_staff=True, roles=[roles.MODERATOR])
    return published(agent, head, moderator, title="تعميم المطاعم المدرسية")


def test_a_visitor_signs_in_arabic_on_a_phone_and_confirms(page, live_server, petition):
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/ar/petitions/{petition.reference}/")
    expect(page.get_by_role("heading", name="تعميم المطاعم المدرسية", level=1)).to_be_visible()
    page.get_by_role("link", name=in_language("ar", "Sign this petition")).click()

    page.locator("#id_full_name").fill("يوسف العلوي")
    page.locator("#id_email").fill("youssef@example.test")
    page.locator("#id_cin").fill("ab 123456")
    page.locator("#id_region").select_option(label="الرباط سلا القنيطرة")
    page.locator("#id_province").select_option(label="الرباط")
    page.locator("#id_eligible").check()
    wait_for_altcha(page)
    page.get_by_role("main").get_by_role("button", name=in_language("ar", "Sign")).click()
    expect(page.get_by_role("heading", name=in_language("ar", "Thank you"))).to_be_visible()

    # The same CIN again is refused politely (after a fresh anti-robot check).
    page.goto(f"{live_server.url}/ar/petitions/{petition.reference}/sign/")
    page.locator("#id_full_name").fill("يوسف العلوي")
    page.locator("#id_email").fill("youssef2@example.test")
    page.locator("#id_cin").fill("AB123456")
    page.locator("#id_region").select_option(label="الرباط سلا القنيطرة")
    page.locator("#id_province").select_option(label="الرباط")
    page.locator("#id_eligible").check()
    wait_for_altcha(page)
    page.get_by_role("main").get_by_role("button", name=in_language("ar", "Sign")).click()
    expect(page.locator(".alert-danger")).to_contain_text(
        in_language(
            "ar",
            "A signature with this identity card number is already recorded for this petition. Thank you for your support.",
        )
    )
    assert Signature.objects.count() == 1
    assert violations == []

    # The confirmation email goes out from the batch task (beat, every few seconds).
    assert services.send_signature_confirmations() == 1
    messages = [m for m in mail.outbox if "youssef@example.test" in m.to]
    assert len(messages) == 1
    link = CONFIRM_LINK.search(messages[0].body).group(0)
    path = link.split("/", 3)[3]
    page.goto(f"{live_server.url}/{path}")
    page.get_by_role("button", name=in_language("ar", "Confirm my signature")).click()
    expect(
        page.get_by_text(in_language("ar", "Your signature is confirmed. Thank you!"))
    ).to_be_visible()

    counting.count_new_signatures(now=timezone.now() + datetime.timedelta(minutes=1))
    assert PetitionCount.objects.get(pk=petition.pk).confirmed == 1
    page.goto(f"{live_server.url}/ar/petitions/{petition.reference}/count.json")
    assert '"signatures": 1' in page.content()
