"""Public pages: the three views on the commitment and plan pages, the assessments page, the
form (good and bad input, closed window), the reply (scoped), evidence files, organisations.
No email on any public page; names only as each person chose."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from transparency.coeval import services
from transparency.models import Assessment, AssessmentReply, OrganisationMembership

from .conftest import JUSTIFICATION, PDF, close

pytestmark = pytest.mark.django_db


def page(plan, commitment, suffix=""):
    return f"/transparency/plans/{plan.slug}/commitments/{commitment.number}/{suffix}"


@pytest.fixture
def contested(commitment_a, open_window, people, assess, ogp_staff):
    """Five assessments of commitment A (official: substantial): three by name, one by an
    organisation, median not started -> contested."""
    membership = services.request_organisation(
        actor=people[4], name="Réseau Citoyen", registration_number="R-9", role="Présidente"
    )
    services.verify_membership(membership, actor=ogp_staff)
    for person in people[:3]:
        assess(commitment_a, person, open_window, "not_started", name_display="full")
    assess(commitment_a, people[3], open_window, "limited", name_display="initials")
    assess(
        commitment_a,
        people[4],
        open_window,
        "not_started",
        organisation=membership.organisation,
        justification="Notre réseau n'a trouvé aucune publication du tableau de bord promis.",
    )
    return membership.organisation


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_the_commitment_page_shows_the_three_views_in_each_language_without_email(
    client, lang, plan, commitment_a, open_window, contested, people, levels
):
    commitment_a.irm_completion = levels["completion"]["limited"]
    commitment_a.save(update_fields=["irm_completion"])
    body = client.get(f"/{lang}{page(plan, commitment_a)}").content.decode()
    assert 'id="coevaluation"' in body
    assert "60 %" in body  # the official account
    assert str(levels["completion"]["limited"].label) in body  # the IRM rating (active language)
    for person in people:
        assert person.email not in body
    assert "badge text-bg-warning" in body  # contested


def test_the_plan_overview_lists_the_three_views_and_the_contested_commitment(
    client, plan, commitment_a, commitment_b, open_window, contested
):
    body = client.get(f"/en{plan.get_absolute_url().removeprefix('/ar')}").content.decode()
    assert "Three views of the commitments" in body
    assert "1 contested commitment" in body
    assert "Official:" in body and "Public:" in body


def test_the_plan_overview_says_nothing_before_a_window_opened(client, plan, commitment_a):
    body = client.get(f"/en/transparency/plans/{plan.slug}/").content.decode()
    assert "Three views of the commitments" not in body


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_the_assessments_page_shows_names_only_as_chosen_and_never_an_email(
    client, lang, plan, commitment_a, open_window, contested, people
):
    response = client.get(f"/{lang}{page(plan, commitment_a, 'assessments/')}")
    assert response.status_code == 200
    body = response.content.decode()
    for person in people[:3]:
        assert person.full_name in body  # chose their full name
    import re

    i = body.find(people[3].full_name)
    assert i == -1, body[i - 300 : i + 100]
    assert re.search(r"<span>\s*PE\s*</span>", body)  # initials of "Person3 Example"
    for person in people:
        assert person.email not in body
    assert "Réseau Citoyen" in body
    assert JUSTIFICATION in body


def test_the_assessments_list_filters_organisations_apart(
    client, plan, commitment_a, open_window, contested, people
):
    url = f"/en{page(plan, commitment_a, 'assessments/')}"
    body = client.get(url + "?who=organisations").content.decode()
    assert body.count('id="assessment-') == 1 and "Réseau Citoyen" in body
    body = client.get(url + "?who=individuals").content.decode()
    assert body.count('id="assessment-') == 4
    assert client.get(url + "?who=nonsense").status_code == 200


def test_a_hidden_assessment_leaves_the_page(client, plan, commitment_a, open_window, contested):
    hidden = Assessment.objects.filter(organisation__isnull=True).first()
    Assessment.objects.filter(pk=hidden.pk).update(is_hidden=True)
    body = client.get(f"/en{page(plan, commitment_a, 'assessments/')}").content.decode()
    assert f'id="assessment-{hidden.pk}"' not in body


def test_an_assessment_can_be_reported_from_the_page(
    client_for, plan, commitment_a, open_window, contested, citizen
):
    assessment = Assessment.objects.first()
    client = client_for(citizen)
    body = client.get(f"/en{page(plan, commitment_a, 'assessments/')}").content.decode()
    assert f"/en/report/transparency/assessment/{assessment.pk}/" in body
    response = client.post(
        f"/en/report/transparency/assessment/{assessment.pk}/",
        {"reason": "offensive", "next": "/en/"},
    )
    assert response.status_code == 302
    assert assessment.__class__.objects.get(pk=assessment.pk).is_hidden is False  # one report


# --- The form ------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_sign_in(client, plan, commitment_a, open_window):
    response = client.get(f"/fr{page(plan, commitment_a, 'assessments/assess/')}")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_citizen_assesses_through_the_form_then_edits(
    client_for, plan, commitment_a, open_window, citizen, levels
):
    client = client_for(citizen)
    url = f"/fr{page(plan, commitment_a, 'assessments/assess/')}"
    assert client.get(url).status_code == 200
    data = {
        "completion": levels["completion"]["limited"].pk,
        "early_results": levels["early_results"]["marginal"].pk,
        "justification": JUSTIFICATION,
        "links": "https://a.example/doc\n\nhttps://b.example",
        "name_display": "full",
        "files": [SimpleUploadedFile("preuve.pdf", PDF, content_type="application/pdf")],
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.evidence.count() == 3
    # The same form now edits it.
    body = client.get(url).content.decode()
    assert "Edit your assessment" in body or "Modifier" in body
    data.update(
        completion=levels["completion"]["substantial"].pk,
        files=[],
        remove_files="on",
        links="",
    )
    assert client.post(url, data).status_code == 302
    assessment.refresh_from_db()
    assert assessment.completion.code == "substantial"
    assert assessment.evidence.count() == 0
    assert Assessment.objects.count() == 1


def test_bad_input_re_renders_the_form_with_errors(
    client_for, plan, commitment_a, open_window, citizen, levels
):
    client = client_for(citizen)
    url = f"/en{page(plan, commitment_a, 'assessments/assess/')}"
    response = client.post(
        url,
        {
            "completion": levels["early_results"]["major"].pk,  # wrong scale
            "justification": "short",
            "links": "javascript:alert(1)",
            "name_display": "everything",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert {"completion", "early_results", "justification", "name_display"} <= set(form.errors)
    assert not Assessment.objects.exists()


def test_a_bad_upload_is_refused_with_a_message(
    client_for, plan, commitment_a, open_window, citizen, levels
):
    client = client_for(citizen)
    url = f"/en{page(plan, commitment_a, 'assessments/assess/')}"
    response = client.post(
        url,
        {
            "completion": levels["completion"]["limited"].pk,
            "early_results": levels["early_results"]["marginal"].pk,
            "justification": JUSTIFICATION,
            "name_display": "initials",
            "files": [SimpleUploadedFile("virus.pdf", b"MZ\x90\x00binary")],
        },
    )
    assert response.status_code == 400
    assert "PDF, PNG or JPEG" in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_closed_window_is_read_only_with_a_clear_message(
    client_for, plan, commitment_a, open_window, citizen, levels, assess
):
    assess(commitment_a, citizen, open_window, "limited")
    close(open_window)
    client = client_for(citizen)
    url = f"/en{page(plan, commitment_a, 'assessments/assess/')}"
    body = client.get(url).content.decode()
    assert "closed" in body and "<form" not in body.split("portal-content")[1].split("<footer")[0]
    response = client.post(
        url,
        {
            "completion": levels["completion"]["complete"].pk,
            "early_results": levels["early_results"]["major"].pk,
            "justification": JUSTIFICATION,
            "name_display": "full",
        },
    )
    assert response.status_code == 400
    assert Assessment.objects.get().completion.code == "limited"
    body = client.get(f"/en{page(plan, commitment_a, 'assessments/')}").content.decode()
    assert "read-only" in body


def test_an_organisation_member_assesses_in_its_name_from_the_form(
    client_for, plan, commitment_a, open_window, citizen, ogp_staff, levels
):
    membership = services.request_organisation(
        actor=citizen, name="Réseau", registration_number="R-1", role="Présidente"
    )
    services.verify_membership(membership, actor=ogp_staff)
    client = client_for(citizen)
    url = f"/en{page(plan, commitment_a, 'assessments/assess/')}"
    assert "You speak for" in client.get(url).content.decode()
    client.post(
        url,
        {
            "completion": levels["completion"]["limited"].pk,
            "early_results": levels["early_results"]["marginal"].pk,
            "justification": JUSTIFICATION,
            "name_display": "initials",
            "organisation": membership.organisation.pk,
        },
    )
    assert Assessment.objects.get().organisation == membership.organisation


def test_a_second_member_is_told_in_the_form_that_the_organisation_already_assessed(
    client_for, plan, commitment_a, open_window, citizen, people, ogp_staff, levels, assess
):
    for person in (citizen, people[0]):
        membership = services.request_organisation(
            actor=person, name="Réseau", registration_number="R-1", role="Membre"
        )
        services.verify_membership(membership, actor=ogp_staff)
    assess(commitment_a, citizen, open_window, organisation=membership.organisation)
    client = client_for(people[0])
    url = f"/en{page(plan, commitment_a, 'assessments/assess/')}"
    response = client.post(
        url,
        {
            "completion": levels["completion"]["complete"].pk,
            "early_results": levels["early_results"]["major"].pk,
            "justification": JUSTIFICATION,
            "name_display": "initials",
            "organisation": membership.organisation.pk,
        },
    )
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["organisation"])
    assert "Réseau has already assessed this commitment in this window" in errors
    assert "Only the member who submitted that assessment can edit it" in response.content.decode()
    assert Assessment.objects.count() == 1


# --- The reply -----------------------------------------------------------------------------


def test_the_lead_administration_replies_from_the_page(
    client_for, plan, commitment_a, open_window, contested, civil_servant_a
):
    client = client_for(civil_servant_a)
    url = f"/fr{page(plan, commitment_a, 'assessments/')}"
    assert 'id="reply-title"' in client.get(url).content.decode()
    response = client.post(
        f"/fr{page(plan, commitment_a, 'assessments/reply/')}",
        {"text": "Le tableau de bord sera publié en juin.", "window": open_window.pk},
    )
    assert response.status_code == 302
    body = client.get(f"/fr{page(plan, commitment_a)}").content.decode()
    assert "Le tableau de bord sera publié en juin." in body


def _history(body: str) -> str:
    import html
    import re

    section = body.split('class="portal-timeline"', 1)[1].split("</section>", 1)[0]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", section)).split())


@pytest.mark.parametrize(
    "lang, name, others, contested",
    [
        (
            "fr",
            "Ministère A",
            ["Ministry A", "الوزارة أ"],
            "Contesté lors de « Revue à mi-parcours »",
        ),
        ("ar", "الوزارة أ", ["Ministry A", "Ministère A"], "مراجعة منتصف المدة"),
    ],
)
def test_the_commitment_history_names_the_replier_and_the_contest_in_the_page_language(
    client,
    plan,
    commitment_a,
    open_window,
    people,
    assess,
    civil_servant_a,
    lang,
    name,
    others,
    contested,
):
    from django.utils import translation

    with translation.override("en"):  # as the demo is seeded
        for person in people[:5]:
            assess(commitment_a, person, open_window, "not_started")
        services.reply_to_assessments(
            commitment_a, actor=civil_servant_a, window=open_window, text="Publication en juin."
        )
    text = _history(client.get(f"/{lang}{page(plan, commitment_a)}").content.decode())
    assert name in text
    for other in others:
        assert other not in text
    assert contested in text
    assert "Contested in" not in text and "60.0" not in text and "60,0" not in text
    assert "60 %" in text


def test_a_civil_servant_of_another_administration_cannot_reply(
    client_for, plan, commitment_a, open_window, contested, civil_servant_b, citizen
):
    url = f"/fr{page(plan, commitment_a, 'assessments/reply/')}"
    for outsider in (civil_servant_b, citizen):
        client = client_for(outsider)
        assert (
            'id="reply-title"'
            not in client.get(f"/fr{page(plan, commitment_a, 'assessments/')}").content.decode()
        )
        response = client.post(url, {"text": "Nous répondons.", "window": open_window.pk})
        assert response.status_code in (403, 404)
    assert not AssessmentReply.objects.exists()


def test_an_empty_reply_re_renders_with_an_error(
    client_for, plan, commitment_a, open_window, civil_servant_a
):
    client = client_for(civil_servant_a)
    response = client.post(
        f"/en{page(plan, commitment_a, 'assessments/reply/')}",
        {"text": "", "window": open_window.pk},
    )
    assert response.status_code == 400
    assert response.context["reply_form"].errors


# --- Evidence files ------------------------------------------------------------------------


def test_an_evidence_file_is_served_only_while_its_assessment_is_visible(
    client, commitment_a, open_window, citizen, assess
):
    assessment = assess(
        commitment_a, citizen, open_window, files=[SimpleUploadedFile("p.pdf", PDF)]
    )
    evidence = assessment.evidence.get()
    url = f"/en/transparency/assessments/evidence/{evidence.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    Assessment.objects.filter(pk=assessment.pk).update(is_hidden=True)
    assert client.get(url).status_code == 404


# --- Organisations -------------------------------------------------------------------------


def test_a_person_asks_to_speak_for_an_organisation_from_the_page(client_for, citizen):
    client = client_for(citizen)
    url = "/fr/transparency/organisations/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Réseau Transparence",
            "registration_number": "R-77",
            "website": "reseau.example",
            "role": "Trésorier",
        },
    )
    assert response.status_code == 302
    membership = OrganisationMembership.objects.get()
    assert membership.organisation.website == "https://reseau.example"
    assert "Réseau Transparence" in client.get(url).content.decode()


def test_an_incomplete_organisation_request_shows_errors(client_for, citizen):
    response = client_for(citizen).post("/en/transparency/organisations/", {"name": ""})
    assert response.status_code == 400
    assert {"name", "registration_number", "role"} <= set(response.context["form"].errors)
