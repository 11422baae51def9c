"""A citizen asks a ministry for information, sees it acknowledged, reads the officer's answer
(sent from the admin) and complains to the head of the institution. Driven in English."""

import re

import pytest
from playwright.sync_api import expect

from ogp_portal.accounts import roles
from tests.conftest import PASSWORD
from tests.factories import AdministrationFactory, verified_user
from transparency.ati import services
from transparency.models import InformationRequest

from .helpers import exact, field

pytestmark = pytest.mark.e2e


def sign_in(page, url, email):
    page.goto(url("account_login", lang="en"))
    field(page, "Email").fill(email)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name=exact("Sign In")).click()
    page.wait_for_url(re.compile(r".*/en/.*"))


def test_a_citizen_asks_reads_the_answer_and_complains_to_the_head(page, browser, url):
    ministry = AdministrationFactory(
        slug="ministere-sante",
        name_ar="وزارة الصحة",
        name_fr="Ministère de la Santé",
        name_en="Ministry of Health",
    )
    citizen = verified_user(email="nadia@example.test", full_name="Nadia Citizen")
    officer = verified_user(
        email="karim.officer@example.test",
        full_name="Karim Officer",
        administration=ministry,
        is_staff=True,
        roles=[roles.INFORMATION_OFFICER],
    )

    # The citizen fills in the official model form.
    sign_in(page, url, citizen.email)
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
    expect(page.locator("#request-status")).to_have_text(re.compile("submitted", re.I))
    expect(page.get_by_text("AB123456")).to_have_count(0)

    # The officer acknowledges (through the service, as the admin button does).
    services.acknowledge(req, actor=officer, note="Your request is registered.")
    page.reload()
    expect(page.locator("#request-status")).to_have_text(re.compile("acknowledged", re.I))

    # The officer answers in the admin, in their own browser.
    officer_context = browser.new_context(viewport={"width": 1280, "height": 900})
    officer_page = officer_context.new_page()
    sign_in(officer_page, url, officer.email)
    officer_page.goto(url("admin:transparency_informationrequest_change", req.pk, lang="en"))
    expect(officer_page.get_by_text("AB123456")).to_be_visible()
    officer_page.get_by_text("Send the answer", exact=True).first.click()
    officer_page.locator("#id_answer_text").fill("There are 84 intensive care beds in Rabat.")
    officer_page.locator("#ati-action-answer input[type=submit]").click()
    expect(officer_page.get_by_text(re.compile("Send the answer: done"))).to_be_visible()
    officer_context.close()

    # The citizen reads the answer and complains to the head of the institution.
    page.reload()
    expect(page.locator("#request-status")).to_have_text(re.compile("answered", re.I))
    expect(page.get_by_text("There are 84 intensive care beds in Rabat.")).to_be_visible()
    field(page, "Why you complain").fill("The figures per hospital are missing.")
    page.get_by_role("button", name=exact("File the complaint")).click()
    expect(page.get_by_text("Your complaint has been filed.")).to_be_visible()
    expect(page.locator("#request-status")).to_have_text(
        re.compile("complaint to the head of the institution", re.I)
    )
    req.refresh_from_db()
    assert req.status == "appeal_head"
