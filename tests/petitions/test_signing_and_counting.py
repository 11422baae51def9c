import datetime
import hashlib
import hmac
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from ogp_portal.core.models import Notification
from petitions import counting, identity, services
from petitions.models import (
    Petition,
    PetitionCount,
    PetitionProvinceCount,
    PetitionRegionCount,
    Signature,
)


def sign(petition, province, cin, user=None, email="", **kw):
    return services.sign(
        petition,
        user=user,
        full_name="Youssef Alaoui",
        email=email or f"{cin.lower()}@example.test",
        cin=cin,
        region=province.region,
        province=province,
        **kw,
    )


def confirmed_now(petition, province, n, prefix="AB", at=None):
    """n confirmed signatures in one province, confirmed at `at` (default: 2 minutes ago)."""
    at = at or timezone.now() - datetime.timedelta(minutes=2)
    Signature.objects.bulk_create(
        Signature(
            petition=petition,
            cin_hash=identity.cin_hash(f"{prefix}{i:06d}"),
            region=province.region,
            province=province,
            confirmed_at=at,
        )
        for i in range(n)
    )


@pytest.mark.parametrize(
    ("raw", "normalised"), [(" ab 123456 ", "AB123456"), ("k-12.345", "K12345")]
)
def test_cin_is_normalised_before_hashing(raw, normalised):
    assert identity.normalise_cin(raw) == normalised
    assert identity.cin_hash(raw) == identity.cin_hash(normalised)


def test_cin_is_stored_only_as_an_hmac_with_the_settings_key(
    national_petition, provinces, settings
):
    signature = sign(national_petition, provinces[0], "ab123456", email="youssef@example.test")
    expected = hmac.new(settings.CIN_HASH_KEY.encode(), b"AB123456", hashlib.sha256).hexdigest()
    assert signature.cin_hash == expected
    values = [str(v) for v in Signature.objects.filter(pk=signature.pk).values().get().values()]
    assert not any("123456" in v for v in values)


def test_a_second_signature_with_the_same_cin_is_refused_politely(national_petition, provinces):
    sign(national_petition, provinces[0], "AB123456")
    with translation.override("en"), pytest.raises(services.DuplicateSignature) as error:
        sign(national_petition, provinces[1], "ab 123 456", email="other@example.test")
    with translation.override("en"):
        assert "already recorded" in error.value.messages[0]
    assert Signature.objects.count() == 1


def test_an_invalid_cin_is_refused(national_petition, provinces):
    with pytest.raises(ValidationError):
        sign(national_petition, provinces[0], "123")


def test_a_visitor_signature_counts_only_after_the_email_link(national_petition, provinces):
    signature = sign(national_petition, provinces[0], "AB123456")
    assert signature.confirmed_at is None
    assert services.send_signature_confirmations() == 1
    (message,) = mail.outbox
    token = re.search(r"/petitions/confirm/([^/\s]+)/", message.body).group(1)
    assert services.signature_from_token(token) == signature
    assert services.confirm_signature(signature) is True
    assert services.confirm_signature(signature) is False  # idempotent
    signature.refresh_from_db()
    assert signature.confirmed_at


def test_a_tampered_confirmation_token_is_refused(national_petition, provinces):
    signature = sign(national_petition, provinces[0], "AB123456")
    token = identity.make_token(signature.pk, identity.CONFIRMATION_SALT)
    assert services.signature_from_token(token[:-2] + "xx") is None
    assert (
        services.signature_from_token(identity.make_token(signature.pk, identity.INVITATION_SALT))
        is None
    )


def test_a_signed_in_verified_user_counts_at_once(national_petition, provinces, civil_servant_a):
    signature = sign(national_petition, provinces[0], "AB123456", user=civil_servant_a)
    assert signature.confirmed_at and signature.user == civil_servant_a
    assert not Notification.objects.filter(template="petitions/signature_confirmation").exists()
    assert services.send_signature_confirmations() == 0 and not mail.outbox


def test_signing_a_draft_is_refused(citizen, head_of_government, provinces):
    from .conftest import draft

    petition = draft(citizen, head_of_government)
    with pytest.raises(services.TransitionError):
        sign(petition, provinces[0], "AB123456")


def test_signing_writes_no_count(national_petition, provinces):
    sign(national_petition, provinces[0], "AB123456", user=None)
    assert PetitionCount.objects.get(petition=national_petition).confirmed == 0


def test_counting_adds_confirmed_signatures_by_region_and_province(national_petition, provinces):
    confirmed_now(national_petition, provinces[0], 7)
    confirmed_now(national_petition, provinces[1], 3, prefix="CD")
    added = counting.count_new_signatures()
    assert added == {national_petition.pk: 10}
    assert PetitionCount.objects.get(petition=national_petition).confirmed == 10
    assert PetitionRegionCount.objects.get(petition=national_petition).confirmed == 10
    assert dict(PetitionProvinceCount.objects.values_list("province_id", "confirmed")) == {
        provinces[0].pk: 7,
        provinces[1].pk: 3,
    }
    # A second run adds nothing.
    assert counting.count_new_signatures() == {}
    assert PetitionCount.objects.get(petition=national_petition).confirmed == 10


def test_the_window_ends_one_interval_in_the_past(national_petition, provinces, settings):
    settings.PETITIONS_COUNT_INTERVAL = 30
    now = timezone.now()
    confirmed_now(national_petition, provinces[0], 4, at=now - datetime.timedelta(seconds=5))
    assert counting.count_new_signatures(now=now) == {}
    assert PetitionCount.objects.get(petition=national_petition).confirmed == 0
    later = now + datetime.timedelta(seconds=31)
    assert counting.count_new_signatures(now=later) == {national_petition.pk: 4}


def test_a_late_commit_inside_the_lag_is_not_missed(national_petition, provinces, settings):
    settings.PETITIONS_COUNT_INTERVAL = 30
    now = timezone.now()
    counting.count_new_signatures(now=now)
    # A signature confirmed 10 s before that run, but committed only after it.
    confirmed_now(national_petition, provinces[0], 1, at=now - datetime.timedelta(seconds=10))
    counting.count_new_signatures(now=now + datetime.timedelta(seconds=30))
    assert PetitionCount.objects.get(petition=national_petition).confirmed == 1


def test_unconfirmed_and_invalidated_signatures_do_not_count(national_petition, provinces):
    sign(national_petition, provinces[0], "AB123456")  # not confirmed
    confirmed_now(national_petition, provinces[0], 2)
    Signature.objects.filter(confirmed_at__isnull=False).update(invalidated=True)
    assert counting.count_new_signatures() == {}


def test_crossing_the_threshold_in_the_task_marks_the_goal_reached(national_petition, provinces):
    Petition.objects.filter(pk=national_petition.pk).update(required_signatures=5)
    confirmed_now(national_petition, provinces[0], 5)
    counting.count_new_signatures()
    national_petition.refresh_from_db()
    assert national_petition.status == Petition.Status.GOAL_REACHED
    assert national_petition.goal_reached_at


def test_a_regional_goal_waits_for_five_percent_from_every_province(regional_petition, provinces):
    confirmed_now(regional_petition, provinces[0], 500)
    counting.count_new_signatures()
    regional_petition.refresh_from_db()
    assert regional_petition.status == Petition.Status.COLLECTING
    for i, province in enumerate(provinces[1:]):
        confirmed_now(regional_petition, province, 25, prefix=f"X{chr(65 + i)}", at=timezone.now())
    counting.count_new_signatures(now=timezone.now() + datetime.timedelta(minutes=1))
    regional_petition.refresh_from_db()
    assert regional_petition.status == Petition.Status.GOAL_REACHED


def test_paused_counting_leaves_a_petition_alone(national_petition, provinces):
    Petition.objects.filter(pk=national_petition.pk).update(counting_paused=True)
    confirmed_now(national_petition, provinces[0], 3)
    assert counting.count_new_signatures() == {}


def test_nightly_recount_corrects_and_reports_drift(national_petition, provinces, caplog):
    confirmed_now(national_petition, provinces[0], 6)
    counting.count_new_signatures()
    PetitionCount.objects.filter(pk=national_petition.pk).update(confirmed=99)
    PetitionProvinceCount.objects.filter(petition=national_petition).update(confirmed=1)
    drifts = counting.recount_all()
    assert drifts[national_petition.pk]["total"] == 6 - 99
    assert drifts[national_petition.pk]["provinces"] == {provinces[0].pk: 5}
    assert PetitionCount.objects.get(pk=national_petition.pk).confirmed == 6
    assert PetitionProvinceCount.objects.get(petition=national_petition).confirmed == 6
    assert "drift" in caplog.text
    assert counting.recount_all() == {}


def test_invalidating_signatures_in_bulk_corrects_the_counts(
    national_petition, provinces, moderator
):
    confirmed_now(national_petition, provinces[0], 4)
    counting.count_new_signatures()
    with pytest.raises(ValidationError):
        services.invalidate_signatures(Signature.objects.all(), actor=moderator, reason=" ")
    from django.test import TestCase  # noqa: F401

    n = services.invalidate_signatures(
        Signature.objects.all()[:0] or Signature.objects.filter(province=provinces[0]),
        actor=moderator,
        reason="Cluster d'IP",
    )
    assert n == 4
    counting.recount_all()
    assert PetitionCount.objects.get(pk=national_petition.pk).confirmed == 0
