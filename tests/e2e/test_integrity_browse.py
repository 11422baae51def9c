"""A visitor on a phone browses the integrity initiatives bank in Arabic, by sector then by
type of challenge, and opens an initiative."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from integrity.models import ChallengeType, Initiative, Sector, Theme
from integrity.vocabularies import load_vocabularies
from tests.integrity.factories import InitiativeFactory

from .helpers import in_language, path_of

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def open_facets(page):
    """Unfold the facets and wait until Bootstrap's collapse animation is over."""
    page.get_by_role("button", name=in_language("ar", "Refine")).click()
    expect(page.locator("#integrity-facets")).to_have_class(re.compile(r"\bshow\b"))


@pytest.fixture
def bank(transactional_db):
    load_vocabularies(Sector, Theme, ChallengeType)
    published = {"state": Initiative.State.PUBLISHED, "published_at": timezone.now()}
    justice = Sector.objects.get(slug="justice")
    court = InitiativeFactory(
        sector=justice,
        challenge_type=ChallengeType.objects.get(slug="digitisation"),
        title_ar="المحكمة الرقمية: إيداع الملفات عن بعد",
        title_fr="Tribunal numérique",
        **published,
    )
    InitiativeFactory(sector=justice, title_ar="إشهار الرسوم القضائية", **published)
    InitiativeFactory(title_ar="تتبع مشتريات الأدوية", **published)  # health
    InitiativeFactory(sector=justice, title_ar="مسودة غير منشورة")  # a draft
    return court


def test_a_visitor_filters_initiatives_by_sector_in_arabic_on_a_phone(page, url, bank):
    page.set_viewport_size(PHONE)
    page.goto(url("integrity:index", lang="ar"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    # On a phone the facets fold behind one button.
    open_facets(page)
    sectors = page.locator('[data-facet="sector"]')
    justice = sectors.get_by_role("link", name="العدل")
    expect(justice).to_contain_text("2")
    justice.click()

    page.wait_for_url("**sector=justice**")
    results = page.locator("article.integrity-card")
    expect(results).to_have_count(2)
    expect(page.get_by_text("تتبع مشتريات الأدوية")).to_have_count(0)
    expect(page.get_by_text("مسودة غير منشورة")).to_have_count(0)
    # The page fits the phone: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    # Then by type of challenge, the sector kept: the counts follow.
    expect(
        page.get_by_role("list", name=in_language("ar", "Active filters")).get_by_role("link")
    ).to_have_count(1)
    open_facets(page)
    digitisation = page.locator('[data-facet="challenge"]').get_by_role(
        "link", name="رقمنة المساطر"
    )
    expect(digitisation).to_contain_text("1")
    digitisation.click()
    page.wait_for_url("**challenge=digitisation**")
    expect(results).to_have_count(1)
    assert "sector=justice" in page.url

    page.get_by_role("link", name="المحكمة الرقمية: إيداع الملفات عن بعد").click()

    assert path_of(page.url) == f"/ar/integrity/{bank.pk}/"
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "المحكمة الرقمية: إيداع الملفات عن بعد"
    )
