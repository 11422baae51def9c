"""Staff sessions: a second factor before the admin, idle and absolute expiry."""

import time

import pytest
from allauth.account.adapter import get_adapter
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import translation

from ogp_portal.accounts import staff_security

pytestmark = pytest.mark.django_db

ADMIN = "/fr/admin/"


@pytest.fixture
def mfa_required(settings):
    settings.STAFF_MFA_REQUIRED = True


def add_totp(user):
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )


def test_a_civil_servant_without_a_second_factor_is_sent_to_set_one_up(
    mfa_required, client_for, civil_servant_a
):
    response = client_for(civil_servant_a).get(ADMIN)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert "next=%2Ffr%2Fadmin%2F" in response["Location"]


def test_with_an_authenticator_the_admin_opens(mfa_required, client_for, civil_servant_a):
    add_totp(civil_servant_a)

    assert client_for(civil_servant_a).get(ADMIN).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        ADMIN,
        "/fr/",  # a staff session is a staff session, on public pages too
        "/fr/complaints/staff/",  # staff pages outside the admin
        "/fr/petitions/",
    ],
)
def test_without_a_second_factor_a_staff_session_opens_nothing_else(
    mfa_required, client_for, ogp_staff, path
):
    response = client_for(ogp_staff).get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_with_a_second_factor_the_staff_pages_outside_the_admin_open(
    mfa_required, client_for, ogp_staff
):
    add_totp(ogp_staff)

    assert client_for(ogp_staff).get("/fr/complaints/staff/").status_code == 200


def test_setting_it_up_and_signing_out_stay_open(mfa_required, client_for, ogp_staff):
    client = client_for(ogp_staff)

    # allauth may first ask for the password again (reauthenticate): a page, not a loop.
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert response.status_code == 200
    assert len(response.redirect_chain) <= 1
    assert client.get("/healthz").status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_citizens_never_need_a_second_factor(mfa_required, client_for, citizen):
    assert client_for(citizen).get("/fr/").status_code == 200


def test_the_demo_and_the_tests_run_without_the_requirement(client_for, civil_servant_a):
    # STAFF_MFA_REQUIRED defaults to off under DEBUG and pytest, on in production.
    assert client_for(civil_servant_a).get(ADMIN).status_code == 200


def test_a_staff_session_idle_too_long_is_signed_out(settings, client_for, civil_servant_a):
    client = client_for(civil_servant_a)
    session = client.session
    session[staff_security.LAST_SEEN] = int(time.time()) - settings.STAFF_SESSION_IDLE_SECONDS - 5
    session.save()

    response = client.get(ADMIN)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get(ADMIN).status_code == 302  # still signed out


def test_a_staff_session_ends_after_its_maximum_age_even_when_active(
    settings, client_for, civil_servant_a
):
    client = client_for(civil_servant_a)
    session = client.session
    now = int(time.time())
    session[staff_security.SIGNED_IN_AT] = now - settings.STAFF_SESSION_MAX_SECONDS - 5
    session[staff_security.LAST_SEEN] = now
    session.save()

    assert client.get(ADMIN).status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_active_staff_session_is_kept_and_its_clock_advanced(client_for, civil_servant_a):
    client = client_for(civil_servant_a)
    session = client.session
    session[staff_security.LAST_SEEN] = int(time.time()) - 120
    session.save()

    assert client.get(ADMIN).status_code == 200
    assert client.session[staff_security.LAST_SEEN] >= int(time.time()) - 5


def test_citizens_sessions_are_not_cut_short(settings, client_for, citizen):
    client = client_for(citizen)
    session = client.session
    session[staff_security.LAST_SEEN] = int(time.time()) - settings.STAFF_SESSION_IDLE_SECONDS - 5
    session.save()

    assert client.get("/fr/account/my-data/").status_code == 200
    assert "_auth_user_id" in client.session


def test_signing_in_records_when_the_session_started(client, civil_servant_a):
    civil_servant_a.set_password("a-long-password-2026")
    civil_servant_a.save()

    response = client.post(
        reverse("account_login"),
        {"login": civil_servant_a.email, "password": "a-long-password-2026"},
    )

    assert response.status_code == 302
    assert abs(client.session[staff_security.SIGNED_IN_AT] - time.time()) < 10


def test_sign_in_is_throttled_after_repeated_failures(client, civil_servant_a):
    with translation.override("fr"):
        url = reverse("account_login")
        expected = str(get_adapter().error_messages["too_many_login_attempts"])
    for n in range(5):
        response = client.post(url, {"login": civil_servant_a.email, "password": f"wrong-{n}"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

    # After five failures on the account, even the right password is refused for a while.
    civil_servant_a.set_password("a-long-password-2026")
    civil_servant_a.save()
    response = client.post(
        url, {"login": civil_servant_a.email, "password": "a-long-password-2026"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert url.startswith("/fr/") and expected.startswith("Trop de tentatives")
    assert expected in response.content.decode()
