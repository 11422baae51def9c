"""Everything a progress report shows, gathered once, in one language.

``build_report_data(plan, language=...)`` runs a fixed number of queries whatever the size of
the plan (commitments with their theme, lead and IRM ratings in one query; partners, OGP
values, milestones and published updates prefetched; the roll-up from
``transparency.plan.progress``; co-creation figures as aggregates): 10 queries for a plan
given as an object (8 without co-creation), see tests/transparency/reports/test_builder.py.

Translated fields are read under ``translation.override(language)`` and stored as plain
strings, so the CSV, XLSX and PDF renderers show the same words in the same language.

Hook for issue 9 ("what citizens and civil society say"): ``register_voices_provider(fn)``;
each ``fn(plan, commitments, language)`` returns a ``VoicesSection`` or None, and the PDF
shows every section it gets (template ``transparency/reports/_voices.html``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from transparency.models import (
    ActionPlan,
    Comment,
    Commitment,
    Consultation,
    Idea,
    IdeaSupport,
    Milestone,
    ProgressUpdate,
)
from transparency.plan.progress import plan_progress

LATEST_UPDATES = 3  # published updates shown per commitment in the PDF (all go to the XLSX)


@dataclass
class ChartRow:
    label: str
    value: float
    width: float  # bar length in the chart's 0..200 SVG units


CHART_WIDTH = 200


def chart_rows(pairs, maximum: float | None = None) -> list[ChartRow]:
    """(label, value) pairs as bars; maximum defaults to the largest value."""
    pairs = list(pairs)
    top = maximum if maximum is not None else max((v for _l, v in pairs), default=0)
    return [
        ChartRow(
            label=label,
            value=value,
            width=round(CHART_WIDTH * min(max(value, 0), top) / top, 2) if top else 0,
        )
        for label, value in pairs
    ]


@dataclass
class MilestoneRow:
    position: int
    title: str
    start_date: date | None
    due_date: date | None
    weight: int
    status: str
    status_label: str
    progress: int
    late: bool
    evidence_count: int


@dataclass
class UpdateRow:
    published_at: datetime | None
    progress_claimed: int
    text: str


@dataclass
class IrmRow:
    scale_label: str
    rating_label: str  # "" when the IRM has not rated it (yet)


@dataclass
class CommitmentSection:
    pk: int
    number: int
    ogp_id: str
    title: str
    problem: str
    text: str
    ambition: str
    theme_name: str
    lead: str
    partners: list[str]
    ogp_values: list[str]
    start_date: date | None
    end_date: date | None
    irm: list[IrmRow]
    progress: float
    off_track: bool
    milestones: list[MilestoneRow]
    completed_milestones: int
    updates: list[UpdateRow]  # every published update, newest first

    @property
    def anchor(self) -> str:
        return f"commitment-{self.number}"

    @property
    def latest_updates(self) -> list[UpdateRow]:
        return self.updates[:LATEST_UPDATES]

    @property
    def counted_milestones(self) -> int:
        return sum(1 for m in self.milestones if m.status != Milestone.Status.CANCELLED)

    @property
    def late_milestones(self) -> int:
        return sum(1 for m in self.milestones if m.late)

    @property
    def short_title(self) -> str:
        """For chart labels: at most two lines beside a bar."""
        title = f"{self.number}. {self.title}"
        return title if len(title) <= 90 else title[:88].rstrip() + "…"


@dataclass
class ThemeSummary:
    name: str
    anchor: str
    progress: float
    commitments: list[CommitmentSection]

    @property
    def commitment_count(self) -> int:
        return len(self.commitments)

    @property
    def off_track_count(self) -> int:
        return sum(1 for c in self.commitments if c.off_track)

    @property
    def completed_count(self) -> int:
        return sum(1 for c in self.commitments if c.progress >= 100)

    @property
    def chart(self) -> list[ChartRow]:
        return chart_rows(((c.short_title, c.progress) for c in self.commitments), 100)


@dataclass
class CoCreationFigures:
    consultations: int
    participants: int
    ideas: int
    accepted: int
    merged: int
    rejected: int
    awaiting: int
    comments: int

    @property
    def chart(self) -> list[ChartRow]:
        return chart_rows(
            [
                (_("Accepted"), self.accepted),
                (_("Merged into a commitment"), self.merged),
                (_("Rejected"), self.rejected),
                (_("Awaiting an answer"), self.awaiting),
            ]
        )


@dataclass
class VoicesSection:
    """A block of "what citizens and civil society say" (issue 9 fills these in)."""

    title: str
    intro: str = ""
    items: list[dict] = field(default_factory=list)  # {"label": str, "text": str, "meta": str}


@dataclass
class ReportData:
    plan: ActionPlan
    language: str
    rtl: bool
    plan_title: str
    plan_status: str
    period: str
    generated_at: datetime
    today: date
    progress: float
    themes: list[ThemeSummary]
    commitments: list[CommitmentSection]
    cocreation: CoCreationFigures | None
    voices: list[VoicesSection] = field(default_factory=list)

    @property
    def commitment_count(self) -> int:
        return len(self.commitments)

    @property
    def off_track_count(self) -> int:
        return sum(1 for c in self.commitments if c.off_track)

    @property
    def milestone_count(self) -> int:
        return sum(c.counted_milestones for c in self.commitments)

    @property
    def completed_milestones(self) -> int:
        return sum(c.completed_milestones for c in self.commitments)

    @property
    def theme_chart(self) -> list[ChartRow]:
        return chart_rows(((t.name, t.progress) for t in self.themes), 100)

    def milestone_rows(self):
        for c in self.commitments:
            for m in c.milestones:
                yield c, m

    def update_rows(self):
        for c in self.commitments:
            for u in c.updates:
                yield c, u


# --- hook for issue 9 -------------------------------------------------------

VoicesProvider = Callable[[ActionPlan, list[CommitmentSection], str], "VoicesSection | None"]
_voices_providers: list[VoicesProvider] = []


def register_voices_provider(provider: VoicesProvider) -> None:
    """Add a "what citizens and civil society say" section to every report (issue 9)."""
    if provider not in _voices_providers:
        _voices_providers.append(provider)


def collect_citizen_voices(plan, commitments, language) -> list[VoicesSection]:
    sections = []
    for provider in _voices_providers:
        section = provider(plan, commitments, language)
        if section is not None:
            sections.append(section)
    return sections


# --- queries ----------------------------------------------------------------


def report_commitments(plan):
    """The plan's commitments with everything a report reads, prefetched."""
    milestones = Milestone.objects.annotate(evidence_count=Count("evidence")).order_by(
        "order", "due_date", "pk"
    )
    updates = ProgressUpdate.objects.published().order_by("-published_at", "-pk")
    return (
        Commitment.objects.filter(plan=plan)
        .select_related(
            "theme", "lead_administration", "irm_potential", "irm_completion", "irm_early_results"
        )
        .prefetch_related(
            "partners",
            "ogp_values",
            Prefetch("milestones", queryset=milestones, to_attr="report_milestones"),
            Prefetch("updates", queryset=updates, to_attr="report_updates"),
        )
        .order_by("number")
    )


def cocreation_figures(plan) -> CoCreationFigures | None:
    """Consultations, ideas and comments of the plan; None when there was no co-creation."""
    consultations = Consultation.objects.filter(plan=plan).count()
    comments = Comment.objects.filter(commitment__plan=plan, is_hidden=False).count()
    if not consultations and not comments:
        return None
    ideas = Idea.objects.filter(consultation__plan=plan, is_hidden=False).aggregate(
        total=Count("pk"),
        accepted=Count("pk", filter=Q(status=Idea.Status.ACCEPTED)),
        merged=Count("pk", filter=Q(status=Idea.Status.MERGED)),
        rejected=Count("pk", filter=Q(status=Idea.Status.REJECTED)),
        awaiting=Count("pk", filter=Q(status=Idea.Status.SUBMITTED)),
    )
    # Participants: everyone who proposed, supported or commented, counted once.
    participants = (
        Idea.objects.filter(consultation__plan=plan, author__isnull=False)
        .values_list("author_id", flat=True)
        .order_by()
        .union(
            IdeaSupport.objects.filter(idea__consultation__plan=plan)
            .values_list("user_id", flat=True)
            .order_by(),
            Comment.objects.filter(commitment__plan=plan, author__isnull=False)
            .values_list("author_id", flat=True)
            .order_by(),
        )
    )
    return CoCreationFigures(
        consultations=consultations,
        participants=len(list(participants)),
        ideas=ideas["total"],
        accepted=ideas["accepted"],
        merged=ideas["merged"],
        rejected=ideas["rejected"],
        awaiting=ideas["awaiting"],
        comments=comments,
    )


# --- assembling ---------------------------------------------------------------


def _irm_rows(commitment) -> list[IrmRow]:
    rows = []
    for field_name in ("irm_potential", "irm_completion", "irm_early_results"):
        rating = getattr(commitment, field_name)
        label = str(Commitment._meta.get_field(field_name).verbose_name)
        rows.append(IrmRow(scale_label=label, rating_label=rating.label if rating else ""))
    return rows


def _section(commitment, row, today) -> CommitmentSection:
    milestones = [
        MilestoneRow(
            position=index,
            title=m.title,
            start_date=m.start_date,
            due_date=m.due_date,
            weight=m.weight,
            status=m.status,
            status_label=str(m.get_status_display()),
            progress=m.progress,
            late=m.is_late(today),
            evidence_count=m.evidence_count,
        )
        for index, m in enumerate(commitment.report_milestones, start=1)
    ]
    return CommitmentSection(
        pk=commitment.pk,
        number=commitment.number,
        ogp_id=commitment.ogp_id,
        title=commitment.title,
        problem=commitment.problem,
        text=commitment.text,
        ambition=commitment.ambition,
        theme_name=commitment.theme.name if commitment.theme else "",
        lead=commitment.lead_administration.name,
        partners=sorted(a.name for a in commitment.partners.all()),
        ogp_values=[v.name for v in commitment.ogp_values.all()],
        start_date=commitment.start_date,
        end_date=commitment.end_date,
        irm=_irm_rows(commitment),
        progress=row.progress,
        off_track=row.off_track,
        milestones=milestones,
        completed_milestones=row.completed_milestones,
        updates=[
            UpdateRow(published_at=u.published_at, progress_claimed=u.progress_claimed, text=u.text)
            for u in commitment.report_updates
        ],
    )


def build_report_data(plan, *, language: str, today: date | None = None) -> ReportData:
    """plan: an ActionPlan or its pk. language: "ar", "fr" or "en"."""
    if not isinstance(plan, ActionPlan):
        plan = ActionPlan.objects.get(pk=plan)
    today = today or timezone.localdate()
    with translation.override(language):
        commitments = list(report_commitments(plan))
        rollup = plan_progress(plan, today=today, commitments=commitments)
        rows = {r.commitment.pk: r for r in rollup.commitments}
        sections = {c.pk: _section(c, rows[c.pk], today) for c in commitments}
        themes = []
        for index, theme in enumerate(rollup.themes, start=1):
            themes.append(
                ThemeSummary(
                    name=theme.theme.name if theme.theme else _("Without a theme"),
                    anchor=f"theme-{index}",
                    progress=theme.progress,
                    commitments=[sections[r.commitment.pk] for r in theme.commitments],
                )
            )
        ordered = [sections[c.pk] for c in commitments]
        return ReportData(
            plan=plan,
            language=language,
            rtl=translation.get_language_bidi(),
            plan_title=plan.title,
            plan_status=str(plan.get_status_display()),
            period=plan.period,
            generated_at=timezone.now(),
            today=today,
            progress=rollup.progress,
            themes=themes,
            commitments=ordered,
            cocreation=cocreation_figures(plan),
            voices=collect_citizen_voices(plan, ordered, language),
        )
