import re

import pytest
from django.core import mail

from csofunding import services
from csofunding.models import AlertDelivery, AlertSubscription
from ogp_portal.core.models import Notification

from .conftest import altcha_payload, make_call

pytestmark = pytest.mark.django_db


def subscription(email, *, sectors=(), regions=(), confirmed=True, user=None, language="fr"):
    sub = services.subscribe(
        email=email, sectors=list(sectors), regions=list(regions), language=language, user=user
    )
    if confirmed:
        services.confirm_subscription(sub)
    return sub


def matching_emails(call):
    return sorted(s.email for s in services.matching_subscriptions(call))


def test_alerts_match_on_sectors_and_regions_and_empty_means_any(programme_a, sectors, regions):
    call = make_call(programme_a, "c", published=False)  # sector youth
    call.regions.set([regions["01"]])
    subscription("any@example.test")
    subscription("youth@example.test", sectors=[sectors["youth"]])
    subscription("health@example.test", sectors=[sectors["health"]])
    subscription("youth-01@example.test", sectors=[sectors["youth"]], regions=[regions["01"]])
    subscription("youth-05@example.test", sectors=[sectors["youth"]], regions=[regions["05"]])
    subscription("unconfirmed@example.test", confirmed=False)

    assert matching_emails(call) == [
        "any@example.test",
        "youth-01@example.test",
        "youth@example.test",
    ]


def test_a_national_call_matches_every_region(programme_a, sectors, regions):
    call = make_call(programme_a, "c", published=False)
    subscription("sud@example.test", regions=[regions["12"]])

    assert matching_emails(call) == ["sud@example.test"]


def test_publishing_a_call_emails_each_matching_subscriber_once(
    programme_a, sectors, regions, django_capture_on_commit_callbacks
):
    subscription("one@example.test", sectors=[sectors["youth"], sectors["health"]])
    subscription("two@example.test", regions=[regions["01"], regions["02"]])
    subscription("other@example.test", sectors=[sectors["disability"]])
    call = make_call(programme_a, "c", published=False)
    call.regions.set([regions["01"], regions["02"]])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_call(call, actor=None)

    assert sorted(m.to[0] for m in mail.outbox) == ["one@example.test", "two@example.test"]
    message = mail.outbox[0]
    assert "Appel c" in message.subject
    assert re.search(r"/fr/funding/alerts/unsubscribe/[0-9a-f-]{36}/", message.body)
    assert "/fr/funding/calls/c/" in message.body

    # The catch-up task and a second run tell nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_call_alerts(call) == 0
        from csofunding.tasks import send_pending_call_alerts

        assert send_pending_call_alerts() == 0
    assert len(mail.outbox) == 2
    assert AlertDelivery.objects.filter(call=call).count() == 2


def test_no_alert_goes_for_a_closed_or_unpublished_call(programme_a):
    subscription("one@example.test")
    draft = make_call(programme_a, "draft", published=False)
    closed = make_call(programme_a, "closed", opens_in=-30, closes_in=-1)

    assert services.send_call_alerts(draft) == 0
    assert services.send_call_alerts(closed) == 0


def test_an_anonymous_visitor_subscribes_confirms_by_link_and_unsubscribes(
    client, sectors, regions, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/fr/funding/alerts/",
            {
                "email": "visitor@example.test",
                "sectors": [sectors["youth"].pk],
                "regions": ["04"],
                "consent": "on",
                "altcha": altcha_payload(client),
            },
        )

    assert response.status_code == 302
    sub = AlertSubscription.objects.get(email="visitor@example.test")
    assert not sub.is_confirmed
    assert sub.language == "fr"
    assert [r.code for r in sub.regions.all()] == ["04"]
    (message,) = mail.outbox
    link = re.search(r"https?://\S+(/fr/funding/alerts/confirm/\S+/)", message.body).group(1)

    assert client.get(link).status_code == 200
    sub.refresh_from_db()
    assert sub.is_confirmed

    unsubscribe = f"/fr/funding/alerts/unsubscribe/{sub.token}/"
    assert client.get(unsubscribe).status_code == 200
    assert AlertSubscription.objects.filter(pk=sub.pk).exists()  # GET changes nothing
    assert client.post(unsubscribe).status_code == 302
    assert not AlertSubscription.objects.filter(pk=sub.pk).exists()
    assert client.get(unsubscribe).status_code == 404


def test_a_signed_in_citizens_alert_is_confirmed_at_once_and_uses_their_address(
    client_for, citizen, sectors
):
    client = client_for(citizen)

    response = client.post("/ar/funding/alerts/", {"consent": "on"})

    assert response.status_code == 302
    sub = AlertSubscription.objects.get(user=citizen)
    assert sub.email == citizen.email and sub.is_confirmed
    assert not Notification.objects.filter(template="csofunding/confirm_alerts").exists()
    page = client.get("/ar/funding/alerts/").content.decode()
    assert f"/ar/funding/alerts/unsubscribe/{sub.token}/" in page


def test_the_alert_form_re_renders_with_errors_in_the_visitors_language(client):
    response = client.post("/fr/funding/alerts/", {"email": "not-an-email"})

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"email", "consent", "altcha"}
    assert not AlertSubscription.objects.exists()
    assert 'aria-invalid="true"' in response.content.decode()


def test_the_alert_form_shows_the_data_protection_notice(client):
    html = client.get("/en/funding/alerts/").content.decode()

    assert "Law 09-08" in html
    assert 'class="data-notice' in html


def test_a_malformed_token_is_not_found(client):
    assert client.get("/fr/funding/alerts/confirm/not-a-uuid/").status_code == 404
    assert client.post("/fr/funding/alerts/unsubscribe/not-a-uuid/").status_code == 404


def test_my_data_lists_alerts_and_deleting_the_account_removes_them(citizen, sectors):
    from csofunding import personal_data

    subscription("x@example.test", user=citizen, sectors=[sectors["youth"]])

    exported = personal_data.export(citizen)
    assert exported["call_alerts"][0]["sectors"] == ["youth"]
    personal_data.anonymise(citizen)
    assert not AlertSubscription.objects.exists()
