import pytest

from opendata import services
from opendata.models import Reuse

from .factories import DatasetFactory, ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "نسبة ملء السدود"),
        ("fr", "Taux de remplissage des barrages"),
        ("en", "Dam filling levels"),
    ],
)
def test_the_catalogue_shows_titles_in_the_readers_language(client, good_dataset, lang, text):
    response = client.get(f"/{lang}/opendata/")

    assert response.status_code == 200
    assert text in response.content.decode()


def test_every_public_page_answers_in_each_language(client, good_dataset, citizen, moderator):
    reuse = services.submit_reuse(
        actor=citizen, type="app", title="App", description="An app.", datasets=[good_dataset]
    )
    services.publish_reuse(reuse, actor=moderator)
    dataset_request = services.file_request(
        actor=citizen, title="Bus", description="GTFS", publisher=good_dataset.publisher
    )
    for lang in ("ar", "fr", "en"):
        for path in (
            "",
            "datasets/barrages-remplissage/",
            "publishers/",
            "kpis/",
            "reuses/",
            f"reuses/{reuse.pk}/",
            "requests/",
            f"requests/{dataset_request.pk}/",
        ):
            assert client.get(f"/{lang}/opendata/{path}").status_code == 200, path


def test_facets_count_datasets_matching_the_other_filters(client, good_dataset, poor_dataset):
    response = client.get("/fr/opendata/", {"theme": "environment"})

    assert [d.slug for d in response.context["page_obj"]] == ["barrages-remplissage"]
    facets = {f["name"]: f["items"] for f in response.context["facets"]}
    themes = {i["value"]: i["count"] for i in facets["theme"]}
    assert themes == {"environment": 1, "health": 1}  # the theme facet ignores the theme filter
    assert {i["value"]: i["count"] for i in facets["format"]} == {"CSV": 1}
    assert {i["value"]: i["count"] for i in facets["publisher"]} == {"ministere-a": 1}
    assert next(i for i in facets["theme"] if i["value"] == "environment")["active"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"format": "PDF"}, ["rapport-annuel"]),
        ({"licence": "lo-ma"}, ["barrages-remplissage"]),
        ({"quality": "high"}, ["barrages-remplissage"]),
        ({"quality": "low"}, ["rapport-annuel"]),
        ({"publisher": "ministere-b"}, ["rapport-annuel"]),
        ({"q": "barrages"}, ["barrages-remplissage"]),
        ({"q": "santé"}, ["rapport-annuel"]),
    ],
)
def test_filters_and_search(client, good_dataset, poor_dataset, params, expected):
    response = client.get("/fr/opendata/", params)

    assert [d.slug for d in response.context["page_obj"]] == expected


def test_unpublished_datasets_are_not_public(client, good_dataset):
    DatasetFactory(slug="draft", publisher=good_dataset.publisher, is_published=False)

    assert client.get("/fr/opendata/datasets/draft/").status_code == 404
    assert client.get("/fr/opendata/").context["page_obj"].paginator.count == 1


def test_a_dataset_page_shows_resources_quality_hints_and_published_reuses_only(
    client, poor_dataset, citizen, moderator
):
    published = services.submit_reuse(
        actor=citizen, type="article", title="Read me", description="x", datasets=[poor_dataset]
    )
    services.publish_reuse(published, actor=moderator)
    services.submit_reuse(
        actor=citizen, type="idea", title="Pending idea", description="x", datasets=[poor_dataset]
    )

    content = client.get("/en/opendata/datasets/rapport-annuel/").content.decode()

    assert "rapport.pdf" in content
    assert "Choose an open licence" in content
    assert "Read me" in content
    assert "Pending idea" not in content


def test_no_personal_data_on_public_pages(client, good_dataset, citizen, moderator):
    reuse = services.submit_reuse(
        actor=citizen, type="app", title="App", description="An app.", datasets=[good_dataset]
    )
    services.publish_reuse(reuse, actor=moderator)
    dataset_request = services.file_request(
        actor=citizen, title="Bus", description="GTFS", publisher=good_dataset.publisher
    )
    good_dataset.publisher.email = "secret@ministere.example.test"
    good_dataset.publisher.save()
    for path in (
        "",
        "datasets/barrages-remplissage/",
        "publishers/",
        "reuses/",
        f"reuses/{reuse.pk}/",
        "requests/",
        f"requests/{dataset_request.pk}/",
    ):
        content = client.get(f"/fr/opendata/{path}").content.decode()
        for secret in (citizen.email, citizen.full_name, moderator.email, "secret@ministere"):
            assert secret not in content, (path, secret)


def test_the_catalogue_exports_the_filtered_list_as_csv(client, good_dataset, poor_dataset):
    response = client.get("/fr/opendata/", {"theme": "health", "format_export": "csv"})

    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "rapport-annuel" in body and "barrages-remplissage" not in body


def test_the_kpis_page_shows_progress_against_the_target(client, good_dataset):
    content = client.get("/en/opendata/kpis/").content.decode()

    assert "406" in content and "203" in content
    assert "<svg" in content


def test_a_visitor_must_sign_in_to_submit(client):
    assert client.get("/fr/opendata/reuses/new/").status_code == 302
    assert client.get("/fr/opendata/requests/new/").status_code == 302


def test_a_citizen_submits_a_reuse_that_waits_for_moderation(client_for, citizen, good_dataset):
    client = client_for(citizen)

    response = client.post(
        "/fr/opendata/reuses/new/",
        {
            "type": "app",
            "title": "Mon app",
            "description": "Une carte.",
            "url": "https://example.org/app",
            "datasets": ["barrages-remplissage"],
        },
    )

    assert response.status_code == 302
    reuse = Reuse.objects.get(title="Mon app")
    assert reuse.status == "pending" and reuse.submitted_by == citizen
    assert "Mon app" not in client.get("/fr/opendata/reuses/").content.decode()


def test_a_reuse_form_with_errors_rerenders_in_the_users_language(
    client_for, citizen, good_dataset
):
    response = client_for(citizen).post(
        "/fr/opendata/reuses/new/", {"type": "app", "title": "", "description": "", "datasets": []}
    )

    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.content.decode()


def test_a_reuse_image_is_checked_by_content(client_for, citizen, good_dataset):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("pic.png", b"<script>alert(1)</script>", content_type="image/png")
    response = client_for(citizen).post(
        "/en/opendata/reuses/new/",
        {
            "type": "app",
            "title": "T",
            "description": "D",
            "datasets": ["barrages-remplissage"],
            "image": fake,
        },
    )

    assert response.status_code == 200
    assert not Reuse.objects.exists()


def test_a_citizen_requests_a_dataset_from_a_dataset_page(client_for, citizen, good_dataset):
    client = client_for(citizen)

    response = client.post(
        "/fr/opendata/requests/new/",
        {"title": "Données horaires", "description": "Par heure.", "publisher": "ministere-a"},
    )

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Données horaires" in page
    assert (
        client.post(
            "/fr/opendata/requests/new/", {"title": "", "description": "", "publisher": "nope"}
        ).status_code
        == 200
    )


def test_publishers_show_adoption_and_average_quality(client, good_dataset, poor_dataset):
    from opendata.models import PublisherProfile

    PublisherProfile.objects.create(
        administration=good_dataset.publisher,
        status="certified",
        data_officer_title="Chief data officer",
    )

    response = client.get("/en/opendata/publishers/")

    rows = {r["administration"].slug: r for r in response.context["rows"]}
    assert rows["ministere-a"]["status"] == "certified"
    assert rows["ministere-a"]["administration"].average_quality == 100
    assert rows["ministere-b"]["status"] == "publishing"
    assert "Chief data officer" in response.content.decode()
    assert [
        r["administration"].slug
        for r in client.get("/en/opendata/publishers/", {"status": "certified"}).context["rows"]
    ] == ["ministere-a"]


def test_the_catalogue_list_has_a_bounded_number_of_queries(
    client, good_dataset, django_assert_max_num_queries
):
    for n in range(15):
        ResourceFactory(dataset=DatasetFactory(slug=f"d-{n}", publisher=good_dataset.publisher))
    with django_assert_max_num_queries(30):
        client.get("/fr/opendata/")
