"""axe-core finds no accessibility violation on the home page, in Arabic and in French."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fr", "ltr")])
def test_the_home_page_has_no_accessibility_violation(page, url, axe, lang, direction):
    page.goto(url("core:home", lang=lang))
    expect(page.locator("html")).to_have_attribute("dir", direction)
    page.wait_for_load_state("networkidle")

    results = axe.run(page)

    assert results.response["testEngine"]["name"] == "axe-core"
    assert results.response["passes"], "axe checked nothing: did it run on the page?"
    assert results.violations_count == 0, results.generate_report()


def test_axe_does_report_violations_when_a_page_has_them(page, axe):
    # Guards the test above against an axe that silently checks nothing.
    page.set_content(
        '<html><head><title>Broken</title></head><body><main><img src="x.png">'
        '<input type="text"></main></body></html>'
    )
    results = axe.run(page)
    rules = {violation["id"] for violation in results.response["violations"]}
    assert {"html-has-lang", "image-alt", "label"} <= rules, results.generate_report()
