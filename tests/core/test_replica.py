"""The read replica takes anonymous visitors' GET and HEAD reads only."""

from unittest import mock

import pytest

from ogp_portal.core import health, replica

pytestmark = pytest.mark.django_db


@pytest.fixture
def spy(monkeypatch):
    """Pretend a replica is configured, aliased to the test database, and record where the
    router sends each read."""
    monkeypatch.setattr(replica, "REPLICA", "default")
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    routed = []
    original = replica.ReplicaRouter.db_for_read

    def recording(self, model, **hints):
        alias = original(self, model, **hints)
        routed.append(alias)
        return alias

    monkeypatch.setattr(replica.ReplicaRouter, "db_for_read", recording)
    return routed


def test_an_anonymous_page_view_reads_from_the_replica(client, spy):
    assert client.get("/fr/directory/").status_code == 200
    assert spy and set(spy) == {"default"}  # the replica alias, monkeypatched


def test_a_signed_in_user_reads_from_the_primary(client_for, citizen, spy):
    assert client_for(citizen).get("/fr/directory/").status_code == 200
    assert spy and set(spy) == {None}


def test_a_post_reads_from_the_primary(client, spy):
    client.post("/fr/accounts/login/", {"login": "nobody@example.test", "password": "x" * 12})
    assert spy and set(spy) == {None}


def test_outside_a_request_everything_reads_from_the_primary():
    assert replica.ReplicaRouter().db_for_read(None) is None


def test_without_a_replica_nothing_changes(client):
    assert not replica.replica_configured()
    assert replica.ReplicaRouter().db_for_read(None) is None
    assert "replica" not in client.get("/healthz").json()["checks"]


def test_healthz_reports_the_replica_lag(monkeypatch):
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    monkeypatch.setattr(replica, "replica_lag_seconds", lambda: 3.4)
    assert health.check_replica() == {"state": "ok", "lag_seconds": 3}

    monkeypatch.setattr(replica, "replica_lag_seconds", lambda: 600.0)
    body, status = health.report()
    assert body["checks"]["replica"] == {"state": "late", "lag_seconds": 600}
    assert (body["status"], status) == ("degraded", 200)

    monkeypatch.setattr(replica, "replica_lag_seconds", mock.Mock(side_effect=OSError("x")))
    assert health.check_replica() == {"state": "down"}


def test_the_replica_is_never_migrated():
    router = replica.ReplicaRouter()
    assert router.allow_migrate("replica", "petitions") is False
    assert router.allow_migrate("default", "petitions") is True
