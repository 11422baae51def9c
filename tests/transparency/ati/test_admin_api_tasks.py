"""The officer's admin (scoping, actions), the JSON API, the beat tasks and personal data."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from ogp_portal.core.deadlines import add_working_days
from ogp_portal.core.models import Notification, TimelineEvent
from transparency.ati import services, tasks
from transparency.models import InformationRequest

from .conftest import ADDRESS, CIN, NAME

pytestmark = pytest.mark.django_db


def change_url(req):
    return reverse("admin:transparency_informationrequest_change", args=[req.pk])


def act_url(req, action):
    return reverse("admin:transparency_informationrequest_act", args=[req.pk, action])


# --- Admin -----------------------------------------------------------------------------


def test_the_officer_sees_the_identity_and_timeline_of_their_bodys_request(
    client_for, officer_a, file_request
):
    req = file_request()
    html = client_for(officer_a).get(change_url(req)).content.decode()
    assert CIN in html and NAME in html
    assert "Eid al-Fitr" in html  # how the due date was computed
    assert "Acknowledge receipt" in html


def test_an_officer_of_another_body_gets_404_and_cannot_act(client_for, officer_b, file_request):
    req = file_request()
    client = client_for(officer_b)
    assert client.get(change_url(req)).status_code == 404
    assert client.post(act_url(req, "acknowledge"), {"note": ""}).status_code == 404
    req.refresh_from_db()
    assert req.status == "submitted"
    changelist = client.get(reverse("admin:transparency_informationrequest_changelist"))
    assert req.reference not in changelist.content.decode()


def test_a_civil_servant_of_the_body_sees_no_identity_and_cannot_act(
    client_for, civil_servant_a, file_request
):
    req = file_request()
    client = client_for(civil_servant_a)
    html = client.get(change_url(req)).content.decode()
    assert CIN not in html and ADDRESS not in html
    assert "No action is open to you" in html
    assert client.post(act_url(req, "acknowledge"), {"note": ""}).status_code == 403


def test_the_officer_acknowledges_and_answers_in_the_admin(client_for, officer_a, file_request):
    from django.core.files.uploadedfile import SimpleUploadedFile

    req = file_request()
    client = client_for(officer_a)
    response = client.post(act_url(req, "acknowledge"), {"note": "Received."})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == "acknowledged"
    pdf = SimpleUploadedFile("data.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    client.post(act_url(req, "answer"), {"text": "Here is the data.", "files": [pdf]})
    req.refresh_from_db()
    assert req.status == "answered"
    assert req.answers.get().attachments.count() == 1


def test_a_failed_action_shows_the_reason_and_changes_nothing(client_for, officer_a, file_request):
    from django.core.files.uploadedfile import SimpleUploadedFile

    req = file_request()
    client = client_for(officer_a)
    exe = SimpleUploadedFile("data.pdf", b"MZ\x90\x00", content_type="application/pdf")
    response = client.post(act_url(req, "answer"), {"text": "Here.", "files": [exe]}, follow=True)
    assert "not an accepted file" in response.content.decode()
    response = client.post(act_url(req, "refuse"), {"reason": "x"}, follow=True)
    assert "This field is required." in response.content.decode()
    req.refresh_from_db()
    assert req.status == "submitted"


def test_staff_record_a_counter_request_in_the_admin(client_for, officer_a, administration_a):
    response = client_for(officer_a).post(
        reverse("admin:transparency_informationrequest_add"),
        {
            "administration": administration_a.pk,
            "channel": "counter",
            "received_on": "2026-03-16",
            "requester_name": "Fatima at the counter",
            "postal_address": "Rabat",
            "contact_email": "",
            "cin": "x 9999",
            "subject": "Counter request",
            "description": "Asked in person.",
            "preferred_format": "paper",
            "delivery": "collect",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    req = InformationRequest.objects.get()
    assert req.channel == "counter" and req.cin == "X9999"
    assert req.due_date == datetime.date(2026, 4, 14)
    assert list(TimelineEvent.objects.for_object(req).values_list("kind", flat=True)) == [
        "recorded"
    ]


# --- API ---------------------------------------------------------------------------------


def test_the_api_lists_public_requests_without_identity(client, file_request, citizen, officer_a):
    public = file_request()
    services.answer(public, actor=officer_a, text="Answer text.")
    file_request(is_private=True, subject="Private one")
    response = client.get("/api/v1/requests/")
    assert response.status_code == 200
    body = response.content.decode()
    data = json.loads(body)
    assert [r["reference"] for r in data["results"]] == [public.reference]
    assert data["results"][0]["answers"][0]["text"] == "Answer text."
    for secret in (CIN, NAME, ADDRESS, citizen.email, "cin", "requester", "email"):
        assert secret not in body, secret


def test_the_api_filters_like_the_list_and_rejects_bad_filters(
    client, file_request, administration_b
):
    file_request()
    other = file_request(administration=administration_b)
    data = client.get("/api/v1/requests/", {"administration": "ministere-b"}).json()
    assert [r["reference"] for r in data["results"]] == [other.reference]
    response = client.get("/api/v1/requests/", {"status": "nonsense"})
    assert response.status_code == 400
    assert "status" in response.json()
    assert client.get("/api/v1/requests/", {"year": "abc"}).status_code == 400


def test_the_api_gives_per_body_statistics(client, file_request, officer_a):
    req = file_request()
    services.answer(req, actor=officer_a, text="Here.", on=datetime.date(2026, 3, 30))
    data = client.get("/api/v1/request-stats/").json()
    assert data[0]["administration"] == "ministere-a"
    assert data[0]["on_time_percent"] == 100
    one = client.get("/api/v1/request-stats/ministere-a/").json()
    assert one["received"] == 1 and one["median_working_days"] == 9
    assert client.get("/api/v1/request-stats/nowhere/").status_code == 404


# --- Beat tasks ---------------------------------------------------------------------------


def test_silence_at_the_deadline_becomes_an_implicit_refusal(file_request, officer_a, citizen):
    today = timezone.localdate()
    late = file_request(received_on=today - datetime.timedelta(days=60))
    on_time = file_request(received_on=today)
    answered = file_request(received_on=today - datetime.timedelta(days=60))
    services.answer(answered, actor=officer_a, text="Here.")
    assert tasks.record_implicit_refusals.delay().get() == 1
    late.refresh_from_db(), on_time.refresh_from_db(), answered.refresh_from_db()
    assert late.status == "implicitly_refused"
    assert on_time.status == "submitted" and answered.status == "answered"
    from ogp_portal.core.notifications import render_notification

    notice = Notification.objects.get(
        recipient=citizen, template="transparency/ati/request_implicitly_refused"
    )
    notice.language = "en"
    subject, body = render_notification(notice)
    assert late.reference in subject
    assert "complain to the head of the institution" in body and "CDAI" in body
    assert tasks.record_implicit_refusals.delay().get() == 0


def test_officers_are_reminded_5_and_1_working_days_before_once(file_request, officer_a):
    today = timezone.localdate()
    req = file_request(received_on=today)
    five = add_working_days(today, 5).due
    one = add_working_days(today, 1).due
    InformationRequest.objects.filter(pk=req.pk).update(due_date=five)
    reminders = Notification.objects.filter(template="transparency/ati/request_reminder")
    assert tasks.send_deadline_reminders.delay().get() == 1
    assert tasks.send_deadline_reminders.delay().get() == 0
    assert reminders.count() == 1 and reminders.get().recipient == officer_a
    InformationRequest.objects.filter(pk=req.pk).update(due_date=one)
    assert tasks.send_deadline_reminders.delay().get() == 1
    assert tasks.send_deadline_reminders.delay().get() == 0
    assert reminders.count() == 2
    # Reminders are internal: not on the public timeline.
    assert not TimelineEvent.objects.for_object(req).public().filter(kind="reminder").exists()


def test_the_beat_schedule_names_registered_tasks():
    from ogp_portal.celery import app
    from transparency.ati.beat import SCHEDULE

    assert len(SCHEDULE) == 2
    for entry in SCHEDULE.values():
        assert entry["task"] in app.tasks


# --- Personal data ----------------------------------------------------------------------------


def test_my_data_exports_the_requests_and_deletion_keeps_the_public_record(file_request, citizen):
    from ogp_portal.accounts.services import delete_account, export_personal_data

    req = file_request()
    exported = export_personal_data(citizen)
    mine = json.dumps(exported, default=str)
    assert req.reference in mine and CIN in mine
    delete_account(citizen)
    req.refresh_from_db()
    assert req.subject == "Budget of the water programme"
    assert (req.requester_name, req.postal_address, req.cin, req.cin_hash, req.contact_email) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert req.requester is None
