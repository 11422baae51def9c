"""Topics of complaint texts: per script, clearly different vocabularies in different topics,
readable top terms (never a text or a number), growth flags, sampling, determinism."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from complaints import analytics, topics
from complaints.models import Complaint, SnapshotTopic

pytestmark = pytest.mark.django_db

WATER_FR = [
    "Coupure d'eau potable dans le quartier, robinet sec",
    "Eau potable coupée, robinet sec depuis hier",
    "Robinet sec : coupure d'eau potable sans préavis",
]
ROADS_FR = [
    "Chaussée pleine de nids-de-poule, trottoir cassé",
    "Trottoir cassé et chaussée dégradée devant l'école",
    "Nids-de-poule sur la chaussée, trottoir dangereux",
]
WATER_AR = [
    "انقطاع الماء الصالح للشرب في الحي",
    "الماء مقطوع في الحي والصنبور جاف",
    "انقطاع الماء والصنبور جاف منذ أيام",
]
ROADS_AR = [
    "الطريق مليئة بالحفر والرصيف مكسور",
    "حفر كثيرة في الطريق والرصيف مكسور",
    "الرصيف مكسور والحفر في الطريق",
]


def _bulk(rows):
    """rows: [(text, received_at)] -> complaints, created directly (a dataset, not a workflow)."""
    Complaint.objects.bulk_create(
        [
            Complaint(
                reference=f"CPL-T-{i:05d}",
                subject=text.split(",")[0][:200],
                description=text,
                received_at=received,
            )
            for i, (text, received) in enumerate(rows)
        ]
    )


def _months_ago(n, day=10):
    today = timezone.localdate()
    year, month = today.year, today.month - n
    while month < 1:
        month += 12
        year -= 1
    return timezone.make_aware(datetime.datetime(year, month, min(day, today.day or 1), 12))


def test_the_script_is_told_by_character_ranges():
    assert topics.script_of("Coupure d'eau") == "latin"
    assert topics.script_of("lma maqto3 3andna") == "latin"
    assert topics.script_of("الما مقطوع عندنا") == "arabic"
    assert topics.script_of("انقطاع الماء (ONEE)") == "arabic"
    assert topics.script_of("123 456") is None


def test_words_for_labels_drop_numbers_codes_and_stop_words():
    found = topics.words("Appelez le 0612345678 pour la coupure d'eau dans le quartier, l7ouma")
    assert "0612345678" not in found
    assert "coupure" in found and "quartier" in found and "l7ouma" in found
    assert "dans" not in found and "pour" not in found
    assert topics.words("الماءُ مقطوعٌ في الحي") == ["الماء", "مقطوع", "الحي"]


def test_clearly_different_vocabularies_fall_in_different_topics():
    texts = WATER_FR * 4 + ROADS_FR * 4
    labels, terms = topics.cluster(texts, 2, min_docs=5)
    water, roads = set(labels[:12]), set(labels[12:])
    assert len(water) == 1 and len(roads) == 1 and water != roads
    water_terms = terms[labels[0]]
    roads_terms = terms[labels[12]]
    assert {"robinet", "potable"} <= set(water_terms)
    assert {"trottoir", "chaussée"} <= set(roads_terms)
    assert not set(water_terms) & set(roads_terms)


def test_each_script_is_clustered_apart_and_the_snapshot_keeps_only_terms():
    now = _months_ago(0)
    _bulk([(t, now) for t in (WATER_FR + ROADS_FR + WATER_AR + ROADS_AR) * 4])
    snapshot = analytics.compute_snapshot()
    found = list(snapshot.topics.all())
    assert {t.script for t in found} == {"arabic", "latin"}
    assert len(found) == 4
    assert all(t.size == 12 for t in found)
    assert all(t.share == 50.0 for t in found)
    arabic_terms = {w for t in found if t.script == "arabic" for w in t.terms}
    assert {"الماء", "الطريق"} <= arabic_terms
    for topic in found:
        for term in topic.terms:
            assert " " not in term  # single words, never a sentence of a complaint
    assert snapshot.topics_sample == 48


def test_the_topic_that_grew_this_month_is_flagged(settings):
    settings.COMPLAINTS_TOPICS_PER_SCRIPT = 2
    last_month, this_month = _months_ago(1), _months_ago(0)
    rows = [(t, last_month) for t in WATER_FR * 2 + ROADS_FR * 4]  # water 6 of 18
    rows += [(t, this_month) for t in WATER_FR * 4 + ROADS_FR * 2]  # water 12 of 18
    _bulk(rows)
    snapshot = analytics.compute_snapshot()
    by_term = {("robinet" in t.terms): t for t in snapshot.topics.filter(script="latin")}
    water, roads = by_term[True], by_term[False]
    assert (water.this_month, water.previous_month) == (12, 6)
    assert water.growth == pytest.approx(33.3, abs=0.1)
    assert water.growing is True
    assert roads.growth == pytest.approx(-33.3, abs=0.1)
    assert roads.growing is False
    assert snapshot.topics_month == this_month.strftime("%Y-%m")


def test_recomputing_gives_the_same_topics(settings):
    settings.COMPLAINTS_TOPICS_PER_SCRIPT = 2
    now = _months_ago(0)
    _bulk([(t, now) for t in (WATER_FR + ROADS_FR) * 5])
    first = analytics.compute_snapshot()
    second = analytics.compute_snapshot()

    def summary(snapshot):
        return [(t.script, t.rank, t.terms, t.size) for t in snapshot.topics.all()]

    assert summary(first) == summary(second)


def test_large_volumes_are_sampled(settings):
    settings.COMPLAINTS_TOPICS_SAMPLE = 20
    now = _months_ago(0)
    _bulk([(t, now) for t in (WATER_FR + ROADS_FR) * 10])
    snapshot = analytics.compute_snapshot()
    assert snapshot.topics_sample == 20
    assert snapshot.total == 60


def test_too_few_texts_make_no_topic():
    _bulk([(t, _months_ago(0)) for t in WATER_FR])
    assert analytics.compute_snapshot().topics.count() == 0


def test_the_public_dashboard_shows_top_terms_never_texts(client):
    now = _months_ago(0)
    _bulk([(t, now) for t in (WATER_FR + ROADS_FR) * 4])
    analytics.compute_snapshot()
    with translation.override("fr"):
        page = client.get(reverse("complaints:index")).content.decode()
    assert "robinet" in page and "trottoir" in page
    for text in WATER_FR + ROADS_FR:
        assert text not in page
        assert text.split(",")[0] not in page  # nor a subject


def test_topics_are_removed_with_their_snapshot():
    _bulk([(t, _months_ago(0)) for t in (WATER_FR + ROADS_FR) * 4])
    snapshot = analytics.compute_snapshot()
    assert SnapshotTopic.objects.filter(snapshot=snapshot).exists()
    snapshot.delete()
    assert not SnapshotTopic.objects.exists()
