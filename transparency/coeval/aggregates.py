"""The three views of a commitment and the "contested" rule, from known data.

Official view: the commitment's self-reported progress (the milestone roll-up of
transparency/plan/progress.py), placed on the IRM completion scale by OFFICIAL_BANDS:

    0 %          -> not started   (step 0)
    1 % to 49 %  -> limited       (step 1)
    50 % to 99 % -> substantial   (step 2)
    100 %        -> complete      (step 3)

(non-integer roll-ups: above 0 and below 50 is limited, 50 or more and below 100 is
substantial.) A step is a level's position on its scale, ordered by IrmRating.order.

Public view: the visible (not hidden) assessments of the window; per step the number of
assessments, the median step (statistics.median: with an even count it can fall half-way
between two steps, e.g. 1.5), organisations and individuals apart.

Contested: at least CONTESTED_MIN_ASSESSMENTS visible assessments and
|official step - public median| >= CONTESTED_GAP (2 steps) on the completion scale.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from transparency.models import (
    Assessment,
    AssessmentReply,
    AssessmentWindow,
    Commitment,
    IrmRating,
)

CONTESTED_GAP = 2
OFFICIAL_BANDS = (  # (lowest progress included, level code); checked from the top
    (100, "complete"),
    (50, "substantial"),
    (0, "limited"),  # above 0
)


def contested_min_assessments() -> int:
    """How many visible assessments the rule needs (one person cannot flag a commitment)."""
    return int(getattr(settings, "COEVAL_CONTESTED_MIN_ASSESSMENTS", 5))


def official_completion_code(progress: float) -> str:
    progress = float(progress or 0)
    if progress <= 0:
        return "not_started"
    for lowest, code in OFFICIAL_BANDS:
        if progress >= lowest:
            return code
    return "limited"


def percent_number(value) -> str:
    """A percentage's number in the active language, without a pointless decimal:
    60.0 -> "60", 62.5 -> "62,5" in French (the caller adds " %")."""
    value = round(float(value or 0), 1)
    return number_format(value, decimal_pos=0 if value.is_integer() else 1, use_l10n=True)


def scale_levels(scale: str) -> list[IrmRating]:
    return list(IrmRating.objects.filter(scale=scale).order_by("order", "pk"))


@dataclass
class LevelCount:
    level: IrmRating
    step: int
    count: int
    percent: float


@dataclass
class Distribution:
    """How many assessments chose each level of one scale."""

    levels: list[IrmRating]
    counts: dict[int, int] = field(default_factory=dict)  # level pk -> count

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def rows(self) -> list[LevelCount]:
        total = self.total
        return [
            LevelCount(
                level=level,
                step=step,
                count=self.counts.get(level.pk, 0),
                percent=round(100 * self.counts.get(level.pk, 0) / total, 1) if total else 0,
            )
            for step, level in enumerate(self.levels)
        ]

    def steps(self) -> list[int]:
        result = []
        for step, level in enumerate(self.levels):
            result.extend([step] * self.counts.get(level.pk, 0))
        return result

    @property
    def median(self) -> float | None:
        steps = self.steps()
        return float(statistics.median(steps)) if steps else None

    @property
    def median_label(self) -> str:
        return step_label(self.levels, self.median)

    def as_dict(self) -> dict:
        """For the API: counts per level code, median step and label."""
        return {
            "count": self.total,
            "distribution": {row.level.code: row.count for row in self.rows},
            "median_step": self.median,
            "median_levels": self.median_codes,
        }

    @property
    def median_codes(self) -> list[str]:
        """The median's level code, or the two codes it falls between (even counts)."""
        median = self.median
        if median is None:
            return []
        low = self.levels[int(median)].code
        if float(median).is_integer():
            return [low]
        return [low, self.levels[min(int(median) + 1, len(self.levels) - 1)].code]


def step_label(levels: list[IrmRating], step: float | None) -> str:
    if step is None or not levels:
        return ""
    if float(step).is_integer():
        return str(levels[int(step)].label)
    low, high = levels[int(step)], levels[min(int(step) + 1, len(levels) - 1)]
    return _("between %(low)s and %(high)s") % {"low": low.label, "high": high.label}


@dataclass
class CommitmentViews:
    """Official, IRM and public views of one commitment in one window."""

    commitment: Commitment
    window: AssessmentWindow | None
    official_progress: float
    official_step: int
    official_level: IrmRating | None
    completion: Distribution
    completion_organisations: Distribution
    completion_individuals: Distribution
    early_results: Distribution
    early_results_organisations: Distribution
    reply: AssessmentReply | None = None
    min_assessments: int = 5

    @property
    def irm_completion(self):
        return getattr(self.commitment, "irm_completion", None)

    @property
    def irm_early_results(self):
        return getattr(self.commitment, "irm_early_results", None)

    @property
    def count(self) -> int:
        return self.completion.total

    @property
    def organisations_count(self) -> int:
        return self.completion_organisations.total

    @property
    def gap(self) -> float | None:
        median = self.completion.median
        return None if median is None else abs(self.official_step - median)

    @property
    def contested(self) -> bool:
        gap = self.gap
        return bool(
            self.window is not None
            and self.count >= self.min_assessments
            and gap is not None
            and gap >= CONTESTED_GAP
        )

    @property
    def window_is_open(self) -> bool:
        return bool(self.window and self.window.is_open())

    def as_dict(self) -> dict:
        """Aggregates only: nothing about any person."""
        return {
            "official": {
                "progress": self.official_progress,
                "completion_step": self.official_step,
                "completion": self.official_level.code if self.official_level else None,
            },
            "irm": {
                "completion": self.irm_completion.code if self.irm_completion else None,
                "early_results": self.irm_early_results.code if self.irm_early_results else None,
            },
            "public": {
                "completion": self.completion.as_dict(),
                "early_results": self.early_results.as_dict(),
                "organisations": {
                    "completion": self.completion_organisations.as_dict(),
                    "early_results": self.early_results_organisations.as_dict(),
                },
                "individuals": {"completion": self.completion_individuals.as_dict()},
            },
            "contested": self.contested,
            "reply": (
                {
                    "administration": str(self.reply.administration),
                    "text": self.reply.text,
                    "updated_at": self.reply.updated_at.isoformat(),
                }
                if self.reply
                else None
            ),
        }


def current_window(plan, now=None) -> AssessmentWindow | None:
    """The open window of the plan, else the latest one that has opened, else None (one query)."""
    now = now or timezone.now()
    started = list(AssessmentWindow.objects.filter(plan=plan).started(now).order_by("-opens_at"))
    open_windows = [w for w in started if w.is_open(now)]
    if open_windows:
        return open_windows[0]
    return max(started, key=lambda w: w.closes_at, default=None)


class _Levels:
    """The two scales, read once per computation."""

    def __init__(self):
        levels = IrmRating.objects.filter(
            scale__in=[IrmRating.Scale.COMPLETION, IrmRating.Scale.EARLY_RESULTS]
        ).order_by("order", "pk")
        self.completion, self.early = [], []
        for level in levels:
            (self.completion if level.scale == IrmRating.Scale.COMPLETION else self.early).append(
                level
            )
        self.completion_step = {level.code: i for i, level in enumerate(self.completion)}


def _views(commitment, window, progress, rows, reply, levels) -> CommitmentViews:
    """rows: (is_organisation, completion_id, early_results_id, count)."""
    dists = {
        key: Distribution(levels.completion if key[0] == "c" else levels.early)
        for key in ("c_all", "c_org", "c_ind", "e_all", "e_org")
    }
    for is_org, completion_id, early_id, n in rows:
        for key, level_id in (("c_all", completion_id), ("e_all", early_id)):
            dists[key].counts[level_id] = dists[key].counts.get(level_id, 0) + n
        c_key = "c_org" if is_org else "c_ind"
        dists[c_key].counts[completion_id] = dists[c_key].counts.get(completion_id, 0) + n
        if is_org:
            dists["e_org"].counts[early_id] = dists["e_org"].counts.get(early_id, 0) + n
    code = official_completion_code(progress)
    step = levels.completion_step.get(code, 0)
    official_level = levels.completion[step] if levels.completion else None
    return CommitmentViews(
        commitment=commitment,
        window=window,
        official_progress=round(float(progress), 1),
        official_step=step,
        official_level=official_level,
        completion=dists["c_all"],
        completion_organisations=dists["c_org"],
        completion_individuals=dists["c_ind"],
        early_results=dists["e_all"],
        early_results_organisations=dists["e_org"],
        reply=reply,
        min_assessments=contested_min_assessments(),
    )


def _counted(assessments):
    return (
        assessments.visible()
        .values_list("commitment_id", "organisation_id", "completion_id", "early_results_id")
        .order_by()
        .annotate(n=Count("pk"))
    )


def commitment_views(commitment, window=None, *, progress=None) -> CommitmentViews:
    """The three views of a commitment; window defaults to current_window(commitment.plan)."""
    if window is None:
        window = current_window(commitment.plan)
    if progress is None:
        progress = commitment.progress
    levels = _Levels()
    rows, reply = [], None
    if window is not None:
        grouped: dict = {}
        for _c, org, comp, early, n in _counted(
            Assessment.objects.filter(window=window, commitment=commitment)
        ):
            key = (org is not None, comp, early)
            grouped[key] = grouped.get(key, 0) + n
        rows = [(*key, n) for key, n in grouped.items()]
        reply = (
            AssessmentReply.objects.filter(window=window, commitment=commitment)
            .select_related("administration")
            .first()
        )
    return _views(commitment, window, progress, rows, reply, levels)


def plan_views(plan, window=None, *, rollup=None) -> list[CommitmentViews]:
    """The three views of every commitment of a plan, in a fixed number of queries."""
    from transparency.plan.progress import plan_progress

    if window is None:
        window = current_window(plan)
    rollup = rollup or plan_progress(plan)
    with_irm = {
        c.pk: c
        for c in Commitment.objects.filter(plan=plan).select_related(
            "plan", "irm_completion", "irm_early_results"
        )
    }
    items = [(with_irm.get(r.commitment.pk, r.commitment), r.progress) for r in rollup.commitments]
    if window is None:
        levels = _Levels()
        return [_views(c, None, progress, [], None, levels) for c, progress in items]
    views = views_for_progress(plan, window, items)
    return [views[c.pk] for c, _progress in items]


def views_for_progress(plan, window, items) -> dict[int, CommitmentViews]:
    """items: (commitment-like object with .pk, official progress) pairs, e.g. the progress
    report's sections; three queries (levels, counts, replies) whatever the plan size."""
    levels = _Levels()
    per_commitment: dict[int, dict] = {}
    for commitment_id, org, comp, early, n in _counted(
        Assessment.objects.filter(window=window, commitment__plan=plan)
    ):
        bucket = per_commitment.setdefault(commitment_id, {})
        key = (org is not None, comp, early)
        bucket[key] = bucket.get(key, 0) + n
    replies = {
        r.commitment_id: r
        for r in AssessmentReply.objects.filter(
            window=window, commitment__plan=plan
        ).select_related("administration")
    }
    return {
        obj.pk: _views(
            obj,
            window,
            progress,
            [(*key, n) for key, n in per_commitment.get(obj.pk, {}).items()],
            replies.get(obj.pk),
            levels,
        )
        for obj, progress in items
    }


class PlanCoevaluation:
    """What the plan overview shows: the window and each commitment's views."""

    def __init__(self, plan, window=None):
        self.plan = plan
        self.window = window if window is not None else current_window(plan)
        self.commitments = plan_views(plan, self.window) if self.window else []

    @property
    def contested(self) -> list[CommitmentViews]:
        return [v for v in self.commitments if v.contested]

    @property
    def count(self) -> int:
        return sum(v.count for v in self.commitments)

    @property
    def windows(self):
        return AssessmentWindow.objects.filter(plan=self.plan).order_by("-opens_at")
