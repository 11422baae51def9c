"""Public figures of the access to information and the action plan area, for its pages, the home page and reports.

The area's records arrive with its own issue; until then every figure is zero.
"""

from django.utils.translation import gettext_lazy as _

from ogp_portal.core.registry import Figure, LatestItem


def figures() -> list[Figure]:
    return [
        Figure(_("Information requests"), 0),
        Figure(_("Answered on time"), 0),
        Figure(_("Commitments followed"), 0),
    ]


def latest(limit: int = 3) -> list[LatestItem]:
    return []
