"""A civil servant signs in to the admin in Arabic and finds their own administration, only theirs."""

import pytest
from django.utils.text import capfirst
from playwright.sync_api import expect

from ogp_portal.accounts import roles
from ogp_portal.directory.models import Administration
from tests.conftest import PASSWORD
from tests.factories import AdministrationFactory, verified_user

from .helpers import exact, field, in_language, path_of

pytestmark = pytest.mark.e2e


def test_a_civil_servant_signs_in_to_the_arabic_admin_and_sees_their_administration(
    page, url, live_server
):
    ministry = AdministrationFactory(
        slug="ministere-a",
        name_ar="وزارة الاقتصاد",
        name_fr="Ministère de l'Économie",
        name_en="Ministry A",
    )
    other = AdministrationFactory(
        slug="ministere-b",
        name_ar="وزارة الصحة",
        name_fr="Ministère de la Santé",
        name_en="Ministry B",
    )
    verified_user(
        email="amine@example.test",
        full_name="Amine Servant",
        is_staff=True,
        roles=[roles.CIVIL_SERVANT],
        administration=ministry,
    )

    # The admin sends a visitor to the portal's own sign-in page (allauth), in Arabic.
    admin_index = url("admin:index", lang="ar")
    page.goto(admin_index)
    assert path_of(page.url) == path_of(url("account_login", lang="ar"))
    assert "next=" in page.url
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    field(page, in_language("ar", "Email")).fill("amine@example.test")
    field(page, in_language("ar", "Password")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name=exact(in_language("ar", "Sign In"))).click()

    # Back to the admin index, signed in, still in Arabic.
    page.wait_for_url(admin_index)
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    administrations = capfirst(in_language("ar", Administration._meta.verbose_name_plural))
    entry = page.get_by_role("link", name=exact(administrations))
    expect(entry).to_be_visible()

    # The list holds the civil servant's administration and nobody else's.
    entry.click()
    page.wait_for_url(url("admin:directory_administration_changelist", lang="ar"))
    results = page.locator("#result_list")
    expect(results.get_by_role("link", name=exact(ministry.name_ar))).to_be_visible()
    expect(results.get_by_text(other.name_ar)).to_have_count(0)
    # And the other administration's page does not exist for them.
    response = page.goto(url("admin:directory_administration_change", other.pk, lang="ar"))
    assert response.status == 404
