import pytest

from opendata import services

pytestmark = pytest.mark.django_db


def test_the_datasets_api_filters_like_the_catalogue(client, good_dataset, poor_dataset):
    body = client.get("/api/v1/opendata/datasets/", {"theme": "health"}).json()

    assert [d["slug"] for d in body["results"]] == ["rapport-annuel"]
    assert body["results"][0]["resources"][0]["format"] == "PDF"
    assert (
        client.get("/api/v1/opendata/datasets/barrages-remplissage/").json()["quality_score"] == 100
    )


def test_a_bad_filter_is_a_400_saying_why(client, good_dataset):
    response = client.get("/api/v1/opendata/datasets/", {"quality": "superb"})

    assert response.status_code == 400
    assert "quality" in response.json()


def test_publishers_api_has_adoption_and_no_contact_details(client, good_dataset):
    good_dataset.publisher.email = "secret@example.test"
    good_dataset.publisher.save()

    body = client.get("/api/v1/opendata/publishers/").json()

    assert body["results"][0]["slug"] == "ministere-a"
    assert body["results"][0]["dataset_count"] == 1
    assert "secret@example.test" not in str(body)


def test_the_reuses_api_lists_published_reuses_only_without_their_author(
    client, citizen, moderator, good_dataset
):
    published = services.submit_reuse(
        actor=citizen, type="app", title="Shown", description="x", datasets=[good_dataset]
    )
    services.publish_reuse(published, actor=moderator)
    services.submit_reuse(
        actor=citizen, type="app", title="Pending", description="x", datasets=[good_dataset]
    )

    body = client.get("/api/v1/opendata/reuses/").json()

    assert [r["title"] for r in body["results"]] == ["Shown"]
    assert citizen.email not in str(body)
    assert "submitted_by" not in body["results"][0]


def test_the_api_filters_by_resource_format_under_ckans_name(client, good_dataset, poor_dataset):
    body = client.get("/api/v1/opendata/datasets/", {"res_format": "pdf"}).json()

    assert [d["slug"] for d in body["results"]] == ["rapport-annuel"]
