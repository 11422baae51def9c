"""Reopening: within the window, with a reason, back to the officer, counted."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from complaints import services
from complaints.models import Complaint, ComplaintPolicy

pytestmark = pytest.mark.django_db


def test_the_complainant_reopens_within_the_window(answered, citizen, complaints_officer_a):
    complaint = answered()
    mail.outbox.clear()
    services.reopen(complaint, actor=citizen, reason="Toujours pas réglé")
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.REOPENED
    assert complaint.reopened_count == 1
    assert complaint.reopen_reason == "Toujours pas réglé"
    assert complaint.answer_due == timezone.localdate() + datetime.timedelta(days=60)
    assert [m.to for m in mail.outbox] == [[complaints_officer_a.email]]


def test_a_reopened_complaint_goes_back_to_the_officer_and_is_answered_again(
    answered, citizen, complaints_officer_a
):
    complaint = services.reopen(answered(), actor=citizen, reason="Non")
    first = complaint.first_answered_at
    services.answer(complaint, actor=complaints_officer_a, outcome="positive", text="Réglé.")
    assert complaint.status == Complaint.Status.ANSWERED
    assert complaint.first_answered_at == first


def test_reopening_after_the_window_is_refused(answered, citizen):
    policy = ComplaintPolicy.current()
    complaint = answered()
    later = complaint.answered_at + datetime.timedelta(days=policy.reopen_days, minutes=1)
    with pytest.raises(ValidationError) as error:
        services.reopen(complaint, actor=citizen, reason="Trop tard", now=later)
    assert "30" in error.value.messages[0]


def test_the_window_is_data(answered, citizen):
    policy = ComplaintPolicy.current()
    policy.reopen_days = 90
    policy.save()
    complaint = answered()
    later = complaint.answered_at + datetime.timedelta(days=60)
    services.reopen(complaint, actor=citizen, reason="Encore", now=later)
    assert complaint.status == Complaint.Status.REOPENED


def test_a_closed_complaint_can_still_be_reopened_within_the_window(answered, citizen):
    complaint = services.close(answered())
    services.reopen(complaint, actor=citizen, reason="Non")
    assert complaint.status == Complaint.Status.REOPENED
    assert complaint.closed_at is None


def test_reopening_needs_a_reason(answered, citizen):
    with pytest.raises(ValidationError):
        services.reopen(answered(), actor=citizen, reason="  ")


def test_an_unanswered_complaint_cannot_be_reopened(forwarded, citizen):
    with pytest.raises(ValidationError):
        services.reopen(forwarded(), actor=citizen, reason="x")
