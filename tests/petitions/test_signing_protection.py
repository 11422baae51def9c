"""The signing form's protections: ALTCHA proof of work, per-IP rates, email normalisation."""

import base64
import json

import pytest
from django.test import Client
from django_altcha import get_altcha_challenge

from petitions import identity
from petitions.models import Signature

from .conftest import altcha_payload, solve


def form(province, **extra):
    return {
        "full_name": "Youssef Alaoui",
        "email": "youssef@example.test",
        "cin": "AB123456",
        "region": province.region.pk,
        "province": province.pk,
        "eligible": "on",
        **extra,
    }


def sign_url(petition, lang="fr"):
    return f"/{lang}/petitions/{petition.reference}/sign/"


# --- ALTCHA -----------------------------------------------------------------------------------


def test_the_challenge_view_serves_a_fresh_uncached_challenge(client, settings):
    settings.PETITIONS_ALTCHA_MAX_NUMBER = 50_000
    first = client.get("/ar/petitions/altcha/challenge/")
    second = client.get("/ar/petitions/altcha/challenge/")
    assert first.status_code == 200
    assert "no-store" in first["Cache-Control"] and "max-age=0" in first["Cache-Control"]
    data = first.json()
    assert data["maxNumber"] == 50_000 and data["algorithm"] == "SHA-256"
    assert set(data) == {"algorithm", "challenge", "maxNumber", "salt", "signature"}
    assert data["challenge"] != second.json()["challenge"]
    assert client.post("/ar/petitions/altcha/challenge/").status_code == 405


def test_the_form_fetches_its_challenge_instead_of_embedding_one(client, national_petition):
    content = client.get(sign_url(national_petition, "ar")).content.decode()
    assert '<altcha-widget name="altcha"' in content
    assert 'challengeurl="/ar/petitions/altcha/challenge/"' in content
    assert "challengejson" not in content
    assert 'language="ar"' in content and "hidefooter" in content
    assert 'id="__altcha-css"' in content and "altcha/altcha.min.js" in content
    assert "<noscript>" in content
    # The cacheable petition page carries no challenge either.
    detail = client.get(f"/ar/petitions/{national_petition.reference}/").content.decode()
    assert "altcha" not in detail


def test_a_visitor_who_solved_the_challenge_signs(client, national_petition, provinces):
    payload = altcha_payload(client, "ar")
    response = client.post(sign_url(national_petition, "ar"), form(provinces[0], altcha=payload))
    assert response.status_code == 303
    assert response["Location"] == f"/ar/petitions/{national_petition.reference}/signed/"
    assert Signature.objects.count() == 1


def test_a_production_sized_challenge_is_solved_too(client, national_petition, provinces, settings):
    settings.PETITIONS_ALTCHA_MAX_NUMBER = 200_000
    payload = altcha_payload(client)
    client.post(sign_url(national_petition), form(provinces[0], altcha=payload))
    assert Signature.objects.count() == 1


def test_without_the_check_the_form_comes_back_with_a_message(client, national_petition, provinces):
    response = client.post(sign_url(national_petition, "en"), form(provinces[0]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "anti-robot check" in content and 'id="altcha-errors"' in content
    assert 'value="youssef@example.test"' in content  # nothing typed is lost
    assert not Signature.objects.exists()


def test_a_wrong_solution_is_refused(client, national_petition, provinces):
    payload = json.loads(base64.b64decode(altcha_payload()))
    payload["number"] += 1
    forged = base64.b64encode(json.dumps(payload).encode()).decode()
    response = client.post(sign_url(national_petition), form(provinces[0], altcha=forged))
    assert response.status_code == 200 and not Signature.objects.exists()


@pytest.mark.parametrize("garbage", ["not-base64!", base64.b64encode(b"{}").decode()])
def test_a_garbled_payload_is_refused_without_an_error_page(
    client, national_petition, provinces, garbage
):
    response = client.post(sign_url(national_petition), form(provinces[0], altcha=garbage))
    assert response.status_code == 200 and not Signature.objects.exists()


def test_a_solved_challenge_works_only_once(client, national_petition, provinces):
    payload = altcha_payload()
    client.post(sign_url(national_petition), form(provinces[0], altcha=payload))
    response = client.post(
        sign_url(national_petition),
        form(provinces[0], altcha=payload, cin="CD654321", email="other@example.test"),
    )
    assert response.status_code == 200 and 'id="altcha-errors"' in response.content.decode()
    assert Signature.objects.count() == 1


def test_an_expired_challenge_is_refused(client, national_petition, provinces):
    expired = get_altcha_challenge(max_number=1000, expires=-60_000).to_dict()
    response = client.post(sign_url(national_petition), form(provinces[0], altcha=solve(expired)))
    assert response.status_code == 200 and not Signature.objects.exists()


def test_a_challenge_signed_with_another_key_is_refused(
    client, national_petition, provinces, settings
):
    settings.ALTCHA_HMAC_KEY = "another-key"
    foreign = altcha_payload()
    settings.ALTCHA_HMAC_KEY = "the-portal-key"
    client.post(sign_url(national_petition), form(provinces[0], altcha=foreign))
    assert not Signature.objects.exists()


def test_with_verification_disabled_no_check_is_needed(
    client, national_petition, provinces, settings
):
    settings.ALTCHA_VERIFICATION_ENABLED = False
    client.post(sign_url(national_petition), form(provinces[0]))
    assert Signature.objects.count() == 1


# --- rates per IP -----------------------------------------------------------------------------


def test_the_burst_rate_answers_429_and_keeps_what_was_typed(
    client, national_petition, provinces, settings
):
    settings.PETITIONS_SIGN_RATE_BURST = "2/m"
    for i in range(2):
        client.post(
            sign_url(national_petition),
            form(provinces[0], altcha=altcha_payload(), cin=f"AB00000{i}", email=f"{i}@ex.test"),
        )
    response = client.post(
        sign_url(national_petition, "en"),
        form(provinces[0], altcha=altcha_payload(), cin="AB999999", email="late@example.test"),
    )
    assert response.status_code == 429 and response["Retry-After"]
    content = response.content.decode()
    assert "Too many signatures from your connection" in content
    assert 'value="late@example.test"' in content and 'value="AB999999"' in content
    assert Signature.objects.count() == 2


def test_the_sustained_rate_also_applies(client, national_petition, provinces, settings):
    settings.PETITIONS_SIGN_RATE_BURST = ""
    settings.PETITIONS_SIGN_RATE_SUSTAINED = "3/h"
    statuses = [
        client.post(
            sign_url(national_petition),
            form(provinces[0], altcha=altcha_payload(), cin=f"AB00000{i}", email=f"{i}@ex.test"),
        ).status_code
        for i in range(4)
    ]
    assert statuses == [303, 303, 303, 429]
    assert Signature.objects.count() == 3


def test_rates_are_counted_per_ip(national_petition, provinces, settings):
    settings.PETITIONS_SIGN_RATE_BURST = "1/m"
    first, second = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    for i, c in enumerate((first, second)):
        response = c.post(
            sign_url(national_petition),
            form(provinces[0], altcha=altcha_payload(), cin=f"AB00000{i}", email=f"{i}@ex.test"),
        )
        assert response.status_code == 303
    again = first.post(
        sign_url(national_petition),
        form(provinces[0], altcha=altcha_payload(), cin="AB000009", email="9@ex.test"),
    )
    assert again.status_code == 429
    assert set(Signature.objects.values_list("ip", flat=True)) == {"192.0.2.1", "192.0.2.2"}


def test_rate_limits_can_be_switched_off(client, national_petition, provinces, settings):
    settings.PETITIONS_SIGN_RATE_BURST = "1/m"
    settings.RATELIMIT_ENABLE = False
    for i in range(3):
        client.post(
            sign_url(national_petition),
            form(provinces[0], altcha=altcha_payload(), cin=f"AB00000{i}", email=f"{i}@ex.test"),
        )
    assert Signature.objects.count() == 3


# --- email normalisation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("  Youssef.Alaoui+petitions@GMail.com ", "youssefalaoui@gmail.com"),
        ("y.o.u.s.s.e.f@googlemail.com", "youssef@gmail.com"),
        ("Amina.B+news@outlook.com", "amina.b@outlook.com"),
        ("amina+x@hotmail.fr", "amina@hotmail.fr"),
        ("karim.t+1@yahoo.fr", "karim.t@yahoo.fr"),
        ("First.Last+tag@example.ma", "first.last+tag@example.ma"),
        ("not-an-email", "not-an-email"),
        ("", ""),
    ],
)
def test_emails_are_normalised_where_the_provider_ignores_dots_or_tags(raw, normalised):
    assert identity.normalise_email(raw) == normalised


def test_a_signature_keeps_the_normalised_email_and_is_confirmed_there(
    client, national_petition, provinces
):
    from django.core import mail

    from petitions import services

    client.post(
        sign_url(national_petition),
        form(provinces[0], altcha=altcha_payload(), email="Y.Alaoui+petition@Gmail.com"),
    )
    assert Signature.objects.get().email == "yalaoui@gmail.com"
    assert services.send_signature_confirmations() == 1
    assert [m.to for m in mail.outbox] == [["yalaoui@gmail.com"]]


def test_ipv6_clients_are_limited_per_64_network(national_petition, provinces, settings):
    settings.PETITIONS_SIGN_RATE_BURST = "1/m"
    first = Client(REMOTE_ADDR="2001:db8:1:2::10")
    neighbour = Client(REMOTE_ADDR="2001:db8:1:2::99")
    ok = first.post(sign_url(national_petition), form(provinces[0], altcha=altcha_payload()))
    assert ok.status_code == 303
    again = neighbour.post(
        sign_url(national_petition),
        form(provinces[0], altcha=altcha_payload(), cin="AB000002", email="n@ex.test"),
    )
    assert again.status_code == 429


def test_a_request_without_a_client_address_is_not_an_error(national_petition, provinces):
    client = Client(REMOTE_ADDR="")
    response = client.post(sign_url(national_petition), form(provinces[0], altcha=altcha_payload()))
    assert response.status_code == 303 and Signature.objects.count() == 1
