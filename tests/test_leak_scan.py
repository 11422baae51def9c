"""The leak scan: crawl the public site in Arabic, French and English and the machine
interfaces on the whole demo, and find no personal data (Law 09-08).

What counts as personal: every email address, phone number, CIN and IP address stored
anywhere, the names of requesters, complainants and signers. The crawler follows the links
of the pages it reads (CSV and JSON downloads included), a few pages per kind of page, so
that every kind is read in every language.
"""

import json
import re
from collections import Counter, deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db

LANGUAGES = ("ar", "fr", "en")
PER_KIND = 6  # pages read per (language, first two path segments, query or not)
MAX_PAGES = 1500
SKIP = re.compile(
    r"^/(static|media)/|/admin/|/accounts/|/account/|/i18n/|/jsi18n/|logout|format=xlsx|\.xlsx|\.pdf"
)
HREF = re.compile(r'href="(/[^"#]*)"')
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Addresses the portal publishes on purpose: its own contacts (the data protection
# officer, the sender of its mails) and the administrations' official contacts.
OFFICIAL_DOMAINS = ("ogp.example.ma", ".gov.ma")

PERSONAL_FIELD = re.compile(r"(^|_)(email|phone|cin|ip)$")
PERSONAL_NAMES = {
    ("transparency", "informationrequest"): ["requester_name"],
    ("complaints", "complaint"): ["contact_name"],
    ("petitions", "signature"): ["full_name"],
}


@pytest.fixture
def demo(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with translation.override("fr"):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def personal_values() -> dict[str, str]:
    """Every stored personal value worth looking for -> where it comes from."""
    found = {}
    for model in apps.get_models():
        key = (model._meta.app_label, model._meta.model_name)
        fields = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, models.CharField | models.GenericIPAddressField)
            and PERSONAL_FIELD.search(f.name)
        ] + PERSONAL_NAMES.get(key, [])
        for name in fields:
            for value in (
                model._default_manager.exclude(**{name: ""})
                .exclude(**{f"{name}__isnull": True})
                .values_list(name, flat=True)
                .distinct()
            ):
                value = str(value).strip()
                if len(value) >= 6:
                    found[value] = f"{model._meta.label}.{name}"
    # Complainants who filed while signed in: their account's name.
    Complaint = apps.get_model("complaints", "Complaint")
    for full_name in (
        Complaint.objects.exclude(complainant=None)
        .values_list("complainant__full_name", flat=True)
        .distinct()
    ):
        if full_name and len(full_name) >= 6:
            found[full_name] = "complaints.Complaint.complainant.full_name"
    return found


def _kind(url: str) -> tuple:
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    return (*segments[:3], bool(parts.query))


def crawl(client: Client) -> dict[str, str]:
    """Every public page reachable from the home pages: url -> text."""
    queue = deque(f"/{lang}/" for lang in LANGUAGES)
    seen, pages, per_kind = set(queue), {}, Counter()
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200:
            continue
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(("text/", "application/json", "application/ld+json")):
            continue
        # Uploaded files are served by views (FileResponse, streamed): read them too.
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode("utf-8", errors="replace")
        pages[url] = text
        if not content_type.startswith("text/html"):
            continue
        for link in HREF.findall(text):
            link = urldefrag(link.replace("&amp;", "&"))[0]
            if link in seen or SKIP.search(link):
                continue
            seen.add(link)
            kind = _kind(link)
            if per_kind[kind] >= PER_KIND:
                continue
            per_kind[kind] += 1
            queue.append(link)
    return pages


def api_pages(client: Client) -> dict[str, str]:
    """The JSON API (every list and the first details), Open311, 360Giving, CKAN, DCAT."""
    pages = {}
    root = client.get("/api/v1/").json()
    for url in root.values():
        path = urlsplit(url).path
        listing = client.get(path)
        pages[path] = listing.content.decode()
        body = listing.json()
        items = body.get("results", body) if isinstance(body, dict) else body
        for item in (items or [])[:3]:
            if isinstance(item, dict) and item.get("url"):
                detail = urlsplit(item["url"]).path
                pages[detail] = client.get(detail).content.decode()
    for path in (
        "/open311/v2/services.json",
        "/open311/v2/requests.json",
        "/open311/v2/requests.xml",
        "/csofunding/360giving.json",
        "/api/3/action/package_list",
        "/api/3/action/package_search?rows=50",
        "/catalog.jsonld",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content.decode()
    return pages


def test_no_public_page_or_api_response_carries_personal_data(demo):
    personal = personal_values()
    assert len(personal) > 100, "the demo holds personal data to look for"
    client = Client()

    pages = crawl(client)
    pages.update(api_pages(client))

    print(f"leak scan: {len(pages)} pages, {len(personal)} personal values")
    assert len(pages) > 300
    assert {url.split("/")[1] for url in pages} >= {"ar", "fr", "en", "api", "open311"}
    leaks = []
    lowered = {url: text.lower() for url, text in pages.items()}
    for value, source in personal.items():
        needle = value.lower()
        for url, text in lowered.items():
            if needle in text:
                leaks.append((source, value, url))
                break
    for url, text in pages.items():
        for address in set(EMAIL.findall(text)):
            if not address.lower().endswith(OFFICIAL_DOMAINS):
                leaks.append(("email-like text", address, url))
    assert not leaks, json.dumps(leaks[:30], ensure_ascii=False, indent=1)
