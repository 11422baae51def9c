"""Public figures of the petitions and motions area, for its pages, the home page and reports.

The area's records arrive with its own issue; until then every figure is zero.
"""

from django.utils.translation import gettext_lazy as _

from ogp_portal.core.registry import Figure, LatestItem


def figures() -> list[Figure]:
    return [
        Figure(_("Petitions open for signature"), 0),
        Figure(_("Signatures collected"), 0),
        Figure(_("Answered"), 0),
    ]


def latest(limit: int = 3) -> list[LatestItem]:
    return []
