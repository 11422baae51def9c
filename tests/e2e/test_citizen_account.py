"""A citizen signs up, confirms their email from the message they receive, signs out and back in.

Driven in English (the source language), so that the labels do not move while the
Arabic and French catalogues are being written; the citizen chooses French as the
language the portal writes to them in.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from ogp_portal.accounts.models import User

from .helpers import exact, field, in_language, path_of

pytestmark = pytest.mark.e2e

EMAIL = "nadia.citizen@example.test"
PASSWORD = "olive-tree-rabat-2026"
FULL_NAME = "Nadia Citizen"
NOTICE = "I have read the personal data notice (Law 09-08)."
CONFIRM_LINK = re.compile(r"https?://[^\s\"'<>]+/confirm-email/[^\s\"'<>]+")


def confirmation_link_for(address: str) -> str:
    messages = [message for message in mail.outbox if address in message.to]
    assert len(messages) == 1, (
        f"expected one message to {address}, outbox has {[m.to for m in mail.outbox]}"
    )
    match = CONFIRM_LINK.search(messages[0].body)
    assert match, f"no confirmation link in:\n{messages[0].body}"
    return match.group(0)


def submit_button(page, label: str):
    """The form's submit button, not a same-named link in the page header."""
    return page.get_by_role("main").get_by_role("button", name=exact(label))


def expect_signed_in(page, url, lang: str = "en") -> None:
    """The account menu offers "My data", and it opens on the citizen's own details."""
    account_menu = page.get_by_role("button", name=re.compile(FULL_NAME))
    expect(account_menu).to_be_visible()
    account_menu.click()
    my_data = page.get_by_role("link", name=exact(in_language(lang, "My data")))
    expect(my_data).to_be_visible()
    my_data.click()
    page.wait_for_url(url("accounts:my_data", lang=lang))
    expect(page.get_by_role("heading", name=in_language(lang, "My data"), level=1)).to_be_visible()
    expect(field(page, in_language(lang, "Full name"))).to_have_value(FULL_NAME)


def test_a_citizen_signs_up_confirms_their_email_and_signs_back_in(page, url):
    # Sign up.
    page.goto(url("account_signup", lang="en"))
    field(page, "Email").fill(EMAIL)
    field(page, "Password").fill(PASSWORD)
    field(page, "Password (again)").fill(PASSWORD)
    field(page, "Full name").fill(FULL_NAME)
    field(page, "Preferred language").select_option("fr")
    notice = field(page, NOTICE)
    expect(notice).not_to_be_checked()
    notice.check()
    submit_button(page, "Sign Up").click()

    # "Verify your email": nobody is signed in until the address is confirmed.
    page.wait_for_url(url("account_email_verification_sent", lang="en"))
    expect(
        page.get_by_role("heading", name=re.compile(r"verify your email", re.IGNORECASE))
    ).to_be_visible()
    user = User.objects.get(email=EMAIL)
    assert user.full_name == FULL_NAME
    assert user.preferred_language == "fr"
    assert not user.emailaddress_set.get(email=EMAIL).verified

    # The message is written in the language the citizen chose, not the page's.
    message = next(m for m in mail.outbox if EMAIL in m.to)
    assert message.subject.startswith("[OGP Maroc] ")
    assert in_language("fr", "Please Confirm Your Email Address") in message.subject

    # Confirm from the link in the message.
    link = confirmation_link_for(EMAIL)
    link_lang = path_of(link).split("/")[1]
    assert link_lang in {"ar", "fr", "en"}, link
    page.goto(link)
    submit_button(page, in_language(link_lang, "Confirm")).click()

    # Confirming signs the citizen in (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION) and lands on the home page.
    page.wait_for_url(url("core:home", lang=link_lang))
    assert user.emailaddress_set.get(email=EMAIL).verified
    expect_signed_in(page, url, lang=link_lang)
    page.goto(url("core:home", lang="en"))

    # Sign out from the account menu.
    page.get_by_role("button", name=re.compile(FULL_NAME)).click()
    page.get_by_role("button", name=exact("Sign out")).click()
    page.wait_for_url(url("core:home", lang="en"))
    expect(page.get_by_role("link", name=exact("Sign in"))).to_be_visible()
    page.goto(url("accounts:my_data", lang="en"))
    assert path_of(page.url) == path_of(url("account_login", lang="en")), (
        "My data must need a sign-in"
    )

    # Sign in again with email and password.
    page.goto(url("account_login", lang="en"))
    field(page, "Email").fill(EMAIL)
    field(page, "Password").fill(PASSWORD)
    submit_button(page, "Sign In").click()
    page.wait_for_url(url("core:home", lang="en"))
    expect_signed_in(page, url)


def test_sign_up_is_refused_without_the_personal_data_notice(page, url):
    page.goto(url("account_signup", lang="en"))
    field(page, "Email").fill("no.notice@example.test")
    field(page, "Password").fill(PASSWORD)
    field(page, "Password (again)").fill(PASSWORD)
    field(page, "Full name").fill("No Notice")
    field(page, "Preferred language").select_option("en")
    # Skip the browser's own check of the required box, to see the server refuse it.
    page.locator("form").filter(has=field(page, NOTICE)).evaluate("form => form.noValidate = true")
    submit_button(page, "Sign Up").click()

    page.wait_for_load_state()
    assert path_of(page.url) == path_of(url("account_signup", lang="en"))
    expect(
        page.get_by_text("Please confirm that you have read the personal data notice.")
    ).to_be_visible()
    assert not User.objects.filter(email="no.notice@example.test").exists()
    assert not [m for m in mail.outbox if "no.notice@example.test" in m.to]


@pytest.mark.parametrize("view_name", ["account_signup", "account_login"])
def test_the_account_pages_use_the_portals_page_shell_in_arabic(page, url, view_name):
    page.goto(url(view_name, lang="ar"))
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("main")).to_have_count(1)
    # The portal's header, with its language switcher, is there too.
    expect(page.get_by_role("link", name=exact("Français"))).to_have_count(1)
