"""axe-core finds no accessibility violation on the portal's main public pages, and no page is
wider than a 390 px phone.

The pages are those of issue 8 (home; information requests' register and a request; the
action plan and a commitment; petitions and a petition; the complaints dashboard and the
filing form; integrity initiatives; the funding explorer; the open data catalogue and a
dataset), read over the demo data, in Arabic and French, at desktop (1280 px) and phone
(390 px) widths.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

WIDTHS = {"desktop": 1280, "phone": 390}
LANGUAGES = {"ar": "rtl", "fr": "ltr"}


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def demo(settings, live_server):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with translation.override("fr"):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def main_pages(lang: str) -> dict[str, str]:
    """Name -> path of the main public pages in `lang`, their objects taken from the demo."""
    from opendata.models import Dataset
    from petitions.models import Petition
    from transparency.models import ActionPlan, Commitment, InformationRequest

    with translation.override(lang):
        plan = ActionPlan.objects.exclude(status=ActionPlan.Status.DRAFT).order_by("-pk").first()
        commitment = Commitment.objects.public().filter(plan=plan).order_by("pk").first()
        petition = Petition.objects.public().filter(status="collecting").order_by("pk").first()
        return {
            "home": reverse("core:home"),
            "information requests": reverse("transparency:request_list"),
            "an information request": InformationRequest.objects.public()
            .order_by("pk")
            .first()
            .get_absolute_url(),
            "the action plan": plan.get_absolute_url(),
            "a commitment": commitment.get_absolute_url(),
            "petitions": reverse("petitions:index"),
            "a petition": petition.get_absolute_url(),
            "complaints dashboard": reverse("complaints:index"),
            "filing a complaint": reverse("complaints:file"),
            "integrity initiatives": reverse("integrity:index"),
            "funding explorer": reverse("csofunding:awards"),
            "open data catalogue": reverse("opendata:index"),
            "a dataset": Dataset.objects.published().order_by("pk").first().get_absolute_url(),
        }


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_main_pages_have_no_accessibility_violation_and_fit_the_screen(
    browser, live_server, demo, axe, lang, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems = []
    checked = 0
    for name, path in main_pages(lang).items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, (name, path, response.status)
        expect(page.locator("html")).to_have_attribute("dir", LANGUAGES[lang])
        expect(page.locator("html")).to_have_attribute("lang", lang)
        page.wait_for_load_state("networkidle")

        results = axe.run(page)
        checked += len(results.response["passes"])
        if results.violations_count:
            problems.append(f"{name} ({path}):\n{results.generate_report()}")
        scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
        if scroll_width > width:
            problems.append(f"{name} ({path}) is {scroll_width} px wide on a {width} px screen")
    context.close()

    assert checked, "axe checked nothing: did it run on the pages?"
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize(("lang", "direction"), LANGUAGES.items())
def test_the_home_page_has_no_accessibility_violation_without_data(page, url, axe, lang, direction):
    page.goto(url("core:home", lang=lang))
    expect(page.locator("html")).to_have_attribute("dir", direction)
    page.wait_for_load_state("networkidle")

    results = axe.run(page)

    assert results.response["testEngine"]["name"] == "axe-core"
    assert results.response["passes"], "axe checked nothing: did it run on the page?"
    assert results.violations_count == 0, results.generate_report()


def test_axe_does_report_violations_when_a_page_has_them(page, axe):
    # Guards the tests above against an axe that silently checks nothing.
    page.set_content(
        '<html><head><title>Broken</title></head><body><main><img src="x.png">'
        '<input type="text"></main></body></html>'
    )
    results = axe.run(page)
    rules = {violation["id"] for violation in results.response["violations"]}
    assert {"html-has-lang", "image-alt", "label"} <= rules, results.generate_report()


def test_the_overflow_check_does_notice_a_page_wider_than_the_phone(page):
    # Guards the width check above: a 600 px block on a 390 px screen is seen.
    page.set_viewport_size({"width": 390, "height": 800})
    page.set_content('<html><body><div class="wide"></div></body></html>')
    page.add_style_tag(content=".wide { width: 600px; height: 10px; }")
    assert page.evaluate("document.scrollingElement.scrollWidth") > 390
