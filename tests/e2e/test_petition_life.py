"""The life of a petition in a real browser: the agent drafts it and gathers a committee, the
moderator publishes it, a visitor signs it in Arabic on a phone (solving the real ALTCHA
proof of work), confirms from the email, the counting task moves the count, the agent files
it, the addressee's reviewer answers in the admin, and the response is public."""

import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from ogp_portal.accounts import roles
from ogp_portal.directory.models import Administration
from petitions import counting, services
from petitions.models import CommitteeMember, Level, Petition, Signature, ThresholdRule
from petitions.thresholds import ensure_default_rules
from tests.factories import AdministrationFactory, ProvinceFactory, RegionFactory, verified_user

from .helpers import in_language

pytestmark = pytest.mark.e2e

LINK = r"https?://[^\s\"'<>]+/petitions/{}/[^\s\"'<>]+"
TITLE = "مطاعم مدرسية في كل المدارس القروية"
RESPONSE = "La commission des pétitions a examiné la demande : un programme de cantines est lancé."


def link_in_mail(to: str, kind: str) -> str:
    """The path of the last emailed link of `kind` (confirm, invitation) sent to `to`."""
    bodies = [m.body for m in mail.outbox if to in m.to]
    assert bodies, f"no mail to {to}"
    url = re.findall(LINK.format(kind), bodies[-1])[-1]
    return "/" + url.split("/", 3)[3]


def wait_for_altcha(page, timeout=30_000):
    expect(page.locator('altcha-widget .altcha[data-state="verified"]')).to_be_attached(
        timeout=timeout
    )


@pytest.fixture
def world(transactional_db):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ensure_default_rules()
    # Thresholds are data OGP staff edit: a one-signature national goal keeps the journey short.
    ThresholdRule.objects.filter(level=Level.NATIONAL_PETITION).update(required_signatures=1)
    region = RegionFactory(code="04", name_ar="الرباط سلا القنيطرة", name_fr="Rabat-Salé-Kénitra")
    ProvinceFactory(region=region, code="04.421", name_ar="الرباط", name_fr="Rabat")
    head = AdministrationFactory(
        slug="chef-du-gouvernement",
        name_ar="رئاسة الحكومة",
        name_fr="Chef du Gouvernement",
        name_en="Head of Government",
        kind=Administration.Kind.OTHER,
    )
    return {
        "head": head,
        "agent": verified_user(email="agent@example.test", full_name="Salma Agent"),
        "deputy": verified_user(email="deputy@example.test", full_name="Karim Deputy"),
        "members": [
            verified_user(email=f"member{i}@example.test", full_name=f"Membre {i}")
            for i in range(3)
        ],
        "moderator": verified_user(
            email="mod@example.test", is_staff=True, roles=[roles.MODERATOR]
        ),
        "reviewer": verified_user(
            email="reviewer@example.test",
            is_staff=True,
            administration=head,
            roles=[roles.PETITION_REVIEWER],
        ),
    }


def act_as(page, live_server, user=None):
    """Switch the browser to `user` (a session made by Django's test client), or to a visitor."""
    page.context.clear_cookies()
    if user is None:
        return
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def admin_action(page, live_server, petition, action):
    page.goto(f"{live_server.url}/fr/admin/petitions/petition/")
    page.locator(f'input[name="_selected_action"][value="{petition.pk}"]').check()
    page.locator('select[name="action"]').select_option(action)
    page.locator('button[name="index"]').click()
    expect(page.locator(".messagelist")).to_be_visible()


def test_the_life_of_a_petition(page, live_server, world):
    server = live_server.url

    # 1. The agent drafts the petition.
    act_as(page, live_server, world["agent"])
    page.goto(f"{server}/fr/petitions/new/")
    page.locator("#id_kind").select_option("national_petition")
    page.locator("#id_addressee").select_option(str(world["head"].pk))
    page.locator("#id_theme").select_option("education")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_text").fill("نطالب بتعميم المطاعم المدرسية في جميع المدارس القروية.")
    page.locator("#id_memo").fill("مذكرة مفصلة.")
    for name in ("general_interest", "constants", "no_court_case", "not_discriminatory"):
        page.locator(f"#id_confirms_{name}").check()
    page.get_by_role("button", name=in_language("fr", "Save the draft")).click()
    expect(
        page.get_by_role("heading", name=in_language("fr", "Presentation committee"))
    ).to_be_visible()
    petition = Petition.objects.get(title=TITLE)
    assert petition.status == Petition.Status.DRAFT

    # 2. The agent invites a deputy from the committee page; three more members by email too.
    page.locator("#id_email").fill("deputy@example.test")
    page.locator("#id_role").select_option(CommitteeMember.Role.DEPUTY)
    page.get_by_role("button", name=in_language("fr", "Send the invitation")).click()
    expect(page.get_by_text("deputy@example.test")).to_be_visible()
    for member in world["members"]:
        invitation = services.invite_member(petition, actor=world["agent"], email=member.email)
        services.accept_invitation(invitation, actor=member)

    # 3. The deputy accepts from the emailed link, signed in.
    act_as(page, live_server, world["deputy"])
    page.goto(server + link_in_mail("deputy@example.test", "invitation"))
    page.locator("#id_show_name").check()
    page.get_by_role("button", name=in_language("fr", "Join the committee")).click()
    expect(
        page.get_by_text(in_language("fr", "You joined the petition's committee."))
    ).to_be_visible()

    # 4. The agent submits it for moderation.
    act_as(page, live_server, world["agent"])
    page.goto(f"{server}/fr/petitions/{petition.reference}/committee/")
    page.get_by_role("main").get_by_role(
        "button", name=in_language("fr", "Submit for moderation")
    ).click()
    expect(
        page.get_by_text(in_language("fr", "Your petition was sent to the moderators."))
    ).to_be_visible()

    # 5. The moderator publishes it in the admin.
    act_as(page, live_server, world["moderator"])
    admin_action(page, live_server, petition, "publish")
    petition.refresh_from_db()
    assert petition.status == Petition.Status.COLLECTING and petition.required_signatures == 1

    # 6. A visitor signs in Arabic on a phone, the browser solving the ALTCHA challenge.
    act_as(page, live_server)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server}/ar/petitions/{petition.reference}/")
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    page.get_by_role("link", name=in_language("ar", "Sign this petition")).click()
    page.locator("#id_full_name").fill("يوسف العلوي")
    page.locator("#id_email").fill("Youssef.Alaoui+petition@gmail.com")
    page.locator("#id_cin").fill("ab 123456")
    page.locator("#id_region").select_option(label="الرباط سلا القنيطرة")
    page.locator("#id_province").select_option(label="الرباط")
    page.locator("#id_eligible").check()
    page.locator("#id_notify_progress").check()
    wait_for_altcha(page)
    page.get_by_role("main").get_by_role("button", name=in_language("ar", "Sign")).click()
    expect(page.get_by_role("heading", name=in_language("ar", "Thank you"))).to_be_visible()
    signature = Signature.objects.get()
    assert signature.email == "youssefalaoui@gmail.com" and signature.confirmed_at is None

    # 7. ... and confirms from the email link (a button: a GET confirms nothing), sent by the
    # batch task that the beat runs every few seconds.
    assert services.send_signature_confirmations() == 1
    page.goto(server + link_in_mail("youssefalaoui@gmail.com", "confirm"))
    page.get_by_role("button", name=in_language("ar", "Confirm my signature")).click()
    expect(
        page.get_by_text(in_language("ar", "Your signature is confirmed. Thank you!"))
    ).to_be_visible()
    count_url = f"{server}/ar/petitions/{petition.reference}/count.json"
    assert page.request.get(count_url).json()["signatures"] == 0  # not counted yet

    # 8. The counting task moves the count, and the goal is reached.
    counting.count_new_signatures(now=timezone.now() + datetime.timedelta(minutes=1))
    assert page.request.get(count_url).json() | {"counted_until": None} == {
        "reference": petition.reference,
        "status": "goal_reached",
        "signatures": 1,
        "paper_signatures": 0,
        "required": 1,
        "goal_reached": True,
        "counted_until": None,
    }

    # 9. The agent files it with the addressee.
    act_as(page, live_server, world["agent"])
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{server}/fr/petitions/{petition.reference}/")
    page.get_by_role("button", name=in_language("fr", "File it with the addressee")).click()
    expect(
        page.get_by_text(in_language("fr", "The petition was filed with its addressee."))
    ).to_be_visible()

    # 10. The addressee's reviewer starts the review, rules it admissible and answers.
    act_as(page, live_server, world["reviewer"])
    admin_action(page, live_server, petition, "start_review")
    admin_action(page, live_server, petition, "admissible")
    page.goto(f"{server}/fr/admin/petitions/petition/{petition.pk}/change/")
    page.locator("#id_response_text").fill(RESPONSE)
    page.locator('input[name="_save"]').click()
    expect(page.locator(".messagelist")).to_be_visible()
    admin_action(page, live_server, petition, "publish_response")
    petition.refresh_from_db()
    assert petition.status == Petition.Status.ANSWERED

    # 11. The response is public (a fresh URL: the petition page may be cached for a while).
    act_as(page, live_server)
    page.goto(f"{server}/fr/petitions/{petition.reference}/?after=answer")
    expect(page.get_by_role("heading", name=in_language("fr", "Official response"))).to_be_visible()
    expect(page.get_by_text(RESPONSE)).to_be_visible()
    expect(page.get_by_text("Karim Deputy")).to_be_visible()  # named with consent
    assert "youssef" not in page.content().lower()
    # The signer who opted in heard about the answer.
    assert [
        m
        for m in mail.outbox
        if "youssefalaoui@gmail.com" in m.to and petition.reference in m.subject
    ]
