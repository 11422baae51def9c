"""Links across apps, information requests: a refused request (or information not held) can
become a dataset request, made by opendata's factory through core and linked to the request."""

import pytest
from django.urls import reverse

from ogp_portal.core import links
from ogp_portal.core.models import Link
from ogp_portal.core.timeline import events_for
from opendata.models import DatasetRequest
from transparency.ati import links as ati_links
from transparency.ati import services

from .conftest import CIN, NAME


def _url(req):
    return reverse("transparency:request_as_dataset", kwargs={"reference": req.reference})


@pytest.fixture
def refused(file_request, officer_a, grounds):
    req = file_request()
    services.refuse(req, actor=officer_a, ground=grounds["private-life"], reason="Named people.")
    req.refresh_from_db()
    return req


def test_anyone_signed_in_turns_a_refused_request_into_a_linked_dataset_request(
    client_for, refused, civil_servant_b
):
    client = client_for(civil_servant_b)  # not the requester: any signed-in person may
    page = client.get(refused.get_absolute_url()).content.decode()
    assert _url(refused) in page

    response = client.post(_url(refused))

    dataset_request = DatasetRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == dataset_request.get_absolute_url()
    assert (dataset_request.title, dataset_request.publisher) == (
        refused.subject,
        refused.administration,
    )
    assert refused.description in dataset_request.description
    assert refused.reference in dataset_request.description
    assert dataset_request.requester == civil_servant_b
    link = Link.objects.get()
    assert (link.source, link.target, link.kind) == (refused, dataset_request, Link.Kind.BECAME)
    assert events_for(refused).filter(kind=ati_links.EVENT_ASKED_AS_DATASET).exists()


def test_the_two_pages_point_to_each_other_without_personal_data(client_for, refused, citizen):
    client = client_for(citizen)
    client.post(_url(refused))
    dataset_request = DatasetRequest.objects.get()

    request_page = client.get(refused.get_absolute_url()).content.decode()
    assert dataset_request.get_absolute_url() in request_page
    assert _url(refused) not in request_page  # asked once: the button gives way to the link

    client.logout()
    page = client.get(dataset_request.get_absolute_url()).content.decode()
    assert refused.get_absolute_url() in page
    for secret in (NAME, CIN, citizen.email):
        assert secret not in page


def test_asking_twice_returns_the_same_dataset_request(client_for, refused, citizen, ogp_staff):
    client_for(citizen).post(_url(refused))
    response = client_for(ogp_staff).post(_url(refused))

    assert DatasetRequest.objects.count() == 1 and Link.objects.count() == 1
    assert response["Location"] == DatasetRequest.objects.get().get_absolute_url()


def test_information_not_held_can_also_become_a_dataset_request(
    client_for, file_request, officer_a, citizen
):
    req = file_request()
    services.mark_not_held(req, actor=officer_a, note="Held by the water agency.")
    assert client_for(citizen).post(_url(req)).status_code == 302
    assert DatasetRequest.objects.count() == 1


def test_an_answered_or_open_request_cannot_and_gets_404(client_for, file_request, citizen):
    req = file_request()
    client = client_for(citizen)

    assert _url(req) not in client.get(req.get_absolute_url()).content.decode()
    assert client.post(_url(req)).status_code == 404
    assert not DatasetRequest.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in_and_get_is_refused(
    client, client_for, refused, citizen
):
    response = client.post(_url(refused))
    assert response.status_code == 302 and "login" in response["Location"]
    page = client.get(refused.get_absolute_url()).content.decode()
    assert "?next=" in page and _url(refused) not in page

    assert client_for(citizen).get(_url(refused)).status_code == 405
    assert not DatasetRequest.objects.exists()


def test_a_private_refused_request_is_404_for_others_and_not_convertible_for_its_requester(
    client_for, file_request, officer_a, grounds, citizen, civil_servant_b
):
    req = file_request(is_private=True)
    services.refuse(req, actor=officer_a, ground=grounds["private-life"], reason="Named people.")

    assert client_for(civil_servant_b).post(_url(req)).status_code == 404
    assert client_for(citizen).post(_url(req)).status_code == 404
    assert not DatasetRequest.objects.exists()


def test_without_the_opendata_factory_the_button_is_not_offered(
    client_for, refused, citizen, monkeypatch
):
    monkeypatch.setitem(links._factories, links.DATASET_REQUEST_FACTORY, None)
    monkeypatch.delitem(links._factories, links.DATASET_REQUEST_FACTORY)
    client = client_for(citizen)

    assert _url(refused) not in client.get(refused.get_absolute_url()).content.decode()
    assert client.post(_url(refused)).status_code == 403
