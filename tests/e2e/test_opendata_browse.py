"""A visitor on a phone finds a health dataset by its theme, in Arabic, and opens it."""

import pytest
from playwright.sync_api import expect

from opendata.vocabularies import ensure_vocabularies
from tests.factories import AdministrationFactory
from tests.opendata.factories import DatasetFactory, ResourceFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def catalogue(transactional_db):
    from opendata.models import Theme

    ensure_vocabularies()
    health = AdministrationFactory(
        slug="ministere-sante",
        name_ar="وزارة الصحة والحماية الاجتماعية",
        name_fr="Ministère de la Santé",
    )
    water = AdministrationFactory(
        slug="ministere-eau", name_ar="وزارة التجهيز والماء", name_fr="Ministère de l'Eau"
    )
    hospitals = DatasetFactory(
        slug="hopitaux-et-lits",
        title_ar="المستشفيات والأسرة",
        title_fr="Hôpitaux et lits",
        publisher=health,
        themes=[Theme.objects.get(slug="health")],
    )
    ResourceFactory(dataset=hospitals, title="hopitaux.csv", format="CSV")
    DatasetFactory(
        slug="barrages",
        title_ar="نسبة ملء السدود",
        title_fr="Barrages",
        publisher=water,
        themes=[Theme.objects.get(slug="environment")],
    )
    return hospitals


def test_a_visitor_finds_a_dataset_by_theme_in_arabic_on_a_phone(page, url, catalogue):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url("opendata:index", lang="ar"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("link", name="نسبة ملء السدود")).to_be_visible()

    page.locator("[data-facet=theme]").get_by_role("link", name="الصحة").click()

    expect(page.get_by_role("link", name="نسبة ملء السدود")).to_have_count(0)
    page.get_by_role("link", name="المستشفيات والأسرة").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("المستشفيات والأسرة")
    expect(page.locator(".fw-semibold", has_text="hopitaux.csv")).to_be_visible()
    # No horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
