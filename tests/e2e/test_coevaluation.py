"""Co-evaluation in a browser: a citizen assesses a commitment in Arabic on a phone and sees
the three views (official account, IRM, citizens and civil society) side by side."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.helpers import exact, field, in_language
from tests.factories import AdministrationFactory, verified_user
from tests.transparency.plan.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
)
from transparency.coeval import services
from transparency.models import Assessment, AssessmentWindow, IrmRating
from transparency.plan.scales import ensure_reference_data

pytestmark = pytest.mark.e2e

JUSTIFICATION_AR = "لوحة القيادة الموعودة غير منشورة إلى اليوم، ولا نجد أي وثيقة على الموقع."


@pytest.fixture
def coeval_data(db):
    ensure_reference_data()
    administration = AdministrationFactory(
        slug="cour-e2e", name_ar="المجلس الأعلى للحسابات", name_fr="Cour des comptes"
    )
    plan = ActionPlanFactory(
        slug="2024-2027",
        start_year=2024,
        end_year=2027,
        title_ar="خطة العمل الوطنية 2024-2027",
        title_fr="Plan d'action national 2024-2027",
    )
    commitment = CommitmentFactory(
        plan=plan,
        number=2,
        title_ar="تتبع توصيات المجلس الأعلى للحسابات",
        title_fr="Suivi des recommandations de la Cour des comptes",
        lead_administration=administration,
    )
    MilestoneFactory(commitment=commitment, progress=60, status="in_progress")
    now = timezone.now()
    window = AssessmentWindow.objects.create(
        plan=plan,
        label_ar="مراجعة منتصف المدة",
        label_fr="Revue à mi-parcours",
        label_en="Mid-term review",
        opens_at=now - datetime.timedelta(days=3),
        closes_at=now + datetime.timedelta(days=30),
    )
    levels = {(r.scale, r.code): r for r in IrmRating.objects.all()}
    for i in range(4):  # four earlier assessments: not started
        services.submit_assessment(
            commitment,
            actor=verified_user(email=f"e2e{i}@example.test", full_name=f"Earlier Person{i}"),
            window=window,
            completion=levels[("completion", "not_started")],
            early_results=levels[("early_results", "did_not_change")],
            justification="Nothing has been published on the official website so far.",
        )
    return plan, commitment


def sign_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_a_citizen_assesses_a_commitment_in_arabic_on_a_phone(browser, live_server, coeval_data):
    plan, commitment = coeval_data
    citizen = verified_user(email="nadia.e2e@example.test", full_name="Nadia Bennis")
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar-MA")
    sign_in(context, live_server, citizen)
    page = context.new_page()
    page.goto(
        f"{live_server.url}/ar/transparency/plans/{plan.slug}/commitments/{commitment.number}/"
    )
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    views = page.locator("#coevaluation")
    expect(views.get_by_text(in_language("ar", "The official account"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_role("link", name=exact(in_language("ar", "Assess this commitment"))).click()
    form = page.locator("#assessment-form")
    completion = form.get_by_role(
        "group", name=in_language("ar", "How far was the commitment carried out?")
    )
    completion.get_by_label("لم يبدأ").check()
    form.get_by_role("group", name=in_language("ar", "Did it open government?")).get_by_label(
        "لم يتغير"
    ).check()
    field(form, in_language("ar", "Why? Your justification")).fill(JUSTIFICATION_AR)
    form.get_by_label(in_language("ar", "My full name")).check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    form.get_by_role("button", name=in_language("ar", "Publish my assessment")).click()

    # Back on the commitment's assessments: the three views, the fifth assessment, contested.
    mine = page.locator("article", has_text=JUSTIFICATION_AR)
    expect(mine).to_be_visible()
    expect(mine.get_by_text("Nadia Bennis")).to_be_visible()
    assert "nadia.e2e@example.test" not in mine.inner_text()
    views = page.locator("#coevaluation")
    for heading in (
        "The official account",
        "The Independent Reporting Mechanism",
        "Citizens and civil society",
    ):
        expect(views.get_by_role("heading", name=in_language("ar", heading))).to_be_visible()
    expect(views.get_by_text("60 %", exact=True)).to_be_visible()
    expect(views.locator(".badge", has_text=in_language("ar", "Contested"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assessment = Assessment.objects.get(author=citizen)
    assert (assessment.completion.code, assessment.name_display) == ("not_started", "full")
    context.close()
