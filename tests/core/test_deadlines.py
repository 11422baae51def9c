"""Working-day deadlines on real 2026 dates, with the holidays package's Moroccan calendar.

In 2026 the library has Eid al-Fitr on Friday 20 and Saturday 21 March
(estimated), Throne Day on Thursday 30 July, Oued Ed-Dahab Day on Friday 14
August, the Green March on Friday 6 November and Independence Day on Wednesday
18 November.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from ogp_portal.core import deadlines
from ogp_portal.core.deadlines import (
    SOURCE_ESTIMATE,
    SOURCE_LIBRARY,
    SOURCE_TABLE,
    SkippedDay,
    add_calendar_days,
    add_working_days,
    holidays_in,
    is_working_day,
    working_days_between,
)
from ogp_portal.core.models import OfficialHoliday

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_holiday_cache():
    # Rolled-back test transactions send no delete signal: forget the rows they cached.
    deadlines.invalidate_holiday_cache()
    yield
    deadlines.invalidate_holiday_cache()


@pytest.fixture
def eid_al_fitr_one_day_later(db):
    """The moon is sighted a day after the estimate: Eid is Saturday 21 and Sunday 22 March 2026."""
    OfficialHoliday.objects.create(
        date=date(2026, 3, 20),
        name="Eid al-Fitr (estimate cancelled)",
        kind=OfficialHoliday.Kind.WORKING_DAY,
        source="Ministry of Habous communiqué",
    )
    OfficialHoliday.objects.create(
        date=date(2026, 3, 22),
        name="Eid al-Fitr",
        kind=OfficialHoliday.Kind.HOLIDAY,
        source="Ministry of Habous communiqué",
    )


def test_it_skips_weekends_and_eid_al_fitr_in_an_ati_deadline():
    deadline = add_working_days(date(2026, 3, 16), 20)

    assert deadline.due == date(2026, 4, 14)
    assert deadline.start == date(2026, 3, 16)
    assert deadline.days == 20
    with translation.override("en"):
        assert [s.date for s in deadline.holidays] == [date(2026, 3, 20), date(2026, 3, 21)]
    # Saturday 21 March is Eid: it is listed as the holiday, not as a weekend day.
    assert [s.date for s in deadline.weekend_days] == [
        date(2026, 3, 22),
        date(2026, 3, 28),
        date(2026, 3, 29),
        date(2026, 4, 4),
        date(2026, 4, 5),
        date(2026, 4, 11),
        date(2026, 4, 12),
    ]


def test_it_does_not_count_the_day_of_receipt():
    # Received on Monday 2 March 2026: one working day later is Tuesday 3 March.
    assert add_working_days(date(2026, 3, 2), 1).due == date(2026, 3, 3)


def test_it_skips_throne_day_and_oued_ed_dahab_day():
    deadline = add_working_days(date(2026, 7, 20), 20)

    assert deadline.due == date(2026, 8, 19)
    assert [s.date for s in deadline.holidays] == [date(2026, 7, 30), date(2026, 8, 14)]
    assert len(deadline.weekend_days) == 8


def test_it_skips_the_green_march_and_independence_day_in_one_window():
    deadline = add_working_days(date(2026, 11, 2), 20)

    assert deadline.due == date(2026, 12, 2)
    assert [s.date for s in deadline.holidays] == [date(2026, 11, 6), date(2026, 11, 18)]
    assert len(deadline.weekend_days) == 8


def test_it_carries_an_urgent_three_day_deadline_over_the_weekend():
    # Law 31-13: 3 days when a life, safety or freedom is at stake. Thursday 12 March 2026.
    deadline = add_working_days(date(2026, 3, 12), 3)

    assert deadline.due == date(2026, 3, 17)
    assert deadline.skipped == [
        SkippedDay(date(2026, 3, 14), "weekend"),
        SkippedDay(date(2026, 3, 15), "weekend"),
    ]


def test_it_moves_the_deadline_when_the_official_eid_is_a_day_later(eid_al_fitr_one_day_later):
    # Friday 20 March becomes a working day, the added Sunday was not one anyway:
    # the same 20 working days end one working day earlier.
    deadline = add_working_days(date(2026, 3, 16), 20)

    assert deadline.due == date(2026, 4, 13)
    assert is_working_day(date(2026, 3, 20))
    assert not is_working_day(date(2026, 3, 22))
    assert [s.date for s in deadline.holidays] == [date(2026, 3, 21), date(2026, 3, 22)]
    assert deadline.holidays[1].reason == "Eid al-Fitr"


def test_it_moves_a_one_day_deadline_when_eid_al_adha_is_a_day_later():
    # Library: Eid al-Adha on Wednesday 27 and Thursday 28 May 2026.
    assert add_working_days(date(2026, 5, 26), 1).due == date(2026, 5, 29)
    assert working_days_between(date(2026, 5, 25), date(2026, 6, 5)) == 7

    OfficialHoliday.objects.create(
        date=date(2026, 5, 27),
        name="Eid al-Adha (estimate cancelled)",
        kind=OfficialHoliday.Kind.WORKING_DAY,
    )
    OfficialHoliday.objects.create(
        date=date(2026, 5, 29), name="Eid al-Adha", kind=OfficialHoliday.Kind.HOLIDAY
    )

    # Thursday 28 and Friday 29 May now: a request of Tuesday 26 is due on Wednesday 27.
    assert add_working_days(date(2026, 5, 26), 1).due == date(2026, 5, 27)
    # A window that holds both Eid days still loses two working days to it.
    assert working_days_between(date(2026, 5, 25), date(2026, 6, 5)) == 7


def test_it_forgets_an_override_once_it_is_deleted(eid_al_fitr_one_day_later):
    assert add_working_days(date(2026, 3, 16), 20).due == date(2026, 4, 13)

    OfficialHoliday.objects.filter(date__year=2026).delete()

    assert add_working_days(date(2026, 3, 16), 20).due == date(2026, 4, 14)


def test_it_sees_an_override_edited_after_the_year_was_cached():
    assert not is_working_day(date(2026, 3, 20))  # caches 2026
    row = OfficialHoliday.objects.create(
        date=date(2026, 3, 23), name="Eid al-Fitr", kind=OfficialHoliday.Kind.HOLIDAY
    )
    assert not is_working_day(date(2026, 3, 23))

    row.kind = OfficialHoliday.Kind.WORKING_DAY
    row.save()

    assert is_working_day(date(2026, 3, 23))


def test_it_tells_working_days_from_weekends_and_holidays():
    assert is_working_day(date(2026, 3, 19))  # Thursday
    assert not is_working_day(date(2026, 3, 20))  # Eid al-Fitr (estimated), a Friday
    assert not is_working_day(date(2026, 3, 14))  # Saturday
    assert not is_working_day(date(2026, 7, 30))  # Throne Day


def test_it_counts_working_days_between_two_dates():
    assert working_days_between(date(2026, 3, 16), date(2026, 4, 14)) == 20
    assert working_days_between(date(2026, 11, 2), date(2026, 12, 2)) == 20
    assert working_days_between(date(2026, 3, 13), date(2026, 3, 16)) == 1  # Friday to Monday
    assert working_days_between(date(2026, 3, 16), date(2026, 3, 16)) == 0
    assert working_days_between(date(2026, 4, 14), date(2026, 3, 16)) == -20


@pytest.mark.parametrize("days", [1, 3, 15, 20, 40, 60, 250])
def test_it_counts_back_the_working_days_it_added(days):
    # Across year ends too: 250 working days from 1 June 2026 ends in 2027.
    for start in (date(2026, 3, 16), date(2026, 6, 1), date(2026, 12, 24)):
        assert working_days_between(start, add_working_days(start, days).due) == days


def test_it_counts_calendar_days_for_the_cdai():
    deadline = add_calendar_days(date(2026, 3, 16), 30)

    assert deadline.due == date(2026, 4, 15)
    assert deadline.skipped == []
    with translation.override("en"):
        assert deadline.explain() == (
            "30 calendar days from 16 March 2026, weekends and public holidays included: due 15 April 2026."
        )


def test_it_explains_the_deadline_in_english():
    with translation.override("en"):
        text = add_working_days(date(2026, 3, 16), 20).explain()

    assert text == (
        "20 working days from 16 March 2026, not counting 7 weekend days and "
        "2 public holidays (Eid al-Fitr, 20–21 March): due 14 April 2026."
    )


def test_it_explains_two_holidays_and_the_weekends_in_english():
    with translation.override("en"):
        text = add_working_days(date(2026, 11, 2), 20).explain()

    assert "8 weekend days" in text
    assert "2 public holidays (Green March, 6 November; Independence Day, 18 November)" in text
    assert text.endswith("due 2 December 2026.")


def test_it_explains_the_deadline_in_french():
    deadline = add_working_days(date(2026, 3, 16), 20)

    with translation.override("fr"):
        text = deadline.explain()

    assert "14 avril 2026" in text
    assert "16 mars 2026" in text
    assert "Fête de la rupture du jeûne, 20–21 mars" in text


def test_it_explains_a_deadline_in_arabic_with_the_arabic_holiday_names():
    with translation.override("ar"):
        text = add_working_days(date(2026, 7, 20), 20).explain()

    assert "عيد العرش" in text
    assert "2026" in text


def test_it_explains_a_deadline_with_no_day_skipped_in_the_singular():
    with translation.override("en"):
        assert add_working_days(date(2026, 3, 2), 1).explain() == (
            "1 working day from 2 March 2026: due 3 March 2026."
        )


def test_it_explains_an_urgent_deadline_with_weekend_days_only():
    with translation.override("en"):
        assert add_working_days(date(2026, 3, 12), 3).explain() == (
            "3 working days from 12 March 2026, not counting 2 weekend days: due 17 March 2026."
        )


def test_it_names_the_official_eid_in_the_explanation(eid_al_fitr_one_day_later):
    with translation.override("en"):
        text = add_working_days(date(2026, 3, 16), 20).explain()

    assert "(Eid al-Fitr, 21–22 March)" in text
    assert text.endswith("due 13 April 2026.")


@pytest.mark.parametrize("days", [0, -1, -20])
def test_it_refuses_a_deadline_of_no_days_or_fewer(days):
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 16), days)
    with pytest.raises(ValueError):
        add_calendar_days(date(2026, 3, 16), days)


def test_it_counts_from_the_moroccan_date_of_an_aware_datetime():
    # 23:30 UTC on Sunday 3 May is already Monday 4 May in Casablanca (UTC+1 outside
    # Ramadan; in Ramadan Morocco is on UTC+0, which the time zone database knows).
    received = datetime(2026, 5, 3, 23, 30, tzinfo=ZoneInfo("UTC"))

    assert add_working_days(received, 1).start == date(2026, 5, 4)
    assert add_working_days(received, 1).due == date(2026, 5, 5)


def test_it_lists_the_years_holidays_with_their_source(eid_al_fitr_one_day_later):
    with translation.override("en"):
        listed = {entry.date: entry for entry in holidays_in(2026)}

    assert date(2026, 3, 20) not in listed  # cancelled by the table
    assert listed[date(2026, 3, 21)].name == "Eid al-Fitr"
    assert listed[date(2026, 3, 21)].source == SOURCE_ESTIMATE
    assert listed[date(2026, 3, 22)].source == SOURCE_TABLE
    assert listed[date(2026, 7, 30)] == (date(2026, 7, 30), "Throne Day", SOURCE_LIBRARY)
    assert listed[date(2026, 11, 6)].name == "Green March"


def test_it_lists_holiday_names_in_the_active_language():
    with translation.override("fr"):
        names = {entry.date: entry.name for entry in holidays_in(2026)}

    assert names[date(2026, 7, 30)] == "Fête du Trône"
    assert names[date(2026, 11, 18)] == "Fête de l'indépendance"


def test_it_sees_bulk_written_rows_once_the_cache_is_invalidated():
    assert not is_working_day(date(2026, 3, 20))  # caches 2026
    # bulk_create sends no post_save signal: the cached year is stale until invalidated.
    OfficialHoliday.objects.bulk_create(
        [
            OfficialHoliday(
                date=date(2026, 3, 20), name="Eid al-Fitr", kind=OfficialHoliday.Kind.WORKING_DAY
            )
        ]
    )
    assert not is_working_day(date(2026, 3, 20))

    deadlines.invalidate_holiday_cache()

    assert is_working_day(date(2026, 3, 20))
