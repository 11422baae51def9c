"""The public forms work with JavaScript turned off: a citizen files a complaint (choosing the
administration, then its category on the page sent back) and, after signing in, asks for
information, all in a browser that runs no script. The language switcher is plain links.

Signing a petition is the exception: ALTCHA's proof of work needs JavaScript, and the page
says so in a <noscript> message.
"""

import re

import pytest
from playwright.sync_api import expect

from complaints.models import Category, Complaint
from tests.conftest import PASSWORD
from tests.factories import AdministrationFactory, verified_user
from transparency.models import InformationRequest

from .helpers import exact, field

pytestmark = pytest.mark.e2e


@pytest.fixture
def no_js(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def ministry(db):
    administration = AdministrationFactory(
        slug="ministere-sante",
        name_ar="وزارة الصحة",
        name_fr="Ministère de la Santé",
        name_en="Ministry of Health",
    )
    Category.objects.create(
        administration=administration,
        code="sante-accueil",
        name="Reception",
        name_fr="Accueil et attente",
        name_ar="الاستقبال",
        name_en="Reception",
    )
    return administration


def test_a_citizen_files_a_complaint_without_javascript(no_js, url, ministry):
    page = no_js
    page.goto(url("complaints:file", lang="fr"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    # The browser runs no script: the <noscript> advice is shown.
    expect(page.locator("noscript .form-text").first).to_be_visible()

    # Without htmx the category list cannot follow the administration: a button asks for the
    # chosen administration's categories; nothing is sent, what was typed stays.
    page.locator("#id_administration").select_option(str(ministry.pk))
    page.locator("#id_subject").fill("Trois heures d'attente")
    page.locator("#id_description").fill("Au centre de santé, personne ne nous a informés.")
    page.get_by_role("button", name="Afficher les catégories de cette administration").click()

    assert Complaint.objects.count() == 0
    expect(page.locator("#id_subject")).to_have_value("Trois heures d'attente")
    page.locator("#id_category").select_option(label="Accueil et attente")
    page.locator("#id_contact_name").fill("Nadia")
    page.locator("#id_contact_email").fill("nadia@example.test")
    page.get_by_role("button", name="Envoyer").click()

    complaint = Complaint.objects.get()
    assert complaint.administration == ministry
    assert complaint.category.code == "sante-accueil"
    assert complaint.subject == "Trois heures d'attente"
    expect(page.get_by_text(complaint.reference).first).to_be_visible()


def test_a_complaint_form_sent_back_with_an_error_offers_the_categories_without_javascript(
    no_js, url, ministry
):
    page = no_js
    page.goto(url("complaints:file", lang="fr"))
    page.locator("#id_administration").select_option(str(ministry.pk))
    page.locator("#id_description").fill("Au centre de santé, personne ne nous a informés.")
    page.get_by_role("button", name="Envoyer").click()  # no subject: sent back

    assert Complaint.objects.count() == 0
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#id_administration")).to_have_value(str(ministry.pk))
    page.locator("#id_category").select_option(label="Accueil et attente")
    page.locator("#id_subject").fill("Trois heures d'attente")
    page.locator("#id_contact_name").fill("Nadia")
    page.locator("#id_contact_email").fill("nadia@example.test")
    page.get_by_role("button", name="Envoyer").click()

    complaint = Complaint.objects.get()
    assert complaint.category.code == "sante-accueil"
    expect(page.get_by_text(complaint.reference).first).to_be_visible()


def test_a_citizen_signs_in_and_asks_for_information_without_javascript(no_js, url, ministry):
    page = no_js
    citizen = verified_user(email="nadia@example.test", full_name="Nadia Citizen")

    page.goto(url("account_login", lang="en"))
    field(page, "Email").fill(citizen.email)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name=exact("Sign In")).click()
    page.wait_for_url(re.compile(r".*/en/.*"))

    page.goto(url("transparency:request_new", lang="en"))
    field(page, "Administration asked").select_option(label="Ministry of Health")
    field(page, "First and last name").fill("Nadia Citizen")
    field(page, "Postal address").fill("3 rue des Oliviers, Rabat")
    field(page, "CIN or residence permit number").fill("AB123456")
    field(page, "Subject").fill("Intensive care beds in Rabat")
    field(page, "Information requested").fill(
        "How many intensive care beds in Rabat's public hospitals?"
    )
    field(
        page, "I declare that I am a Moroccan citizen or a foreigner legally resident in Morocco."
    ).check()
    page.get_by_role("button", name=exact("Send the request")).click()

    page.wait_for_url(re.compile(r".*/en/transparency/requests/ATI-\d{4}-\d{6}/$"))
    req = InformationRequest.objects.get()
    assert req.administration == ministry
    assert req.requester == citizen
    expect(page.locator("#request-status")).to_have_text(re.compile("submitted", re.I))


def test_the_language_switcher_works_without_javascript_and_keeps_the_query(no_js, url):
    page = no_js
    page.goto(url("directory:index", lang="ar", query="q=sante"))

    page.get_by_role("link", name=exact("Français")).click()

    page.wait_for_url(url("directory:index", lang="fr", query="q=sante"))
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("link", name=exact("العربية"))).to_have_attribute(
        "href", "/ar/directory/?q=sante"
    )
