"""Reference numbers: ATI-2026-000001, unique per prefix and year, even under concurrency."""

import threading

import pytest
from django.db import connection, transaction

from ogp_portal.core.models import ReferenceCounter
from ogp_portal.core.references import next_reference


@pytest.mark.django_db
def test_it_hands_out_a_padded_sequence():
    assert next_reference("ATI", year=2026) == "ATI-2026-000001"
    assert next_reference("ATI", year=2026) == "ATI-2026-000002"
    assert next_reference("ATI", year=2026) == "ATI-2026-000003"
    assert ReferenceCounter.objects.get(prefix="ATI", year=2026).last_value == 3


@pytest.mark.django_db
def test_it_pads_to_the_width_asked_and_grows_past_it():
    assert next_reference("PET", year=2026, width=3) == "PET-2026-001"
    ReferenceCounter.objects.filter(prefix="PET", year=2026).update(last_value=999)

    assert next_reference("PET", year=2026, width=3) == "PET-2026-1000"


@pytest.mark.django_db
def test_it_starts_again_at_one_in_a_new_year():
    next_reference("ATI", year=2026)
    next_reference("ATI", year=2026)

    assert next_reference("ATI", year=2027) == "ATI-2027-000001"
    assert next_reference("ATI", year=2026) == "ATI-2026-000003"


@pytest.mark.django_db
def test_it_keeps_a_separate_sequence_per_prefix():
    assert next_reference("ATI", year=2026) == "ATI-2026-000001"
    assert next_reference("CMP", year=2026) == "CMP-2026-000001"
    assert next_reference("ATI", year=2026) == "ATI-2026-000002"
    assert next_reference("CMP", year=2026) == "CMP-2026-000002"


@pytest.mark.django_db
def test_it_defaults_to_this_year_in_casablanca(monkeypatch):
    import datetime as real_datetime

    from ogp_portal.core import references

    class FrozenDateTime(real_datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            # 23:30 UTC on 31 December 2026 is already 2027 in Casablanca (UTC+1).
            return real_datetime.datetime(
                2026, 12, 31, 23, 30, tzinfo=real_datetime.UTC
            ).astimezone(tz)

    monkeypatch.setattr(references.datetime, "datetime", FrozenDateTime)

    assert next_reference("ATI") == "ATI-2027-000001"


@pytest.mark.django_db
def test_it_gives_the_number_back_when_the_transaction_rolls_back():
    next_reference("ATI", year=2026)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_reference("ATI", year=2026) == "ATI-2026-000002"
        raise RuntimeError("the request failed to save")

    assert next_reference("ATI", year=2026) == "ATI-2026-000002"


@pytest.mark.parametrize("prefix", ["", "A", "ati", "AT1", "ATI-", "ABCDEFGHIJK", " ATI", None])
def test_it_refuses_a_bad_prefix(prefix):
    with pytest.raises(ValueError):
        next_reference(prefix, year=2026)


@pytest.mark.parametrize("prefix", ["AB", "ABCDEFGHIJ"])
@pytest.mark.django_db
def test_it_accepts_prefixes_of_two_to_ten_letters(prefix):
    assert next_reference(prefix, year=2026) == f"{prefix}-2026-000001"


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL; SQLite serialises writers"
)
@pytest.mark.django_db(transaction=True)
def test_it_never_repeats_a_number_under_concurrency():
    threads, calls = 8, 25
    results: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    # Every thread starts at once, so the first calls race to create the counter row.
    barrier = threading.Barrier(threads)

    def work():
        try:
            barrier.wait()
            mine = [next_reference("RACE", year=2026) for _ in range(calls)]
            with lock:
                results.extend(mine)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    assert len(results) == threads * calls
    assert sorted(results) == [f"RACE-2026-{n:06d}" for n in range(1, threads * calls + 1)]
    assert ReferenceCounter.objects.get(prefix="RACE", year=2026).last_value == threads * calls
