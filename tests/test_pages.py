"""Every public page renders in Arabic, French and English inside the portal's shell.

The shell's promises are checked on each page: the right lang and dir, a skip
link as the first thing a keyboard reaches, a language switcher, and nothing
the strict CSP would block (no inline script, no style attribute or block).
"""

import re
from html.parser import HTMLParser

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.template.loader import get_template, render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import int_to_base36

from ogp_portal.core.registry import areas
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [("ar", "rtl"), ("fr", "ltr"), ("en", "ltr")]
AREA_URLS = [
    "transparency:index",
    "petitions:index",
    "complaints:index",
    "integrity:index",
    "csofunding:index",
    "opendata:index",
]
PUBLIC_URLS = [
    "core:home",
    *AREA_URLS,
    "core:privacy",
    "directory:index",
    "account_login",
    "account_signup",
    "account_reset_password",
]
FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary"}


class Page(HTMLParser):
    """What the tests need to know about a rendered page, read with the standard library's parser."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html_attrs: dict = {}
        self.focusables: list[tuple[str, dict]] = []
        self.scripts: list[dict] = []
        self.style_attributes: list[str] = []
        self.style_blocks = 0
        self.forms: list[dict] = []
        self.ids: set[str] = set()
        self._in_body = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = attrs
        if tag == "body":
            self._in_body = True
        if "style" in attrs:
            self.style_attributes.append(tag)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "style":
            self.style_blocks += 1
        if tag == "script":
            self.scripts.append(attrs)
        if tag == "form":
            self.forms.append({"attrs": attrs, "buttons": [], "inputs": []})
        if tag == "button" and self.forms:
            self.forms[-1]["buttons"].append(attrs)
        if tag == "input" and self.forms:
            self.forms[-1]["inputs"].append(attrs)
        if self._in_body and self._is_focusable(tag, attrs):
            self.focusables.append((tag, attrs))

    @staticmethod
    def _is_focusable(tag, attrs) -> bool:
        if tag == "a":
            return "href" in attrs
        if tag == "input":
            return attrs.get("type") != "hidden"
        if tag in FOCUSABLE:
            return True
        return attrs.get("tabindex") not in (None, "-1")

    def form_posting_to(self, action: str) -> dict:
        matches = [form for form in self.forms if form["attrs"].get("action") == action]
        assert matches, f"no form posting to {action}"
        return matches[0]


def get_page(client, path: str, status: int = 200) -> tuple[str, Page]:
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    html = response.content.decode()
    return html, Page(html)


def url_in(lang: str, name: str, *args) -> str:
    with translation.override(lang):
        return reverse(name, args=args or None)


def assert_portal_shell(page: Page, lang: str, direction: str) -> None:
    assert page.html_attrs["lang"] == lang
    assert page.html_attrs["dir"] == direction
    first_tag, first = page.focusables[0]
    assert (first_tag, first.get("href")) == ("a", "#main"), page.focusables[:2]
    assert "skip-link" in first["class"]
    assert "main" in page.ids
    # A JSON data block (allauth's settings for its own static scripts) is not executed: the CSP allows it.
    inline = [s for s in page.scripts if not s.get("src") and s.get("type") != "application/json"]
    assert inline == [], "inline <script> is blocked by the CSP"
    assert page.style_attributes == [], (
        f"style= attributes are blocked by the CSP: {page.style_attributes}"
    )
    assert page.style_blocks == 0, "<style> blocks are blocked by the CSP"


def assert_language_switcher(page: Page, lang: str) -> None:
    """Plain links to this page in the other languages, each marked with its language."""
    links = {a["hreflang"]: a for tag, a in page.focusables if tag == "a" and "hreflang" in a}
    assert set(links) == {"ar", "fr", "en"} - {lang}
    for code, link in links.items():
        assert link["lang"] == code
        assert link["href"].startswith(f"/{code}/"), link["href"]
    assert not any(form["attrs"].get("action") == reverse("set_language") for form in page.forms)


def assert_admin_language_switcher(page: Page) -> None:
    switcher = page.form_posting_to(reverse("set_language"))
    offered = {
        b["value"]: b.get("lang") for b in switcher["buttons"] if b.get("name") == "language"
    }
    assert offered == {"ar": "ar", "fr": "fr", "en": "en"}
    assert any(i.get("name") == "next" for i in switcher["inputs"])


# --- The public pages ------------------------------------------------------


@pytest.mark.parametrize(("lang", "direction"), LANGUAGES)
@pytest.mark.parametrize("name", PUBLIC_URLS)
def test_every_public_page_renders_in_the_portal_shell(client, name, lang, direction):
    html, page = get_page(client, url_in(lang, name))

    assert_portal_shell(page, lang, direction)
    assert_language_switcher(page, lang)
    bootstrap = "bootstrap.rtl.min.css" if direction == "rtl" else "bootstrap.min.css"
    assert f"vendor/bootstrap/css/{bootstrap}" in html
    assert 'name="htmx-config"' in html


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_navigation_links_home_the_six_areas_and_the_directory(client, lang):
    html, page = get_page(client, url_in(lang, "core:home"))

    start = html.index('<nav class="navbar')
    nav = html[start : html.index("</nav>", start)]
    for name in ["core:home", *AREA_URLS, "directory:index"]:
        assert f'href="{url_in(lang, name)}"' in nav, name
    assert f'href="{url_in(lang, "account_login")}"' in html
    assert f'href="{url_in(lang, "account_signup")}"' in html
    assert f'href="{url_in(lang, "core:privacy")}"' in html
    assert "CC BY 4.0" in html and "RGPH 2024" in html


def test_the_footer_names_the_data_protection_notice_and_the_partnership(client):
    html, _ = get_page(client, url_in("en", "core:home"))
    assert "Personal data protection (Law 09-08)" in html
    assert "Open Government Partnership – Morocco" in html


def test_the_home_page_shows_a_card_per_area_with_its_commitment_and_an_empty_state(client):
    html, page = get_page(client, url_in("en", "core:home"))

    for area in areas():
        assert f'id="area-{area.key}-title"' in html
        assert f"OGP commitment {area.commitment}" in html
        assert f'class="bi {area.icon}"' in html
    assert html.count('class="figure-tiles') == 6
    assert html.count("Nothing published yet") == 6
    assert "Law 31-13" in html


def test_an_area_page_shows_its_figures_and_breadcrumb(client):
    html, _ = get_page(client, url_in("en", "complaints:index"))

    assert 'class="figure-tiles figure-tiles-lg"' in html
    assert 'aria-current="page"' in html  # the breadcrumb's last item


def test_the_privacy_notice_gives_controller_purposes_rights_and_cndp_reference(client, settings):
    html, _ = get_page(client, url_in("en", "core:privacy"))

    protection = settings.DATA_PROTECTION
    assert protection["cndp_reference"] in html
    assert f"mailto:{protection['contact']}" in html
    for heading in [
        "Who is responsible",
        "What we collect, and why",
        "Who receives your data",
        "What is mandatory",
        "Your rights",
    ]:
        assert heading in html
    for service in [
        "Information requests (Law 31-13)",
        "Petitions, motions and signatures",
        "Complaints, observations and suggestions",
        "Your account",
    ]:
        assert service in html
    for right in ["access", "rectification", "objection", "deletion"]:
        assert f"<strong>{right}</strong>" in html
    assert f'href="{url_in("en", "accounts:my_data")}"' in html


# --- The language switcher -------------------------------------------------


def test_the_language_switcher_takes_a_reader_from_the_arabic_directory_to_the_french_one(client):
    _, page = get_page(client, url_in("ar", "directory:index") + "?q=wizara")
    french = next(a for tag, a in page.focusables if tag == "a" and a.get("hreflang") == "fr")
    assert french["href"] == "/fr/directory/?q=wizara"

    response = client.get(french["href"])

    assert response.status_code == 200
    assert Page(response.content.decode()).html_attrs == {"lang": "fr", "dir": "ltr"}
    assert not response.cookies  # a link, not a form: no CSRF or language cookie


def test_the_switcher_links_a_detail_page_to_the_same_object_and_a_404_to_the_home_page(client):
    html, _ = get_page(client, url_in("fr", "core:privacy"))
    assert f'href="{url_in("ar", "core:privacy")}" hreflang="ar"' in html
    assert f'<link rel="alternate" hreflang="en" href="{url_in("en", "core:privacy")}">' in html

    html, _ = get_page(client, "/fr/there-is-nothing-here/?x=1", status=404)
    assert f'href="{url_in("ar", "core:home")}" hreflang="ar"' in html


def test_each_language_is_offered_in_its_own_language(client):
    html, _ = get_page(client, url_in("fr", "core:home"))

    assert re.search(r'lang="ar"[^>]*>\s*<span class="label-sm-up">العربية</span>', html)
    assert re.search(r'lang="en"[^>]*>\s*<span class="label-sm-up">English</span>', html)
    assert not re.search(r'hreflang="fr"', html)  # the current language is not offered


# --- Signed in -------------------------------------------------------------


def test_a_signed_in_citizen_sees_my_data_and_a_sign_out_form_instead_of_sign_in(
    client_for, citizen
):
    html, page = get_page(client_for(citizen), url_in("en", "core:home"))

    assert f'href="{url_in("en", "accounts:my_data")}"' in html
    assert f'href="{url_in("en", "account_login")}"' not in html
    page.form_posting_to(url_in("en", "account_logout"))
    assert f'href="{url_in("en", "admin:index")}"' not in html


def test_staff_also_see_the_link_to_the_administration(client_for, ogp_staff):
    html, _ = get_page(client_for(ogp_staff), url_in("en", "core:home"))
    assert f'href="{url_in("en", "admin:index")}"' in html


@pytest.mark.parametrize(("lang", "direction"), LANGUAGES)
def test_my_data_shows_the_profile_the_summary_the_download_and_the_danger_zone(
    client_for, citizen, lang, direction
):
    html, page = get_page(client_for(citizen), url_in(lang, "accounts:my_data"))

    assert_portal_shell(page, lang, direction)
    profile = page.form_posting_to(url_in(lang, "accounts:my_data"))
    assert {i["name"] for i in profile["inputs"] if i.get("type") != "hidden"} == {
        "full_name",
        "phone",
    }
    assert 'name="preferred_language"' in html
    assert 'value="Salma Citizen"' in html
    assert f'href="{url_in(lang, "accounts:download")}"' in html
    delete = page.form_posting_to(url_in(lang, "accounts:delete"))
    assert any(i.get("name") == "confirm" for i in delete["inputs"])
    assert "data-confirm" in delete["attrs"]


def test_a_refused_deletion_shows_the_error_next_to_the_field(client_for, citizen):
    response = client_for(citizen).post(url_in("en", "accounts:delete"), {"confirm": "nope"})

    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="form-control is-invalid"' in html
    assert 'aria-describedby="id_confirm_error id_confirm_helptext"' in html
    assert 'id="id_confirm_error"' in html


def test_the_admin_is_branded_and_offers_the_language_switcher_in_arabic(client_for, ogp_staff):
    html, page = get_page(client_for(ogp_staff), url_in("ar", "admin:index"))

    assert page.html_attrs["dir"] == "rtl"
    assert "الحكومة المنفتحة - المغرب — لوحة الإدارة" in html  # the branding, in Arabic
    assert_admin_language_switcher(page)


# --- allauth pages in the portal's shell, with Bootstrap forms -------------


def test_sign_up_shows_the_data_protection_notice_before_the_consent_box(client, settings):
    html, page = get_page(client, url_in("en", "account_signup"))

    notice = html.index('class="data-notice')
    assert settings.DATA_PROTECTION["cndp_reference"] in html[notice:]
    assert notice < html.index('name="accept_notice"')
    for name in ["email", "full_name", "password1", "password2"]:
        assert re.search(rf'<input type="\w+" class="form-control" name="{name}"', html), name
    assert '<select class="form-select" name="preferred_language"' in html
    assert re.search(r'<label class="form-label" for="id_email">', html)


def test_sign_up_errors_are_marked_on_the_fields_and_described(client):
    response = client.post(
        url_in("en", "account_signup"), {"email": "not-an-email", "full_name": ""}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="form-check-input is-invalid"' in html  # accept_notice
    assert "Please confirm that you have read the personal data notice." in html
    for name in ["email", "full_name", "accept_notice"]:
        assert f'aria-describedby="id_{name}_error' in html, name
        assert f'id="id_{name}_error"' in html, name


def test_the_verification_sent_and_email_confirmation_pages_render(client):
    user = UserFactory(email="new@example.test")
    address = EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    key = EmailConfirmationHMAC(address).key

    _, page = get_page(client, url_in("ar", "account_email_verification_sent"))
    assert_portal_shell(page, "ar", "rtl")
    html, page = get_page(client, url_in("ar", "account_confirm_email", key))
    assert_portal_shell(page, "ar", "rtl")
    page.form_posting_to(url_in("ar", "account_confirm_email", key))
    assert "btn btn-primary" in html


def test_the_password_reset_pages_render(client):
    user = UserFactory(email="forgot@example.test")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    _, page = get_page(client, url_in("fr", "account_reset_password_done"))
    assert_portal_shell(page, "fr", "ltr")
    uidb36 = int_to_base36(user.pk)
    token = default_token_generator.make_token(user)
    response = client.get(
        url_in("fr", "account_reset_password_from_key", uidb36, token), follow=True
    )
    assert response.status_code == 200
    assert 'name="password1"' in response.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "account_logout",
        "account_email",
        "account_change_password",
        "mfa_index",
        "account_reauthenticate",
    ],
)
def test_the_signed_in_account_pages_render_in_the_portal_shell(client_for, citizen, name):
    _, page = get_page(client_for(citizen), url_in("ar", name))
    assert_portal_shell(page, "ar", "rtl")


# --- Error pages and partials -----------------------------------------------


def test_an_unknown_page_gets_the_portals_404(client):
    html, page = get_page(client, "/fr/there-is-nothing-here/", status=404)
    assert_portal_shell(page, "fr", "ltr")
    assert 'class="error-code"' in html


def test_the_500_page_renders_without_a_request(settings):
    html = get_template("500.html").render()
    assert "<html" in html and 'href="/"' in html
    assert "{% url" not in html


@pytest.mark.parametrize("template", ["400.html", "403.html"])
def test_the_other_error_pages_extend_the_portal_shell(rf, template):
    request = rf.get("/en/")
    request.user = AnonymousUser()
    html = render_to_string(template, request=request)
    assert 'class="skip-link' in html and 'class="error-code"' in html


def test_the_pagination_keeps_the_other_query_parameters(rf):
    request = rf.get("/fr/directory/", {"q": "santé", "kind": "ministry", "page": "3"})
    page_obj = Paginator(range(100), 10).page(3)

    html = render_to_string("core/_pagination.html", {"page_obj": page_obj}, request=request)

    assert 'href="?q=sant%C3%A9&amp;kind=ministry&amp;page=2" rel="prev"' in html
    assert 'href="?q=sant%C3%A9&amp;kind=ministry&amp;page=4" rel="next"' in html
    assert 'aria-current="page"' in html
    assert "page=10" in html  # the last page stays reachable
    assert "page=7" not in html  # far pages are elided


def test_a_list_of_two_thousand_pages_links_only_the_ends_and_the_neighbours(rf):
    request = rf.get("/fr/funding/awards/", {"page": "1000"})
    page_obj = Paginator(range(50_000), 25).page(1000)

    html = render_to_string("core/_pagination.html", {"page_obj": page_obj}, request=request)

    linked = sorted(int(n) for n in re.findall(r"page=(\d+)", html))
    assert linked == [1, 998, 999, 999, 1000, 1001, 1001, 1002, 2000]
    assert html.count("…") == 2


def test_the_timeline_is_an_ordered_list_of_dated_events():
    class Event:
        kind = "answered"
        actor_role = "information officer"
        from_status = "submitted"
        to_status = "answered"
        note = "Here is the document."
        created_at = timezone.now()

    html = render_to_string(
        "core/_timeline.html", {"events": [Event()]}, request=RequestFactory().get("/en/")
    )

    assert '<ol class="timeline' in html
    assert html.count('<li class="timeline-item">') == 1
    assert "<time datetime=" in html
    assert "information officer" in html and "Here is the document." in html


def test_a_timeline_without_events_says_so():
    html = render_to_string("core/_timeline.html", {"events": []})
    assert "<ol" not in html
    assert "empty-state" in html
