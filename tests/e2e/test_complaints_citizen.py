"""A citizen files a complaint in French with a photo, then follows it through the private link.

Fields are found by their ids: the French catalogue for this area is still to be written.
"""

import re

import pytest
from playwright.sync_api import expect

from complaints.models import Category, Complaint
from tests.factories import AdministrationFactory

pytestmark = pytest.mark.e2e

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def health(db):
    administration = AdministrationFactory(
        slug="ministere-sante", name_fr="Ministère de la Santé", name_ar="وزارة الصحة"
    )
    Category.objects.create(
        administration=administration,
        code="sante-accueil",
        name="Accueil",
        name_fr="Accueil et attente",
        name_ar="الاستقبال",
        name_en="Reception",
    )
    return administration


def test_a_citizen_files_in_french_with_a_photo_and_follows_it(page, url, health, tmp_path):
    photo = tmp_path / "guichet.png"
    photo.write_bytes(PNG)
    page.goto(url("complaints:file", lang="fr"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.locator("#id_administration_search").fill("Santé")
    page.locator("#id_administration").select_option(str(health.pk))
    # The category list follows the administration (htmx).
    expect(page.locator("#id_category option", has_text="Accueil et attente")).to_have_count(1)
    page.locator("#id_category").select_option(label="Accueil et attente")
    page.locator("#id_subject").fill("Trois heures d'attente")
    page.locator("#id_description").fill("Au centre de santé, personne ne nous a informés.")
    page.locator("#id_attachments").set_input_files(str(photo))
    page.locator("#id_contact_name").fill("Nadia")
    page.locator("#id_contact_email").fill("nadia@example.test")
    page.locator("main form button[type=submit]").click()

    complaint = Complaint.objects.get()
    expect(page.get_by_text(complaint.reference).first).to_be_visible()
    assert complaint.category.code == "sante-accueil"
    assert complaint.attachments.count() == 1
    page.locator("#tracking-link").click()
    page.wait_for_url(re.compile(rf"/fr/complaints/track/{complaint.tracking_token}/"))
    expect(page.get_by_role("heading", name="Trois heures d'attente")).to_be_visible()
    expect(page.get_by_role("link", name="guichet.png")).to_be_visible()
