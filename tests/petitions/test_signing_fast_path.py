"""The cheap signing path: one INSERT per signature, confirmation emails in batches, the
petition and territories from memory, both rates in one round trip, an atomic ALTCHA replay
check, the anonymous petition page from the cache."""

import re
import threading
import uuid

import pytest
from django.core import mail
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from petitions import counting, memo, services, views
from petitions.forms import ChallengeField
from petitions.models import Signature

from .conftest import altcha_payload


def form(province, **extra):
    return {
        "full_name": "Youssef Alaoui",
        "email": "youssef@example.test",
        "cin": "AB123456",
        "region": province.region.pk,
        "province": province.pk,
        "eligible": "on",
        "altcha": altcha_payload(),
        **extra,
    }


def sign(petition, province, cin, **kw):
    return services.sign(
        petition,
        full_name="Amina B",
        email=f"{cin.lower()}@example.test",
        cin=cin,
        region=province.region,
        province=province,
        **kw,
    )


# --- the POST ---------------------------------------------------------------------------------


def test_a_signing_post_makes_one_statement_once_warm(client, national_petition, provinces):
    url = f"/fr/petitions/{national_petition.reference}/sign/"
    client.post(url, form(provinces[0]))  # warms the petition's record and the territories
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, form(provinces[1], cin="CD654321", email="c@example.test"))
    assert response.status_code == 303
    # One INSERT (the test's transaction adds a savepoint around it; a request has none).
    statements = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) == 1, statements
    assert statements[0].startswith('INSERT INTO "petitions_signature"')


def test_the_one_statement_writes_the_row_save_would_write(national_petition, provinces):
    province = provinces[0]
    fast = sign(national_petition, province, "EE111111", show_first_name=True, ip="192.0.2.7")
    fast_row = Signature.objects.get(pk=fast.pk)
    # The same signature through the ORM's own save, for comparison.
    values = {f.attname: getattr(fast_row, f.attname) for f in Signature._meta.concrete_fields}
    slow = Signature(**{**values, "id": None, "cin_hash": "x" * 64})
    slow.save(force_insert=True)
    slow_row = Signature.objects.get(pk=slow.pk)

    ignored = {"id", "cin_hash", "created_at"}
    fields = [f.attname for f in Signature._meta.concrete_fields if f.attname not in ignored]
    assert {f: getattr(fast_row, f) for f in fields} == {f: getattr(slow_row, f) for f in fields}
    assert fast.pk == fast_row.pk and not fast._state.adding
    assert fast_row.public_first_name == "Amina" and fast_row.ip == "192.0.2.7"
    assert fast_row.created_at is not None and fast_row.language


def test_a_duplicate_inside_a_transaction_leaves_the_transaction_usable(
    national_petition, provinces
):
    from django.db import transaction

    province = provinces[0]
    with transaction.atomic():
        sign(national_petition, province, "FF222222")
        with pytest.raises(services.DuplicateSignature):
            sign(national_petition, province, "ff 222 222")  # the same CIN, spelled otherwise
        # No aborted transaction: the next statement works.
        assert Signature.objects.filter(petition=national_petition).count() >= 1
    assert Signature.objects.filter(petition=national_petition, cin_hash__isnull=False).count() == 1


def test_a_signed_in_verified_user_is_confirmed_at_once_and_told_so(
    client_for, national_petition, provinces, civil_servant_a
):
    c = client_for(civil_servant_a)
    response = c.post(
        f"/fr/petitions/{national_petition.reference}/sign/",
        {k: v for k, v in form(provinces[0]).items() if k not in ("full_name", "email")},
    )
    assert response.status_code == 303 and response["Location"].endswith("/signed/?confirmed=1")
    page = c.get(response["Location"])
    assert "private" in page["Cache-Control"]
    assert Signature.objects.get().confirmed_at is not None
    assert services.send_signature_confirmations() == 0


def test_the_signed_page_is_the_same_cached_page_for_every_anonymous_signer(
    client, national_petition
):
    url = f"/en/petitions/{national_petition.reference}/signed/"
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert "public" in first["Cache-Control"] and "max-age" in first["Cache-Control"]
    assert "check" in first.content.decode().lower() or "email" in first.content.decode()
    assert client.get("/en/petitions/NOPE-1/signed/").status_code == 404


def test_a_paused_petition_is_seen_by_the_signing_form_at_once_in_this_process(
    client, national_petition, provinces, moderator
):
    url = f"/en/petitions/{national_petition.reference}/sign/"
    client.get(url)  # the record is now remembered
    services.set_petition_pauses(national_petition, actor=moderator, signing=True)
    assert client.post(url, form(provinces[0])).status_code == 503
    assert not Signature.objects.exists()


def test_a_closed_or_draft_petition_is_not_signable_through_the_memo(
    client, citizen, head_of_government, national_petition, ogp_staff, provinces
):
    from .conftest import draft

    petition = draft(citizen, head_of_government)
    assert client.get(f"/fr/petitions/{petition.reference}/sign/").status_code == 404
    client.get(f"/fr/petitions/{national_petition.reference}/sign/")  # remembered: open
    services.close(national_petition, actor=ogp_staff)
    response = client.post(f"/fr/petitions/{national_petition.reference}/sign/", form(provinces[0]))
    assert response.status_code == 302 and not Signature.objects.exists()


def test_territories_come_from_memory_and_follow_changes(
    client, national_petition, provinces, django_assert_num_queries
):
    from tests.factories import ProvinceFactory

    regions, names = memo.territory_choices("fr")
    assert [p[0] for p in names] == sorted(p.pk for p in provinces)
    with django_assert_num_queries(0):
        memo.territories()
    added = ProvinceFactory(region=provinces[0].region, code="04.9", name_fr="Zagora test")
    assert memo.territories().region_of[added.pk] == provinces[0].region_id
    page = client.get(f"/fr/petitions/{national_petition.reference}/sign/").content.decode()
    assert "Zagora test" in page


def test_the_service_accepts_ids_and_checks_the_region_in_memory(national_petition, provinces):
    from tests.factories import ProvinceFactory, RegionFactory

    other = ProvinceFactory(region=RegionFactory(code="09"), code="09.1")
    with pytest.raises(services.ValidationError):
        services.sign(
            national_petition, email="a@example.test", cin="AB123456",
            region=provinces[0].region_id, province=other.pk,
        )  # fmt: skip
    signature = services.sign(
        national_petition, email="a@example.test", cin="AB123456",
        region=provinces[0].region_id, province=provinces[0].pk,
    )  # fmt: skip
    assert signature.province_id == provinces[0].pk


# --- confirmation emails in batches -------------------------------------------------------------


def test_confirmations_go_out_in_one_batch_in_each_signer_s_language_once(
    national_petition, provinces
):
    from django.utils import translation

    with translation.override("ar"):
        sign(national_petition, provinces[0], "AB000001")
    with translation.override("fr"):
        sign(national_petition, provinces[0], "AB000002")
    assert Signature.objects.filter(confirmation_sent_at__isnull=True).count() == 2
    assert services.send_signature_confirmations() == 2
    assert services.send_signature_confirmations() == 0  # idempotent
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "/ar/petitions/confirm/" in by_address["ab000001@example.test"].body
    assert "/fr/petitions/confirm/" in by_address["ab000002@example.test"].body
    assert not Signature.objects.filter(confirmation_sent_at__isnull=True).exists()
    link = re.search(r"/petitions/confirm/([^/\s]+)/", by_address["ab000002@example.test"].body)
    assert services.signature_from_token(link.group(1)).email == "ab000002@example.test"


def test_a_batch_is_limited_and_the_rest_waits_for_the_next(national_petition, provinces, settings):
    settings.PETITIONS_CONFIRMATION_BATCH = 2
    for i in range(5):
        sign(national_petition, provinces[0], f"AB00000{i}")
    assert [services.send_signature_confirmations() for _ in range(4)] == [2, 2, 1, 0]
    assert len(mail.outbox) == 5


def test_the_beat_task_empties_the_queue(national_petition, provinces, settings):
    from petitions import beat, tasks

    settings.PETITIONS_CONFIRMATION_BATCH = 2
    for i in range(5):
        sign(national_petition, provinces[0], f"AB00000{i}")
    assert tasks.send_signature_confirmations() == 5
    assert beat.SCHEDULE["petitions-send-signature-confirmations"]["schedule"] == (
        beat.CONFIRMATION_INTERVAL
    )


def test_a_failing_mail_server_leaves_the_rest_for_the_next_run(
    national_petition, provinces, monkeypatch
):
    from django.core.mail import EmailMultiAlternatives

    for i in range(3):
        sign(national_petition, provinces[0], f"AB00000{i}")
    real_send, calls = EmailMultiAlternatives.send, []

    def flaky(self, *args, **kwargs):
        calls.append(self.to)
        if len(calls) == 2:
            raise ConnectionError("server gone")
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", flaky)
    assert services.send_signature_confirmations() == 1
    assert Signature.objects.filter(confirmation_sent_at__isnull=True).count() == 2
    assert services.send_signature_confirmations() == 2
    assert len(mail.outbox) == 3


def test_paused_petitions_wait_and_closed_ones_are_not_emailed(
    national_petition, provinces, moderator, ogp_staff
):
    sign(national_petition, provinces[0], "AB000001")
    services.set_petition_pauses(national_petition, actor=moderator, signing=True)
    assert services.send_signature_confirmations() == 0
    assert Signature.objects.filter(confirmation_sent_at__isnull=True).count() == 1
    services.set_petition_pauses(national_petition, actor=moderator, signing=False)
    services.set_site_switch(actor=moderator, signing_paused=True, counting_paused=False)
    assert services.send_signature_confirmations() == 0
    services.set_site_switch(actor=moderator, signing_paused=False, counting_paused=False)
    sign(national_petition, provinces[0], "AB000002")
    services.close(national_petition, actor=ogp_staff)
    assert services.send_signature_confirmations() == 0
    assert not mail.outbox
    assert not Signature.objects.filter(confirmation_sent_at__isnull=True).exists()


def test_invalidated_signatures_are_not_emailed(national_petition, provinces, moderator):
    signature = sign(national_petition, provinces[0], "AB000001")
    services.invalidate_signatures(
        Signature.objects.filter(pk=signature.pk), actor=moderator, reason="bots"
    )
    assert services.send_signature_confirmations() == 0 and not mail.outbox


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_concurrent_batches_skip_each_other_s_locked_rows(national_petition, provinces):
    for i in range(4):
        sign(national_petition, provinces[0], f"AB00000{i}")
    first_two = list(Signature.objects.order_by("pk").values_list("pk", flat=True)[:2])
    holder = connections.create_connection("default")
    try:
        holder.set_autocommit(False)
        with holder.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM petitions_signature WHERE id = ANY(%s) FOR UPDATE", [first_two]
            )
        assert services.send_signature_confirmations() == 2  # the two unlocked rows
        holder.rollback()
    finally:
        holder.close()
    assert services.send_signature_confirmations() == 2
    signers = [m.to[0] for m in mail.outbox if "/petitions/confirm/" in m.body]
    assert sorted(signers) == [f"ab00000{i}@example.test" for i in range(4)]


# --- rates in one round trip --------------------------------------------------------------------


def _redis_url():
    # Redis runs wherever the suite runs (make test, CI): the project's own test database.
    from django.conf import settings

    return (settings.REDIS_URL or "redis://127.0.0.1:6379/15").rsplit("/", 1)[0] + "/15"


def test_on_redis_both_rates_cost_one_round_trip(national_petition, provinces, settings, rf):
    url = _redis_url()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    settings.PETITIONS_SIGN_RATE_BURST = "2/m"
    settings.PETITIONS_SIGN_RATE_SUSTAINED = "3/h"
    from django.core.cache import caches
    from redis.client import Pipeline

    executed = []
    real_execute = Pipeline.execute

    def counting_execute(self, *args, **kwargs):
        executed.append(len(self.command_stack))
        return real_execute(self, *args, **kwargs)

    Pipeline.execute = counting_execute
    try:
        request = rf.post("/", REMOTE_ADDR="192.0.2.7")
        assert [views._rate_limited(request) for _ in range(3)] == [False, False, True]
        other = rf.post("/", REMOTE_ADDR="192.0.2.8")
        assert views._rate_limited(other) is False
    finally:
        Pipeline.execute = real_execute
        client = views._redis_client(caches["default"])
        for key in client.scan_iter(f"{settings.CACHES['default']['KEY_PREFIX']}:*"):
            client.delete(key)  # only this test's keys: db 15 may be shared
    assert executed == [4, 4, 4, 4]  # INCR + EXPIRE per rate, one round trip per request


def test_the_sustained_rate_trips_when_the_burst_does_not(settings, rf):
    settings.PETITIONS_SIGN_RATE_BURST = "100/m"
    settings.PETITIONS_SIGN_RATE_SUSTAINED = "2/h"
    request = rf.post("/", REMOTE_ADDR="192.0.2.9")
    assert [views._rate_limited(request) for _ in range(3)] == [False, False, True]


# --- ALTCHA replay ------------------------------------------------------------------------------


def test_two_simultaneous_posts_of_one_solution_cannot_both_pass(db):
    """Both requests check the challenge at the same instant: the atomic write lets one pass."""
    from django import forms

    payload = altcha_payload()
    barrier, outcomes = threading.Barrier(8), []

    def post():
        field = ChallengeField()
        barrier.wait()
        try:
            field.clean(payload)
            outcomes.append("passed")
        except forms.ValidationError:
            outcomes.append("refused")

    threads = [threading.Thread(target=post) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["passed"] + ["refused"] * 7


def test_the_replay_check_does_not_trust_a_read(db, monkeypatch):
    """A read that says "not used yet" (another request between its read and its write) does
    not let a used challenge through: the check is the write itself."""
    from django import forms
    from django.core.cache import caches

    payload = altcha_payload()
    ChallengeField().clean(payload)
    monkeypatch.setattr(caches["default"], "get", lambda *a, **k: None)
    with pytest.raises(forms.ValidationError):
        ChallengeField().clean(payload)


# --- the petition page from the cache ----------------------------------------------------------


def test_the_anonymous_petition_page_is_rendered_once_per_watermark(
    client, national_petition, provinces, django_assert_max_num_queries
):
    from .test_signing_and_counting import confirmed_now

    url = f"/fr/petitions/{national_petition.reference}/"
    first = client.get(url)
    assert first.status_code == 200 and "public" in first["Cache-Control"]
    with django_assert_max_num_queries(2):  # the version (and the site switch at most)
        again = client.get(url)
    assert again.content.count(b"csrfmiddlewaretoken") == first.content.count(
        b"csrfmiddlewaretoken"
    )
    assert views.CSRF_PLACEHOLDER not in again.content
    confirmed_now(national_petition, provinces[0], 7)
    assert counting.count_new_signatures(now=timezone.now()) == {national_petition.pk: 7}
    assert again.templates == []  # that one came from the cache
    assert client.get(url).templates  # the watermark moved: rendered again
    assert client.get(url).templates == []


def test_a_cached_page_carries_no_csrf_token_and_sets_no_cookie(national_petition):
    """A page cached for every anonymous visitor must hold nothing personal: no CSRF token
    (the language switcher is links; signing happens on its own, uncached page) and no cookie."""
    from django.test import Client

    url = f"/fr/petitions/{national_petition.reference}/"
    Client().get(url)  # fills the cache
    response = Client(enforce_csrf_checks=True).get(url)

    assert response.templates == []  # served from the cache
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "Set-Cookie" not in response and not response.cookies


def test_signed_in_users_and_visitors_with_messages_get_the_live_page(
    client_for, client, national_petition, citizen, ogp_staff, provinces
):
    url = f"/fr/petitions/{national_petition.reference}/"
    client.get(url)
    page = client_for(citizen).get(url)
    assert "private" in page["Cache-Control"] and page.templates
    client.logout()
    client.get(url)
    services.close(national_petition, actor=ogp_staff)
    # Signing a closed petition: redirected to its page with a message, which must show.
    response = client.post(f"/en/petitions/{national_petition.reference}/sign/", form(provinces[0]))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.templates and "not open for signature" in page.content.decode()


def test_the_anonymous_pages_carry_no_cookie_so_a_proxy_may_keep_them(client, national_petition):
    for path in ("", "signed/"):
        url = f"/ar/petitions/{national_petition.reference}/{path}"
        for response in (client.get(url), client.get(url)):  # rendered, then from the cache
            assert response.status_code == 200
            assert not response.cookies, (url, response.cookies)
            # Vary: Cookie stays (the session is read to tell signed-in users apart): a proxy
            # keeps one copy for requests without cookies.
            assert "public" in response["Cache-Control"]


def test_behind_trusted_proxies_the_signer_s_address_is_recorded_not_the_proxy_s(
    client, national_petition, provinces, settings
):
    settings.TRUSTED_PROXY_COUNT = 2  # the TLS load balancer and the caching proxy
    url = f"/fr/petitions/{national_petition.reference}/sign/"
    response = client.post(
        url,
        form(provinces[0], cin="GH765432", email="g@example.test"),
        REMOTE_ADDR="10.0.0.5",  # the proxy
        HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.23, 10.0.0.9",  # spoofed, client, balancer
    )

    assert response.status_code == 303
    signature = Signature.objects.get(petition=national_petition, email="g@example.test")
    assert signature.ip == "198.51.100.23"
