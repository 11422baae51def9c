"""Rows of the initiatives exports (CSV, XLSX, JSON, open data); nothing personal in them."""

from django.conf import settings
from django.utils.translation import gettext as _

KEYS = [
    "id",
    "title",
    "summary",
    "lead_administration",
    "partners",
    "sector",
    "theme",
    "challenge_type",
    "scope",
    "regions",
    "status",
    "start_date",
    "end_date",
    "published_at",
    "url",
]


def COLUMNS() -> list[str]:  # noqa: N802 - a constant in spirit, translated when called
    return [
        _("Id"),
        _("Title"),
        _("Summary"),
        _("Lead administration"),
        _("Partners"),
        _("Sector"),
        _("Theme"),
        _("Type of challenge"),
        _("Scope"),
        _("Regions"),
        _("Status"),
        _("Start date"),
        _("End date"),
        _("Published"),
        _("Address"),
    ]


def _partners(initiative) -> list[str]:
    names = [a.name for a in initiative.partner_administrations.all()]
    names += [p.strip() for p in initiative.other_partners.split(",") if p.strip()]
    return names


def _record(initiative) -> dict:
    return {
        "id": initiative.pk,
        "title": initiative.title,
        "summary": initiative.summary,
        "lead_administration": initiative.lead_administration.name,
        "partners": _partners(initiative),
        "sector": initiative.sector.name,
        "theme": initiative.theme.name,
        "challenge_type": initiative.challenge_type.name,
        "scope": initiative.scope,
        "regions": [r.iso_code for r in initiative.regions.all()],
        "status": initiative.status,
        "start_date": initiative.start_date.isoformat() if initiative.start_date else None,
        "end_date": initiative.end_date.isoformat() if initiative.end_date else None,
        "published_at": initiative.published_at.isoformat() if initiative.published_at else None,
        "url": f"{settings.SITE_URL}{initiative.get_absolute_url()}",
    }


def export_rows(initiatives):
    for initiative in initiatives:
        record = _record(initiative)
        record["partners"] = "; ".join(record["partners"])
        record["regions"] = " ".join(record["regions"])
        record["scope"] = initiative.get_scope_display()
        record["status"] = initiative.get_status_display()
        yield [record[key] for key in KEYS]


def json_rows(initiatives) -> list[dict]:
    rows = []
    for initiative in initiatives:
        record = _record(initiative)
        record["indicators"] = [
            {
                "name": i.name,
                "unit": i.unit,
                "baseline": float(i.baseline),
                "target": float(i.target),
                "actual": float(i.actual) if i.actual is not None else None,
            }
            for i in initiative.indicators.all()
        ]
        rows.append(record)
    return rows


def open_data_table():
    """(headers, rows) of every published initiative, for the open data catalogue."""
    from .models import Initiative

    initiatives = (
        Initiative.objects.public()
        .select_related("lead_administration", "sector", "theme", "challenge_type")
        .prefetch_related("regions", "partner_administrations")
        .order_by("pk")
    )
    return KEYS, export_rows(initiatives)
