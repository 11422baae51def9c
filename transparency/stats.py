"""Public figures of the access to information and the action plan area, for its pages, the
home page and reports. Request figures come from the ATI part when it provides them."""

from django.utils.translation import gettext_lazy as _

from ogp_portal.core.registry import Figure, LatestItem


def _request_figures() -> list[Figure]:
    """The ATI part's two figures (requests received, answered on time), zeros until it exists."""
    try:
        from transparency.ati import stats as ati_stats
    except ImportError:
        ati_stats = None
    function = getattr(ati_stats, "figures", None)
    if callable(function):
        return list(function())[:2]
    return [Figure(_("Information requests"), 0), Figure(_("Answered on time"), 0, "%")]


def figures() -> list[Figure]:
    from transparency.plan.stats import commitments_followed

    return [*_request_figures(), Figure(_("Commitments followed"), commitments_followed())]


def latest(limit: int = 3) -> list[LatestItem]:
    from transparency.plan.stats import latest_updates

    return [
        LatestItem(
            title=str(update.commitment.title),
            url=update.commitment.get_absolute_url(),
            date=update.published_at,
            badge=_("Progress update"),
        )
        for update in latest_updates(limit)
    ]
