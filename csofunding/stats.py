"""Public figures of the public funding for associations area, for its pages, the home page and reports.

The area's records arrive with its own issue; until then every figure is zero.
"""

from django.utils.translation import gettext_lazy as _

from ogp_portal.core.registry import Figure, LatestItem


def figures() -> list[Figure]:
    return [
        Figure(_("Open calls"), 0),
        Figure(_("Awards published"), 0),
        Figure(_("Total awarded (MAD)"), 0),
    ]


def latest(limit: int = 3) -> list[LatestItem]:
    return []
