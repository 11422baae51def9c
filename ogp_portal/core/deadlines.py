"""Deadlines in working days, with Morocco's public holidays.

    deadline = add_working_days(received_on, 20)     # Law 31-13: 20 working days
    deadline.due                                     # date(2026, 4, 14)
    deadline.explain()                               # a sentence for the citizen

Working days are Monday to Friday, minus the public holidays. The holidays come
from the `holidays` package (country MA); its Islamic holidays are estimates,
because the official dates follow the moon sighting. The OfficialHoliday table,
edited by OGP staff in the admin, overrides the library: a *holiday* row adds a
day off, a *working day* row cancels a date the library counts as a holiday.
When the moon-sighted Eid falls a day after the estimate, staff cancel the
estimated first day and add the official second day.

The day a deadline starts from (the day of receipt) never counts.

Library calendars are cached per year and language for the life of the process;
the table is cached per year under a version token kept in Django's cache, so a
change saved in one process reaches every other one (with a shared cache such
as Redis). Saving or deleting an OfficialHoliday renews the token. Bulk writes
(`bulk_create`, `QuerySet.update`) send no signals: call
`invalidate_holiday_cache()` after them.
"""

from __future__ import annotations

import datetime
import functools
import logging
import threading
import uuid
from dataclasses import dataclass, field
from typing import NamedTuple

import holidays
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext, pgettext

from .models import OfficialHoliday

WEEKEND = frozenset({5, 6})  # Saturday, Sunday (date.weekday())

# SkippedDay.reason for a Saturday or Sunday that is not also a holiday.
WEEKEND_REASON = "weekend"

# HolidayEntry.source values.
SOURCE_LIBRARY = "library"
SOURCE_ESTIMATE = "library estimate"
SOURCE_TABLE = "official table"

WORKING_DAYS = "working"
CALENDAR_DAYS = "calendar"

# Django language -> language of the holidays package (holidays.MA.supported_languages).
_LIBRARY_LANGUAGES = {"ar": "ar", "fr": "fr", "en": "en_US"}

_VERSION_KEY = "core:official-holidays:version"

logger = logging.getLogger(__name__)


class HolidayEntry(NamedTuple):
    """One non-working public holiday, as `holidays_in()` lists it."""

    date: datetime.date
    name: str
    source: str  # SOURCE_LIBRARY, SOURCE_ESTIMATE or SOURCE_TABLE


class LibraryHoliday(NamedTuple):
    """One date as the holidays package has it, before the table's overrides."""

    date: datetime.date
    name: str
    estimated: bool


@dataclass(frozen=True)
class SkippedDay:
    """A day not counted: `reason` is "weekend" or the holiday's name."""

    date: datetime.date
    reason: str

    @property
    def is_weekend(self) -> bool:
        return self.reason == WEEKEND_REASON


@dataclass(frozen=True)
class Deadline:
    """A computed due date and the days that were not counted on the way to it."""

    start: datetime.date
    days: int
    due: datetime.date
    skipped: list[SkippedDay] = field(default_factory=list)
    unit: str = WORKING_DAYS

    @property
    def weekend_days(self) -> list[SkippedDay]:
        return [s for s in self.skipped if s.is_weekend]

    @property
    def holidays(self) -> list[SkippedDay]:
        return [s for s in self.skipped if not s.is_weekend]

    def explain(self) -> str:
        """The deadline as one sentence in the active language.

        Holiday names are looked up again in the active language, so a deadline
        computed in one language explains itself in another.
        """
        values = {"days": self.days, "start": _long_date(self.start), "due": _long_date(self.due)}
        if self.unit == CALENDAR_DAYS:
            return (
                ngettext(
                    "%(days)d calendar day from %(start)s, weekends and public holidays included: due %(due)s.",
                    "%(days)d calendar days from %(start)s, weekends and public holidays included: due %(due)s.",
                    self.days,
                )
                % values
            )

        parts = []
        weekend_count = len(self.weekend_days)
        if weekend_count:
            parts.append(
                ngettext("%(count)d weekend day", "%(count)d weekend days", weekend_count)
                % {"count": weekend_count}
            )
        holiday_days = self.holidays
        if holiday_days:
            parts.append(
                ngettext(
                    "%(count)d public holiday (%(names)s)",
                    "%(count)d public holidays (%(names)s)",
                    len(holiday_days),
                )
                % {"count": len(holiday_days), "names": _describe_holidays(holiday_days)}
            )
        if not parts:
            return (
                ngettext(
                    "%(days)d working day from %(start)s: due %(due)s.",
                    "%(days)d working days from %(start)s: due %(due)s.",
                    self.days,
                )
                % values
            )
        if len(parts) == 2:
            skipped = gettext("%(weekend_days)s and %(holidays)s") % {
                "weekend_days": parts[0],
                "holidays": parts[1],
            }
        else:
            skipped = parts[0]
        return ngettext(
            "%(days)d working day from %(start)s, not counting %(skipped)s: due %(due)s.",
            "%(days)d working days from %(start)s, not counting %(skipped)s: due %(due)s.",
            self.days,
        ) % {**values, "skipped": skipped}


# --- Public API ----------------------------------------------------------------


def is_working_day(d: datetime.date) -> bool:
    """True from Monday to Friday unless the day is a public holiday."""
    return _Calendar.current().reason(_as_date(d)) is None


def add_working_days(start: datetime.date, days: int) -> Deadline:
    """The deadline `days` working days after `start` (the day of receipt does not count)."""
    _check_days(days)
    start = _as_date(start)
    calendar = _Calendar.current()
    day, counted, skipped = start, 0, []
    while counted < days:
        day += datetime.timedelta(days=1)
        reason = calendar.reason(day)
        if reason is None:
            counted += 1
        else:
            skipped.append(SkippedDay(day, reason))
    return Deadline(start=start, days=days, due=day, skipped=skipped, unit=WORKING_DAYS)


def add_calendar_days(start: datetime.date, days: int) -> Deadline:
    """The deadline `days` calendar days after `start` (e.g. 30 days to complain to the CDAI)."""
    _check_days(days)
    start = _as_date(start)
    return Deadline(
        start=start,
        days=days,
        due=start + datetime.timedelta(days=days),
        skipped=[],
        unit=CALENDAR_DAYS,
    )


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end`.

    The inverse of add_working_days: working_days_between(s, add_working_days(s, n).due) == n.
    Negative when `end` is before `start`.
    """
    start, end = _as_date(start), _as_date(end)
    if end < start:
        return -working_days_between(end, start)
    calendar = _Calendar.current()
    # Weekdays by arithmetic, then the holidays that fall on weekdays: cheap over long spans.
    weekdays = _weekdays_up_to(end) - _weekdays_up_to(start)
    holidays_on_weekdays = sum(
        1
        for year in range(start.year, end.year + 1)
        for day in calendar.year(year)
        if start < day <= end and day.weekday() not in WEEKEND
    )
    return weekdays - holidays_on_weekdays


def holidays_in(year: int) -> list[HolidayEntry]:
    """The non-working public holidays of `year`, after the table's overrides, in date order.

    Names are in the active language for the library's holidays, as typed for the table's.
    """
    calendar = _Calendar.current()
    return [
        HolidayEntry(day, name, source)
        for day, (name, source) in sorted(calendar.year(year).items())
    ]


def library_holidays(year: int) -> list[LibraryHoliday]:
    """What the holidays package says about `year`, before any override (for the admin)."""
    library = _library_year(year, _library_language())
    return [
        LibraryHoliday(day, name, estimated) for day, (name, estimated) in sorted(library.items())
    ]


def holiday_name(d: datetime.date) -> str | None:
    """The name of the public holiday on `d` in the active language, or None."""
    d = _as_date(d)
    entry = _Calendar.current().year(d.year).get(d)
    return entry[0] if entry else None


def invalidate_holiday_cache() -> None:
    """Forget the cached OfficialHoliday rows in every process sharing Django's cache."""
    with _local_lock:
        _local.clear()
    try:
        cache.set(_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # noqa: BLE001 - a cache outage must not stop an admin save
        logger.warning("Could not renew the official holidays version in the cache", exc_info=True)


# --- Internals -------------------------------------------------------------------


def _check_days(days: int) -> None:
    if isinstance(days, bool) or not isinstance(days, int):
        raise TypeError(f"days must be an integer, not {days!r}")
    if days <= 0:
        raise ValueError(f"days must be a positive number of days, not {days}")


def _as_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        # An aware datetime counts from its date in Morocco, not in UTC.
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return value
    raise TypeError(f"expected a date, not {value!r}")


def _weekdays_up_to(d: datetime.date) -> int:
    # Ordinal 1 (1 January of year 1) was a Monday.
    weeks, rest = divmod(d.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def _library_language() -> str:
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()
    return _LIBRARY_LANGUAGES.get(language) or _LIBRARY_LANGUAGES.get(settings.LANGUAGE_CODE, "ar")


@functools.lru_cache(maxsize=128)
def _library_year(year: int, language: str) -> dict[datetime.date, tuple[str, bool]]:
    """{date: (name without the "(estimated)" label, estimated?)} from the holidays package."""
    labelled = holidays.country_holidays("MA", years=year, language=language)
    plain = holidays.MA(years=year, language=language, islamic_show_estimated=False)
    return {day: (plain[day], labelled[day] != plain[day]) for day in plain}


def _version_token() -> str | None:
    try:
        token = cache.get(_VERSION_KEY)
        if token is None:
            cache.add(_VERSION_KEY, uuid.uuid4().hex, timeout=None)
            token = cache.get(_VERSION_KEY)
        return token
    except Exception:  # noqa: BLE001 - without a cache, read the table every time
        logger.warning("Could not read the official holidays version from the cache", exc_info=True)
        return None


# {(token, year): {date: (kind, name)}}: the table's rows, per cache version.
_local: dict[tuple[str, int], dict[datetime.date, tuple[str, str]]] = {}
_local_lock = threading.Lock()


def _table_year(year: int, token: str | None) -> dict[datetime.date, tuple[str, str]]:
    key = (token, year)
    if token is not None:
        cached = _local.get(key)
        if cached is not None:
            return cached
    rows = {
        row.date: (row.kind, row.name)
        for row in OfficialHoliday.objects.filter(date__year=year).only("date", "kind", "name")
    }
    if token is not None:
        with _local_lock:
            # Entries of older tokens are dead: drop them rather than let them pile up.
            for stale in [k for k in _local if k[0] != token]:
                del _local[stale]
            _local[key] = rows
    return rows


class _Calendar:
    """The effective holidays for one call: one cache token, one language, years on demand."""

    def __init__(self, token: str | None, language: str):
        self.token = token
        self.language = language
        self._years: dict[int, dict[datetime.date, tuple[str, str]]] = {}

    @classmethod
    def current(cls) -> _Calendar:
        return cls(_version_token(), _library_language())

    def year(self, year: int) -> dict[datetime.date, tuple[str, str]]:
        """{date: (name, source)} for the non-working holidays of `year`."""
        effective = self._years.get(year)
        if effective is None:
            effective = {}
            table = _table_year(year, self.token)
            for day, (name, estimated) in _library_year(year, self.language).items():
                if day not in table:
                    effective[day] = (name, SOURCE_ESTIMATE if estimated else SOURCE_LIBRARY)
            for day, (kind, name) in table.items():
                if kind == OfficialHoliday.Kind.HOLIDAY:
                    effective[day] = (name, SOURCE_TABLE)
            self._years[year] = effective
        return effective

    def reason(self, day: datetime.date) -> str | None:
        """Why `day` is not worked (holiday name, else "weekend"), or None for a working day."""
        # A holiday on a Saturday is reported as the holiday: the explanation names it.
        entry = self.year(day.year).get(day)
        if entry is not None:
            return entry[0]
        if day.weekday() in WEEKEND:
            return WEEKEND_REASON
        return None


def _long_date(d: datetime.date) -> str:
    return date_format(d, "j F Y")


def _describe_holidays(days: list[SkippedDay]) -> str:
    """ "Eid al-Fitr, 20–21 March; Throne Day, 30 July" in the active language."""
    calendar = _Calendar.current()
    runs: list[tuple[str, datetime.date, datetime.date]] = []
    for skipped in days:
        entry = calendar.year(skipped.date.year).get(skipped.date)
        name = entry[0] if entry else skipped.reason
        if (
            runs
            and runs[-1][0] == name
            and runs[-1][2] + datetime.timedelta(days=1) == skipped.date
        ):
            runs[-1] = (name, runs[-1][1], skipped.date)
        else:
            runs.append((name, skipped.date, skipped.date))
    described = [
        gettext("%(name)s, %(dates)s") % {"name": name, "dates": _date_range(first, last)}
        for name, first, last in runs
    ]
    return pgettext("separator between holidays in a list", "; ").join(described)


def _date_range(first: datetime.date, last: datetime.date) -> str:
    if first == last:
        return date_format(first, "j F")
    start_format = "j" if (first.year, first.month) == (last.year, last.month) else "j F"
    return pgettext("range of days", "%(first)s–%(last)s") % {
        "first": date_format(first, start_format),
        "last": date_format(last, "j F"),
    }


@receiver(post_save, sender=OfficialHoliday, dispatch_uid="core.deadlines.official_holiday_saved")
@receiver(
    post_delete, sender=OfficialHoliday, dispatch_uid="core.deadlines.official_holiday_deleted"
)
def _official_holidays_changed(sender, using="default", **kwargs) -> None:
    invalidate_holiday_cache()
    # Another process may read the old rows before this transaction commits: renew again after.
    transaction.on_commit(invalidate_holiday_cache, using=using)
