"""An award's convention is served by a view, as a download, only while the award is published."""

from datetime import date

import pytest
from django.core.files.base import ContentFile

from .conftest import make_association, make_award

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% convention de partenariat\n"
URL = "/fr/funding/awards/conv-1/convention/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def award(regions, sectors, administration_a):
    association = make_association("REG-C", regions["01"], "Association C")
    award = make_award(
        "conv-1",
        administration_a,
        association,
        sectors["youth"],
        50_000,
        date(2025, 4, 1),
        [regions["01"]],
    )
    award.convention.save("convention signée.pdf", ContentFile(PDF), save=True)
    return award


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_convention_of_a_published_award_is_a_download(client, award):
    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Convention conv-1.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" not in response.get("Cache-Control", "")
    assert body(response) == PDF


def test_the_stored_name_is_random_and_under_the_funding_folder(award):
    assert award.convention.name.startswith("csofunding/conventions/")
    assert "signée" not in award.convention.name


def test_the_award_page_links_to_the_view_and_not_to_media(client, award):
    page = client.get("/fr/funding/awards/conv-1/").content.decode()

    assert f'href="{URL}"' in page
    assert "/media/" not in page
    assert award.convention.name not in page


def test_the_convention_of_an_unpublished_award_is_not_found(client_for, civil_servant_a, award):
    award.is_published = False
    award.save(update_fields=["is_published"])

    assert client_for(civil_servant_a).get(URL).status_code == 404


def test_an_award_without_a_convention_has_no_link_and_no_download(client, award):
    award.convention = ""
    award.save(update_fields=["convention"])

    assert client.get(URL).status_code == 404
    assert "/convention/" not in client.get("/fr/funding/awards/conv-1/").content.decode()


def test_a_convention_whose_file_is_missing_is_not_found(client, award):
    award.convention.storage.delete(award.convention.name)

    assert client.get(URL).status_code == 404
