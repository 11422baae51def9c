"""An initiative's documents are served by a view, as downloads, only while it is published."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from integrity.models import Initiative, InitiativeDocument

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% rapport d'activite\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def add_document(initiative, title="Rapport annuel 2025", content=PDF, name="rapport.pdf"):
    document = InitiativeDocument(initiative=initiative, title=title)
    document.file.save(name, ContentFile(content), save=True)
    return document


def document_url(document, lang="fr"):
    with translation.override(lang):
        return reverse(
            "integrity:document", kwargs={"pk": document.initiative_id, "document_pk": document.pk}
        )


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_document_of_a_published_initiative_is_a_download_with_its_title(
    client, make_initiative
):
    document = add_document(make_initiative(Initiative.State.PUBLISHED))

    response = client.get(document_url(document))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Rapport annuel 2025.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == PDF


def test_the_initiative_page_links_to_the_view_and_not_to_media(client, make_initiative):
    initiative = make_initiative(Initiative.State.PUBLISHED)
    document = add_document(initiative)

    page = client.get(f"/fr/integrity/{initiative.pk}/").content.decode()

    assert f'href="{document_url(document)}"' in page
    assert "/media/" not in page
    assert document.file.name not in page


@pytest.mark.parametrize(
    "state",
    [Initiative.State.DRAFT, Initiative.State.SUBMITTED, Initiative.State.RETURNED],
)
def test_the_document_of_an_unpublished_initiative_is_not_found(
    client_for, civil_servant_a, make_initiative, state
):
    document = add_document(make_initiative(state))

    assert client_for(civil_servant_a).get(document_url(document)).status_code == 404


def test_an_unpublished_initiative_s_document_is_not_found_for_anonymous_visitors(
    client, make_initiative
):
    document = add_document(make_initiative(Initiative.State.DRAFT))

    assert client.get(document_url(document)).status_code == 404


def test_a_document_asked_for_under_another_initiative_is_not_found(client, make_initiative):
    document = add_document(make_initiative(Initiative.State.PUBLISHED))
    other = make_initiative(Initiative.State.PUBLISHED)

    url = reverse("integrity:document", kwargs={"pk": other.pk, "document_pk": document.pk})

    assert client.get(url).status_code == 404


def test_a_document_whose_file_is_missing_is_not_found(client, make_initiative):
    document = add_document(make_initiative(Initiative.State.PUBLISHED))
    document.file.storage.delete(document.file.name)

    assert client.get(document_url(document)).status_code == 404
