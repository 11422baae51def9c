"""Moderators search a petition's signatures, invalidate matches in bulk (recorded,
reversible), and read the daily report of unusual clusters."""

import datetime

import pytest
from django.utils import timezone

from ogp_portal.core.models import TimelineEvent
from petitions import abuse, counting, identity, services
from petitions.models import InvalidationBatch, PetitionCount, Signature, SignatureCluster


def add(petition, province, n, *, ip=None, domain="example.test", at=None, prefix="AB"):
    at = at or timezone.now() - datetime.timedelta(minutes=2)
    Signature.objects.bulk_create(
        Signature(
            petition=petition,
            cin_hash=identity.cin_hash(f"{prefix}{i:06d}"),
            email=f"s{prefix.lower()}{i}@{domain}",
            ip=ip(i) if callable(ip) else ip,
            region=province.region,
            province=province,
            created_at=at,
            confirmed_at=at,
        )
        for i in range(n)
    )


@pytest.fixture
def crowd(national_petition, provinces):
    add(national_petition, provinces[0], 30, ip="203.0.113.7", domain="spam.test", prefix="SP")
    add(national_petition, provinces[1], 20, ip=lambda i: f"203.0.113.{100 + i}", prefix="NT")
    add(national_petition, provinces[2], 10, ip="198.51.100.1", domain="gmail.com", prefix="OK")
    counting.count_new_signatures()
    assert PetitionCount.objects.get(pk=national_petition.pk).confirmed == 60
    return national_petition


def page(petition):
    return f"/fr/petitions/{petition.reference}/signatures/"


def test_only_moderators_reach_the_search(client, client_for, citizen, reviewer, crowd):
    assert client.get(page(crowd)).status_code == 302  # sign in first
    assert client_for(citizen).get(page(crowd)).status_code == 404
    assert client_for(reviewer).get(page(crowd)).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"domain": "spam.test"}, 30),
        ({"domain": "@SPAM.test"}, 30),
        ({"ip": "203.0.113.7"}, 30),
        ({"ip": "203.0.113.0/24"}, 50),
        ({"ip": "203.0.113.*"}, 50),
        ({"ip": "198.51.100.1", "domain": "gmail.com"}, 10),
        ({"state": "invalidated", "domain": "spam.test"}, 0),
    ],
)
def test_the_search_counts_matches(client_for, moderator, crowd, query, expected):
    response = client_for(moderator).get(page(crowd), query)
    assert response.status_code == 200
    assert response.context["summary"]["total"] == expected


def test_the_search_filters_by_province_and_time_window(client_for, moderator, crowd, provinces):
    old = timezone.now() - datetime.timedelta(days=3)
    add(crowd, provinces[3], 5, at=old, prefix="OL")
    client = client_for(moderator)
    by_province = client.get(page(crowd), {"province": provinces[3].pk})
    assert by_province.context["summary"]["total"] == 5
    local = timezone.localtime(old)  # the form reads the portal's time zone
    window = {
        "since": (local - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "until": (local + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    }
    assert client.get(page(crowd), window).context["summary"]["total"] == 5


@pytest.mark.parametrize(
    "query",
    [{"ip": "not-an-ip"}, {"ip": "10.0.0.0/16"}, {"domain": "a b"}, {"since": "yesterday"}],
)
def test_bad_search_input_re_renders_with_errors(client_for, moderator, crowd, query):
    response = client_for(moderator).get(page(crowd), query)
    assert response.status_code == 200 and "is-invalid" in response.content.decode()


def test_bulk_invalidation_is_recorded_counted_and_reversible(
    client_for, moderator, crowd, django_capture_on_commit_callbacks
):
    client = client_for(moderator)
    url = page(crowd) + "?ip=203.0.113.0/24"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"action": "invalidate", "reason": "Réseau suspect", "expected": 50}
        )
    assert response.status_code == 302
    batch = InvalidationBatch.objects.get()
    assert (batch.actor, batch.reason, batch.count) == (moderator, "Réseau suspect", 50)
    assert batch.criteria["ip"] == "203.0.113.0/24"
    assert Signature.objects.filter(invalidated=True, invalidation_batch=batch).count() == 50
    assert PetitionCount.objects.get(pk=crowd.pk).confirmed == 10  # recounted on commit
    assert TimelineEvent.objects.filter(kind="signatures_invalidated").exists()
    listing = client.get(page(crowd)).content.decode()
    assert "Réseau suspect" in listing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page(crowd), {"action": "restore", "batch": batch.pk, "reason": "Erreur"}
        )
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.restored_at and batch.restored_by == moderator and batch.restore_reason == "Erreur"
    assert not Signature.objects.filter(invalidated=True).exists()
    assert PetitionCount.objects.get(pk=crowd.pk).confirmed == 60
    with pytest.raises(services.TransitionError):
        services.restore_invalidation(batch, actor=moderator)


def test_invalidation_needs_a_criterion_a_reason_and_fresh_counts(client_for, moderator, crowd):
    client = client_for(moderator)
    response = client.post(page(crowd), {"action": "invalidate", "reason": "x", "expected": 60})
    assert response.status_code == 200
    url = page(crowd) + "?domain=spam.test"
    assert (
        client.post(url, {"action": "invalidate", "reason": "", "expected": 30}).status_code == 200
    )
    stale = client.post(url, {"action": "invalidate", "reason": "Spam", "expected": 29})
    # The French page says so in French.
    assert stale.status_code == 200 and "ont changé" in stale.content.decode()
    assert not InvalidationBatch.objects.exists()
    assert not Signature.objects.filter(invalidated=True).exists()


def test_a_batch_of_another_petition_cannot_be_restored_here(
    client_for, moderator, crowd, regional_petition
):
    other = InvalidationBatch.objects.create(petition=regional_petition, reason="x", count=0)
    response = client_for(moderator).post(page(crowd), {"action": "restore", "batch": other.pk})
    assert response.status_code == 404


def test_the_admin_invalidation_is_a_batch_too(client_for, moderator, crowd):
    ids = list(Signature.objects.filter(email__endswith="@spam.test").values_list("pk", flat=True))
    client_for(moderator).post(
        "/fr/admin/petitions/signature/", {"action": "invalidate", "_selected_action": ids}
    )
    assert InvalidationBatch.objects.get().count == 30


def test_the_daily_report_finds_ip_network_and_domain_clusters(
    client_for, moderator, national_petition, regional_petition, provinces, settings
):
    settings.PETITIONS_CLUSTER_DOMAIN_MIN = 20
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    noon = timezone.make_aware(datetime.datetime.combine(yesterday, datetime.time(12, 10)))
    add(national_petition, provinces[0], 25, ip="203.0.113.7", domain="spam.test", at=noon,
        prefix="SP")  # fmt: skip
    add(national_petition, provinces[0], 60, ip=lambda i: f"198.51.100.{i}", at=noon, prefix="NT")
    add(national_petition, provinces[1], 15, ip="192.0.2.1", domain="gmail.com", prefix="SM",
        at=noon - datetime.timedelta(hours=3))  # fmt: skip
    # What is usual: other petitions' signatures of the last 30 days, mostly gmail.com.
    add(regional_petition, provinces[2], 1000, domain="gmail.com", prefix="BL",
        at=noon - datetime.timedelta(days=5))  # fmt: skip

    found = abuse.report_clusters(yesterday)
    clusters = {
        (c.kind, c.value): c for c in SignatureCluster.objects.filter(petition=national_petition)
    }
    assert ("ip", "203.0.113.7") in clusters
    assert clusters[("ip", "203.0.113.7")].signatures == 25
    assert ("ip_prefix", "198.51.100.0/24") in clusters
    assert ("ip", "192.0.2.1") not in clusters  # 15 in an hour: below 20
    assert ("email_domain", "spam.test") in clusters
    assert clusters[("email_domain", "spam.test")].baseline_share == 0
    assert ("email_domain", "gmail.com") not in clusters
    assert found == len(clusters)
    assert abuse.report_clusters(yesterday) == found  # idempotent
    assert SignatureCluster.objects.count() == found

    client = client_for(moderator)
    assert "203.0.113.7" in client.get(page(national_petition)).content.decode()
    assert "203.0.113.7" in client.get("/fr/admin/petitions/signaturecluster/").content.decode()


def test_the_daily_report_is_scheduled():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"petitions.report_clusters", "petitions.remind_reviewers"} <= tasks
    from petitions import tasks as petition_tasks

    assert petition_tasks.report_clusters() == 0
