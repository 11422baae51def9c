"""The public form is rate limited per IP address: over the limit the form comes back,
politely, with HTTP 429 and everything typed still there; nothing is filed."""

import pytest
from django.core.cache import cache
from django.utils import translation

from complaints.models import Complaint
from tests.complaints.test_public_pages import form_data, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rates(settings):
    settings.RATELIMIT_ENABLE = True
    settings.COMPLAINTS_FILE_RATE = "2/m"
    settings.COMPLAINTS_FILE_RATE_HOURLY = "10/h"
    cache.clear()
    yield
    cache.clear()


def test_over_the_limit_the_form_comes_back_with_429_and_what_was_typed(client):
    for _ in range(2):
        assert client.post(url("file"), form_data()).status_code == 302
    typed = form_data(subject="Lampadaire tombé", description="Devant le n° 12, depuis lundi.")
    response = client.post(url("file"), typed)
    assert response.status_code == 429
    page = response.content.decode()
    assert 'id="rate-limited"' in page
    assert "Lampadaire tombé" in page
    assert "Devant le n° 12, depuis lundi." in page
    assert "youssef@example.test" in page  # the contact details typed stay too
    assert Complaint.objects.count() == 2


def test_the_message_is_translated(client):
    for _ in range(2):
        client.post(url("file", "ar"), form_data())
    response = client.post(url("file", "ar"), form_data())
    assert response.status_code == 429
    with translation.override("ar"):
        assert response.context["rate_limited"] is True
    assert response.context["form"]["subject"].value() == "Route abîmée"


def test_reading_the_form_is_never_limited(client):
    for _ in range(5):
        assert client.get(url("file")).status_code == 200


def test_another_address_is_not_limited(client):
    for _ in range(3):
        client.post(url("file"), form_data(), REMOTE_ADDR="10.0.0.1")
    assert client.post(url("file"), form_data(), REMOTE_ADDR="10.0.0.2").status_code == 302


def test_the_hourly_rate_counts_too(client, settings):
    settings.COMPLAINTS_FILE_RATE = "100/m"
    settings.COMPLAINTS_FILE_RATE_HOURLY = "3/h"
    statuses = [client.post(url("file"), form_data()).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]


def test_the_limit_can_be_switched_off(client, settings):
    settings.RATELIMIT_ENABLE = False
    statuses = [client.post(url("file"), form_data()).status_code for _ in range(4)]
    assert statuses == [302] * 4
