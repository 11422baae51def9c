"""The life of a complaint through the services: every transition, guard, deadline and notice."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from complaints import services
from complaints.models import Complaint, ComplaintPolicy, InternalNote, Transfer
from ogp_portal.core.models import Notification, TimelineEvent

pytestmark = pytest.mark.django_db
S = Complaint.Status


def test_filing_gives_a_yearly_tracking_number_and_a_private_token(file):
    first, second = file(), file()
    year = timezone.localdate().year
    assert first.reference == f"CPL-{year}-000001"
    assert second.reference == f"CPL-{year}-000002"
    assert len(first.tracking_token) >= 30
    assert first.tracking_token != second.tracking_token
    assert first.status == S.RECEIVED


def test_filing_sets_the_deadlines_from_the_policy_data(file):
    policy = ComplaintPolicy.current()
    policy.forward_days, policy.answer_days = 10, 30
    policy.save()
    complaint = file()
    received = timezone.localdate(complaint.received_at)
    assert complaint.forward_due == received + datetime.timedelta(days=10)
    assert complaint.answer_due == received + datetime.timedelta(days=30)


def test_default_deadlines_are_15_and_60_days(file):
    complaint = file()
    received = timezone.localdate(complaint.received_at)
    assert (complaint.forward_due - received).days == 15
    assert (complaint.answer_due - received).days == 60


def test_filing_records_a_timeline_event_and_emails_the_complainant(file, citizen):
    complaint = file()
    event = TimelineEvent.objects.for_object(complaint).get()
    assert (event.kind, event.to_status) == ("filed", S.RECEIVED)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [citizen.email]
    assert complaint.reference in mail.outbox[0].subject
    assert complaint.tracking_token in mail.outbox[0].body


def test_sms_preference_sends_by_sms(file, sms_outbox):
    complaint = file(contact_phone="+212600000001", contact_preference="sms")
    assert sms_outbox == [
        {"to": "+212600000001", "body": sms_outbox[0]["body"]},
    ]
    assert complaint.reference in sms_outbox[0]["body"]
    assert mail.outbox == []


def test_sms_preference_without_a_phone_is_refused(file):
    with pytest.raises(ValidationError):
        file(contact_preference="sms")


def test_a_category_of_another_administration_is_refused(file, administration_a, category_b):
    with pytest.raises(ValidationError):
        file(administration=administration_a, category=category_b)


def test_triage_forwards_to_the_administration_and_acknowledges(
    file, ogp_staff, administration_a, complaints_officer_a
):
    complaint = file()
    mail.outbox.clear()
    services.forward(complaint, actor=ogp_staff, administration=administration_a)
    complaint.refresh_from_db()
    assert complaint.status == S.FORWARDED
    assert complaint.administration == administration_a
    assert complaint.forwarded_at is not None
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(["salma@example.test", complaints_officer_a.email])


def test_forwarding_needs_an_administration(file, ogp_staff):
    with pytest.raises(ValidationError):
        services.forward(file(), actor=ogp_staff)


def test_only_a_received_complaint_is_forwarded(forwarded, ogp_staff, administration_b):
    complaint = forwarded()
    with pytest.raises(ValidationError):
        services.forward(complaint, actor=ogp_staff, administration=administration_b)


def test_the_officer_answers_from_a_template(answered, template_a):
    complaint = answered()
    complaint.refresh_from_db()
    assert complaint.status == S.ANSWERED
    assert complaint.answer_outcome == "positive"
    assert complaint.answer_text == (
        f"Votre réclamation {complaint.reference} « Attente au guichet » est résolue."
    )
    assert complaint.first_answered_at == complaint.answered_at


def test_the_template_text_can_be_edited(forwarded, complaints_officer_a, template_a):
    complaint = services.answer(
        forwarded(),
        actor=complaints_officer_a,
        outcome="partial",
        text="Texte adapté.",
        template=template_a,
    )
    assert (complaint.answer_outcome, complaint.answer_text) == ("partial", "Texte adapté.")


def test_a_template_of_another_administration_is_refused(
    forwarded, complaints_officer_a, administration_b
):
    from complaints.models import ResponseTemplate

    other = ResponseTemplate.objects.create(
        administration=administration_b, title="B", outcome="negative", body="Non."
    )
    with pytest.raises(ValidationError):
        services.answer(forwarded(), actor=complaints_officer_a, outcome="", template=other)


def test_an_answer_needs_text_and_an_outcome(forwarded, complaints_officer_a):
    complaint = forwarded()
    with pytest.raises(ValidationError):
        services.answer(complaint, actor=complaints_officer_a, outcome="positive", text=" ")
    with pytest.raises(ValidationError):
        services.answer(complaint, actor=complaints_officer_a, outcome="maybe", text="Oui")


def test_a_received_complaint_cannot_be_answered(file, complaints_officer_a):
    with pytest.raises(ValidationError):
        services.answer(file(), actor=complaints_officer_a, outcome="positive", text="Oui")


def test_start_then_answer(forwarded, complaints_officer_a):
    complaint = services.start(forwarded(), actor=complaints_officer_a)
    assert complaint.status == S.IN_PROGRESS
    services.answer(complaint, actor=complaints_officer_a, outcome="negative", text="Non.")
    assert complaint.status == S.ANSWERED


def test_transfer_moves_the_complaint_with_a_reason(
    forwarded, complaints_officer_a, administration_b, complaints_officer_b
):
    complaint = forwarded()
    mail.outbox.clear()
    services.transfer(
        complaint,
        actor=complaints_officer_a,
        to_administration=administration_b,
        reason="Compétence",
    )
    complaint.refresh_from_db()
    assert complaint.administration == administration_b
    assert complaint.category is None
    assert complaint.status == S.FORWARDED
    transfer = Transfer.objects.get()
    assert (transfer.reason, transfer.to_administration) == ("Compétence", administration_b)
    assert complaints_officer_b.email in [m.to[0] for m in mail.outbox]


def test_transfer_needs_a_reason_and_another_administration(
    forwarded, complaints_officer_a, administration_a, administration_b
):
    complaint = forwarded()
    with pytest.raises(ValidationError):
        services.transfer(
            complaint, actor=complaints_officer_a, to_administration=administration_b, reason=""
        )
    with pytest.raises(ValidationError):
        services.transfer(
            complaint, actor=complaints_officer_a, to_administration=administration_a, reason="x"
        )


@pytest.mark.parametrize("reason", ["out_of_scope", "duplicate", "abusive"])
def test_triage_rejects_with_a_reason(file, ogp_staff, reason):
    complaint = services.reject(file(), actor=ogp_staff, reason=reason, note="Explication")
    assert complaint.status == S.REJECTED
    assert complaint.rejection_reason == reason
    assert "Explication" in mail.outbox[-1].body or complaint.reference in mail.outbox[-1].subject


def test_a_rejection_needs_a_known_reason_and_a_note(file, ogp_staff):
    complaint = file()
    with pytest.raises(ValidationError):
        services.reject(complaint, actor=ogp_staff, reason="bored", note="x")
    with pytest.raises(ValidationError):
        services.reject(complaint, actor=ogp_staff, reason="duplicate", note="")


def test_an_answered_complaint_cannot_be_rejected(answered, ogp_staff):
    with pytest.raises(ValidationError):
        services.reject(answered(), actor=ogp_staff, reason="duplicate", note="x")


def test_rating(answered, citizen):
    complaint = services.rate(answered(), actor=citizen, resolved=True, rating=4, comment="Merci")
    complaint.refresh_from_db()
    assert (complaint.resolved, complaint.rating, complaint.rating_comment) == (True, 4, "Merci")


@pytest.mark.parametrize("rating", [0, 6])
def test_a_rating_outside_1_to_5_is_refused(answered, citizen, rating):
    with pytest.raises(ValidationError):
        services.rate(answered(), actor=citizen, resolved=False, rating=rating)


def test_an_unanswered_complaint_cannot_be_rated(forwarded, citizen):
    with pytest.raises(ValidationError):
        services.rate(forwarded(), actor=citizen, resolved=True, rating=5)


def test_close(answered, complaints_officer_a):
    complaint = services.close(answered(), actor=complaints_officer_a)
    assert complaint.status == S.CLOSED
    assert complaint.closed_at is not None


def test_messages_and_internal_notes(forwarded, complaints_officer_a, citizen):
    complaint = forwarded()
    mail.outbox.clear()
    services.post_message(complaint, actor=citizen, body="Du nouveau ?", from_complainant=True)
    assert mail.outbox[-1].to == [complaints_officer_a.email]
    services.post_message(
        complaint, actor=complaints_officer_a, body="Bientôt", from_complainant=False
    )
    assert mail.outbox[-1].to == [citizen.email]
    note = services.add_note(complaint, actor=complaints_officer_a, body="Voir le service B")
    assert InternalNote.objects.get() == note
    private = TimelineEvent.objects.for_object(complaint).filter(kind="internal_note").get()
    assert private.is_public is False
    with pytest.raises(ValidationError):
        services.post_message(complaint, actor=citizen, body="  ", from_complainant=True)


def test_the_overdue_querysets(file, forwarded):
    late_triage = file()
    late_answer = forwarded()
    on_time = forwarded()
    Complaint.objects.filter(pk=late_triage.pk).update(
        forward_due=timezone.localdate() - datetime.timedelta(days=1)
    )
    Complaint.objects.filter(pk=late_answer.pk).update(
        answer_due=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert list(Complaint.objects.overdue_to_forward()) == [late_triage]
    assert list(Complaint.objects.overdue_to_answer()) == [late_answer]
    assert set(Complaint.objects.overdue()) == {late_triage, late_answer}
    assert on_time not in Complaint.objects.overdue()


def test_reminders_and_escalation_to_the_head(forwarded, administration_a, complaints_officer_a):
    administration_a.email = "cabinet@ministere-a.example.test"
    administration_a.save()
    late = forwarded()
    Complaint.objects.filter(pk=late.pk).update(
        answer_due=timezone.localdate() - datetime.timedelta(days=2)
    )
    mail.outbox.clear()
    result = services.send_reminders()
    assert result == {"reminded": 1, "escalated": 1, "triage_reminded": 0}
    recipients = [m.to[0] for m in mail.outbox]
    assert complaints_officer_a.email in recipients
    assert "cabinet@ministere-a.example.test" in recipients
    # Run again the same day: nobody is reminded or escalated twice.
    assert services.send_reminders() == {"reminded": 0, "escalated": 0, "triage_reminded": 0}


def test_the_beat_tasks_exist():
    from celery import current_app

    import complaints.tasks  # noqa: F401
    from complaints.beat import SCHEDULE

    for entry in SCHEDULE.values():
        assert entry["task"] in current_app.tasks


def test_notifications_render_in_the_complainants_language(file):
    from django.utils import translation

    with translation.override("ar"):
        file(language="fr")
    notification = Notification.objects.get()
    assert notification.language == "fr"
    assert "/fr/complaints/track/" in mail.outbox[0].body
