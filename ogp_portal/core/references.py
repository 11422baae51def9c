"""Human-friendly, unique tracking numbers: ATI-2026-000123.

One ReferenceCounter row per (prefix, year) holds the last number handed out.
next_reference() increments that row, which locks it for the rest of the
caller's transaction: two requests can never get the same number, and a
rolled-back transaction gives its number back (numbers stay contiguous).
Call it inside the transaction that creates the object, as late as possible:
the row stays locked until commit.
"""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import ReferenceCounter

PREFIX_RE = re.compile(r"[A-Z]{2,10}")
# Years change at midnight in Morocco, not in UTC.
REFERENCE_TIME_ZONE = ZoneInfo("Africa/Casablanca")


def next_reference(prefix: str, *, year: int | None = None, width: int = 6) -> str:
    """The next reference for `prefix` in `year` (default: this year in Morocco), e.g. "ATI-2026-000001".

    `prefix` is 2 to 10 capital letters; the number is zero-padded to `width`
    digits (and grows past it rather than wrap).
    """
    if not isinstance(prefix, str) or not PREFIX_RE.fullmatch(prefix):
        raise ValueError(f"A reference prefix is 2 to 10 capital letters (A-Z), not {prefix!r}")
    if year is None:
        year = datetime.datetime.now(REFERENCE_TIME_ZONE).year
    if not 1 <= year <= 9999:
        raise ValueError(f"year must be between 1 and 9999, not {year!r}")
    if width < 1:
        raise ValueError(f"width must be at least 1, not {width!r}")
    return f"{prefix}-{year}-{_next_value(prefix, year):0{width}d}"


@transaction.atomic(savepoint=False)
def _next_value(prefix: str, year: int) -> int:
    counters = ReferenceCounter.objects.filter(prefix=prefix, year=year)
    # The UPDATE takes the row lock that SELECT ... FOR UPDATE would take, and holds it
    # until commit; a concurrent caller waits, then increments the committed value.
    # Incrementing before reading (not read-lock-then-write) also keeps SQLite, where
    # select_for_update() is a no-op, from failing with "database is locked".
    if not counters.update(last_value=F("last_value") + 1):
        try:
            # A savepoint: losing the race below must not break the caller's transaction.
            with transaction.atomic():
                ReferenceCounter.objects.create(prefix=prefix, year=year, last_value=1)
            return 1
        except IntegrityError:
            # Another first caller created the row at the same moment (PostgreSQL made
            # our INSERT wait for their commit): increment theirs.
            counters.update(last_value=F("last_value") + 1)
    return counters.values_list("last_value", flat=True).get()
