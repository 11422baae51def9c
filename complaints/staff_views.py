"""The staff statistics dashboard, from the snapshot tables, with a drill-down per administration.

OGP staff (unscoped) see every administration and follow one to its categories, months,
regions and channels; a complaints officer sees only their own administration (404 for any
other); anyone else is sent to sign in (anonymous) or refused (403). Staff see every group,
small ones included: the MIN_CELL suppression is for public pages.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ogp_portal.accounts.permissions import is_unscoped
from ogp_portal.core.exports import export_response
from ogp_portal.directory.models import Administration

from . import analytics
from . import links as topic_links
from .permissions import can_see_administration_statistics, can_see_statistics_dashboard

Dim = analytics.Dim

OVERVIEW = (
    Dim.OVERALL,
    Dim.ADMINISTRATION,
    Dim.CATEGORY,
    Dim.REGION,
    Dim.CHANNEL,
    Dim.KIND,
    Dim.MONTH,
)


def _allowed(request):
    if not can_see_statistics_dashboard(request.user):
        raise PermissionDenied


def _by_month(rows):
    return sorted(rows, key=lambda r: r.value or r.key, reverse=True)


def _administration_or_404(request, slug) -> Administration:
    administration = get_object_or_404(Administration, slug=slug)
    if not can_see_administration_statistics(request.user, administration):
        raise Http404  # another administration's figures: as if it did not exist
    return administration


def _overview_rows(snapshot):
    by = analytics.rows_by_dimension(snapshot, OVERVIEW)
    by[Dim.MONTH] = _by_month(by[Dim.MONTH])
    return by


def _administration_rows(snapshot, administration):
    slug = administration.slug
    by = analytics.rows_by_dimension(snapshot, (Dim.ADMINISTRATION,), key=slug)
    by.update(
        analytics.rows_by_dimension(
            snapshot,
            (
                Dim.CATEGORY,
                Dim.ADMINISTRATION_MONTH,
                Dim.ADMINISTRATION_REGION,
                Dim.ADMINISTRATION_CHANNEL,
            ),
            parent=slug,
        )
    )
    by[Dim.ADMINISTRATION_MONTH] = _by_month(by[Dim.ADMINISTRATION_MONTH])
    return by


@login_required
def dashboard(request):
    _allowed(request)
    if not is_unscoped(request.user):
        # A complaints officer's dashboard is their administration's drill-down.
        return redirect("complaints:staff_administration", slug=request.user.administration.slug)
    snapshot = analytics.latest_snapshot()
    by = _overview_rows(snapshot)
    return render(
        request,
        "complaints/staff/dashboard.html",
        {
            "snapshot": snapshot,
            "overall": by[Dim.OVERALL][0] if by[Dim.OVERALL] else None,
            "by": by,
            "sections": [
                (Dim.CATEGORY, Dim.CATEGORY.label, by[Dim.CATEGORY]),
                (Dim.REGION, Dim.REGION.label, by[Dim.REGION]),
                (Dim.CHANNEL, Dim.CHANNEL.label, by[Dim.CHANNEL]),
                (Dim.KIND, Dim.KIND.label, by[Dim.KIND]),
                (Dim.MONTH, Dim.MONTH.label, by[Dim.MONTH]),
            ],
            "topics": analytics.topics_of(snapshot, public=False),
            "growing_topics": _growing_topics(snapshot),
            "min_cell": analytics.MIN_CELL,
        },
    )


def _growing_topics(snapshot):
    """[(topic, ideas it became)] for the "propose as a consultation idea" action."""
    if snapshot is None:
        return []
    topics = list(snapshot.topics.filter(growing=True))
    ideas = topic_links.ideas_of(topics)
    return [(topic, ideas.get(str(topic.pk), [])) for topic in topics]


@login_required
@require_POST
def topic_to_idea(request, pk):
    """OGP staff turn a growing topic into an idea of the open consultation (aggregates only)."""
    _allowed(request)
    if not topic_links.can_propose_topic(request.user):
        raise PermissionDenied
    topic = topic_links.proposable_topic(pk)
    if topic is None:
        raise Http404
    try:
        idea, created = topic_links.propose_topic_as_idea(topic, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("complaints:staff_dashboard")
    if created:
        messages.success(
            request,
            _("The topic is proposed as an idea of the open consultation, with its figures only."),
        )
    else:
        messages.info(request, _("This topic was already proposed as an idea."))
    return redirect(idea.get_absolute_url())


@login_required
def administration(request, slug):
    _allowed(request)
    administration = _administration_or_404(request, slug)
    snapshot = analytics.latest_snapshot()
    by = _administration_rows(snapshot, administration)
    return render(
        request,
        "complaints/staff/administration.html",
        {
            "snapshot": snapshot,
            "administration": administration,
            "overall": by[Dim.ADMINISTRATION][0] if by[Dim.ADMINISTRATION] else None,
            "sections": [
                (Dim.CATEGORY, Dim.CATEGORY.label, by[Dim.CATEGORY]),
                (Dim.ADMINISTRATION_MONTH, Dim.MONTH.label, by[Dim.ADMINISTRATION_MONTH]),
                (Dim.ADMINISTRATION_REGION, Dim.REGION.label, by[Dim.ADMINISTRATION_REGION]),
                (Dim.ADMINISTRATION_CHANNEL, Dim.CHANNEL.label, by[Dim.ADMINISTRATION_CHANNEL]),
            ],
            "can_see_all": is_unscoped(request.user),
            "min_cell": analytics.MIN_CELL,
        },
    )


def _export(fmt, name, rows):
    headers, data = analytics.staff_export_rows(rows)
    stamp = timezone.localdate().isoformat()
    extra = {"rtl": get_language_bidi()} if fmt == "xlsx" else {}
    return export_response(fmt, f"{name}-{stamp}.{fmt}", headers, data, **extra)


@login_required
def dashboard_export(request, fmt):
    _allowed(request)
    if not is_unscoped(request.user):
        return administration_export(request, request.user.administration.slug, fmt)
    snapshot = analytics.latest_snapshot()
    rows = (
        list(snapshot.rows.order_by("dimension", "parent", "-received", "key")) if snapshot else []
    )
    return _export(fmt, "complaints-statistics", rows)


@login_required
def administration_export(request, slug, fmt):
    _allowed(request)
    administration = _administration_or_404(request, slug)
    by = _administration_rows(analytics.latest_snapshot(), administration)
    rows = [row for rows in by.values() for row in rows]
    return _export(fmt, f"complaints-statistics-{administration.slug}", rows)
