"""The public side: the form (good and bad input, in Arabic and French), confirmation,
the private tracking page and its forms, "my complaints", attachments."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from complaints import services
from complaints.models import Attachment, Complaint

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n" + b"0" * 64


def url(name, lang="fr", **kwargs):
    with translation.override(lang):
        return reverse(f"complaints:{name}", kwargs=kwargs or None)


def form_data(**overrides):
    data = {
        "kind": "complaint",
        "administration": "",
        "category": "",
        "subject": "Route abîmée",
        "description": "Des trous partout.",
        "province": "",
        "commune": "",
        "contact_preference": "email",
        "contact_name": "Youssef",
        "contact_email": "youssef@example.test",
        "contact_phone": "",
    }
    data.update(overrides)
    return data


def test_the_index_and_the_form_render_in_arabic_and_french(client):
    for lang in ("ar", "fr"):
        assert client.get(url("index", lang)).status_code == 200
        response = client.get(url("file", lang))
        assert response.status_code == 200
        assert b"data-notice" in response.content


def test_an_anonymous_visitor_files_with_a_photo_and_gets_a_private_link(
    client, administration_a, category_a
):
    photo = SimpleUploadedFile("photo.jpg", PNG, content_type="image/jpeg")
    response = client.post(
        url("file"),
        form_data(administration=administration_a.pk, category=category_a.pk, attachments=[photo]),
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("filed", token=complaint.tracking_token)
    assert complaint.channel == "web"
    assert complaint.category == category_a
    assert complaint.language == "fr"
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png"  # by content, not by name
    page = client.get(response["Location"])
    assert complaint.reference in page.content.decode()
    assert complaint.tracking_token in page.content.decode()
    assert mail.outbox[0].to == ["youssef@example.test"]


def test_a_signed_in_citizen_files_and_finds_it_in_my_complaints(client_for, citizen):
    client = client_for(citizen)
    client.post(url("file"), form_data(contact_name="", contact_email=""))
    complaint = Complaint.objects.get()
    assert complaint.complainant == citizen
    page = client.get(url("mine")).content.decode()
    assert complaint.reference in page


def test_my_complaints_needs_an_account(client):
    assert client.get(url("mine")).status_code == 302


def test_my_complaints_shows_only_mine(client_for, citizen, file):
    mine = file()
    other = services.file_complaint(
        subject="Autre", description="x", contact_email="x@example.test", contact_name="X"
    )
    page = client_for(citizen).get(url("mine")).content.decode()
    assert mine.reference in page
    assert other.reference not in page


@pytest.mark.parametrize(
    ("lang", "message"),
    [("fr", "Ce champ est obligatoire."), ("ar", "هذا الحقل مطلوب.")],
)
def test_form_errors_re_render_in_the_language(client, lang, message):
    response = client.post(url("file", lang), form_data(subject="", description=""))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Complaint.objects.count() == 0


def test_a_disguised_file_is_refused(client):
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = client.post(url("file"), form_data(attachments=[fake]))
    assert response.status_code == 200
    assert "photo.jpg" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_an_oversized_file_is_refused(client):
    big = SimpleUploadedFile(
        "scan.pdf", PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf"
    )
    response = client.post(url("file"), form_data(attachments=[big]))
    assert response.status_code == 200
    assert "10" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_a_category_of_another_administration_is_an_error(client, administration_a, category_b):
    response = client.post(
        url("file"), form_data(administration=administration_a.pk, category=category_b.pk)
    )
    assert response.status_code == 200
    assert Complaint.objects.count() == 0


def test_sms_without_a_phone_is_an_error(client):
    response = client.post(url("file"), form_data(contact_preference="sms"))
    assert response.status_code == 200
    assert Complaint.objects.count() == 0


def test_the_category_options_follow_the_administration(client, category_a, category_b):
    html = client.get(
        url("category_options"), {"administration": category_a.administration_id}
    ).content.decode()
    assert "Accueil" in html
    assert "Voirie" not in html
    assert client.get(url("category_options"), {"administration": "x"}).status_code == 200


def test_the_administration_finder_searches(client, administration_a, administration_b):
    html = client.get(url("administration_options"), {"q": "Ministère A"}).content.decode()
    assert f'value="{administration_a.pk}"' in html
    assert f'value="{administration_b.pk}"' not in html


def test_the_tracking_page_is_private_and_shows_the_story(client, answered):
    complaint = answered()
    assert client.get(url("track", token="not-the-token")).status_code == 404
    page = client.get(url("track", token=complaint.tracking_token)).content.decode()
    assert complaint.answer_text in page
    assert "noindex" in page
    assert 'action="' + url("track_rate", token=complaint.tracking_token) in page
    assert 'action="' + url("track_reopen", token=complaint.tracking_token) in page


def test_internal_notes_never_reach_the_tracking_page(client, forwarded, complaints_officer_a):
    complaint = forwarded()
    services.add_note(complaint, actor=complaints_officer_a, body="Secret interne")
    page = client.get(url("track", token=complaint.tracking_token)).content.decode()
    assert "Secret interne" not in page


def test_the_complainant_rates_reopens_and_writes_through_the_link(client, answered):
    complaint = answered()
    token = complaint.tracking_token
    client.post(url("track_rate", token=token), {"resolved": "no", "rating": "2", "comment": ""})
    client.post(url("track_message", token=token), {"body": "Rien n'a changé"})
    client.post(url("track_reopen", token=token), {"reason": "Pas résolu"})
    complaint.refresh_from_db()
    assert (complaint.resolved, complaint.rating) == (False, 2)
    assert complaint.status == Complaint.Status.REOPENED
    assert complaint.messages.get().body == "Rien n'a changé"


def test_a_bad_rating_is_refused_with_a_message(client, answered):
    complaint = answered()
    response = client.post(
        url("track_rate", token=complaint.tracking_token),
        {"resolved": "yes", "rating": "9"},
        follow=True,
    )
    complaint.refresh_from_db()
    assert complaint.rating is None
    assert b"alert-danger" in response.content


def test_attachments_are_served_to_the_link_holder_and_scoped_staff_only(
    client,
    client_for,
    administration_a,
    category_a,
    complaints_officer_a,
    complaints_officer_b,
    ogp_staff,
):
    complaint = services.file_complaint(
        subject="Photo",
        description="x",
        contact_name="X",
        contact_email="x@example.test",
        attachments=[(SimpleUploadedFile("p.png", PNG), "image/png")],
    )
    services.forward(complaint, actor=ogp_staff, administration=administration_a)
    attachment = complaint.attachments.get()
    tracked = url("tracked_attachment", token=complaint.tracking_token, pk=attachment.pk)
    response = client.get(tracked)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    staff_url = url("staff_attachment", pk=attachment.pk)
    assert client.get(staff_url).status_code == 302  # sign in first
    assert client_for(complaints_officer_b).get(staff_url).status_code == 404
    assert client_for(complaints_officer_a).get(staff_url).status_code == 200


def test_uploads_are_not_under_a_public_url(administration_a):
    complaint = services.file_complaint(
        subject="Photo",
        description="x",
        contact_name="X",
        contact_email="x@example.test",
        attachments=[(SimpleUploadedFile("p.png", PNG), "image/png")],
    )
    name = complaint.attachments.get().file.name
    assert name.startswith("complaints/")
    assert "p.png" not in name
    assert io  # stored name reveals nothing about the original


def test_without_javascript_asking_for_the_categories_files_nothing_and_keeps_the_text(
    client, administration_a, category_a, category_b
):
    response = client.post(
        url("file"),
        form_data(administration=administration_a.pk, subject="", show_categories="1"),
    )

    assert response.status_code == 200
    assert not Complaint.objects.exists()
    form = response.context["form"]
    assert list(form.fields["category"].queryset) == [category_a]
    html = response.content.decode()
    select = html[
        html.index('name="category"') : html.index("</select>", html.index('name="category"'))
    ]
    assert f'value="{category_a.pk}"' in select and f'value="{category_b.pk}"' not in select
    assert "Des trous partout." in html  # the description typed so far
    assert "is-invalid" not in html  # no error: nothing was sent yet


def test_an_impossibly_large_administration_number_is_ignored_not_a_500(client, db):
    response = client.get("/fr/complaints/new/", {"administration": "9" * 30})
    assert response.status_code == 200
    posted = client.post("/fr/complaints/new/", {"administration": "9" * 30, "province": "9" * 25})
    assert posted.status_code in (200, 429)
    assert 'lang="fr"' in posted.content.decode()
