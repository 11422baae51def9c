"""/api/v1/complaints/statistics/ and /topics/: the latest snapshot's public groups and topics,
small groups left out, never a complaint, a text or a person."""

import json

import pytest

from complaints.models import AnalyticsSnapshot, SnapshotRow, SnapshotTopic

pytestmark = pytest.mark.django_db
D = SnapshotRow.Dimension
STATS = "/api/v1/complaints/statistics/"
TOPICS = "/api/v1/complaints/topics/"


def row(snapshot, dimension, key, received, **figures):
    return SnapshotRow.objects.create(
        snapshot=snapshot, dimension=dimension, key=key, received=received, **figures
    )


@pytest.fixture
def snapshot(db):
    old = AnalyticsSnapshot.objects.create(total=999)
    row(old, D.OVERALL, "all", 999)
    snapshot = AnalyticsSnapshot.objects.create(total=40)
    row(snapshot, D.OVERALL, "all", 40, answered=20, answered_on_time=15, reopened=2)
    row(snapshot, D.REGION, "01", 30, per_100k=1.5, label_fr="Tanger", label_ar="طنجة")
    row(snapshot, D.REGION, "02", 4)  # under five: never published
    row(snapshot, D.CHANNEL, "web", 36, days_to_answer_median=12.5)
    row(snapshot, D.ADMINISTRATION_MONTH, "ministere-a/2026-03", 9, parent="ministere-a")
    for rank, (size, growing) in enumerate([(40, True), (12, False), (3, False)], start=1):
        SnapshotTopic.objects.create(
            snapshot=snapshot,
            script=SnapshotTopic.Script.LATIN,
            rank=rank,
            terms=["attente", "guichet"],
            size=size,
            share=10.0,
            growth=5.0 if growing else None,
            growing=growing,
        )
    return snapshot


def test_the_latest_snapshot_s_public_groups_with_the_dashboard_s_figures(client, snapshot):
    response = client.get(STATS, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    items = {(i["dimension"], i["key"]): i for i in response.json()["results"]}
    # The older snapshot, small groups and the staff drill-down are not there.
    assert set(items) == {("overall", "all"), ("region", "01"), ("channel", "web")}
    overall = items[("overall", "all")]
    assert overall["received"] == 40
    assert overall["answered_on_time_percent"] == 75.0
    assert overall["reopen_rate_percent"] == 10.0
    assert items[("region", "01")]["per_100k_inhabitants"] == 1.5
    assert items[("channel", "web")]["days_to_answer_median"] == 12.5
    assert overall["computed_at"]


def test_filter_by_dimension_and_a_bad_one_is_a_400(client, snapshot):
    response = client.get(STATS, {"dimension": "region"})
    assert [i["key"] for i in response.json()["results"]] == ["01"]

    bad = client.get(STATS, {"dimension": "administration_month"})
    assert bad.status_code == 400
    assert "dimension" in bad.json()


def test_topics_with_at_least_five_texts_and_the_growing_filter(client, snapshot):
    topics = client.get(TOPICS).json()["results"]
    assert [t["size"] for t in topics] == [40, 12]
    assert topics[0]["terms"] == ["attente", "guichet"]

    growing = client.get(TOPICS, {"growing": "true"}).json()["results"]
    assert [t["rank"] for t in growing] == [1]


def test_without_a_snapshot_the_lists_are_empty(client, db):
    assert client.get(STATS).json()["results"] == []
    assert client.get(TOPICS).json()["results"] == []


def test_no_complaint_text_or_person_is_ever_served(client, snapshot, file):
    file(description="Mon voisin Karim Bennani +212612345678 karim@example.test")

    body = json.dumps(client.get(STATS).json()) + json.dumps(client.get(TOPICS).json())

    assert "Bennani" not in body and "612345678" not in body and "karim@" not in body
