"""Public pages: register, request page, asking form, my requests, scorecard; privacy and bad input."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from transparency.ati import services
from transparency.models import InformationRequest

from .conftest import ADDRESS, CIN, NAME

pytestmark = pytest.mark.django_db


def url(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(f"transparency:{name}", kwargs=kwargs or None)


def assert_no_identity(html: str, citizen) -> None:
    for secret in (CIN, NAME, ADDRESS, citizen.email, citizen.full_name, "AB••"):
        assert secret not in html, f"{secret!r} leaked"


def test_the_register_lists_public_requests_without_identity(client, file_request, citizen):
    public = file_request(subject="Water budget")
    file_request(subject="Secret health file", is_private=True)
    response = client.get(url("request_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert public.reference in html and "Water budget" in html
    assert "Secret health file" not in html
    assert_no_identity(html, citizen)


def test_the_register_filters_by_status_body_year_outcome_and_overdue(
    client, file_request, officer_a, administration_b
):
    answered = file_request(subject="Answered one")
    services.answer(answered, actor=officer_a, text="Here.", on=datetime.date(2026, 4, 1))
    file_request(subject="Late one", received_on=datetime.date(2026, 1, 5))
    other = file_request(subject="Other body", administration=administration_b)
    page = lambda **q: client.get(url("request_list"), q).content.decode()  # noqa: E731
    assert "Answered one" in page(status="answered") and "Late one" not in page(status="answered")
    assert "Other body" in page(administration="ministere-b")
    assert "Answered one" not in page(administration="ministere-b")
    assert "Answered one" in page(outcome="answered")
    assert "Late one" in page(overdue="true") and "Answered one" not in page(overdue="true")
    assert "Late one" in page(year="2026") and "Late one" not in page(year="2025")
    assert "Late one" not in page(q="body")
    assert other.reference in page(q="body")


def test_a_bad_filter_shows_a_warning_not_a_500(client, file_request):
    file_request()
    response = client.get(url("request_list"), {"year": "abc", "status": "nonsense"})
    assert response.status_code == 200
    assert "Some filters were not understood." in response.content.decode()


def test_the_register_exports_csv_without_identity(client, file_request, citizen):
    req = file_request()
    response = client.get(url("request_list"), {"format": "csv"})
    body = response.content.decode("utf-8-sig")
    assert req.reference in body
    assert_no_identity(body, citizen)


def test_the_request_page_shows_the_deadline_and_how_it_was_computed(client, file_request, citizen):
    req = file_request()
    html = client.get(url("request_detail", reference=req.reference)).content.decode()
    assert "Eid al-Fitr" in html
    assert "14 April 2026" in html
    assert_no_identity(html, citizen)


def test_the_request_page_in_arabic_and_french(client, file_request, citizen):
    req = file_request()
    for lang in ("ar", "fr"):
        response = client.get(url("request_detail", lang=lang, reference=req.reference))
        assert response.status_code == 200
        assert_no_identity(response.content.decode(), citizen)


def test_a_private_request_is_404_for_others_but_readable_by_its_requester(
    client, client_for, file_request, citizen, civil_servant_b
):
    req = file_request(is_private=True)
    assert client.get(url("request_detail", reference=req.reference)).status_code == 404
    assert (
        client_for(civil_servant_b).get(url("request_detail", reference=req.reference)).status_code
        == 404
    )
    assert (
        client_for(citizen).get(url("request_detail", reference=req.reference)).status_code == 200
    )


def test_the_answer_and_its_attachment_are_public_once_sent(client, file_request, officer_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    req = file_request()
    pdf = SimpleUploadedFile(
        "budget.pdf", b"%PDF-1.4 budget\n%%EOF", content_type="application/pdf"
    )
    reply = services.answer(req, actor=officer_a, text="The budget is 12 MMAD.", files=[pdf])
    html = client.get(url("request_detail", reference=req.reference)).content.decode()
    assert "The budget is 12 MMAD." in html
    attachment = reply.attachments.get()
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_attachments_of_a_private_request_are_404_for_others(client, file_request, officer_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    req = file_request(is_private=True)
    pdf = SimpleUploadedFile("x.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    reply = services.answer(req, actor=officer_a, text="Here.", files=[pdf])
    assert client.get(reply.attachments.get().get_absolute_url()).status_code == 404


def test_asking_needs_a_signed_in_verified_user(client, client_for):
    response = client.get(url("request_new"))
    assert response.status_code == 302 and "login" in response["Location"]
    from tests.factories import UserFactory

    unverified = UserFactory(email="unverified@example.test")
    response = client_for(unverified).get(url("request_new"))
    assert response.status_code == 302


def form_data(administration, **overrides):
    data = {
        "administration": administration.pk,
        "requester_name": "Salma Citizen",
        "postal_address": "1 rue X, Rabat",
        "cin": "ab 123456",
        "subject": "Hospital beds in Rabat",
        "description": "How many beds?",
        "preferred_format": "electronic",
        "delivery": "portal",
        "eligibility": "on",
    }
    data.update(overrides)
    return data


def test_a_citizen_files_a_request_from_the_form(client_for, citizen, administration_a, officer_a):
    client = client_for(citizen)
    page = client.get(url("request_new"))
    html = page.content.decode()
    assert "Law 09-08" in html or "CNDP" in html
    assert "Moroccan citizen or a foreigner legally resident" in html
    response = client.post(url("request_new"), form_data(administration_a))
    req = InformationRequest.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(req.reference + "/")
    assert req.requester == citizen and req.cin == "AB123456"
    assert req.administration == administration_a


def test_similar_public_requests_are_shown_before_sending(
    client_for, citizen, file_request, administration_a
):
    existing = file_request(subject="Hospital beds in Rabat")
    client = client_for(citizen)
    response = client.post(url("request_new"), form_data(administration_a))
    html = response.content.decode()
    assert response.status_code == 200
    assert existing.reference in html or "Hospital beds in Rabat" in html
    assert "Follow this one instead" in html
    assert InformationRequest.objects.count() == 1
    response = client.post(url("request_new"), form_data(administration_a, confirm="1"))
    assert response.status_code == 302
    assert InformationRequest.objects.count() == 2


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_form_errors_re_render_in_the_users_language(client_for, citizen, administration_a, lang):
    with translation.override(lang):
        required = translation.gettext("This field is required.")
    assert required != "This field is required."
    client = client_for(citizen)
    response = client.post(
        url("request_new", lang=lang),
        form_data(administration_a, subject="", cin="123", eligibility=""),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert required in html
    assert f'lang="{lang}"' in html
    assert not InformationRequest.objects.exists()


def test_urgency_without_justification_is_a_form_error(client_for, citizen, administration_a):
    response = client_for(citizen).post(
        url("request_new"), form_data(administration_a, is_urgent="on")
    )
    assert response.status_code == 400
    assert "Say why the information is needed urgently." in response.content.decode()


def test_the_administration_finder_narrows_the_choices(
    client_for, citizen, administration_a, administration_b
):
    administration_b.kind = administration_b.Kind.COMMUNAL_COUNCIL
    administration_b.save(update_fields=["kind"])
    client = client_for(citizen)
    html = client.get(url("request_new"), {"kind": "ministry"}).content.decode()
    assert f'value="{administration_a.pk}"' in html
    assert f'value="{administration_b.pk}"' not in html
    html = client.get(url("request_new"), {"find": "Ministry B"}).content.decode()
    assert f'value="{administration_b.pk}"' in html


def test_the_requester_follows_clarifies_and_complains_from_the_page(
    client_for, citizen, file_request, officer_a
):
    req = file_request(received_on=datetime.date.today() - datetime.timedelta(days=2))
    services.request_clarification(req, actor=officer_a, question="Which year?")
    client = client_for(citizen)
    response = client.post(url("request_clarify", reference=req.reference), {"text": "2025."})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == "acknowledged"
    services.answer(req, actor=officer_a, text="Here.")
    html = client.get(url("request_detail", reference=req.reference)).content.decode()
    assert "Complain to the head of the institution" in html
    response = client.post(
        url("request_appeal", reference=req.reference, level="head"), {"grounds": ""}
    )
    assert response.status_code == 400
    response = client.post(
        url("request_appeal", reference=req.reference, level="head"), {"grounds": "Incomplete."}
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == "appeal_head"


def test_only_the_requester_may_complain(client_for, file_request, officer_a, moderator):
    req = file_request()
    services.answer(req, actor=officer_a, text="Here.")
    response = client_for(moderator).post(
        url("request_appeal", reference=req.reference, level="head"), {"grounds": "Mine?"}
    )
    assert response.status_code == 404


def test_following_from_the_page(client_for, file_request, moderator):
    req = file_request()
    client = client_for(moderator)
    client.post(url("request_follow", reference=req.reference))
    assert req.followers.filter(pk=moderator.pk).exists()
    client.post(url("request_follow", reference=req.reference), {"unfollow": "1"})
    assert not req.followers.filter(pk=moderator.pk).exists()


def test_my_requests_lists_the_requesters_own_requests(
    client_for, citizen, file_request, moderator
):
    req = file_request(is_private=True)
    assert req.reference in client_for(citizen).get(url("request_mine")).content.decode()
    assert req.reference not in client_for(moderator).get(url("request_mine")).content.decode()


def test_the_scorecard_ranks_administrations(client, file_request, officer_a, administration_b):
    answered = file_request()
    services.answer(answered, actor=officer_a, text="Here.", on=datetime.date(2026, 3, 30))
    file_request(administration=administration_b, received_on=datetime.date(2026, 1, 5))
    html = client.get(url("request_scorecard")).content.decode()
    assert "Ministry A" in html and "Ministry B" in html
    assert html.index("Ministry A") < html.index("Ministry B")
    assert "100 %" in html


def test_scorecard_for_an_administration(
    file_request, officer_a, administration_a, grounds, citizen
):
    from transparency.ati.stats import scorecard_for

    on_time = file_request()
    services.answer(on_time, actor=officer_a, text="Here.", on=datetime.date(2026, 3, 30))
    late = file_request()
    services.answer(late, actor=officer_a, text="Here.", on=datetime.date(2026, 4, 20))
    refused = file_request()
    services.refuse(
        refused,
        actor=officer_a,
        ground=grounds["secret-by-law"],
        reason="Secret.",
        on=datetime.date(2026, 3, 20),
    )
    services.appeal_to_head(refused, actor=citizen, grounds="Why?", on=datetime.date(2026, 3, 25))
    card = scorecard_for(administration_a)
    assert card.received == 3
    assert card.answered == 3 and card.answered_on_time == 2
    assert card.on_time_percent == 67
    # 9 (30 March), 24 (20 April) and 3 (20 March, Eid) working days: median 9.
    assert card.median_working_days == 9
    assert card.outcomes == {"answered": 2, "refused": 1}
    assert card.appeals == 1


def test_the_form_is_prefilled_from_a_refused_dataset_request(
    client_for, citizen, administration_a
):
    # opendata's DatasetRequest.ati_url() links here with these three parameters.
    response = client_for(citizen).get(
        url("request_new"),
        {
            "administration": administration_a.slug,
            "subject": "Budget data 2025",
            "description": "x" * 6000,
        },
    )
    form = response.context["form"]
    assert form.initial["administration"] == administration_a
    assert form.initial["subject"] == "Budget data 2025"
    assert len(form.initial["description"]) == 5000


def test_the_directory_page_of_a_body_shows_its_requests_scorecard(
    client, file_request, administration_a
):
    file_request()
    html = client.get(f"/en/directory/a/{administration_a.slug}/").content.decode()

    assert 'id="panel-transparency-requests"' in html
    assert "Requests received" in html
    assert f"?administration={administration_a.slug}" in html


def test_request_statistics_are_offered_to_opendata_without_personal_data(
    file_request, administration_a
):
    from ogp_portal.core.registry import public_exports

    file_request()
    export = next(e for e in public_exports() if e.key == "transparency-request-statistics")
    headers, rows = export.build()

    assert headers[0] == "administration" and "received" in headers
    # Filed on 16 March 2026 and never answered: pending, and overdue by now.
    assert rows == [[administration_a.slug, administration_a.name_fr, 1, 0, 0, None, None, 1, 1, 0]]
    assert not any(NAME in str(cell) or CIN in str(cell) for row in rows for cell in row)
