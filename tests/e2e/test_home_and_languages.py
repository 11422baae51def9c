"""The home page in Arabic, right to left, and the language switcher."""

import pytest
from playwright.sync_api import expect

from ogp_portal.core.registry import areas

from .helpers import exact, in_language, path_of

pytestmark = pytest.mark.e2e


def switch_language(page, language_name: str) -> None:
    """Use the page's language switcher the way a visitor does.

    The switcher offers each language by its own name ("Français"), as a link or a
    submit button; when it sits in a closed menu, open that menu first.
    """
    choice = page.get_by_role("button", name=exact(language_name)).or_(
        page.get_by_role("link", name=exact(language_name))
    )
    page.wait_for_load_state()
    if choice.count() == 0:
        # Hidden inside a closed menu: role locators skip hidden elements, so look again
        # including them, then open the nearest menu that holds the choice.
        hidden = page.get_by_role("button", name=exact(language_name), include_hidden=True).or_(
            page.get_by_role("link", name=exact(language_name), include_hidden=True)
        )
        assert hidden.count() >= 1, f"no language switcher offering {language_name!r} on {page.url}"
        menu = hidden.first.locator("xpath=ancestor::*[.//*[@aria-expanded]][1]")
        toggle = menu.locator("[aria-expanded]").first
        expect(toggle).to_have_attribute("aria-expanded", "false")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(choice.first).to_be_visible()
    choice.first.click()


def test_the_home_page_in_arabic_reads_right_to_left_and_shows_the_six_areas(page, url):
    page.goto(url("core:home", lang="ar"))

    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")

    registered = areas()
    assert len(registered) == 6, [area.key for area in registered]
    main = page.get_by_role("main")
    for area in registered:
        title = in_language("ar", area.title)
        expect(main.get_by_role("heading", name=title)).to_be_visible()
        area_path = path_of(url(area.url_name, lang="ar"))
        expect(main.locator(f'a[href="{area_path}"]').first).to_be_visible()


def test_the_language_switcher_takes_an_arabic_reader_to_the_french_pages(page, url, live_server):
    page.goto(url("core:home", lang="ar"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    switch_language(page, "Français")

    page.wait_for_url(url("core:home", lang="fr"))
    assert path_of(page.url) == "/fr/"
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "fr")
    expect(html).to_have_attribute("dir", "ltr")
    # The switcher is a plain link: the language lives in the address, not in a cookie.
    assert page.context.cookies() == []


def test_the_language_switcher_brings_a_french_reader_back_to_arabic(page, url):
    page.goto(url("core:home", lang="fr"))
    expect(page.locator("html")).to_have_attribute("dir", "ltr")

    switch_language(page, "العربية")

    page.wait_for_url(url("core:home", lang="ar"))
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
