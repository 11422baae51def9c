import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from ogp_portal.accounts import roles
from ogp_portal.accounts.models import User
from ogp_portal.core.models import Notification
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "nouvelle@example.test",
    "password1": "a-long-enough-passphrase",
    "password2": "a-long-enough-passphrase",
    "full_name": "Nouvelle Citoyenne",
    "preferred_language": "fr",
    "accept_notice": "on",
}


def test_it_creates_every_role_as_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)


def test_it_gives_roles_the_permissions_their_rules_name():
    civil_servant = Group.objects.get(name=roles.CIVIL_SERVANT)
    codenames = set(civil_servant.permissions.values_list("codename", flat=True))
    assert {"view_administration", "change_administration"} <= codenames
    assert "delete_administration" not in codenames
    staff = set(
        Group.objects.get(name=roles.OGP_STAFF).permissions.values_list("codename", flat=True)
    )
    assert {"add_administration", "delete_administration", "view_moderationcase"} <= staff


def test_it_signs_up_with_mandatory_email_verification(client):
    response = client.post("/fr/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="nouvelle@example.test")
    assert user.full_name == "Nouvelle Citoyenne"
    assert user.preferred_language == "fr"
    # Not signed in until the address is verified.
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    confirm_path = link.split("testserver", 1)[1]
    assert client.post(confirm_path).status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_it_writes_the_verification_email_in_the_chosen_language(client):
    client.post("/en/accounts/signup/", SIGNUP)
    message = mail.outbox[0]
    # The French catalogue of allauth says "Confirmez" / "adresse"; English would say "Confirm".
    assert "adresse" in message.subject.lower() or "e-mail" in message.subject.lower()


def test_it_refuses_signup_without_the_data_protection_notice(client):
    data = {**SIGNUP, "accept_notice": ""}
    response = client.post("/en/accounts/signup/", data)
    assert response.status_code == 200
    assert (
        "Please confirm that you have read the personal data notice." in response.content.decode()
    )
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


def test_it_keeps_an_unverified_person_out(client):
    client.post("/en/accounts/signup/", SIGNUP)
    response = client.post(
        "/en/accounts/login/", {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"] or "verify" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_it_signs_in_a_verified_citizen_with_email_and_password(client, citizen):
    response = client.post("/ar/accounts/login/", {"login": citizen.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(citizen.pk)


def test_it_sends_the_admin_login_through_allauth(client):
    response = client.get("/ar/admin/login/?next=/ar/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/ar/accounts/login/")


def test_it_lets_a_civil_servant_into_the_admin(client, civil_servant_a):
    client.post("/ar/accounts/login/", {"login": civil_servant_a.email, "password": PASSWORD})
    response = client.get("/ar/admin/")
    assert response.status_code == 200


def test_it_requires_sign_in_for_my_data(client):
    response = client.get(reverse("accounts:my_data"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_downloads_everything_held_about_me(client_for, citizen):
    client = client_for(citizen)
    response = client.get(reverse("accounts:download"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == citizen.email
    assert data["account"]["full_name"] == "Salma Citizen"
    assert data["email_addresses"][0]["verified"] is True


def test_it_updates_my_details(client_for, citizen):
    client = client_for(citizen)
    response = client.post(
        reverse("accounts:my_data"),
        {"full_name": "Salma B.", "phone": "+212600000000", "preferred_language": "en"},
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert (citizen.full_name, citizen.phone, citizen.preferred_language) == (
        "Salma B.",
        "+212600000000",
        "en",
    )


def test_it_deletes_my_account_by_anonymising_it(
    client_for, citizen, django_capture_on_commit_callbacks
):
    client = client_for(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:delete"), {"confirm": "DELETE"})
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.email.endswith("@deleted.invalid")
    assert citizen.full_name == ""
    assert not citizen.is_active
    assert not citizen.has_usable_password()
    assert not EmailAddress.objects.filter(user=citizen).exists()
    assert "_auth_user_id" not in client.session
    # The confirmation went to the old address, and left no trace of it afterwards.
    assert mail.outbox[-1].to == ["salma@example.test"]
    assert not Notification.objects.filter(address="salma@example.test").exists()


def test_it_refuses_deletion_without_confirmation(client_for, citizen):
    client = client_for(citizen)
    response = client.post(reverse("accounts:delete"), {"confirm": "maybe"})
    assert response.status_code == 400
    citizen.refresh_from_db()
    assert citizen.is_active
    assert citizen.email == "salma@example.test"
