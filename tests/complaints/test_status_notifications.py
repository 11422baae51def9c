"""Every status change tells the complainant on their channel; triage is reminded of complaints
past the deadline to forward them, at most once a day per complaint."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from complaints import services
from complaints.models import Complaint
from ogp_portal.accounts import roles
from ogp_portal.core.models import Notification, TimelineEvent
from tests.factories import verified_user

pytestmark = pytest.mark.django_db
SMS = {"contact_phone": "+212600000009", "contact_preference": "sms"}


# --- taken in hand and closed ---------------------------------------------------------------


@pytest.fixture(autouse=True)
def english_by_default(settings, monkeypatch):
    """The assertions read the English wording: every recipient reads English here (Arabic,
    the default, is translated: tests/test_i18n.py checks the catalogues)."""
    from ogp_portal.core import notifications

    settings.LANGUAGE_CODE = "en"
    original = notifications.notify

    def in_english(recipient, *args, **kwargs):
        # Only where the portal's default would apply: a chosen language is kept.
        chosen = getattr(recipient, "preferred_language", "") not in ("", None, "ar")
        if not kwargs.get("language") and not chosen:
            kwargs["language"] = "en"
        return original(recipient, *args, **kwargs)

    monkeypatch.setattr("complaints.services.notify", in_english)


def test_taking_a_complaint_in_hand_emails_the_complainant(
    forwarded, complaints_officer_a, citizen
):
    complaint = forwarded()
    mail.outbox.clear()
    services.start(complaint, actor=complaints_officer_a)
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    message = mail.outbox[0]
    assert complaint.reference in message.subject
    assert "Ministry A" in message.body  # the administration, named in the reader's language
    assert complaint.tracking_token in message.body
    assert Notification.objects.filter(template="complaints/started").count() == 1


def test_taking_a_complaint_in_hand_texts_a_complainant_who_chose_sms(
    forwarded, complaints_officer_a, sms_outbox
):
    complaint = forwarded(**SMS)
    sms_outbox.clear()
    mail.outbox.clear()
    services.start(complaint, actor=complaints_officer_a)
    assert [s["to"] for s in sms_outbox] == ["+212600000009"]
    assert complaint.reference in sms_outbox[0]["body"]
    assert mail.outbox == []


def test_a_reopened_complaint_taken_in_hand_is_announced_too(
    answered, complaints_officer_a, citizen
):
    complaint = services.reopen(answered(), actor=citizen, reason="Toujours pas")
    mail.outbox.clear()
    services.start(complaint, actor=complaints_officer_a)
    assert citizen.email in [m.to[0] for m in mail.outbox]


def test_closing_emails_the_complainant(answered, complaints_officer_a, citizen):
    complaint = answered()
    mail.outbox.clear()
    services.close(complaint, actor=complaints_officer_a)
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    assert complaint.reference in mail.outbox[0].subject
    assert complaint.tracking_token in mail.outbox[0].body
    assert Notification.objects.filter(template="complaints/closed").count() == 1


def test_closing_texts_a_complainant_who_chose_sms(answered, sms_outbox):
    complaint = answered(**SMS)
    sms_outbox.clear()
    mail.outbox.clear()
    services.close(complaint)
    assert [s["to"] for s in sms_outbox] == ["+212600000009"]
    assert complaint.reference in sms_outbox[0]["body"]
    assert complaint.tracking_token in sms_outbox[0]["body"]
    assert mail.outbox == []


def test_closing_by_the_complainant_is_acknowledged_differently(answered, citizen):
    complaint = answered()
    mail.outbox.clear()
    services.close(complaint, actor=citizen, by_complainant=True)
    assert "You closed" in mail.outbox[0].body


@pytest.mark.parametrize(("language", "path"), [("fr", "/fr/"), ("ar", "/ar/")])
def test_the_new_notices_render_in_the_complainants_language(
    answered, complaints_officer_a, language, path
):
    complaint = answered(language=language)
    mail.outbox.clear()
    services.close(complaint, actor=complaints_officer_a)
    notification = Notification.objects.get(template="complaints/closed")
    assert notification.language == language
    assert f"{path}complaints/track/" in mail.outbox[0].body


def test_every_complainant_notice_has_its_email_and_sms_templates():
    from django.template.loader import get_template

    for name in ("filed", "forwarded", "transferred", "rejected", "started", "answered",
                 "closed", "message"):  # fmt: skip
        for suffix in ("subject.txt", "txt", "sms.txt"):
            get_template(f"notifications/complaints/{name}.{suffix}")


# --- reminders to triage --------------------------------------------------------------------


@pytest.fixture
def late_for_triage(file):
    def _late(days=1):
        complaint = file()
        Complaint.objects.filter(pk=complaint.pk).update(
            forward_due=timezone.localdate() - datetime.timedelta(days=days)
        )
        complaint.refresh_from_db()
        return complaint

    return _late


def triage_messages():
    return [m for m in mail.outbox if "forwarded" in m.subject and "deadline" in m.subject]


def test_triage_staff_are_reminded_of_complaints_past_the_deadline_to_forward(
    late_for_triage, file, ogp_staff, complaints_officer_a, citizen
):
    late = late_for_triage()
    on_time = file()
    mail.outbox.clear()
    result = services.send_reminders()
    assert result["triage_reminded"] == 1
    assert [m.to for m in triage_messages()] == [[ogp_staff.email]]
    body = triage_messages()[0].body
    assert late.reference in body
    assert on_time.reference not in body
    assert "/admin/complaints/complaint/?queue=overdue_forward" in body
    recipients = {m.to[0] for m in mail.outbox}
    assert complaints_officer_a.email not in recipients
    assert citizen.email not in recipients
    late.refresh_from_db()
    assert late.reminded_at is not None
    event = TimelineEvent.objects.for_object(late).get(kind="reminded")
    assert event.is_public is False


def test_triage_reminders_go_to_superusers_too_but_not_to_other_staff(
    late_for_triage, ogp_staff, civil_servant_a, moderator
):
    admin = verified_user(email="root@example.test", is_staff=True, is_superuser=True)
    gone = verified_user(email="gone@example.test", is_staff=True, roles=[roles.OGP_STAFF])
    gone.is_active = False
    gone.save()
    late_for_triage()
    mail.outbox.clear()
    services.send_reminders()
    assert sorted(m.to[0] for m in triage_messages()) == sorted([ogp_staff.email, admin.email])


def test_a_complaint_is_reminded_to_triage_at_most_once_a_day(late_for_triage, ogp_staff):
    late = late_for_triage()
    assert services.send_reminders()["triage_reminded"] == 1
    mail.outbox.clear()
    assert services.send_reminders()["triage_reminded"] == 0
    assert triage_messages() == []
    Complaint.objects.filter(pk=late.pk).update(
        reminded_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    assert services.send_reminders()["triage_reminded"] == 1
    assert len(triage_messages()) == 1


def test_one_message_per_triage_member_lists_every_late_complaint(late_for_triage, ogp_staff):
    first, second = late_for_triage(days=3), late_for_triage(days=1)
    mail.outbox.clear()
    assert services.send_reminders()["triage_reminded"] == 2
    [message] = triage_messages()
    assert "2 complaints" in message.subject
    assert message.body.index(first.reference) < message.body.index(second.reference)


def test_a_long_triage_list_names_the_first_ones_and_counts_the_rest(
    late_for_triage, ogp_staff, monkeypatch
):
    monkeypatch.setattr(services, "TRIAGE_REMINDER_LIST", 2)
    late = [late_for_triage(days=5 - i) for i in range(3)]
    mail.outbox.clear()
    services.send_reminders()
    [message] = triage_messages()
    assert late[0].reference in message.body
    assert late[2].reference not in message.body
    assert "and 1 more" in message.body


def test_forwarded_or_rejected_complaints_are_not_reminded_to_triage(
    late_for_triage, ogp_staff, administration_a
):
    forwarded = late_for_triage()
    services.forward(forwarded, actor=ogp_staff, administration=administration_a)
    rejected = late_for_triage()
    services.reject(rejected, actor=ogp_staff, reason="duplicate", note="Déjà reçue")
    mail.outbox.clear()
    assert services.send_reminders()["triage_reminded"] == 0
    assert triage_messages() == []


def test_without_triage_staff_nothing_is_marked_reminded(late_for_triage):
    late = late_for_triage()
    assert services.send_reminders()["triage_reminded"] == 0
    late.refresh_from_db()
    assert late.reminded_at is None


def test_the_triage_reminder_is_in_the_recipients_language(late_for_triage, ogp_staff):
    ogp_staff.preferred_language = "fr"
    ogp_staff.save()
    late_for_triage()
    services.send_reminders()
    assert Notification.objects.get(template="complaints/triage_reminder").language == "fr"
