"""A phone complaint from end to end, each person in their own browser session:

a call-centre agent files it for a caller, who gets the tracking number by SMS; the central
triage forwards it; the administration's complaints officer answers it in the admin; the
caller opens the link from the SMS, rates the answer and reopens the complaint.

Fields are found by their ids (the admin's forms are prefixed by action: forward-, answer-).
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from complaints.models import Category, Complaint, ResponseTemplate
from ogp_portal.accounts import roles
from ogp_portal.core import sms
from tests.factories import AdministrationFactory, verified_user

pytestmark = pytest.mark.e2e

CALLER_PHONE = "+212612345678"


@pytest.fixture
def people(db):
    roads = AdministrationFactory(
        slug="commune-casablanca", name_fr="Commune de Casablanca", name_ar="جماعة الدار البيضاء"
    )
    category = Category.objects.create(
        administration=roads,
        code="casa-voirie",
        name="Voirie",
        name_fr="Voirie",
        name_ar="الطرق",
        name_en="Roads",
    )
    ResponseTemplate.objects.create(
        administration=roads,
        title="Travaux programmés",
        outcome="positive",
        body="Votre réclamation {reference} : la chaussée sera réparée cette semaine.",
    )
    return {
        "administration": roads,
        "category": category,
        "agent": verified_user(
            email="agent@example.test", is_staff=True, roles=[roles.CALL_CENTRE_AGENT]
        ),
        "triage": verified_user(
            email="triage@example.test", is_staff=True, roles=[roles.OGP_STAFF]
        ),
        "officer": verified_user(
            email="officer@example.test",
            is_staff=True,
            administration=roads,
            roles=[roles.COMPLAINTS_OFFICER],
        ),
    }


@pytest.fixture
def sms_outbox(settings):
    settings.SMS_BACKEND = "ogp_portal.core.sms.LocmemSmsBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


def session_for(browser, live_server, user=None):
    """A fresh browser context (its own cookies), signed in as `user` when given."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_a_phone_complaint_is_filed_forwarded_answered_rated_and_reopened(
    browser, live_server, url, people, sms_outbox
):
    # 1. The call-centre agent files the caller's complaint.
    context, page = session_for(browser, live_server, people["agent"])
    page.goto(url("admin:complaints_complaint_intake", lang="fr"))
    page.locator("#id_channel").select_option("phone")
    page.locator("#id_language").select_option("fr")
    page.locator("#id_subject").fill("Nid-de-poule dangereux")
    page.locator("#id_description").fill("Un trou profond au milieu du boulevard, depuis un mois.")
    page.locator("#id_contact_name").fill("Karim")
    page.locator("#id_contact_phone").fill(CALLER_PHONE)
    page.locator("#id_contact_preference").select_option("sms")
    page.locator("input[type=submit]").click()
    page.wait_for_load_state()
    complaint = Complaint.objects.get()
    expect(page.locator(".messagelist")).to_contain_text(complaint.reference)
    assert (complaint.channel, complaint.status) == ("phone", "received")
    assert complaint.filed_by == people["agent"]
    # The caller gets the tracking number by SMS, with the private link.
    (filed,) = [m for m in sms_outbox if complaint.reference in m["body"]]
    assert filed["to"] == CALLER_PHONE
    link = re.search(r"/fr/complaints/track/[^/\s]+/", filed["body"])
    assert link, filed["body"]
    context.close()

    # 2. The central triage forwards it to the commune.
    context, page = session_for(browser, live_server, people["triage"])
    page.goto(url("admin:complaints_complaint_change", complaint.pk, lang="fr"))
    form = page.locator("#workflow-forward")
    form.locator("#id_forward-administration").select_option(str(people["administration"].pk))
    form.locator("#id_forward-category").select_option(str(people["category"].pk))
    form.locator("input[type=submit]").click()
    page.wait_for_load_state()
    complaint.refresh_from_db()
    assert complaint.status == "forwarded"
    assert complaint.administration == people["administration"]
    context.close()

    # 3. The commune's complaints officer answers from a response template.
    context, page = session_for(browser, live_server, people["officer"])
    page.goto(url("admin:complaints_complaint_changelist", lang="fr"))
    page.get_by_role("link", name=complaint.reference).click()
    form = page.locator("#workflow-answer")
    form.locator("#id_answer-template").select_option(label="Travaux programmés")
    form.locator("input[type=submit]").click()
    page.wait_for_load_state()
    complaint.refresh_from_db()
    assert complaint.status == "answered"
    assert complaint.answer_outcome == "positive"
    assert complaint.reference in complaint.answer_text
    assert any(m["to"] == CALLER_PHONE for m in sms_outbox if m is not filed)  # told by SMS
    context.close()

    # 4. The caller opens the link from the SMS, rates the answer, then reopens the complaint.
    context, page = session_for(browser, live_server)
    page.goto(live_server.url + link.group(0))
    expect(page.get_by_role("heading", name="Nid-de-poule dangereux")).to_be_visible()
    expect(page.get_by_text("la chaussée sera réparée cette semaine")).to_be_visible()
    rate = page.locator("form[action$='/rate/']")
    rate.locator("input[name=resolved][value=no]").check()
    rate.locator("input[name=rating][value='2']").check()
    rate.locator("textarea[name=comment]").fill("Rien n'a changé.")
    rate.locator("button[type=submit]").click()
    page.wait_for_load_state()
    complaint.refresh_from_db()
    assert (complaint.resolved, complaint.rating) == (False, 2)

    reopen = page.locator("form[action$='/reopen/']")
    reopen.locator("textarea[name=reason]").fill("Le trou est toujours là une semaine après.")
    reopen.locator("button[type=submit]").click()
    page.wait_for_load_state()
    complaint.refresh_from_db()
    assert complaint.status == "reopened"
    assert complaint.reopened_count == 1
    expect(page.locator("form[action$='/reopen/']")).to_have_count(0)
    context.close()
