"""The staff side: scoping (404 outside one's administration), triage, the officer's
actions from the change page, the call-centre intake with its SMS."""

import pytest
from django.urls import reverse

from complaints import services
from complaints.models import Complaint

pytestmark = pytest.mark.django_db


def change_url(complaint):
    return reverse("admin:complaints_complaint_change", args=[complaint.pk])


def act_url(complaint, action):
    return reverse("admin:complaints_complaint_act", args=[complaint.pk, action])


@pytest.fixture
def complaint_b(file, ogp_staff, administration_b, category_b):
    return services.forward(file(), actor=ogp_staff, administration=administration_b)


def test_an_officer_sees_only_their_administrations_complaints(
    client_for, complaints_officer_a, forwarded, complaint_b
):
    mine = forwarded()
    client = client_for(complaints_officer_a)
    changelist = client.get(reverse("admin:complaints_complaint_changelist")).content.decode()
    assert mine.reference in changelist
    assert complaint_b.reference not in changelist
    assert client.get(change_url(mine)).status_code == 200
    assert client.get(change_url(complaint_b)).status_code == 404
    assert client.post(act_url(complaint_b, "note"), {"note-body": "x"}).status_code == 404


def test_an_officer_does_not_see_the_triage_queue(client_for, complaints_officer_a, file):
    waiting = file()
    client = client_for(complaints_officer_a)
    assert client.get(change_url(waiting)).status_code == 404


def test_triage_sees_and_forwards_everything(client_for, ogp_staff, file, administration_a):
    complaint = file()
    client = client_for(ogp_staff)
    queue = client.get(reverse("admin:complaints_complaint_changelist") + "?queue=triage")
    assert complaint.reference in queue.content.decode()
    page = client.get(change_url(complaint)).content.decode()
    assert 'id="workflow-forward"' in page
    client.post(act_url(complaint, "forward"), {"forward-administration": administration_a.pk})
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.FORWARDED


def test_the_officer_answers_from_a_template_in_the_admin(
    client_for, complaints_officer_a, forwarded, template_a
):
    complaint = forwarded()
    client = client_for(complaints_officer_a)
    page = client.get(change_url(complaint)).content.decode()
    assert 'id="workflow-answer"' in page
    assert 'id="workflow-forward"' not in page  # triage only
    client.post(act_url(complaint, "answer"), {"answer-template": template_a.pk})
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.ANSWERED
    assert complaint.answer_outcome == "positive"


def test_an_invalid_action_form_changes_nothing(client_for, complaints_officer_a, forwarded):
    complaint = forwarded()
    response = client_for(complaints_officer_a).post(act_url(complaint, "answer"), {}, follow=True)
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.FORWARDED
    assert response.status_code == 200


def test_an_officer_cannot_forward_or_reject(client_for, complaints_officer_a, forwarded):
    complaint = forwarded()
    client = client_for(complaints_officer_a)
    response = client.post(
        act_url(complaint, "reject"), {"reject-reason": "duplicate", "reject-note": "x"}
    )
    assert response.status_code == 403


def test_internal_notes_and_messages_from_the_admin(
    client_for, complaints_officer_a, forwarded, citizen
):
    complaint = forwarded()
    client = client_for(complaints_officer_a)
    client.post(act_url(complaint, "note"), {"note-body": "À vérifier"})
    client.post(act_url(complaint, "message"), {"message-body": "Pouvez-vous préciser ?"})
    assert complaint.internal_notes.get().body == "À vérifier"
    assert complaint.messages.get().from_complainant is False
    page = client.get(change_url(complaint)).content.decode()
    assert "À vérifier" in page


def test_the_overdue_list(client_for, complaints_officer_a, forwarded):
    import datetime

    from django.utils import timezone

    late, fine = forwarded(), forwarded()
    Complaint.objects.filter(pk=late.pk).update(
        answer_due=timezone.localdate() - datetime.timedelta(days=1)
    )
    page = (
        client_for(complaints_officer_a)
        .get(reverse("admin:complaints_complaint_changelist") + "?queue=overdue")
        .content.decode()
    )
    assert late.reference in page
    assert fine.reference not in page


def test_the_call_centre_agent_files_for_a_caller_who_gets_an_sms(
    client_for, call_centre_agent, sms_outbox, administration_a
):
    client = client_for(call_centre_agent)
    intake = reverse("admin:complaints_complaint_intake")
    assert client.get(intake).status_code == 200
    response = client.post(
        intake,
        {
            "kind": "complaint",
            "channel": "phone",
            "administration": administration_a.pk,
            "category": "",
            "subject": "Coupure d'eau",
            "description": "Depuis deux jours.",
            "province": "",
            "commune": "",
            "contact_name": "Fatima",
            "contact_phone": "+212611223344",
            "contact_email": "",
            "contact_preference": "sms",
            "language": "ar",
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.channel == "phone"
    assert complaint.contact_phone == "+212611223344"
    assert complaint.filed_by == call_centre_agent
    assert complaint.complainant is None
    assert [m["to"] for m in sms_outbox] == ["+212611223344"]
    assert complaint.reference in sms_outbox[0]["body"]


def test_a_phone_intake_needs_the_callers_phone(client_for, call_centre_agent):
    response = client_for(call_centre_agent).post(
        reverse("admin:complaints_complaint_intake"),
        {
            "kind": "complaint",
            "channel": "phone",
            "subject": "x",
            "description": "y",
            "contact_name": "Fatima",
            "contact_preference": "email",
            "contact_email": "f@example.test",
            "language": "fr",
        },
    )
    assert response.status_code == 200
    assert Complaint.objects.count() == 0


def test_a_citizen_cannot_reach_the_intake(client_for, citizen):
    response = client_for(citizen).get(reverse("admin:complaints_complaint_intake"))
    assert response.status_code == 302  # the admin sends non-staff to sign in


def test_an_officer_edits_only_their_categories_and_templates(
    client_for, complaints_officer_a, category_a, category_b
):
    client = client_for(complaints_officer_a)
    assert (
        client.get(reverse("admin:complaints_category_change", args=[category_a.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("admin:complaints_category_change", args=[category_b.pk])).status_code
        == 404
    )


def test_api_keys_are_issued_by_staff_and_shown_once(admin_client):
    response = admin_client.post(
        reverse("admin:complaints_apikey_add"),
        {"name": "Appli Rabat", "is_active": "on"},
        follow=True,
    )
    from complaints.models import ApiKey

    key = ApiKey.objects.get()
    message = [str(m) for m in response.context["messages"]][0]
    raw = message.split(" ")[
        -1
        - message.split(" ")[::-1].index(
            next(w for w in message.split(" ")[::-1] if w.startswith(key.prefix))
        )
    ]
    assert raw.startswith(key.prefix)
    assert ApiKey.authenticate(raw.rstrip(".")) == key


def test_an_officer_cannot_see_api_keys(client_for, complaints_officer_a):
    response = client_for(complaints_officer_a).get(reverse("admin:complaints_apikey_changelist"))
    assert response.status_code == 403


def test_the_intake_offers_every_category_and_the_category_gives_the_administration(
    client_for, call_centre_agent, category_a, category_b
):
    client = client_for(call_centre_agent)
    page = client.get(reverse("admin:complaints_complaint_intake")).content.decode()
    assert "Ministère A — Accueil" in page or "الوزارة أ — الاستقبال" in page
    client.post(
        reverse("admin:complaints_complaint_intake"),
        {
            "kind": "observation",
            "channel": "counter",
            "category": category_b.pk,
            "subject": "Nid-de-poule",
            "description": "Rue 5",
            "contact_name": "Ali",
            "contact_phone": "+212600000111",
            "contact_preference": "sms",
            "language": "fr",
        },
    )
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.administration) == ("counter", category_b.administration)
