"""Uploaded resources and reuse images are served by views, as downloads: a resource while its
dataset is published, an image while its reuse is public. The page, the API, CKAN and DCAT
give the view's address, never a /media/ one."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT

from opendata import services
from opendata.models import Resource

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db

CSV = "barrage,réserve\nAl Wahda,1850\n".encode()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2, 2), "teal").save(out, "PNG")
    return out.getvalue()


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def uploaded(good_dataset):
    """An uploaded CSV resource of the published dataset 'barrages-remplissage'."""
    return ResourceFactory(
        dataset=good_dataset,
        title="Réserves des barrages",
        url="",
        file=ContentFile(CSV, name="3f2a9c.csv"),
        format="CSV",
        size=len(CSV),
    )


def download_path(resource, lang="fr"):
    return f"/{lang}/opendata/datasets/{resource.dataset.slug}/resources/{resource.pk}/download/"


@pytest.fixture
def reuse(citizen, moderator, good_dataset):
    reuse = services.submit_reuse(
        actor=citizen,
        type="visualisation",
        title="Carte des barrages",
        description="Une carte.",
        image=ContentFile(png_bytes(), name="9b1e.png"),
        datasets=[good_dataset],
    )
    return services.publish_reuse(reuse, actor=moderator) or reuse


def image_path(reuse, lang="fr"):
    return f"/{lang}/opendata/reuses/{reuse.pk}/image/"


# --- resources ---------------------------------------------------------------------------


def test_an_uploaded_resource_of_a_published_dataset_is_a_download_with_its_title(client, uploaded):
    response = client.get(download_path(uploaded))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''R%C3%A9serves%20des%20barrages.csv"
    )
    assert response["Content-Type"] == "text/csv"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" not in response.get("Cache-Control", "")
    assert body(response) == CSV


def test_the_dataset_page_links_to_the_view_and_not_to_media(client, uploaded):
    page = client.get("/fr/opendata/datasets/barrages-remplissage/").content.decode()

    assert f'href="{download_path(uploaded)}"' in page
    assert "/media/" not in page
    assert uploaded.file.name not in page


def test_a_linked_resource_keeps_its_own_address(good_dataset):
    linked = ResourceFactory(dataset=good_dataset, url="https://data.gov.ma/barrages.csv")

    assert linked.download_url == "https://data.gov.ma/barrages.csv"


def test_a_resource_of_an_unpublished_dataset_is_not_found(client_for, civil_servant_a, uploaded):
    uploaded.dataset.is_published = False
    uploaded.dataset.save(update_fields=["is_published"])

    assert client_for(civil_servant_a).get(download_path(uploaded)).status_code == 404


def test_a_resource_of_an_inactive_publisher_is_not_found(client, uploaded):
    publisher = uploaded.dataset.publisher
    publisher.is_active = False
    publisher.save(update_fields=["is_active"])

    assert client.get(download_path(uploaded)).status_code == 404


def test_a_resource_asked_for_under_another_dataset_is_not_found(client, uploaded, poor_dataset):
    path = f"/fr/opendata/datasets/{poor_dataset.slug}/resources/{uploaded.pk}/download/"

    assert client.get(path).status_code == 404


def test_a_linked_resource_has_no_download_and_a_missing_file_is_not_found(
    client, uploaded, good_dataset
):
    linked = good_dataset.resources.exclude(pk=uploaded.pk).get()
    assert client.get(download_path(linked)).status_code == 404

    uploaded.file.storage.delete(uploaded.file.name)
    assert client.get(download_path(uploaded)).status_code == 404


def test_the_api_gives_the_download_view_as_an_absolute_address(client, uploaded):
    body_ = client.get("/api/v1/opendata/datasets/barrages-remplissage/").json()

    urls = {r["id"]: r["url"] for r in body_["resources"]}
    assert urls[uploaded.pk].startswith("http://testserver/")
    assert urls[uploaded.pk].endswith(
        f"/opendata/datasets/barrages-remplissage/resources/{uploaded.pk}/download/"
    )
    assert client.get(urls[uploaded.pk].removeprefix("http://testserver")).status_code == 200


def test_ckan_gives_the_download_view_as_an_absolute_address(client, uploaded):
    package = client.get("/api/3/action/package_show", {"id": "barrages-remplissage"}).json()[
        "result"
    ]

    resource = next(r for r in package["resources"] if r["id"] == str(uploaded.pk))
    assert resource["url"].startswith("http://testserver/")
    assert resource["url"].endswith(f"/resources/{uploaded.pk}/download/")
    assert resource["url_type"] == "upload"
    assert "/media/" not in str(package)


def test_dcat_gives_the_download_view_as_an_absolute_address(client, uploaded):
    response = client.get("/dataset/barrages-remplissage.ttl")
    graph = Graph()
    graph.parse(data=response.content.decode(), format="turtle")

    downloads = {str(o) for o in graph.objects(None, DCAT.downloadURL)}
    expected = [d for d in downloads if d.endswith(f"/resources/{uploaded.pk}/download/")]
    assert len(expected) == 1 and expected[0].startswith("http://testserver/")
    assert (None, DCAT.accessURL, URIRef(expected[0])) in graph
    assert not any("/media/" in d for d in downloads)


# --- reuse images ------------------------------------------------------------------------


def test_the_image_of_a_public_reuse_is_served_by_a_view(client, reuse):
    response = client.get(image_path(reuse))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="Carte des barrages.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == png_bytes()


@pytest.mark.parametrize("page", ["reuses/", "reuses/{pk}/"])
def test_reuse_pages_show_the_image_from_the_view_and_allow_it_in_their_csp(client, reuse, page):
    response = client.get("/fr/opendata/" + page.format(pk=reuse.pk))

    html = response.content.decode()
    assert f'src="{image_path(reuse)}"' in html
    assert "/media/" not in html
    img_src = next(
        d for d in response["Content-Security-Policy"].split(";") if d.strip().startswith("img-src")
    )
    assert "'self'" in img_src


def test_the_image_of_a_reuse_awaiting_moderation_is_not_found(client, citizen, good_dataset):
    pending = services.submit_reuse(
        actor=citizen,
        type="app",
        title="En attente",
        description="x",
        image=ContentFile(png_bytes(), name="1c2d.png"),
        datasets=[good_dataset],
    )

    assert client.get(image_path(pending)).status_code == 404


def test_the_image_of_a_hidden_reuse_is_not_found(client, reuse):
    reuse.is_hidden = True
    reuse.save(update_fields=["is_hidden"])

    assert client.get(image_path(reuse)).status_code == 404


def test_a_reuse_without_an_image_or_whose_file_is_missing_has_none(client, reuse):
    reuse.image.storage.delete(reuse.image.name)
    assert client.get(image_path(reuse)).status_code == 404

    reuse.image = ""
    reuse.save(update_fields=["image"])
    assert client.get(image_path(reuse)).status_code == 404
    assert "/image/" not in client.get(f"/fr/opendata/reuses/{reuse.pk}/").content.decode()


def test_the_reuses_api_gives_the_image_view_as_an_absolute_address(client, reuse):
    item = client.get("/api/v1/opendata/reuses/").json()["results"][0]

    assert item["image"].startswith("http://testserver/")
    assert item["image"].endswith(f"/opendata/reuses/{reuse.pk}/image/")


def test_the_reuses_api_gives_null_without_an_image(client, reuse):
    reuse.image = ""
    reuse.save(update_fields=["image"])

    assert client.get("/api/v1/opendata/reuses/").json()["results"][0]["image"] is None


@pytest.mark.parametrize(
    "upload",
    [
        # Markup named as an image...
        ("carte.png", b"<svg onload=alert(1)></svg>"),
        # ...and a real image (Pillow reads it) of a kind the upload policy does not take.
        ("carte.gif", "gif"),
    ],
)
def test_a_moderator_cannot_replace_a_reuse_image_with_a_file_the_policy_refuses(
    client_for, moderator, reuse, good_dataset, upload
):
    stored = reuse.image.name
    name, content = upload
    if content == "gif":
        out = io.BytesIO()
        Image.new("RGB", (2, 2), "teal").save(out, "GIF")
        content = out.getvalue()
    disguised = SimpleUploadedFile(name, content, content_type="image/png")

    response = client_for(moderator).post(
        f"/fr/admin/opendata/reuse/{reuse.pk}/change/",
        {
            "type": reuse.type,
            "title": reuse.title,
            "description": reuse.description,
            "url": "",
            "image": disguised,
            "datasets": [good_dataset.pk],
            "moderation_note": "",
            "_save": "Enregistrer",
        },
    )

    assert response.status_code == 200
    assert 'id="id_image_error"' in response.content.decode()
    reuse.refresh_from_db()
    assert reuse.image.name == stored


def test_a_moderator_s_new_reuse_image_is_checked_and_stored_under_a_random_name(
    client_for, moderator, reuse, good_dataset
):
    response = client_for(moderator).post(
        f"/fr/admin/opendata/reuse/{reuse.pk}/change/",
        {
            "type": reuse.type,
            "title": reuse.title,
            "description": reuse.description,
            "url": "",
            "image": SimpleUploadedFile("photo de Salma.png", png_bytes(), "image/png"),
            "datasets": [good_dataset.pk],
            "moderation_note": "",
            "_save": "Enregistrer",
        },
    )

    assert response.status_code == 302
    reuse.refresh_from_db()
    assert reuse.image.name.startswith("opendata/reuses/")
    assert "Salma" not in reuse.image.name


def test_resource_download_url_is_a_path_for_an_uploaded_file(uploaded):
    assert Resource.objects.get(pk=uploaded.pk).download_url == download_path(uploaded, lang="ar")
