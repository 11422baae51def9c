"""Progress roll-up, in one place: milestone -> commitment -> theme -> plan.

- A commitment's progress is the mean of its milestones' progress weighted by their weight;
  cancelled milestones do not count. A commitment without counted milestones is at 0.
- A theme's progress is the plain mean of its commitments.
- The plan's progress is the plain mean of its commitments (every commitment counts the same,
  so a theme weighs in proportion to its number of commitments). This is how the government
  reported "84 percent of the plan implemented".
- Off-track: a milestone past its due date and neither completed nor cancelled
  (CommitmentQuerySet.off_track(), MilestoneQuerySet.late()).

Figures are rounded to one decimal at the end only.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from transparency.models import Commitment, Milestone


def weighted_progress(milestones) -> float:
    """milestones: iterables of (weight, progress, status)."""
    total_weight = 0
    total = 0
    for weight, progress, status in milestones:
        if status == Milestone.Status.CANCELLED:
            continue
        total_weight += weight
        total += weight * progress
    return total / total_weight if total_weight else 0.0


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def commitment_progress(commitment) -> float:
    rows = commitment.milestones.values_list("weight", "progress", "status")
    return round(weighted_progress(rows), 1)


@dataclass
class CommitmentProgress:
    commitment: Commitment
    progress: float
    off_track: bool
    milestones: int
    completed_milestones: int


@dataclass
class ThemeProgress:
    theme: object  # Theme or None for commitments without a theme
    progress: float
    commitments: list = field(default_factory=list)

    @property
    def off_track_count(self) -> int:
        return sum(1 for c in self.commitments if c.off_track)


@dataclass
class PlanProgress:
    plan: object
    progress: float
    commitments: list
    themes: list

    @property
    def off_track_count(self) -> int:
        return sum(1 for c in self.commitments if c.off_track)

    def for_commitment(self, commitment_id):
        return next((c for c in self.commitments if c.commitment.pk == commitment_id), None)


def plan_progress(plan, *, today: date | None = None, commitments=None) -> PlanProgress:
    """Everything the plan page and the reports need, in two queries."""
    today = today or timezone.localdate()
    if commitments is None:
        commitments = plan.commitments.select_related("theme", "lead_administration")
    commitments = list(commitments)
    by_commitment = defaultdict(list)
    for cid, weight, progress, status, due in Milestone.objects.filter(
        commitment__in=[c.pk for c in commitments]
    ).values_list("commitment_id", "weight", "progress", "status", "due_date"):
        by_commitment[cid].append((weight, progress, status, due))

    rows = []
    for c in commitments:
        ms = by_commitment.get(c.pk, [])
        rows.append(
            CommitmentProgress(
                commitment=c,
                progress=round(weighted_progress((w, p, s) for w, p, s, _d in ms), 1),
                off_track=any(
                    d is not None
                    and d < today
                    and s not in (Milestone.Status.COMPLETED, Milestone.Status.CANCELLED)
                    for _w, _p, s, d in ms
                ),
                milestones=sum(1 for m in ms if m[2] != Milestone.Status.CANCELLED),
                completed_milestones=sum(1 for m in ms if m[2] == Milestone.Status.COMPLETED),
            )
        )

    themes: dict = {}
    for row in rows:
        key = row.commitment.theme_id
        if key not in themes:
            themes[key] = ThemeProgress(theme=row.commitment.theme, progress=0.0)
        themes[key].commitments.append(row)
    for theme in themes.values():
        theme.progress = round(_mean(r.progress for r in theme.commitments), 1)
    ordered_themes = sorted(
        themes.values(),
        key=lambda t: (t.theme is None, getattr(t.theme, "order", 0), getattr(t.theme, "pk", 0)),
    )
    return PlanProgress(
        plan=plan,
        progress=round(_mean(r.progress for r in rows), 1),
        commitments=rows,
        themes=ordered_themes,
    )
