"""The counting task under concurrent writers, on PostgreSQL (skipped on SQLite)."""

import datetime
import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from petitions import counting, identity
from petitions.models import PetitionCount, PetitionProvinceCount, Signature

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def _writer(petition, province, prefix, n, commit_delay):
    try:
        for i in range(n):
            with transaction.atomic():
                # confirmed_at is taken before the commit, as in the real confirmation.
                Signature.objects.create(
                    petition=petition,
                    cin_hash=identity.cin_hash(f"{prefix}{i:06d}"),
                    region=province.region,
                    province=province,
                    confirmed_at=timezone.now(),
                )
                time.sleep(commit_delay)
    finally:
        connections.close_all()


def test_concurrent_late_commits_are_counted_exactly_once(national_petition, provinces, settings):
    settings.PETITIONS_COUNT_INTERVAL = 1
    writers = [
        threading.Thread(
            target=_writer, args=(national_petition, provinces[i % 2], f"W{chr(65 + i)}", 40, 0.02)
        )
        for i in range(4)
    ]
    for w in writers:
        w.start()
    while any(w.is_alive() for w in writers):
        counting.count_new_signatures()
        time.sleep(0.1)
    counting.count_new_signatures(now=timezone.now() + datetime.timedelta(seconds=5))
    assert Signature.objects.count() == 160
    assert PetitionCount.objects.get(pk=national_petition.pk).confirmed == 160
    assert sum(PetitionProvinceCount.objects.values_list("confirmed", flat=True)) == 160
    assert counting.recount_all() == {}


def test_a_second_run_backs_off_while_the_advisory_lock_is_held(national_petition):
    holder = connections.create_connection("default")
    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [counting.ADVISORY_LOCK_KEY])
        assert counting.count_new_signatures() is None
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [counting.ADVISORY_LOCK_KEY])
        assert counting.count_new_signatures() == {}
    finally:
        holder.close()
