"""The core admin: who sees what, what is read-only, and the holiday calendar panel."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ogp_portal.core import deadlines, timeline
from ogp_portal.core.models import (
    ContentReport,
    ModerationCase,
    Notification,
    OfficialHoliday,
    ReferenceCounter,
    TimelineEvent,
)
from ogp_portal.core.references import next_reference
from tests.factories import AdministrationFactory

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "/ar/admin/core/officialholiday/",
    "/ar/admin/core/timelineevent/",
    "/ar/admin/core/notification/",
    "/ar/admin/core/referencecounter/",
    "/ar/admin/core/moderationcase/",
]


@pytest.fixture(autouse=True)
def _fresh_holiday_cache():
    deadlines.invalidate_holiday_cache()
    yield
    deadlines.invalidate_holiday_cache()


@pytest.fixture
def reported_case(administration_a, citizen):
    """A moderation case with one report (on an administration: inert content for the admin's sake)."""
    case = ModerationCase.objects.create(
        content_type=ContentType.objects.get_for_model(administration_a),
        object_id=str(administration_a.pk),
        status=ModerationCase.Status.PENDING,
        report_count=1,
    )
    ContentReport.objects.create(
        case=case,
        reporter=citizen,
        reason=ContentReport.Reason.PERSONAL_DATA,
        text="Gives a phone number.",
    )
    return case


@pytest.fixture
def some_records(administration_a, ogp_staff):
    timeline.record(
        administration_a, "updated", actor=ogp_staff, actor_role="OGP staff", to_status="active"
    )
    Notification.objects.create(address="salma@example.test", template="accounts/welcome")
    next_reference("ATI", year=2026)
    OfficialHoliday.objects.create(date=date(2026, 3, 22), name="Eid al-Fitr")


@pytest.mark.parametrize("url", CHANGELISTS)
def test_it_lets_ogp_staff_open_each_changelist(
    client_for, ogp_staff, some_records, reported_case, url
):
    assert client_for(ogp_staff).get(url).status_code == 200


@pytest.mark.parametrize("url", CHANGELISTS)
def test_it_forbids_a_civil_servant_each_changelist(client_for, civil_servant_a, url):
    assert client_for(civil_servant_a).get(url).status_code == 403


def test_it_lets_a_moderator_open_moderation_but_not_the_holidays(
    client_for, moderator, reported_case
):
    client = client_for(moderator)

    assert client.get("/ar/admin/core/moderationcase/").status_code == 200
    assert (
        client.get(f"/ar/admin/core/moderationcase/{reported_case.pk}/change/").status_code == 200
    )
    assert client.get("/ar/admin/core/officialholiday/").status_code == 403
    assert client.get("/ar/admin/core/timelineevent/").status_code == 403


def test_it_does_not_let_anyone_add_a_timeline_event(client_for, ogp_staff):
    response = client_for(ogp_staff).get("/ar/admin/core/timelineevent/add/")

    assert response.status_code == 403


def test_it_does_not_let_anyone_change_a_timeline_event(client_for, ogp_staff, administration_a):
    event = timeline.record(administration_a, "updated", actor=ogp_staff, note="Original note")
    client = client_for(ogp_staff)
    url = f"/ar/admin/core/timelineevent/{event.pk}/change/"

    assert client.get(url).status_code == 200  # viewable
    response = client.post(
        url, {"kind": "forged", "note": "Rewritten", "actor_role": "", "object_id": event.object_id}
    )

    assert response.status_code == 403
    event.refresh_from_db()
    assert (event.kind, event.note) == ("updated", "Original note")
    assert client.post(f"/ar/admin/core/timelineevent/{event.pk}/delete/").status_code == 403
    assert TimelineEvent.objects.filter(pk=event.pk).exists()


def test_it_keeps_notifications_and_counters_read_only(client_for, ogp_staff, some_records):
    client = client_for(ogp_staff)
    counter = ReferenceCounter.objects.get(prefix="ATI", year=2026)

    assert client.get("/ar/admin/core/notification/add/").status_code == 403
    assert client.get("/ar/admin/core/referencecounter/add/").status_code == 403
    response = client.post(
        f"/ar/admin/core/referencecounter/{counter.pk}/change/",
        {"prefix": "ATI", "year": 2026, "last_value": 0},
    )
    assert response.status_code == 403
    counter.refresh_from_db()
    assert counter.last_value == 1


def test_it_filters_notifications_by_status_and_channel(client_for, ogp_staff):
    Notification.objects.create(
        address="a@example.test", template="t", status=Notification.Status.FAILED
    )
    Notification.objects.create(
        address="+212600000000", template="t", channel=Notification.Channel.SMS
    )

    response = client_for(ogp_staff).get(
        "/ar/admin/core/notification/", {"status__exact": "failed"}
    )

    assert [n.address for n in response.context["cl"].result_list] == ["a@example.test"]
    response = client_for(ogp_staff).get("/ar/admin/core/notification/", {"channel__exact": "sms"})
    assert [n.address for n in response.context["cl"].result_list] == ["+212600000000"]


def test_it_shows_the_librarys_estimated_eid_for_2026(client_for, ogp_staff):
    response = client_for(ogp_staff).get("/ar/admin/core/officialholiday/", {"year": "2026"})

    assert response.status_code == 200
    rows = {row["date"]: row for row in response.context["holiday_calendar"]["rows"]}
    eid = rows[date(2026, 3, 20)]
    assert eid["library_name"] == "عيد الفطر"
    assert eid["library_estimated"] is True
    assert eid["is_day_off"] is True
    assert rows[date(2026, 7, 30)]["library_estimated"] is False
    content = response.content.decode()
    assert 'id="holiday-calendar"' in content
    assert "عيد الفطر" in content


def test_it_shows_what_the_table_overrides(client_for, ogp_staff):
    OfficialHoliday.objects.create(
        date=date(2026, 3, 20),
        name="Eid al-Fitr (estimate cancelled)",
        kind=OfficialHoliday.Kind.WORKING_DAY,
    )
    OfficialHoliday.objects.create(date=date(2026, 3, 22), name="Eid al-Fitr official second day")

    response = client_for(ogp_staff).get("/en/admin/core/officialholiday/", {"year": "2026"})

    rows = {row["date"]: row for row in response.context["holiday_calendar"]["rows"]}
    assert rows[date(2026, 3, 20)]["is_day_off"] is False
    assert rows[date(2026, 3, 20)]["table_row"].kind == OfficialHoliday.Kind.WORKING_DAY
    assert rows[date(2026, 3, 22)]["library_name"] == ""
    assert rows[date(2026, 3, 22)]["is_day_off"] is True
    content = response.content.decode()
    assert "Eid al-Fitr official second day" in content
    # The year filter lists the table's rows of that year only.
    assert len(response.context["cl"].result_list) == 2


def test_it_filters_the_holiday_table_by_year(client_for, ogp_staff):
    OfficialHoliday.objects.create(date=date(2026, 3, 22), name="Eid al-Fitr")
    OfficialHoliday.objects.create(date=date(2027, 3, 10), name="Eid al-Fitr")

    response = client_for(ogp_staff).get("/ar/admin/core/officialholiday/", {"year": "2027"})

    assert [h.date for h in response.context["cl"].result_list] == [date(2027, 3, 10)]
    assert response.context["holiday_calendar"]["year"] == 2027


def test_it_lets_staff_add_an_official_holiday_that_deadlines_then_use(client_for, ogp_staff):
    assert deadlines.is_working_day(date(2026, 3, 23))

    response = client_for(ogp_staff).post(
        "/ar/admin/core/officialholiday/add/",
        {"date": "2026-03-23", "name": "Eid al-Fitr", "kind": "holiday", "source": "Communiqué"},
    )

    assert response.status_code == 302
    assert not deadlines.is_working_day(date(2026, 3, 23))


def test_it_hides_selected_content_through_the_moderation_service(
    client_for, moderator, reported_case
):
    response = client_for(moderator).post(
        "/ar/admin/core/moderationcase/",
        {"action": "hide_selected", "_selected_action": [reported_case.pk]},
    )

    assert response.status_code == 302
    reported_case.refresh_from_db()
    assert reported_case.status == ModerationCase.Status.HIDDEN
    assert reported_case.decided_by == moderator
    event = TimelineEvent.objects.get(kind="moderation_hidden")
    assert (event.from_status, event.to_status, event.actor) == ("pending", "hidden", moderator)


def test_it_keeps_selected_content_visible_through_the_moderation_service(
    client_for, moderator, reported_case
):
    client_for(moderator).post(
        "/ar/admin/core/moderationcase/",
        {"action": "keep_selected", "_selected_action": [reported_case.pk]},
    )

    reported_case.refresh_from_db()
    assert reported_case.status == ModerationCase.Status.KEPT
    assert reported_case.decided_by == moderator


def test_it_shows_the_reports_without_the_reporter(client_for, moderator, reported_case, citizen):
    response = client_for(moderator).get(
        f"/ar/admin/core/moderationcase/{reported_case.pk}/change/"
    )

    content = response.content.decode()
    assert "Gives a phone number." in content
    assert citizen.email not in content
    assert "salma" not in content.lower()


def test_it_does_not_let_anyone_change_a_case_status_by_hand(client_for, ogp_staff, reported_case):
    client = client_for(ogp_staff)

    assert client.get("/ar/admin/core/moderationcase/add/").status_code == 403
    client.post(f"/ar/admin/core/moderationcase/{reported_case.pk}/change/", {"status": "hidden"})

    reported_case.refresh_from_db()
    assert reported_case.status == ModerationCase.Status.PENDING


def test_it_lists_timeline_events_in_a_fixed_number_of_queries(client_for, ogp_staff):
    client = client_for(ogp_staff)
    AdministrationFactory.create_batch(2)
    for administration in AdministrationFactory._meta.model.objects.all():
        timeline.record(administration, "updated", actor=ogp_staff)
    client.get("/ar/admin/core/timelineevent/")  # warm the content-type cache and session

    with CaptureQueriesContext(connection) as few:
        client.get("/ar/admin/core/timelineevent/")
    for administration in AdministrationFactory.create_batch(5):
        timeline.record(administration, "updated", actor=ogp_staff)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/ar/admin/core/timelineevent/")

    assert len(response.context["cl"].result_list) == TimelineEvent.objects.count()
    assert len(many.captured_queries) == len(few.captured_queries)
