"""What transparency shows on the directory's page of an administration, and in its comparison.

Two panels: the access-to-information requests it received (the scorecard of
transparency.ati.stats) and the action-plan commitments it leads (the roll-up of
transparency.plan.progress). Each summary() reads every administration asked for in a
constant number of queries. Counts only: nothing about requesters.
"""

from collections import defaultdict
from statistics import mean
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.registry import (
    CompareColumn,
    Figure,
    PanelContent,
    PanelLink,
    register_administration_panel,
    standard_panel,
)

NONE = "—"


def _ids(administrations) -> list[int]:
    return [a.pk for a in administrations]


def _shown(value, unit=""):
    if value is None:
        return NONE, ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value, unit


# --- information requests ------------------------------------------------------------------


def requests_summary(administrations) -> dict[int, dict]:
    """{pk: received, answered, on_time_percent, median_working_days, pending, overdue} (2 queries)."""
    from transparency.ati.stats import _scorecards
    from transparency.models import InformationRequest

    cards = _scorecards(InformationRequest.objects.filter(administration__in=_ids(administrations)))
    return {
        pk: {
            "received": card.received,
            "answered": card.answered,
            "on_time_percent": card.on_time_percent,
            "median_working_days": card.median_working_days,
            "pending": card.pending,
            "overdue": card.overdue,
        }
        for pk, card in cards.items()
    }


def requests_content(administration) -> PanelContent:
    figures = requests_summary([administration]).get(administration.pk)
    query = urlencode({"administration": administration.slug})
    links = [
        PanelLink(
            _("Its requests in the public register"),
            f"{reverse('transparency:request_list')}?{query}",
        ),
        PanelLink(
            _("Ask this body for information"), f"{reverse('transparency:request_new')}?{query}"
        ),
        PanelLink(_("Compare with other bodies"), reverse("transparency:request_scorecard")),
    ]
    if not figures or not figures["received"]:
        return PanelContent(
            links=links[1:], empty=_("No access-to-information request has reached it yet.")
        )
    return PanelContent(
        figures=[
            Figure(_("Requests received"), figures["received"]),
            Figure(_("Answered on time"), *_shown(figures["on_time_percent"], "%")),
            Figure(_("Median working days to answer"), *_shown(figures["median_working_days"])),
            Figure(_("Overdue now"), figures["overdue"]),
        ],
        links=links,
    )


REQUESTS_COLUMNS = (
    CompareColumn("received", _("Requests received"), default=0),
    CompareColumn("on_time_percent", _("Answered on time"), "%"),
    CompareColumn("median_working_days", _("Median working days to answer")),
)


# --- commitments of the action plan --------------------------------------------------------


def commitments_summary(administrations) -> dict[int, dict]:
    """{pk: commitments, progress, completed, off_track, plan} for the commitments it leads in
    published plans (2 queries). progress: mean of its commitments' weighted progress."""
    from transparency.models import Commitment, Milestone
    from transparency.plan.progress import weighted_progress

    today = timezone.localdate()
    commitments = Commitment.objects.public().filter(lead_administration__in=_ids(administrations))
    rows = list(
        commitments.values_list("pk", "lead_administration_id", "plan__slug", "plan__start_year")
    )
    milestones = defaultdict(list)
    for commitment_id, weight, progress, status, due in Milestone.objects.filter(
        commitment__in=commitments.values("pk")
    ).values_list("commitment_id", "weight", "progress", "status", "due_date"):
        milestones[commitment_id].append((weight, progress, status, due))

    by_administration: dict[int, list] = defaultdict(list)
    for pk, administration_id, plan_slug, start_year in rows:
        ms = milestones.get(pk, [])
        progress = weighted_progress((w, p, s) for w, p, s, _d in ms)
        late = any(
            due is not None
            and due < today
            and status not in (Milestone.Status.COMPLETED, Milestone.Status.CANCELLED)
            for _w, _p, status, due in ms
        )
        by_administration[administration_id].append((progress, late, start_year, plan_slug))

    summary = {}
    for administration_id, items in by_administration.items():
        summary[administration_id] = {
            "commitments": len(items),
            "progress": round(mean(progress for progress, *_rest in items), 1),
            "completed": sum(1 for progress, *_rest in items if progress >= 100),
            "off_track": sum(1 for _p, late, *_rest in items if late),
            "plan": max(items, key=lambda item: item[2])[3],
        }
    return summary


def commitments_content(administration) -> PanelContent:
    figures = commitments_summary([administration]).get(administration.pk)
    plans = PanelLink(_("The action plans"), reverse("transparency:plan_list"))
    if not figures:
        return PanelContent(
            links=[plans], empty=_("It leads no commitment of a published action plan.")
        )
    url = reverse("transparency:commitment_list", kwargs={"slug": figures["plan"]})
    return PanelContent(
        figures=[
            Figure(_("Commitments"), figures["commitments"]),
            Figure(_("Progress"), figures["progress"], "%"),
            Figure(_("Completed"), figures["completed"]),
            Figure(_("Off track"), figures["off_track"]),
        ],
        links=[
            PanelLink(
                _("Its commitments in the latest plan"),
                f"{url}?{urlencode({'administration': administration.slug})}",
            ),
            plans,
        ],
        note=_("Commitments it leads; progress is the mean of their milestones' progress."),
    )


COMMITMENTS_COLUMNS = (
    CompareColumn("commitments", _("Commitments"), default=0),
    CompareColumn("progress", _("Progress"), "%"),
)


def register() -> None:
    """Called from TransparencyConfig.ready()."""
    register_administration_panel(
        standard_panel(
            "transparency-requests",
            _("Access-to-information requests"),
            content=requests_content,
            summary=requests_summary,
            columns=REQUESTS_COLUMNS,
            order=10,
        )
    )
    register_administration_panel(
        standard_panel(
            "transparency-commitments",
            _("Action plan commitments"),
            content=commitments_content,
            summary=commitments_summary,
            columns=COMMITMENTS_COLUMNS,
            order=40,
        )
    )
