"""Histories speak the page's language: the actors' roles are stored as codes and named when
the page is read (transparency/actors.py), the dataset request made from a refused request
names its events and statuses (templates/opendata/_request_timeline.html), and rows recorded
before, with the role as it was translated then, read in the page's language too.

The services run in English here (the ATI conftest), as the demo is seeded: what they stored
used to show in English on Arabic and French pages."""

import html
import re

import pytest

from ogp_portal.core import timeline
from ogp_portal.core.models import TimelineEvent
from opendata import services as opendata_services
from opendata.models import DatasetRequest
from transparency.ati import links as ati_links
from transparency.ati import services

pytestmark = pytest.mark.django_db


def history(body: str) -> str:
    """The text of the page's history section (tags removed)."""
    section = body.split('class="portal-timeline"', 1)[1].split("</section>", 1)[0]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", section)).split())


def words(text: str, *english) -> list[str]:
    return [word for word in english if re.search(rf"\b{re.escape(word)}\b", text, re.I)]


@pytest.fixture
def handled(file_request, officer_a, ogp_staff, grounds):
    """Filed on the web, acknowledged by the officer, refused by OGP staff."""
    req = file_request()
    services.acknowledge(req, actor=officer_a)
    services.refuse(req, actor=ogp_staff, ground=grounds["private-life"], reason="Named people.")
    req.refresh_from_db()
    return req


def test_roles_are_stored_as_codes(handled):
    roles = list(TimelineEvent.objects.for_object(handled).values_list("actor_role", flat=True))
    assert roles == ["requester", "information_officer", "ogp_staff"]  # transparency/actors.py


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("ar", ["صاحب الطلب", "موظف المعلومات", "طاقم الشراكة من أجل الحكومة المنفتحة"]),
        ("fr", ["demandeur", "Chargé de l'information", "équipe PGO"]),
    ],
)
def test_the_request_page_names_the_actors_in_its_language(client, handled, lang, expected):
    text = history(
        client.get(f"/{lang}/transparency/requests/{handled.reference}/").content.decode()
    )
    assert words(text, "requester", "OGP staff", "Information officer", "portal") == []
    for label in expected:
        assert label in text, label


def test_the_english_page_still_says_them_in_english(client, handled):
    text = history(client.get(f"/en/transparency/requests/{handled.reference}/").content.decode())
    assert "requester" in text and "OGP staff" in text


def test_a_recorded_request_names_its_channel_in_the_page_language(client, file_request, officer_a):
    req = file_request(actor=officer_a, channel="counter")
    event = TimelineEvent.objects.for_object(req).get()
    assert (event.kind, event.note) == ("recorded", "counter")
    text = history(client.get(f"/fr/transparency/requests/{req.reference}/").content.decode())
    assert "counter" not in text and "Chargé de l'information" in text


def test_rows_recorded_with_a_translated_role_read_in_the_page_language(client, handled):
    """Before codes: the label as translated when the event was recorded (the demo's English,
    or French for a request handled on /fr/ pages)."""
    TimelineEvent.objects.for_object(handled).update(actor_role="OGP staff")
    timeline.record(handled, "reminder", actor_role="équipe PGO")
    text = history(client.get(f"/ar/transparency/requests/{handled.reference}/").content.decode())
    assert words(text, "OGP staff", "équipe PGO") == []
    assert "طاقم الشراكة من أجل الحكومة المنفتحة" in text


@pytest.fixture
def dataset_request(handled, citizen, ogp_staff):
    """Made from the refused request (as the button does), then planned by OGP staff."""
    dataset_request, _created = ati_links.ask_as_dataset(handled, actor=citizen)
    opendata_services.plan_request(dataset_request, actor=ogp_staff, answer="Prévu en 2027.")
    return DatasetRequest.objects.get(pk=dataset_request.pk)


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("ar", ["مواطن", "تم تقديم الطلب", "الجهة الناشرة", "النشر مبرمج", "مفتوح", "مبرمج"]),
        (
            "fr",
            ["citoyen", "Demande déposée", "producteur de données", "Publication prévue", "prévu"],
        ),
    ],
)
def test_the_dataset_request_made_from_a_refused_request_speaks_the_page_language(
    client, dataset_request, lang, expected
):
    text = history(client.get(f"/{lang}/opendata/requests/{dataset_request.pk}/").content.decode())
    assert words(text, "citizen", "filed", "open", "planned", "publisher") == []
    for label in expected:
        assert label in text, label


def test_the_dataset_request_s_events_store_role_codes(dataset_request):
    events = TimelineEvent.objects.for_object(dataset_request).public()
    assert list(events.values_list("kind", "actor_role", "to_status")) == [
        ("filed", "citizen", "open"),
        ("planned", "publisher", "planned"),
    ]


def test_the_migration_turns_translated_roles_into_codes(handled, administration_a):
    from importlib import import_module

    from django.apps import apps

    events = list(TimelineEvent.objects.for_object(handled).order_by("pk"))
    stored = ["requester", "Chargé de l'information", "Ministère A"]
    for event, value in zip(events, stored, strict=True):
        TimelineEvent.objects.filter(pk=event.pk).update(actor_role=value)
    unknown = timeline.record(handled, "reminder", actor_role="Someone else")

    import_module("transparency.migrations.0006_timeline_role_codes").forwards(apps, None)

    roles = list(
        TimelineEvent.objects.filter(pk__in=[e.pk for e in events])
        .order_by("pk")
        .values_list("actor_role", flat=True)
    )
    assert roles == [
        "requester",
        "information_officer",
        f"administration:{administration_a.pk}",
    ]
    unknown.refresh_from_db()
    assert unknown.actor_role == "Someone else"
