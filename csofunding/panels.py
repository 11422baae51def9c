"""What csofunding shows on the directory's page of an administration: the funding it gave to
associations as a funder (published awards and conventions), as on its funder page.

summary() reads every administration asked for in one grouped query.
"""

from urllib.parse import urlencode

from django.contrib.humanize.templatetags.humanize import intword
from django.db.models import Count, Max, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.registry import (
    CompareColumn,
    Figure,
    PanelContent,
    PanelLink,
    register_administration_panel,
    standard_panel,
)

from .models import Award


def summary(administrations) -> dict[int, dict]:
    """{pk: awards, amount, in_kind, associations, latest} of its published awards (one query).
    Amounts in MAD, as whole dirhams."""
    rows = (
        Award.objects.published()
        .filter(funder__in=[a.pk for a in administrations])
        .order_by()
        .values("funder_id")
        .annotate(
            awards=Count("pk"),
            amount=Sum("amount"),
            in_kind=Sum("in_kind_value"),
            associations=Count("association", distinct=True),
            latest=Max("awarded_on"),
        )
    )
    return {
        row["funder_id"]: {
            "awards": row["awards"],
            "amount": int(row["amount"] or 0),
            "in_kind": int(row["in_kind"] or 0),
            "associations": row["associations"],
            "latest": row["latest"],
        }
        for row in rows
    }


def _readable(amount: int):
    """Millions and more in words ("50.7 million"), so that a figure tile stays narrow."""
    return intword(amount) if amount >= 1_000_000 else amount


def content(administration) -> PanelContent:
    figures = summary([administration]).get(administration.pk)
    funders = PanelLink(_("Funders"), reverse("csofunding:funders"))
    if not figures:
        return PanelContent(
            links=[funders], empty=_("It has published no award to an association.")
        )
    return PanelContent(
        figures=[
            Figure(_("Awards published"), figures["awards"]),
            Figure(_("Total awarded (MAD)"), _readable(figures["amount"])),
            Figure(_("Associations funded"), figures["associations"]),
            Figure(_("In-kind support (MAD)"), _readable(figures["in_kind"])),
        ],
        links=[
            PanelLink(
                _("Its awards"),
                f"{reverse('csofunding:awards')}?{urlencode({'funder': administration.slug})}",
            ),
            PanelLink(
                _("Its funder page"),
                reverse("csofunding:funder", kwargs={"slug": administration.slug}),
            ),
        ],
    )


COLUMNS = (
    CompareColumn("amount", _("Total awarded (MAD)"), default=0),
    CompareColumn("awards", _("Awards published"), default=0),
)


def register() -> None:
    register_administration_panel(
        standard_panel(
            "csofunding",
            _("Funding it gave to associations"),
            content=content,
            summary=summary,
            columns=COLUMNS,
            order=70,
        )
    )
