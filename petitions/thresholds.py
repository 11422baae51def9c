"""The threshold engine: how many signatures a petition needs, and what is missing where.

Rules are data (ThresholdRule, editable by OGP staff); DEFAULT_RULES is what the organic
laws say (44-14 / 64-14 as amended in 2021, 111-14, 112-14, 113-14) and is loaded
when the table is empty. `progress()` is pure: give it the requirement and the counts.

Deadlines (calendar days from the filing, as DOMAIN states them): `decision_days` for the
ruling on admissibility, `response_days` for the answer on the substance where the law sets
one (a chamber: 15 days for a motion's admissibility, 60 for its substance).

The 5 % rule applies to the provinces and prefectures of the region that have a council
(`Province.objects.with_council()`): not to the préfectures d'arrondissements of Casablanca.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .models import Level, Petition, ThresholdRule

DEFAULT_RULES: list[dict] = [
    {"level": Level.NATIONAL_PETITION, "required_signatures": 4000, "decision_days": 60,
     "legal_basis": "Organic law 44-14 (70-21)"},
    {"level": Level.LEGISLATIVE_MOTION, "required_signatures": 20000, "decision_days": 15,
     "response_days": 60, "legal_basis": "Organic law 64-14 (71-21)"},
    {"level": Level.REGION, "max_population": 999_999, "required_signatures": 300,
     "min_share_per_province": 5, "decision_days": 60, "legal_basis": "Organic law 111-14"},
    {"level": Level.REGION, "min_population": 1_000_000, "max_population": 3_000_000,
     "required_signatures": 400, "min_share_per_province": 5, "decision_days": 60,
     "legal_basis": "Organic law 111-14"},
    {"level": Level.REGION, "min_population": 3_000_001, "required_signatures": 500,
     "min_share_per_province": 5, "decision_days": 60, "legal_basis": "Organic law 111-14"},
    {"level": Level.PROVINCE, "required_signatures": 300, "decision_days": 60,
     "legal_basis": "Organic law 112-14"},
    {"level": Level.COMMUNE, "max_population": 34_999, "required_signatures": 100,
     "decision_days": 90, "legal_basis": "Organic law 113-14"},
    {"level": Level.COMMUNE, "min_population": 35_000, "required_signatures": 200,
     "decision_days": 90, "legal_basis": "Organic law 113-14"},
    {"level": Level.COMMUNE, "with_arrondissements": True, "required_signatures": 400,
     "decision_days": 90, "legal_basis": "Organic law 113-14"},
]  # fmt: skip


def ensure_default_rules() -> int:
    """Create the default rules if the table is empty; returns how many were created."""
    if ThresholdRule.objects.exists():
        return 0
    ThresholdRule.objects.bulk_create(ThresholdRule(**rule) for rule in DEFAULT_RULES)
    return len(DEFAULT_RULES)


class NoThresholdRule(LookupError):
    pass


@dataclass(frozen=True)
class Requirement:
    required: int
    per_province_minimum: int = 0
    provinces: tuple = ()  # (province_id, ...) that each need the minimum (regional petitions)
    decision_days: int = 60
    response_days: int | None = None


@dataclass(frozen=True)
class Progress:
    required: int
    count: int
    per_province_minimum: int
    missing_total: int
    # province_id -> signatures still missing there (only provinces below the minimum)
    missing_by_province: dict = field(default_factory=dict)

    @property
    def reached(self) -> bool:
        return self.missing_total == 0 and not self.missing_by_province


def per_province_minimum(required: int, percent: int) -> int:
    """At least `percent` % of the required number, rounded up (5% of 300 is 15)."""
    return math.ceil(required * percent / 100) if percent else 0


def rule_for(
    level: str, population: int = 0, *, has_arrondissements: bool = False
) -> ThresholdRule:
    rules = ThresholdRule.objects.filter(level=level)
    if level == Level.COMMUNE and has_arrondissements:
        special = rules.filter(with_arrondissements=True).first()
        if special:
            return special
    for rule in rules.filter(with_arrondissements=False).order_by("min_population"):
        if rule.min_population <= population and (
            rule.max_population is None or population <= rule.max_population
        ):
            return rule
    raise NoThresholdRule(f"No threshold rule for {level} with population {population}")


def requirement_for(petition: Petition) -> Requirement:
    level = petition.level
    if level == Level.REGION:
        region = petition.region
        rule = rule_for(level, region.population_2024)
        return Requirement(
            required=rule.required_signatures,
            per_province_minimum=per_province_minimum(
                rule.required_signatures, rule.min_share_per_province
            ),
            provinces=region_provinces(region.pk),
            decision_days=rule.decision_days,
            response_days=rule.response_days,
        )
    if level == Level.PROVINCE:
        rule = rule_for(level, petition.province.population_2024)
    elif level == Level.COMMUNE:
        commune = petition.commune
        rule = rule_for(
            level, commune.population_2024, has_arrondissements=commune.has_arrondissements
        )
    else:
        rule = rule_for(level)
    return Requirement(
        required=rule.required_signatures,
        decision_days=rule.decision_days,
        response_days=rule.response_days,
    )


def region_provinces(region_id: int) -> tuple:
    """The provinces and prefectures of a region that each need the minimum (with a council)."""
    from ogp_portal.directory.models import Province

    return tuple(
        Province.objects.with_council()
        .filter(region_id=region_id)
        .order_by("code")
        .values_list("pk", flat=True)
    )


def progress(requirement: Requirement, count: int, by_province: dict | None = None) -> Progress:
    """Pure: what is missing, in total and per province, given the valid counts."""
    by_province = by_province or {}
    missing_by_province = {}
    if requirement.per_province_minimum:
        for province_id in requirement.provinces:
            have = by_province.get(province_id, 0)
            if have < requirement.per_province_minimum:
                missing_by_province[province_id] = requirement.per_province_minimum - have
    return Progress(
        required=requirement.required,
        count=count,
        per_province_minimum=requirement.per_province_minimum,
        missing_total=max(requirement.required - count, 0),
        missing_by_province=missing_by_province,
    )


def stored_requirement(petition: Petition) -> Requirement:
    """The requirement frozen on the petition when it was published."""
    provinces = ()
    if petition.per_province_minimum and petition.region_id:
        provinces = region_provinces(petition.region_id)
    return Requirement(
        required=petition.required_signatures,
        per_province_minimum=petition.per_province_minimum,
        provinces=provinces,
    )


def petition_progress(petition: Petition, *, live: bool = False) -> Progress:
    """Progress from the count tables (or, with live=True, from the signatures themselves and
    the verified paper batches). Both include verified paper signatures."""
    from django.db.models import Count

    from .models import PetitionCount, PetitionProvinceCount, Signature

    requirement = stored_requirement(petition)
    if live:
        from .counting import paper_by_province

        valid = Signature.objects.valid().filter(petition=petition)
        # Signatures from abroad have no province (key None): in the total, in no province.
        by_province = dict(valid.order_by().values_list("province_id").annotate(n=Count("pk")))
        for province_id, n in paper_by_province(petition.pk).items():
            by_province[province_id] = by_province.get(province_id, 0) + n
        count = sum(by_province.values())
        by_province.pop(None, None)
    else:
        count = (
            PetitionCount.objects.filter(petition=petition)
            .values_list("confirmed", flat=True)
            .first()
            or 0
        )
        by_province = dict(
            PetitionProvinceCount.objects.filter(petition=petition).values_list(
                "province_id", "confirmed"
            )
        )
    return progress(requirement, count, by_province)
