"""On the whole demo: commitments show what points to them from other apps (ideas, petitions,
datasets, linked through core.links), the contested commitment's history says it was
contested, and the reply to commitment 1 is in its history."""

import html
import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from ogp_portal.core.models import Link, TimelineEvent
from transparency.models import AssessmentReply, Commitment, ContestedFlag

pytestmark = pytest.mark.django_db

PAGE = "/{lang}/transparency/plans/2024-2027/commitments/{number}/"


# What the commitments' pages draw on (the whole demo takes minutes): territories and
# accounts, the plans and their co-evaluation, petitions and open data, then the links.
SEEDERS = [
    "directory",
    "accounts",
    "transparency-plan",
    "transparency-coeval",
    "petitions",
    "opendata",
    "transparency-links",
]


def _seed():
    call_command("seed_demo", "--only", *SEEDERS, stdout=io.StringIO())


@pytest.fixture
def demo(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    _seed()


def _text(body: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _history(body: str) -> str:
    return _text(body.split('class="portal-timeline"', 1)[1].split("</section>", 1)[0])


def _commitment(number):
    return Commitment.objects.get(plan__slug="2024-2027", number=number)


def test_commitment_pages_show_linked_items_the_contest_and_the_reply(demo, client):
    # Ideas, petitions and datasets point to commitments, through core.links.
    to_commitments = Link.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Commitment)
    )
    assert {link.from_content_type.model for link in to_commitments} >= {
        "idea",
        "petition",
        "dataset",
    }
    assert to_commitments.count() >= 5
    first = client.get(PAGE.format(lang="fr", number=1)).content.decode()
    section = _text(first.split('id="links-commitment-', 1)[1].split("</section>", 1)[0])
    assert "بوابة بالأمازيغية" in section  # the idea of a portal in Amazigh
    assert "Publier les délais de réponse de chaque administration" in section
    fourth = _text(client.get(PAGE.format(lang="fr", number=4)).content.decode())
    assert "Proposition de loi sur l'accès aux données ouvertes" in fourth

    # Commitment 2 is contested: its history says so, in the page's language.
    flag = ContestedFlag.objects.get(window__label_fr="Revue à mi-parcours", commitment__number=2)
    assert flag.event is not None and flag.event.is_public
    french = _history(client.get(PAGE.format(lang="fr", number=2)).content.decode())
    assert "Contesté par l'évaluation du public" in french
    assert "Contesté lors de « Revue à mi-parcours »" in french
    assert "Il ne s'est encore rien passé" not in french and "Nothing has happened" not in french
    arabic = _history(client.get(PAGE.format(lang="ar", number=2)).content.decode())
    assert "مراجعة منتصف المدة" in arabic and "Contested" not in arabic

    # The lead administration's reply to commitment 1 is in its history, with who replied.
    reply = AssessmentReply.objects.get(commitment=_commitment(1))
    events = TimelineEvent.objects.for_object(_commitment(1)).public()
    assert events.filter(kind="assessment_replied").count() == 1
    history = _history(first)
    assert reply.text[:40] in history
    assert _commitment(1).lead_administration.name_fr in history


def test_seeding_again_adds_no_link_event_or_reply(demo):
    counts = (
        Link.objects.count(),
        TimelineEvent.objects.filter(kind__startswith="assessment_").count(),
        AssessmentReply.objects.count(),
    )
    _seed()
    assert (
        Link.objects.count(),
        TimelineEvent.objects.filter(kind__startswith="assessment_").count(),
        AssessmentReply.objects.count(),
    ) == counts
