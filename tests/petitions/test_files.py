"""A petition's attachments and its official response document are served by views, as
downloads: attachments while the petition page is visible (never once it is removed), the
response document once the response is public."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from petitions import services
from petitions.models import Attachment, Petition

from .conftest import draft

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% etude de faisabilite\n"
RESPONSE_PDF = b"%PDF-1.4\n% reponse officielle\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def attach(petition, title="Étude de faisabilité.pdf", content=PDF):
    return Attachment.objects.create(
        petition=petition,
        file=ContentFile(content, name="0123abcd.pdf"),
        title=title,
        content_type="application/pdf",
        size=len(content),
    )


def attachment_url(petition, item, lang="fr"):
    return f"/{lang}/petitions/{petition.reference}/attachments/{item.pk}/"


def response_url(petition, lang="fr"):
    return f"/{lang}/petitions/{petition.reference}/response-document/"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def answer(petition, citizen, reviewer, *, document=True):
    services.mark_goal_reached(petition)
    petition.refresh_from_db()
    services.file_petition(petition, actor=citizen)
    services.start_review(petition, actor=reviewer)
    services.rule_admissibility(petition, actor=reviewer, admissible=True)
    services.publish_response(
        petition,
        actor=reviewer,
        text="La réponse officielle.",
        document=ContentFile(RESPONSE_PDF, name="reponse.pdf") if document else None,
    )
    petition.refresh_from_db()
    return petition


# --- attachments -------------------------------------------------------------------------


def test_an_attachment_of_a_public_petition_is_a_download_with_its_title(client, national_petition):
    item = attach(national_petition)

    response = client.get(attachment_url(national_petition, item))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%C3%89tude%20de%20faisabilit%C3%A9.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" not in response.get("Cache-Control", "")
    assert body(response) == PDF


def test_the_petition_page_links_to_the_view_and_not_to_media(client, national_petition):
    item = attach(national_petition)

    page = client.get(f"/fr/petitions/{national_petition.reference}/").content.decode()

    assert f'href="{attachment_url(national_petition, item)}"' in page
    assert "/media/" not in page
    assert item.file.name not in page


def test_an_attachment_of_a_draft_is_not_found_for_anyone_outside_its_committee(
    client, client_for, citizen, head_of_government
):
    from tests.factories import verified_user

    petition = draft(citizen, head_of_government)
    item = attach(petition)
    outsider = verified_user(email="outsider@example.test", full_name="Omar Outsider")

    assert client.get(attachment_url(petition, item)).status_code == 404
    assert client_for(outsider).get(attachment_url(petition, item)).status_code == 404


def test_the_agent_downloads_the_attachment_of_their_draft_never_cached(
    client_for, citizen, head_of_government
):
    petition = draft(citizen, head_of_government)
    item = attach(petition)

    response = client_for(citizen).get(attachment_url(petition, item))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert body(response) == PDF


def test_an_attachment_of_a_removed_petition_is_not_found(client, moderator, national_petition):
    item = attach(national_petition)
    services.remove(national_petition, actor=moderator, reason="offensive", note="Injurieux")

    assert client.get(f"/fr/petitions/{national_petition.reference}/").status_code == 410
    assert client.get(attachment_url(national_petition, item)).status_code == 404
    assert client.get(response_url(national_petition)).status_code == 404


def test_an_attachment_asked_for_under_another_petition_is_not_found(
    client, national_petition, regional_petition
):
    item = attach(national_petition)

    assert client.get(attachment_url(regional_petition, item)).status_code == 404


def test_an_attachment_whose_file_is_missing_is_not_found(client, national_petition):
    item = attach(national_petition)
    item.file.storage.delete(item.file.name)

    assert client.get(attachment_url(national_petition, item)).status_code == 404


def test_an_attachment_without_a_title_is_named_after_the_petition(client, national_petition):
    item = attach(national_petition, title="")

    response = client.get(attachment_url(national_petition, item))

    assert response["Content-Disposition"] == (
        f'attachment; filename="{national_petition.reference}.pdf"'
    )


# --- the official response document -------------------------------------------------------


def test_the_response_document_is_a_download_once_the_response_is_public(
    client, citizen, reviewer, national_petition
):
    petition = answer(national_petition, citizen, reviewer)

    response = client.get(response_url(petition))
    page = client.get(f"/fr/petitions/{petition.reference}/").content.decode()

    assert response.status_code == 200
    # Named in the page's language (French here), non-ASCII letters encoded per RFC 6266.
    assert response["Content-Disposition"] == (
        f"attachment; filename*=utf-8''R%C3%A9ponse%20%C3%A0%20{petition.reference}.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == RESPONSE_PDF
    assert f'href="{response_url(petition)}"' in page
    assert "/media/" not in page
    assert petition.response_document.name.startswith("petitions/responses/")
    assert "reponse" not in petition.response_document.name  # a random stored name


def test_the_response_document_is_not_found_before_the_response_is_published(
    client, client_for, citizen, reviewer, national_petition
):
    services.mark_goal_reached(national_petition)
    national_petition.refresh_from_db()
    services.file_petition(national_petition, actor=citizen)
    services.start_review(national_petition, actor=reviewer)
    services.rule_admissibility(national_petition, actor=reviewer, admissible=True)
    # The reviewer uploads the document in the admin before publishing the response.
    national_petition.response_document.save("reponse.pdf", ContentFile(RESPONSE_PDF), save=True)

    assert national_petition.status == Petition.Status.ADMISSIBLE
    assert client.get(response_url(national_petition)).status_code == 404
    assert client_for(reviewer).get(response_url(national_petition)).status_code == 404
    page = client.get(f"/fr/petitions/{national_petition.reference}/").content.decode()
    assert "response-document" not in page


def test_an_answer_without_a_document_has_no_download(client, citizen, reviewer, national_petition):
    petition = answer(national_petition, citizen, reviewer, document=False)

    assert client.get(response_url(petition)).status_code == 404
    assert (
        "response-document"
        not in client.get(f"/fr/petitions/{petition.reference}/").content.decode()
    )


def test_the_response_document_of_a_draft_is_not_found(client, citizen, head_of_government):
    petition = draft(citizen, head_of_government)

    assert client.get(response_url(petition)).status_code == 404


# --- the upload policy on the response document --------------------------------------------


def test_the_admin_refuses_a_response_document_whose_content_is_not_accepted(
    client_for, reviewer, citizen, national_petition
):
    services.mark_goal_reached(national_petition)
    services.file_petition(Petition.objects.get(pk=national_petition.pk), actor=citizen)
    disguised = SimpleUploadedFile(
        "reponse.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )

    response = client_for(reviewer).post(
        f"/fr/admin/petitions/petition/{national_petition.pk}/change/",
        {
            "decision_note": "",
            "response_text": "Réponse.",
            "response_document": disguised,
            "association-TOTAL_FORMS": "0",
            "association-INITIAL_FORMS": "0",
            "committee-TOTAL_FORMS": "0",
            "committee-INITIAL_FORMS": "0",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "_save": "Enregistrer",
        },
    )

    assert response.status_code == 200
    assert 'id="id_response_document_error"' in response.content.decode()
    national_petition.refresh_from_db()
    assert not national_petition.response_document
