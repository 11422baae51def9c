"""A visitor reading French on a phone browses the open calls for proposals, subscribes
to alerts for their sector and region, confirms the address from the email, and is told
when a matching call is published."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import expect

from csofunding import services
from csofunding.models import AlertSubscription, Programme, Sector
from tests.csofunding.conftest import make_call
from tests.factories import AdministrationFactory, RegionFactory

from .helpers import exact, field, in_language

pytestmark = pytest.mark.e2e

EMAIL = "amal.association@example.test"
CONFIRM = re.compile(r"https?://[^/\s]+(/fr/funding/alerts/confirm/[0-9a-f-]+/)")


@pytest.fixture
def funding_data(transactional_db):
    region = RegionFactory(code="08", name_fr="Drâa-Tafilalet", name_ar="درعة تافيلالت")
    RegionFactory(code="01", name_fr="Tanger-Tétouan-Al Hoceïma", name_ar="طنجة تطوان الحسيمة")
    youth = Sector.objects.create(
        code="youth", name_fr="Jeunesse", name_ar="الشباب", name_en="Youth"
    )
    Sector.objects.create(code="health", name_fr="Santé", name_ar="الصحة", name_en="Health")
    funder = AdministrationFactory(slug="ministere-jeunesse", name_fr="Ministère de la Jeunesse")
    programme = Programme.objects.create(
        funder=funder,
        code="jeunes",
        title_fr="Soutien aux associations de jeunesse",
        title_ar="دعم جمعيات الشباب",
        sector=youth,
        budget=Decimal("1000000"),
        year=2026,
    )
    make_call(programme, "camps-ete", closes_in=3, title_fr="Camps d'été 2026")  # closing soon
    make_call(programme, "maisons-jeunes", closes_in=40)
    make_call(programme, "ancien", opens_in=-90, closes_in=-30)
    return {"programme": programme, "region": region, "youth": youth}


def test_a_visitor_on_a_phone_browses_open_calls_and_subscribes_to_alerts(
    page, url, live_server, funding_data, django_capture_on_commit_callbacks
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url("csofunding:index", lang="fr"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    # The open calls, the one closing soon first and highlighted.
    page.get_by_role("link", name=exact(in_language("fr", "All calls"))).click()
    page.wait_for_url(url("csofunding:calls", lang="fr"))
    items = page.locator("main .list-group-item")
    expect(items.first).to_contain_text("Camps d'été 2026")
    expect(items.first).to_have_class(re.compile("list-group-item-warning"))
    expect(items.first).to_contain_text(in_language("fr", "closing soon").capitalize())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Read the call, then ask to hear of similar ones.
    page.get_by_role("link", name="Camps d'été 2026").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Camps d'été 2026")
    page.get_by_role("link", name=in_language("fr", "Be told of calls like this one")).click()
    page.wait_for_url(url("csofunding:alerts", lang="fr"))

    field(page, in_language("fr", "Email")).fill(EMAIL)
    page.get_by_label("Jeunesse", exact=True).check()
    page.get_by_label("Drâa-Tafilalet", exact=True).check()
    field(page, in_language("fr", "I have read the personal data notice (Law 09-08).")).check()
    # Without an account, the browser solves the ALTCHA proof of work first (auto="onload").
    expect(page.locator('altcha-widget .altcha[data-state="verified"]')).to_be_attached(
        timeout=30_000
    )
    page.get_by_role("main").get_by_role("button", name=in_language("fr", "Subscribe")).click()
    page.wait_for_url(url("csofunding:alerts_done", lang="fr"))

    # Nothing is sent before the address is confirmed.
    sub = AlertSubscription.objects.get(email=EMAIL)
    assert not sub.is_confirmed
    (message,) = [m for m in mail.outbox if EMAIL in m.to]
    # The message links to the configured site; open the same path on the test server.
    page.goto(live_server.url + CONFIRM.search(message.body).group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        in_language("fr", "Your address is confirmed")
    )
    sub.refresh_from_db()
    assert sub.is_confirmed

    # A matching call is published: the visitor hears of it once, with a way to stop.
    mail.outbox.clear()
    new_call = make_call(funding_data["programme"], "nouveau", published=False)
    new_call.regions.set([funding_data["region"]])
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_call(new_call, actor=None)
    (alert,) = [m for m in mail.outbox if EMAIL in m.to]
    assert "/fr/funding/calls/nouveau/" in alert.body
    assert f"/fr/funding/alerts/unsubscribe/{sub.token}/" in alert.body
