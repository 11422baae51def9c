"""The action plan in a browser: a visitor reads the plan in Arabic on a phone; a signed-in
citizen comments on a commitment."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.factories import AdministrationFactory, verified_user
from tests.transparency.plan.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
    ThemeFactory,
)
from transparency.models import Comment

pytestmark = pytest.mark.e2e


@pytest.fixture
def plan_data(db):
    administration = AdministrationFactory(
        slug="mtnra-e2e", name_ar="وزارة الانتقال الرقمي", name_fr="Ministère du numérique"
    )
    plan = ActionPlanFactory(
        slug="2018-2020",
        title_ar="خطة العمل الوطنية 2018-2020",
        title_fr="Plan d'action national 2018-2020",
        title_en="National action plan 2018-2020",
    )
    theme = ThemeFactory(plan=plan, name_ar="الحصول على المعلومات", name_fr="Accès à l'information")
    commitment = CommitmentFactory(
        plan=plan,
        number=6,
        theme=theme,
        title_ar="بوابة الشفافية",
        title_fr="Le portail de la transparence",
        title_en="The transparency portal",
        lead_administration=administration,
    )
    MilestoneFactory(
        commitment=commitment, title_ar="إطلاق البوابة", progress=100, status="completed"
    )
    MilestoneFactory(
        commitment=commitment, title_ar="ربط المؤسسات", progress=50, status="in_progress"
    )
    return plan, commitment


def sign_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_a_visitor_reads_the_plan_in_arabic_on_a_phone(browser, live_server, plan_data):
    plan, commitment = plan_data
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar-MA")
    page = context.new_page()
    page.goto(f"{live_server.url}/ar/transparency/plans/{plan.slug}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("خطة العمل الوطنية 2018-2020")
    expect(page.get_by_role("heading", name="الحصول على المعلومات")).to_be_visible()
    link = page.get_by_role("link", name="6. بوابة الشفافية")
    expect(link).to_be_visible()
    # Nothing overflows the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("بوابة الشفافية")
    expect(page.get_by_text("إطلاق البوابة")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_a_signed_in_citizen_comments_on_a_commitment(browser, live_server, plan_data):
    plan, commitment = plan_data
    citizen = verified_user(email="leila.e2e@example.test", full_name="Leila Alaoui")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    sign_in(context, live_server, citizen)
    page = context.new_page()
    page.goto(
        f"{live_server.url}/en/transparency/plans/{plan.slug}/commitments/{commitment.number}/"
    )
    form = page.locator("#comment-form")
    form.get_by_label("Against").check()
    form.get_by_label("Your comment").fill("The answers arrive too late.")
    form.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The answers arrive too late.")).to_be_visible()
    expect(page.get_by_text("LA ·")).to_be_visible()
    comment = Comment.objects.get()
    assert (comment.author, comment.stance) == (citizen, "against")
    context.close()
