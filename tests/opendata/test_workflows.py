from urllib.parse import parse_qs, urlparse

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ogp_portal.core.models import Notification
from ogp_portal.core.timeline import events_for
from opendata import services
from opendata.models import DatasetRequest, Reuse

pytestmark = pytest.mark.django_db


@pytest.fixture
def reuse(citizen, good_dataset):
    return services.submit_reuse(
        actor=citizen,
        type="app",
        title="Barrages app",
        description="Daily dam levels.",
        datasets=[good_dataset],
    )


@pytest.fixture
def dataset_request(citizen, administration_a):
    return services.file_request(
        actor=citizen,
        title="Bus timetables",
        description="GTFS please.",
        publisher=administration_a,
    )


def test_a_submitted_reuse_waits_for_moderation(reuse, good_dataset):
    assert reuse.status == Reuse.Status.PENDING
    assert list(Reuse.objects.public()) == []
    assert list(good_dataset.reuses.public()) == []


def test_a_moderator_publishes_a_reuse_and_the_author_is_told(
    reuse, moderator, citizen, good_dataset, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_reuse(reuse, actor=moderator)

    reuse.refresh_from_db()
    assert reuse.status == Reuse.Status.PUBLISHED and reuse.published_at
    assert list(good_dataset.reuses.public()) == [reuse]
    assert Notification.objects.get(recipient=citizen).template == "opendata/reuse_decided"
    assert [e.kind for e in events_for(reuse, public_only=False)] == ["submitted", "published"]


def test_a_rejection_needs_a_reason(reuse, moderator):
    with pytest.raises(ValidationError):
        services.reject_reuse(reuse, actor=moderator, note=" ")
    services.reject_reuse(reuse, actor=moderator, note="Broken link")
    reuse.refresh_from_db()
    assert reuse.status == Reuse.Status.REJECTED


def test_a_civil_servant_cannot_moderate_reuses(reuse, civil_servant_a):
    with pytest.raises(PermissionDenied):
        services.publish_reuse(reuse, actor=civil_servant_a)


def test_a_hidden_reuse_leaves_the_public_list(reuse, ogp_staff):
    services.publish_reuse(reuse, actor=ogp_staff)
    Reuse.objects.filter(pk=reuse.pk).update(is_hidden=True)

    assert list(Reuse.objects.public()) == []


def test_a_reuse_needs_a_dataset(citizen):
    with pytest.raises(ValidationError):
        services.submit_reuse(
            actor=citizen, type="idea", title="Idea", description="An idea.", datasets=[]
        )


def test_the_publisher_plans_then_publishes_a_requested_dataset(
    dataset_request, civil_servant_a, citizen, good_dataset
):
    services.plan_request(dataset_request, actor=civil_servant_a, answer="Next quarter.")
    answered = services.answer_with_dataset(
        dataset_request, actor=civil_servant_a, dataset=good_dataset, answer="Here."
    )

    assert answered.status == DatasetRequest.Status.PUBLISHED
    assert answered.dataset == good_dataset
    assert [e.to_status for e in events_for(answered)] == ["open", "planned", "published"]
    assert (
        Notification.objects.filter(recipient=citizen, template="opendata/request_answered").count()
        == 2
    )


def test_another_administrations_civil_servant_cannot_answer(dataset_request, civil_servant_b):
    with pytest.raises(PermissionDenied):
        services.plan_request(dataset_request, actor=civil_servant_b, answer="No.")


def test_a_refusal_needs_a_reason_and_is_final(dataset_request, civil_servant_a):
    with pytest.raises(ValidationError):
        services.refuse_request(dataset_request, actor=civil_servant_a, reason="")
    refused = services.refuse_request(
        dataset_request, actor=civil_servant_a, reason="Personal data."
    )

    assert refused.status == DatasetRequest.Status.REFUSED
    with pytest.raises(ValidationError):
        services.plan_request(refused, actor=civil_servant_a, answer="Changed my mind")


def test_only_a_published_dataset_of_the_publisher_answers_a_request(
    dataset_request, civil_servant_a, poor_dataset
):
    with pytest.raises(ValidationError):
        services.answer_with_dataset(dataset_request, actor=civil_servant_a, dataset=poor_dataset)


def test_a_refused_request_offers_a_prefilled_access_to_information_request(
    client, dataset_request, civil_servant_a
):
    services.refuse_request(dataset_request, actor=civil_servant_a, reason="Not consolidated.")

    response = client.get(f"/fr/opendata/requests/{dataset_request.pk}/")

    url = dataset_request.ati_url("fr")
    parsed = urlparse(url)
    assert parsed.path == "/fr/transparency/requests/new/"
    assert parse_qs(parsed.query) == {
        "administration": ["ministere-a"],
        "subject": ["Bus timetables"],
        "description": ["GTFS please."],
    }
    assert url.replace("&", "&amp;") in response.content.decode()


def test_an_open_request_offers_no_handover(client, dataset_request):
    response = client.get(f"/fr/opendata/requests/{dataset_request.pk}/")

    assert "ati-handover" not in response.content.decode()


def test_adoption_status_is_set_by_ogp_staff_with_a_named_role(
    administration_a, ogp_staff, civil_servant_a
):
    from opendata.models import PublisherProfile

    profile = PublisherProfile.objects.create(administration=administration_a)
    with pytest.raises(PermissionDenied):
        services.set_adoption_status(profile, actor=civil_servant_a, status="certified")
    with pytest.raises(ValidationError):
        services.set_adoption_status(profile, actor=ogp_staff, status="committed")
    services.set_adoption_status(
        profile, actor=ogp_staff, status="committed", data_officer_title="Chief data officer"
    )

    profile.refresh_from_db()
    assert profile.status == "committed" and profile.joined_on is not None


def test_my_data_holds_my_reuses_and_requests_and_deletion_unlinks_them(
    citizen, reuse, dataset_request
):
    from ogp_portal.accounts.services import delete_account, export_personal_data

    data = export_personal_data(citizen)["opendata"]
    assert [r["title"] for r in data["reuses"]] == ["Barrages app"]
    assert [d["title"] for d in data["dataset_requests"]] == ["Bus timetables"]

    delete_account(citizen)

    reuse.refresh_from_db()
    dataset_request.refresh_from_db()
    assert reuse.submitted_by is None and dataset_request.requester is None
