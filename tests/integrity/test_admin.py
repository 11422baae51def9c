import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from integrity import services
from integrity.models import Initiative, InitiativeDocument
from integrity.validators import MAX_DOCUMENT_BYTES

pytestmark = pytest.mark.django_db

CHANGELIST = "/en/admin/integrity/initiative/"
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def change_url(initiative):
    return f"{CHANGELIST}{initiative.pk}/change/"


def publication_url(initiative):
    return f"{CHANGELIST}{initiative.pk}/publication/"


@pytest.fixture
def initiative_a(make_initiative, administration_a):
    return make_initiative(lead_administration=administration_a)


@pytest.fixture
def initiative_b(make_initiative, administration_b):
    return make_initiative(lead_administration=administration_b)


def test_a_civil_servant_gets_404_on_another_administrations_initiative(
    client_for, civil_servant_a, initiative_a, initiative_b
):
    client = client_for(civil_servant_a)

    assert client.get(change_url(initiative_b)).status_code == 404
    assert client.get(publication_url(initiative_b)).status_code == 404
    assert client.get(f"{CHANGELIST}{initiative_b.pk}/history/").status_code == 404
    assert client.get(change_url(initiative_a)).status_code == 200


def test_a_civil_servant_lists_only_their_administrations_initiatives(
    client_for, civil_servant_a, initiative_a, initiative_b
):
    response = client_for(civil_servant_a).get(CHANGELIST)

    assert list(response.context["cl"].result_list) == [initiative_a]


def test_a_moderator_lists_every_administrations_initiatives(
    client_for, moderator, initiative_a, initiative_b
):
    response = client_for(moderator).get(CHANGELIST)

    assert set(response.context["cl"].result_list) == {initiative_a, initiative_b}
    assert client_for(moderator).get(change_url(initiative_b)).status_code == 200


def test_a_civil_servant_submits_from_the_publication_page(
    client_for, civil_servant_a, initiative_a
):
    response = client_for(civil_servant_a).post(publication_url(initiative_a), {"action": "submit"})

    assert response.status_code == 302
    initiative_a.refresh_from_db()
    assert initiative_a.state == Initiative.State.SUBMITTED


def test_a_civil_servant_cannot_publish_from_the_publication_page(
    client_for, civil_servant_a, initiative_a
):
    services.submit(initiative_a, actor=civil_servant_a)

    response = client_for(civil_servant_a).post(
        publication_url(initiative_a), {"action": "publish"}
    )

    assert response.status_code == 403
    initiative_a.refresh_from_db()
    assert initiative_a.state == Initiative.State.SUBMITTED


def test_a_moderator_publishes_from_the_publication_page(
    client_for, civil_servant_a, moderator, initiative_a
):
    services.submit(initiative_a, actor=civil_servant_a)

    client = client_for(moderator)
    page = client.get(publication_url(initiative_a))
    response = client.post(publication_url(initiative_a), {"action": "publish"})

    assert b'value="publish"' in page.content
    assert response.status_code == 302
    initiative_a.refresh_from_db()
    assert initiative_a.state == Initiative.State.PUBLISHED


def test_sending_back_without_a_comment_shows_an_error(
    client_for, civil_servant_a, moderator, initiative_a
):
    services.submit(initiative_a, actor=civil_servant_a)

    response = client_for(moderator).post(
        publication_url(initiative_a), {"action": "send_back", "comment": ""}, follow=True
    )

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    initiative_a.refresh_from_db()
    assert initiative_a.state == Initiative.State.SUBMITTED


def test_a_moderator_sends_back_with_a_comment_from_the_publication_page(
    client_for, civil_servant_a, moderator, initiative_a
):
    services.submit(initiative_a, actor=civil_servant_a)

    client_for(moderator).post(
        publication_url(initiative_a), {"action": "send_back", "comment": "Add indicators."}
    )

    initiative_a.refresh_from_db()
    assert initiative_a.state == Initiative.State.RETURNED
    assert initiative_a.review_comment == "Add indicators."


def test_a_submitted_initiative_is_read_only_for_its_civil_servant(
    client_for, civil_servant_a, initiative_a
):
    services.submit(initiative_a, actor=civil_servant_a)
    client = client_for(civil_servant_a)

    response = client.get(change_url(initiative_a))

    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    response = client.post(change_url(initiative_a), {"title_ar": "x"})
    assert response.status_code == 403


def test_the_publish_action_is_offered_to_moderators_only(
    client_for, civil_servant_a, moderator, initiative_a
):
    cs_actions = client_for(civil_servant_a).get(CHANGELIST).context["action_form"]
    assert "publish_selected" not in dict(cs_actions.fields["action"].choices)

    mod_actions = client_for(moderator).get(CHANGELIST).context["action_form"]
    assert "publish_selected" in dict(mod_actions.fields["action"].choices)


def _document(initiative, content, name):
    document = InitiativeDocument(
        initiative=initiative, title="Report", file=SimpleUploadedFile(name, content)
    )
    document.full_clean()
    return document


def test_a_pdf_document_is_accepted(initiative_a):
    _document(initiative_a, PDF, "report.pdf")


def test_a_document_is_checked_by_content_not_by_name(initiative_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        _document(initiative_a, b"MZ\x90\x00 an executable", "report.pdf")

    with translation.override("en"):
        assert "Only PDF" in str(error.value)


def test_a_zip_that_is_not_an_office_document_is_refused(initiative_a):
    import io
    import zipfile

    from django.core.exceptions import ValidationError

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", b"MZ")
    with pytest.raises(ValidationError):
        _document(initiative_a, buffer.getvalue(), "report.docx")


def test_a_too_large_document_is_refused(initiative_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        _document(initiative_a, PDF + b"0" * MAX_DOCUMENT_BYTES, "big.pdf")

    with translation.override("en"):
        assert "too large" in str(error.value)


def _add_form_data(administration, **overrides):
    from integrity.models import ChallengeType, Sector, Theme

    data = {
        "title_ar": "مبادرة جديدة",
        "title_fr": "Nouvelle initiative",
        "title_en": "New initiative",
        "summary_ar": "ملخص",
        "summary_fr": "Résumé",
        "summary_en": "Summary",
        "lead_administration": administration.pk,
        "sector": Sector.objects.get(slug="health").pk,
        "theme": Theme.objects.get(slug="prevention").pk,
        "challenge_type": ChallengeType.objects.get(slug="procurement").pk,
        "scope": "national",
        "status": "planned",
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-0-name_ar": "مؤشر",
        "indicators-0-name_fr": "Indicateur",
        "indicators-0-baseline": "0",
        "indicators-0-target": "100",
        "indicators-0-position": "0",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_a_civil_servant_writes_a_draft_for_their_administration(
    client_for, civil_servant_a, administration_a, vocabularies
):
    client = client_for(civil_servant_a)

    form = client.get(f"{CHANGELIST}add/")
    response = client.post(f"{CHANGELIST}add/", _add_form_data(administration_a))

    assert form.context["adminform"].form.initial["lead_administration"] == administration_a.pk
    assert response.status_code == 302, response.context["adminform"].form.errors
    initiative = Initiative.objects.get(title_fr="Nouvelle initiative")
    assert initiative.state == Initiative.State.DRAFT
    assert initiative.lead_administration == administration_a
    assert initiative.indicators.get().target == 100


def test_a_civil_servant_cannot_write_for_another_administration(
    client_for, civil_servant_a, administration_b, vocabularies
):
    response = client_for(civil_servant_a).post(
        f"{CHANGELIST}add/", _add_form_data(administration_b)
    )

    assert response.status_code == 200
    assert "lead_administration" in response.context["adminform"].form.errors
    assert not Initiative.objects.exists()


def test_an_executable_upload_is_refused_in_the_admin_form(
    client_for, civil_servant_a, administration_a, vocabularies
):
    data = _add_form_data(
        administration_a,
        **{
            "documents-TOTAL_FORMS": "1",
            "documents-0-title": "Rapport",
            "documents-0-file": SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )

    response = client_for(civil_servant_a).post(f"{CHANGELIST}add/", data)

    assert response.status_code == 200
    assert "Only PDF" in response.content.decode()
    assert not Initiative.objects.exists()
