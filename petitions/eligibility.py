"""Who may author a local petition besides citizens: an association (organic laws 111-14,
112-14, 113-14) constituted more than three years before, with its seat in the territory
of the council it petitions."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Level, Petition

MIN_ASSOCIATION_YEARS = 3


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def level_of(kind, region, province, commune) -> str | None:
    if kind != Petition.Kind.LOCAL_PETITION:
        return None
    if commune is not None:
        return Level.COMMUNE
    if province is not None:
        return Level.PROVINCE
    return Level.REGION if region is not None else None


def association_problems(
    *, kind, region, province, commune, founded_on, seat_province, seat_commune, today=None
) -> list[str]:
    """What makes this association ineligible to author this petition (empty when eligible)."""
    today = today or timezone.localdate()
    problems = []
    level = level_of(kind, region, province, commune)
    if level is None:
        return [_("An association may author only a local petition to a council.")]
    if founded_on and founded_on >= years_before(today, MIN_ASSOCIATION_YEARS):
        problems.append(
            _("The association must have been constituted more than %(years)d years ago.")
            % {"years": MIN_ASSOCIATION_YEARS}
        )
    if founded_on and founded_on > today:
        problems.append(_("The date of constitution is in the future."))
    if seat_commune is not None and seat_province is not None:
        if seat_commune.province_id != seat_province.pk:
            problems.append(_("The commune of the seat is not in the province of the seat."))
    if seat_province is None:
        return problems
    in_territory = {
        Level.REGION: region is not None and seat_province.region_id == region.pk,
        Level.PROVINCE: province is not None and seat_province.pk == province.pk,
        Level.COMMUNE: commune is not None
        and seat_commune is not None
        and seat_commune.pk == commune.pk,
    }[level]
    if not in_territory:
        problems.append(
            _("The association's seat must be in the territory of the council it petitions.")
        )
    return problems


def petition_association_problems(petition: Petition, today=None) -> list[str]:
    association = petition.association_author
    if association is None:
        return []
    return association_problems(
        kind=petition.kind,
        region=petition.region,
        province=petition.province,
        commune=petition.commune,
        founded_on=association.founded_on,
        seat_province=association.seat_province,
        seat_commune=association.seat_commune,
        today=today,
    )
