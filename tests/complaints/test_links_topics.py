"""Links across apps, complaints: OGP staff turn a growing topic into an idea of the open
consultation (transparency's factory, through core), with the topic's words and figures only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import AnalyticsSnapshot, SnapshotRow, SnapshotTopic
from ogp_portal.core.models import Link
from tests.transparency.plan.factories import ActionPlanFactory, ConsultationFactory
from transparency.models import Idea

DASHBOARD = "/en/complaints/staff/"
COMPLAINT_TEXT = "My neighbour Youssef Alami at 12 rue Secrète waited four hours"


@pytest.fixture
def consultation(db):
    return ConsultationFactory(plan=ActionPlanFactory(slug="2024-2026"), slug="plan-2024-2026")


def _topic(snapshot, rank, *, growing, terms):
    return SnapshotTopic.objects.create(
        snapshot=snapshot,
        month="2026-03",
        script=SnapshotTopic.Script.LATIN,
        rank=rank,
        terms=terms,
        size=40,
        share=12.5,
        this_month=18,
        previous_month=6,
        growth=7.5 if growing else -1.0,
        growing=growing,
    )


@pytest.fixture
def snapshot(db):
    snapshot = AnalyticsSnapshot.objects.create(
        total=120, topics_sample=120, topics_month="2026-03"
    )
    SnapshotRow.objects.create(
        snapshot=snapshot, dimension=SnapshotRow.Dimension.OVERALL, key="all", received=120
    )
    _topic(snapshot, 1, growing=True, terms=["attente", "guichet", "heures"])
    _topic(snapshot, 2, growing=False, terms=["eau", "coupure"])
    return snapshot


def _growing(snapshot):
    return snapshot.topics.get(growing=True)


def _url(topic):
    return f"/en/complaints/staff/topics/{topic.pk}/idea/"


def test_staff_propose_a_growing_topic_as_an_idea_with_figures_only(
    client_for, ogp_staff, snapshot, consultation
):
    client = client_for(ogp_staff)
    topic = _growing(snapshot)
    assert _url(topic) in client.get(DASHBOARD).content.decode()

    response = client.post(_url(topic))

    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    assert idea.consultation == consultation
    assert "attente" in idea.title and "guichet, heures" in idea.text and "2026-03" in idea.text
    assert COMPLAINT_TEXT not in idea.text
    link = Link.objects.get()
    assert (link.source, link.target, link.kind) == (topic, idea, Link.Kind.BECAME)
    # The dashboard now links to the idea instead of offering the action again.
    page = client.get(DASHBOARD).content.decode()
    assert idea.get_absolute_url() in page and _url(topic) not in page


def test_the_same_topic_recomputed_the_next_night_is_not_proposed_twice(
    client_for, ogp_staff, snapshot, consultation
):
    client = client_for(ogp_staff)
    client.post(_url(_growing(snapshot)))
    tomorrow = AnalyticsSnapshot.objects.create(
        computed_at=timezone.now() + datetime.timedelta(days=1), total=130
    )
    again = _topic(tomorrow, 1, growing=True, terms=["attente", "guichet", "heures"])

    response = client.post(_url(again))

    assert response.status_code == 302 and Idea.objects.count() == 1


def test_without_an_open_consultation_staff_get_a_clear_message(
    client_for, ogp_staff, snapshot, consultation
):
    consultation.opens_at = timezone.now() - datetime.timedelta(days=60)
    consultation.closes_at = timezone.now() - datetime.timedelta(days=30)
    consultation.save()

    response = client_for(ogp_staff).post(_url(_growing(snapshot)), follow=True)

    assert not Idea.objects.exists() and not Link.objects.exists()
    assert any("No consultation" in str(m) for m in response.context["messages"])


def test_a_topic_that_is_not_growing_or_not_current_is_404(
    client_for, ogp_staff, snapshot, consultation
):
    client = client_for(ogp_staff)
    flat = snapshot.topics.get(growing=False)
    assert client.post(_url(flat)).status_code == 404
    AnalyticsSnapshot.objects.create(computed_at=timezone.now() + datetime.timedelta(days=1))
    assert client.post(_url(_growing(snapshot))).status_code == 404  # an older snapshot's
    assert not Idea.objects.exists()


def test_officers_and_citizens_are_refused_and_anonymous_sent_to_sign_in(
    client, client_for, complaints_officer_a, citizen, snapshot, consultation
):
    topic = _growing(snapshot)
    response = client.post(_url(topic))
    assert response.status_code == 302 and "login" in response["Location"]
    assert client_for(citizen).post(_url(topic)).status_code == 403
    assert client_for(complaints_officer_a).post(_url(topic)).status_code == 403
    assert client_for(citizen).get(_url(topic)).status_code == 405
    assert not Idea.objects.exists()


def test_the_topic_is_never_a_public_link_of_the_idea(
    client, client_for, ogp_staff, snapshot, consultation
):
    from ogp_portal.core import links

    client_for(ogp_staff).post(_url(_growing(snapshot)))
    assert links.public_links(Idea.objects.get()) == []
    client.logout()
    page = client.get(reverse("transparency:consultation_detail", args=[consultation.slug]))
    assert "/complaints/staff/" not in page.content.decode()
