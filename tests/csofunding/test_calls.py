from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from csofunding import services
from csofunding.models import Call
from ogp_portal.core.models import TimelineEvent

from .conftest import make_call

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("opens_in", "closes_in", "expected"),
    [
        (-10, 30, Call.Status.OPEN),
        (-10, 8, Call.Status.OPEN),
        (-10, 7, Call.Status.CLOSING_SOON),
        (-10, 0, Call.Status.CLOSING_SOON),
        (-10, -1, Call.Status.CLOSED),
        (3, 30, Call.Status.UPCOMING),
    ],
)
def test_a_calls_status_follows_its_dates(programme_a, opens_in, closes_in, expected):
    call = make_call(programme_a, "c", opens_in=opens_in, closes_in=closes_in)

    assert call.status == expected
    assert list(Call.objects.with_status(expected)) == [call]


def test_a_call_closing_within_seven_days_counts_as_open_too(programme_a):
    call = make_call(programme_a, "c", closes_in=3)

    assert call in Call.objects.open()
    assert call in Call.objects.closing_soon()
    assert call.is_accepting


def test_a_call_with_published_results_is_awarded_whatever_its_dates(programme_a):
    call = make_call(programme_a, "c", opens_in=-40, closes_in=-10)

    services.mark_call_awarded(call, actor=None)

    call.refresh_from_db()
    assert call.status == Call.Status.AWARDED
    assert list(Call.objects.awarded()) == [call]
    assert not Call.objects.closed().exists()
    event = TimelineEvent.objects.for_object(call).get(kind="call_awarded")
    assert (event.from_status, event.to_status) == ("closed", "awarded")


def test_results_cannot_be_published_before_the_deadline(programme_a):
    call = make_call(programme_a, "c", closes_in=5)

    with pytest.raises(ValidationError):
        services.mark_call_awarded(call, actor=None)
    call.refresh_from_db()
    assert call.awarded_on is None


def test_publishing_a_call_records_it_and_refuses_twice(programme_a, civil_servant_a):
    call = make_call(programme_a, "c", published=False)

    services.publish_call(call, actor=civil_servant_a)

    call.refresh_from_db()
    assert call.is_published and call.published_at
    assert TimelineEvent.objects.for_object(call).filter(kind="call_published").count() == 1
    with pytest.raises(ValidationError):
        services.publish_call(call, actor=civil_servant_a)


def test_a_deadline_before_the_opening_date_is_refused(programme_a):
    call = make_call(programme_a, "c")
    call.deadline = call.opens_on - timedelta(days=1)

    with pytest.raises(ValidationError) as info:
        call.full_clean()
    assert "deadline" in info.value.message_dict


def test_the_calls_page_lists_open_calls_first_by_nearest_deadline(client, programme_a):
    make_call(programme_a, "closed-one", opens_in=-60, closes_in=-2)
    make_call(programme_a, "open-late", closes_in=40)
    make_call(programme_a, "open-soon", closes_in=2)
    make_call(programme_a, "draft", published=False)

    response = client.get("/fr/funding/calls/")

    refs = [c.reference for c in response.context["page_obj"]]
    assert refs == ["open-soon", "open-late", "closed-one"]
    html = response.content.decode()
    assert "list-group-item-warning" in html  # closing soon is highlighted


def test_the_calls_page_filters_by_status(client, programme_a):
    make_call(programme_a, "closed-one", opens_in=-60, closes_in=-2)
    make_call(programme_a, "open-one", closes_in=40)

    response = client.get("/en/funding/calls/", {"status": "closed"})

    assert [c.reference for c in response.context["page_obj"]] == ["closed-one"]


def test_an_unpublished_call_is_not_found(client, programme_a):
    make_call(programme_a, "draft", published=False)

    assert client.get("/ar/funding/calls/draft/").status_code == 404


def test_the_call_page_shows_its_status_and_deadline(client, programme_a):
    call = make_call(programme_a, "c", closes_in=3)

    response = client.get(call.get_absolute_url())

    assert response.status_code == 200
    assert "text-bg-warning" in response.content.decode()
    assert timezone.localdate() + timedelta(days=3) == call.deadline
