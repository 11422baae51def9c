"""Public figures of access-to-information requests: scorecards per administration, ranking.

`scorecard_for(administration)` is what the directory's administration page can show;
`figures()` and `latest()` feed the area's card (transparency/stats.py).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import median

from django.utils.translation import gettext_lazy as _

from ogp_portal.core.deadlines import working_days_between
from ogp_portal.core.registry import Figure, LatestItem
from transparency.models import InformationRequest, RequestAppeal

Status = InformationRequest.Status


@dataclass
class Scorecard:
    administration_id: int
    received: int = 0
    answered: int = 0
    answered_on_time: int = 0
    pending: int = 0
    overdue: int = 0
    appeals: int = 0
    outcomes: dict = field(default_factory=dict)
    answer_days: list = field(default_factory=list, repr=False)
    administration: object = None

    @property
    def on_time_percent(self) -> int | None:
        """Share of the answered requests answered by their due date."""
        if not self.answered:
            return None
        return round(100 * self.answered_on_time / self.answered)

    @property
    def median_working_days(self) -> float | None:
        return median(self.answer_days) if self.answer_days else None

    def outcome_rows(self) -> list[tuple[str, str, int]]:
        return [
            (value, str(Status(value).label), self.outcomes[value])
            for value in InformationRequest.OUTCOME_STATUSES
            if self.outcomes.get(value)
        ]

    def as_dict(self) -> dict:
        return {
            "received": self.received,
            "answered": self.answered,
            "answered_on_time": self.answered_on_time,
            "on_time_percent": self.on_time_percent,
            "median_working_days": self.median_working_days,
            "pending": self.pending,
            "overdue": self.overdue,
            "appeals": self.appeals,
            "outcomes": {value: count for value, _label, count in self.outcome_rows()},
        }


def _scorecards(queryset) -> dict[int, Scorecard]:
    from django.utils import timezone

    today = timezone.localdate()
    cards: dict[int, Scorecard] = {}
    rows = queryset.values_list(
        "administration_id", "received_on", "answered_on", "due_date", "outcome", "status"
    )
    for admin_id, received_on, answered_on, due_date, outcome, status in rows:
        card = cards.setdefault(admin_id, Scorecard(admin_id))
        card.received += 1
        if outcome:
            card.outcomes[outcome] = card.outcomes.get(outcome, 0) + 1
        if answered_on and outcome != Status.IMPLICITLY_REFUSED:
            card.answered += 1
            card.answered_on_time += answered_on <= due_date
            card.answer_days.append(working_days_between(received_on, answered_on))
        if status in InformationRequest.OPEN_STATUSES or status == Status.CLARIFICATION_REQUESTED:
            card.pending += 1
            card.overdue += status in InformationRequest.OPEN_STATUSES and due_date < today
    appeals = defaultdict(int)
    for admin_id in RequestAppeal.objects.filter(
        request__in=queryset, level=RequestAppeal.Level.HEAD
    ).values_list("request__administration_id", flat=True):
        appeals[admin_id] += 1
    for admin_id, count in appeals.items():
        if admin_id in cards:
            cards[admin_id].appeals = count
    return cards


def scorecard_for(administration) -> Scorecard:
    """Figures for one body (private requests count; nothing personal is in them)."""
    card = _scorecards(InformationRequest.objects.filter(administration=administration)).get(
        administration.pk
    ) or Scorecard(administration.pk)
    card.administration = administration
    return card


def ranking(year: int | None = None) -> list[Scorecard]:
    """Every body that received requests, best on-time share first."""
    from ogp_portal.directory.models import Administration

    qs = InformationRequest.objects.all()
    if year:
        qs = qs.filter(received_on__year=year)
    cards = _scorecards(qs)
    for administration in Administration.objects.filter(pk__in=cards):
        cards[administration.pk].administration = administration
    return sorted(
        cards.values(),
        key=lambda c: (
            -(c.on_time_percent if c.on_time_percent is not None else -1),
            c.median_working_days if c.median_working_days is not None else 999,
            -c.received,
        ),
    )


def totals() -> Scorecard:
    total = Scorecard(0)
    for card in _scorecards(InformationRequest.objects.all()).values():
        total.received += card.received
        total.answered += card.answered
        total.answered_on_time += card.answered_on_time
        total.pending += card.pending
        total.overdue += card.overdue
        total.appeals += card.appeals
        total.answer_days += card.answer_days
        for key, value in card.outcomes.items():
            total.outcomes[key] = total.outcomes.get(key, 0) + value
    return total


def figures() -> list[Figure]:
    total = totals()
    return [
        Figure(_("Information requests"), total.received),
        Figure(_("Answered on time"), total.on_time_percent or 0, "%"),
    ]


def latest(limit: int = 3) -> list[LatestItem]:
    requests = InformationRequest.objects.public().order_by("-received_on", "-pk")[:limit]
    return [
        LatestItem(
            title=r.subject,
            url=r.get_absolute_url(),
            date=r.received_on,
            badge=r.get_status_display(),
        )
        for r in requests
    ]


def statistics_export() -> tuple[list[str], list[list]]:
    """Per-body figures as a public table (registered for opendata); counts only, nothing personal."""
    headers = [
        "administration",
        "administration_name_fr",
        "received",
        "answered",
        "answered_on_time",
        "on_time_percent",
        "median_working_days",
        "pending",
        "overdue",
        "appeals_to_head",
    ]
    rows = [
        [
            card.administration.slug,
            card.administration.name_fr,
            card.received,
            card.answered,
            card.answered_on_time,
            card.on_time_percent,
            card.median_working_days,
            card.pending,
            card.overdue,
            card.appeals,
        ]
        for card in ranking()
    ]
    return headers, rows
