"""Call alerts cannot be used to flood an address: a per-IP rate limit, an ALTCHA proof of
work for visitors without an account, one subscription per mailbox, at most one confirmation
email an hour, the same answer whatever the address, and one alert per address per call."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from csofunding import services
from csofunding.models import AlertDelivery, AlertSubscription

from .conftest import altcha_payload, make_call

pytestmark = pytest.mark.django_db

URL = "/fr/funding/alerts/"
VICTIM = "victim@example.net"


def post(client, email=VICTIM, *, sectors=(), regions=(), altcha=True, **headers):
    values = {"email": email, "sectors": [s.pk for s in sectors], "consent": "on"}
    values["regions"] = [r.code for r in regions]
    if altcha is True:
        values["altcha"] = altcha_payload(client)
    elif altcha:
        values["altcha"] = altcha  # a payload given by the test
    return client.post(URL, values, **headers)


def confirmation_emails(address=VICTIM):
    return [m for m in mail.outbox if m.to == [address]]


def link(message, path):
    return re.search(rf"https?://[^/\s]+({path}\S*)", message.body).group(1)


# --- rate limit ------------------------------------------------------------------------------


def test_six_posts_from_one_address_send_one_email_and_the_sixth_is_a_polite_429(
    client, sectors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answers = [post(client, sectors=[sectors["youth"]]) for _ in range(6)]

    assert [a.status_code for a in answers] == [302] * 5 + [429]
    refused = answers[-1]
    assert refused.context["rate_limited"]
    assert 'id="rate-limited"' in refused.content.decode()
    assert f'value="{VICTIM}"' in refused.content.decode()  # what was typed is kept
    assert AlertSubscription.objects.count() == 1
    assert len(confirmation_emails()) == 1


def test_the_rate_limit_counts_the_client_behind_the_trusted_proxy(client, settings, sectors):
    settings.TRUSTED_PROXY_COUNT = 1
    for i in range(5):
        assert (
            post(client, f"a{i}@example.net", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code
            == 302
        )

    assert post(client, "b@example.net", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    assert post(client, "c@example.net", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 302


# --- ALTCHA ----------------------------------------------------------------------------------


def test_a_visitor_without_the_anti_robot_check_subscribes_nobody(client):
    response = post(client, altcha=False)

    assert response.status_code == 200
    assert "altcha" in response.context["form"].errors
    assert not AlertSubscription.objects.exists()
    assert not mail.outbox


def test_a_forged_or_replayed_anti_robot_check_is_refused(client):
    forged = post(client, altcha="bm90IGpzb24=")  # base64 of "not json"
    assert "altcha" in forged.context["form"].errors
    payload = altcha_payload(client)
    assert post(client, "first@example.net", altcha=payload).status_code == 302
    again = post(client, "second@example.net", altcha=payload)

    assert again.status_code == 200
    assert "altcha" in again.context["form"].errors
    assert not AlertSubscription.objects.filter(email="second@example.net").exists()


def test_the_form_shows_the_widget_with_its_uncached_challenge_and_no_inline_style(client):
    html = client.get(URL).content.decode()

    assert '<altcha-widget name="altcha"' in html
    assert 'challengeurl="/fr/funding/alerts/challenge/"' in html
    assert 'id="__altcha-css"' in html and "core/altcha.css" in html
    assert "<noscript>" in html
    challenge = client.get("/fr/funding/alerts/challenge/")
    assert challenge["Content-Type"] == "application/json"
    assert "no-store" in challenge["Cache-Control"] or "no-cache" in challenge["Cache-Control"]
    assert client.get("/fr/funding/alerts/challenge/").json() != challenge.json()


def test_a_signed_in_citizen_needs_no_anti_robot_check(client_for, citizen):
    client = client_for(citizen)

    assert "<altcha-widget" not in client.get(URL).content.decode()
    assert client.post(URL, {"consent": "on"}).status_code == 302
    assert AlertSubscription.objects.get(user=citizen).is_confirmed


# --- one subscription per mailbox ----------------------------------------------------------


def test_spellings_of_one_mailbox_share_one_subscription_and_one_email_an_hour(
    client, sectors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "Amal.Benali@gmail.com", sectors=[sectors["youth"]])
        post(client, "amalbenali+funding@googlemail.com", sectors=[sectors["health"]])

    sub = AlertSubscription.objects.get()
    assert sub.email_key == "amalbenali@gmail.com"
    assert [s.code for s in sub.sectors.all()] == ["health"]  # not confirmed: latest choice
    assert len(mail.outbox) == 1

    # An hour later, a new request sends a new confirmation email, to the first spelling.
    AlertSubscription.objects.update(confirmation_sent_at=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "AMALBENALI@gmail.com", sectors=[sectors["youth"]])
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["Amal.Benali@gmail.com"]


def test_the_answer_is_the_same_for_a_new_a_known_and_a_recently_emailed_address(client, sectors):
    services.confirm_subscription(
        services.subscribe(email="known@example.net", sectors=[], regions=[], language="fr")
    )
    services.subscribe(email="recent@example.net", sectors=[], regions=[], language="fr")

    pages = []
    for email in ("new@example.net", "known@example.net", "recent@example.net"):
        response = post(client, email, sectors=[sectors["youth"]])
        assert response.status_code == 302
        assert response["Location"] == "/fr/funding/alerts/done/"
        pages.append(client.get(response["Location"]).content.decode())
    pages = [re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", p) for p in pages]
    assert pages[0] == pages[1] == pages[2]


def test_a_change_for_a_confirmed_address_waits_for_its_own_link(
    client, sectors, regions, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, sectors=[sectors["youth"]], regions=[regions["01"]])
    first = link(mail.outbox[0], "/fr/funding/alerts/confirm/")
    client.get(first)
    sub = AlertSubscription.objects.get()
    assert sub.is_confirmed
    AlertSubscription.objects.update(confirmation_sent_at=timezone.now() - timedelta(hours=2))

    # Someone asks for other sectors for this address: nothing changes yet.
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, sectors=[sectors["health"]]).status_code == 302
    sub.refresh_from_db()
    assert [s.code for s in sub.sectors.all()] == ["youth"]
    assert [r.code for r in sub.regions.all()] == ["01"]
    change_email = confirmation_emails()[-1]
    assert len(confirmation_emails()) == 2
    assert "changer" in change_email.body or "change" in change_email.body

    # The old link of the first email confirms nothing new.
    assert client.get(first).status_code == 200
    sub.refresh_from_db()
    assert [s.code for s in sub.sectors.all()] == ["youth"]

    # The change's own link applies it.
    response = client.get(link(change_email, "/fr/funding/alerts/confirm/"))
    assert response.context["changed"]
    sub.refresh_from_db()
    assert [s.code for s in sub.sectors.all()] == ["health"]
    assert list(sub.regions.all()) == []
    assert sub.pending is None
    assert AlertSubscription.objects.count() == 1


def test_asking_again_for_the_same_choice_sends_nothing(client, sectors):
    sub = services.subscribe(email=VICTIM, sectors=[sectors["youth"]], regions=[], language="fr")
    services.confirm_subscription(sub)
    AlertSubscription.objects.update(confirmation_sent_at=timezone.now() - timedelta(hours=2))
    mail.outbox.clear()

    post(client, VICTIM.upper(), sectors=[sectors["youth"]])

    assert not mail.outbox
    assert AlertSubscription.objects.get().pending is None


def test_a_signed_in_citizen_updates_their_one_alert(client_for, citizen, sectors):
    client = client_for(citizen)
    services.subscribe(email=citizen.email, sectors=[], regions=[], language="fr")  # anonymous

    client.post(URL, {"consent": "on", "sectors": [sectors["youth"].pk]})
    client.post(URL, {"consent": "on", "sectors": [sectors["health"].pk]})

    sub = AlertSubscription.objects.get()
    assert sub.user == citizen and sub.is_confirmed
    assert [s.code for s in sub.sectors.all()] == ["health"]
    page = client.get(URL)
    assert page.context["form"].initial["sectors"] == [sectors["health"]]


# --- one alert per address per call ---------------------------------------------------------


def test_an_address_hears_of_a_new_call_once_however_often_it_subscribed(
    client, programme_a, sectors, django_capture_on_commit_callbacks
):
    for email in ("Once@Example.net", "once@example.net"):
        services.confirm_subscription(
            services.subscribe(email=email, sectors=[], regions=[], language="fr")
        )
    call = make_call(programme_a, "c", published=False)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_call(call, actor=None)
        services.send_call_alerts(call)

    assert len(mail.outbox) == 1
    assert AlertDelivery.objects.filter(call=call).count() == 1


def test_the_migration_merges_duplicate_subscriptions_keeping_the_alerts_sent(programme_a, sectors):
    import importlib

    from django.apps import apps

    merge = importlib.import_module(
        "csofunding.migrations.0002_alert_one_per_address"
    ).merge_duplicates
    kept = services.subscribe(email="dup@example.net", sectors=[], regions=[], language="fr")
    services.confirm_subscription(kept)
    # As before the migration: another row for the same mailbox (save() would refuse it).
    (other,) = AlertSubscription.objects.bulk_create(
        [AlertSubscription(email="DUP@example.net.", email_key="legacy", language="ar")]
    )
    call = make_call(programme_a, "told")
    AlertDelivery.objects.create(subscription=other, call=call)

    merge(apps, None)

    assert list(AlertSubscription.objects.values_list("pk", "email_key")) == [
        (kept.pk, "dup@example.net")
    ]
    assert AlertDelivery.objects.get(call=call).subscription_id == kept.pk


def test_my_data_includes_an_alert_made_without_signing_in_for_my_address(citizen, sectors):
    from csofunding import personal_data

    sub = services.subscribe(
        email=citizen.email.upper(), sectors=[sectors["youth"]], regions=[], language="fr"
    )
    services.confirm_subscription(sub)
    services.subscribe(email=citizen.email, sectors=[sectors["health"]], regions=[], language="ar")

    (exported,) = personal_data.export(citizen)["call_alerts"]
    assert exported["sectors"] == ["youth"]
    assert exported["change_waiting_for_confirmation"] == {
        "sectors": [sectors["health"].pk],
        "regions": [],
        "language": "ar",
    }
    personal_data.anonymise(citizen)
    assert not AlertSubscription.objects.exists()
