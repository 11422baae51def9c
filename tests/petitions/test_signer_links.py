"""A signer's own links: the confirmation link sent again (lost or filtered message), and the
signed link that stops the progress emails (in every email to a signer)."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from ogp_portal.core.models import Notification
from ogp_portal.core.notifications import render_notification
from petitions import services
from petitions.models import Signature

from .test_pages import sign_data

NEUTRAL = "If an unconfirmed signature of this petition matches"


def _sign(petition, province, **extra):
    fields = {
        "full_name": "Youssef Alaoui",
        "email": "You.Ssef+petitions@gmail.com",
        "cin": "AB123456",
        "region": province.region,
        "province": province,
        "notify_progress": True,
        **extra,
    }
    return services.sign(petition, **fields)


def _sent_long_ago(signature, minutes=10):
    Signature.objects.filter(pk=signature.pk).update(
        confirmation_sent_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def _resend(client, petition, cin="ab 123-456", email="youssef@gmail.com", lang="en"):
    return client.post(
        f"/{lang}/petitions/{petition.reference}/resend/", {"cin": cin, "email": email}
    )


def _neutral_part(response) -> str:
    return re.search(r'<p [^>]*id="resend-done"[^>]*>.*?</p>', response.content.decode()).group(0)


# --- resend ---------------------------------------------------------------------------------


def test_the_check_your_email_page_links_to_the_resend_page(client, national_petition, provinces):
    response = client.post(
        f"/fr/petitions/{national_petition.reference}/sign/", sign_data(provinces[0])
    )
    page = client.get(response["Location"]).content.decode()
    assert f"/fr/petitions/{national_petition.reference}/resend/" in page
    assert client.get(f"/fr/petitions/{national_petition.reference}/resend/").status_code == 200


def test_the_duplicate_cin_message_offers_the_resend_page(client, national_petition, provinces):
    url = f"/fr/petitions/{national_petition.reference}/sign/"
    client.post(url, sign_data(provinces[0]))
    response = client.post(url, sign_data(provinces[0]))
    page = response.content.decode()
    assert response.status_code == 200 and 'id="resend-offer"' in page
    assert f"/fr/petitions/{national_petition.reference}/resend/" in page


def test_a_lost_confirmation_is_sent_again_to_the_address_on_record(
    client, national_petition, provinces
):
    signature = _sign(national_petition, provinces[0])
    assert services.send_signature_confirmations() == 1
    mail.outbox.clear()
    _sent_long_ago(signature)
    # The CIN and the address as typed again: other case, spacing, Gmail dots and tag.
    response = _resend(client, national_petition, cin="ab 123-456", email="YOU.SSEF@gmail.com")
    assert response.status_code == 200 and NEUTRAL in response.content.decode()
    signature.refresh_from_db()
    assert signature.confirmation_sent_at is None  # back in the batch task's queue
    assert services.send_signature_confirmations() == 1
    (message,) = mail.outbox
    assert message.to == ["youssef@gmail.com"]
    assert "/ar/petitions/confirm/" in message.body  # in the language it was signed in


def test_the_answer_is_the_same_whether_or_not_a_signature_matched(
    client, national_petition, provinces
):
    signature = _sign(national_petition, provinces[0])
    _sent_long_ago(signature)
    matched = _resend(client, national_petition)
    signature.refresh_from_db()
    assert signature.confirmation_sent_at is None  # queued again
    _sent_long_ago(signature)
    wrong_email = _resend(client, national_petition, email="someone-else@example.test")
    wrong_cin = _resend(client, national_petition, cin="ZZ999999")
    assert matched.status_code == wrong_email.status_code == wrong_cin.status_code == 200
    assert _neutral_part(matched) == _neutral_part(wrong_email) == _neutral_part(wrong_cin)
    signature.refresh_from_db()
    assert signature.confirmation_sent_at is not None  # the others queued nothing


def test_nothing_is_sent_again_for_a_confirmed_signature(client, national_petition, provinces):
    signature = _sign(national_petition, provinces[0])
    _sent_long_ago(signature)
    Signature.objects.filter(pk=signature.pk).update(confirmed_at=timezone.now())
    response = _resend(client, national_petition)
    assert NEUTRAL in response.content.decode()
    signature.refresh_from_db()
    assert signature.confirmation_sent_at is not None


def test_a_message_sent_moments_ago_is_not_sent_again(client, national_petition, provinces):
    signature = _sign(national_petition, provinces[0])
    _sent_long_ago(signature, minutes=0)
    response = _resend(client, national_petition)
    assert NEUTRAL in response.content.decode()
    signature.refresh_from_db()
    assert signature.confirmation_sent_at is not None


def test_resending_is_rate_limited_like_signing(client, national_petition, provinces, settings):
    settings.PETITIONS_SIGN_RATE_BURST = "2/h"  # an hour's window: no boundary mid-test
    signature = _sign(national_petition, provinces[0])
    _resend(client, national_petition, email="a@example.test")
    _resend(client, national_petition, email="b@example.test")
    _sent_long_ago(signature)
    response = _resend(client, national_petition)
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert NEUTRAL not in response.content.decode()
    signature.refresh_from_db()
    assert signature.confirmation_sent_at is not None  # refused: nothing queued


def test_the_resend_form_needs_no_anti_robot_check_and_checks_its_input(client, national_petition):
    page = client.get(f"/fr/petitions/{national_petition.reference}/resend/").content.decode()
    assert "altcha" not in page and 'id="data-notice-title"' in page
    response = _resend(client, national_petition, cin="12", email="not-an-email")
    assert response.status_code == 200 and NEUTRAL not in response.content.decode()
    assert "is-invalid" in response.content.decode()


def test_resending_is_refused_once_the_petition_no_longer_takes_signatures(
    client, national_petition, provinces, ogp_staff
):
    services.close(national_petition, actor=ogp_staff)
    response = _resend(client, national_petition)
    assert response.status_code == 302


# --- unsubscribe ----------------------------------------------------------------------------


def _unsubscribe_path(text: str) -> str:
    return re.search(r"https?://[^/\s]+(/[a-z]{2}/petitions/unsubscribe/\S+/)", text).group(1)


def test_the_confirmation_email_carries_an_unsubscribe_link(client, national_petition, provinces):
    signature = _sign(national_petition, provinces[0], notify_progress=True)
    services.send_signature_confirmations()
    (message,) = mail.outbox
    path = _unsubscribe_path(message.body)
    assert message.extra_headers["List-Unsubscribe"].endswith(f"{path}>")
    # A GET (a mail scanner following the link) changes nothing.
    page = client.get(path)
    assert page.status_code == 200 and 'id="unsubscribe-form"' in page.content.decode()
    signature.refresh_from_db()
    assert signature.notify_progress is True
    assert client.post(path).status_code == 200
    signature.refresh_from_db()
    assert signature.notify_progress is False
    # Idempotent: a second click says the same.
    again = client.post(path)
    assert again.status_code == 200 and 'id="unsubscribed"' in again.content.decode()
    assert 'id="unsubscribed"' in client.get(path).content.decode()


def test_a_tampered_unsubscribe_link_is_refused(client, national_petition, provinces):
    signature = _sign(national_petition, provinces[0])
    path = _unsubscribe_path(services.unsubscribe_url(signature.pk, "fr"))
    assert client.post(path.replace("/unsubscribe/", "/unsubscribe/x")).status_code == 400
    # A confirmation token is not an unsubscribe token.
    from petitions import identity

    other = identity.make_token(signature.pk, identity.CONFIRMATION_SALT)
    assert client.post(f"/fr/petitions/unsubscribe/{other}/").status_code == 400
    signature.refresh_from_db()
    assert signature.notify_progress is True


def _confirm_counted(petition, province, n, prefix):
    """n confirmed signatures that asked for news, in Arabic, with distinct addresses."""
    at = timezone.now() - datetime.timedelta(minutes=5)
    rows = [
        _sign(
            petition,
            province,
            cin=f"{prefix}{i:06d}",
            email=f"{prefix.lower()}{i}@example.test",
        )
        for i in range(n)
    ]
    Signature.objects.filter(pk__in=[r.pk for r in rows]).update(confirmed_at=at, language="ar")
    return rows


def test_every_progress_email_to_a_signer_carries_their_own_unsubscribe_link(
    client, national_petition, provinces
):
    first, second = _confirm_counted(national_petition, provinces[0], 2, "PR")
    Notification.objects.all().delete()
    services.mark_goal_reached(national_petition)
    to_signers = Notification.objects.filter(recipient=None).order_by("address")
    assert list(to_signers.values_list("address", flat=True)) == [first.email, second.email]
    bodies = [render_notification(n)[1] for n in to_signers]
    paths = [_unsubscribe_path(body) for body in bodies]
    assert paths[0] != paths[1] and all(p.startswith("/ar/") for p in paths)
    assert all(n.language == "ar" for n in to_signers)
    # The committee's copy (a legally relevant message) carries none.
    to_committee = Notification.objects.exclude(recipient=None)
    assert to_committee.exists()
    assert all("/unsubscribe/" not in render_notification(n)[1] for n in to_committee)
    # The first signer stops the emails: the next one goes to the second signer only.
    client.post(paths[0])
    Notification.objects.all().delete()
    services._notify_signers(national_petition, "petitions/filed")
    assert list(Notification.objects.values_list("address", flat=True)) == [second.email]


@pytest.mark.parametrize("template", ["goal_reached", "filed", "decision", "answered", "withdrawn"])
def test_each_progress_template_shows_the_link_only_when_given(template):
    notification = Notification(
        template=f"petitions/{template}",
        context={"title": "T", "url": "https://x/", "unsubscribe_url": "https://x/stop/"},
        language="fr",
    )
    assert "https://x/stop/" in render_notification(notification)[1]
    notification.context.pop("unsubscribe_url")
    assert "https://x/stop/" not in render_notification(notification)[1]
