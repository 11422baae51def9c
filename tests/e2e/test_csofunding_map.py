"""A visitor reading French on a phone explores the awards by region: opens the awards
explorer, picks a region among the filters, and sees the totals and the map follow."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from playwright.sync_api import expect

from csofunding.models import Award, Programme, Sector
from csofunding.templatetags.funding import mad
from tests.csofunding.conftest import make_association, make_award
from tests.factories import AdministrationFactory, RegionFactory

from .helpers import exact, in_language

pytestmark = pytest.mark.e2e


def in_french_mad(amount) -> str:
    with translation.override("fr"):
        return mad(Decimal(amount))


@pytest.fixture
def awards_by_region(transactional_db):
    draa = RegionFactory(code="08", name_fr="Drâa-Tafilalet", name_ar="درعة تافيلالت")
    tanger = RegionFactory(
        code="01", name_fr="Tanger-Tétouan-Al Hoceïma", name_ar="طنجة تطوان الحسيمة"
    )
    youth = Sector.objects.create(
        code="youth", name_fr="Jeunesse", name_ar="الشباب", name_en="Youth"
    )
    funder = AdministrationFactory(slug="ministere-jeunesse", name_fr="Ministère de la Jeunesse")
    Programme.objects.create(
        funder=funder,
        code="jeunes",
        title_fr="Soutien aux associations de jeunesse",
        title_ar="دعم جمعيات الشباب",
        sector=youth,
        budget=Decimal("1000000"),
        year=2025,
    )
    errachidia = make_association("REG-08", draa, name="Association Tafilalet")
    tetouan = make_association("REG-01", tanger, name="Association Tétouan")
    day = date(2025, 3, 1)
    make_award("m1", funder, errachidia, youth, Decimal("300000"), day, [draa])
    make_award("m2", funder, errachidia, youth, Decimal("100000"), day, [draa, tanger])
    make_award("m3", funder, tetouan, youth, Decimal("500000"), day, [tanger])
    assert Award.objects.published().count() == 3


def test_a_visitor_on_a_phone_explores_awards_by_region_in_french(page, url, awards_by_region):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url("csofunding:awards", lang="fr"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(in_language("fr", "Awards explorer"))
    totals = page.locator("#award-totals")
    expect(totals).to_contain_text(in_french_mad("900000"))
    # The map shares m2 between its two regions: 300 000 + 50 000 in Drâa-Tafilalet.
    map_row = page.locator("#map-total table tr[data-region='08'] td")
    expect(map_row).to_have_text(re.compile(r"350\D?000"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # On a phone the filters fold behind a button; the region filter is among them.
    page.get_by_role("button", name=exact(in_language("fr", "Filters"))).click()
    regions = page.locator("section[aria-labelledby='facet-region']")
    expect(regions).to_be_visible()
    expect(regions.get_by_role("listitem").filter(has_text="Drâa-Tafilalet")).to_contain_text("2")
    regions.get_by_role("link", name="Drâa-Tafilalet").click()
    page.wait_for_url(re.compile(r"/fr/funding/awards/\?region=08$"))

    # The totals are those of the region; the filter shows as applied, with a way back.
    expect(totals).to_contain_text(in_french_mad("400000"))
    expect(totals).not_to_contain_text(in_french_mad("900000"))
    page.get_by_role("button", name=exact(in_language("fr", "Filters"))).click()
    selected = regions.locator("a[aria-current='true']")
    expect(selected).to_contain_text("Drâa-Tafilalet")
    expect(page.get_by_role("link", name=in_language("fr", "Clear all filters"))).to_be_visible()
    rows = page.locator("main table.table tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("main table.table")).not_to_contain_text("Association Tétouan")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Removing the filter brings back every region.
    selected.click()
    page.wait_for_url(re.compile(r"/fr/funding/awards/$"))
    expect(totals).to_contain_text(in_french_mad("900000"))
