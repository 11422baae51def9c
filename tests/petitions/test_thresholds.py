import pytest

from petitions.models import Level, Petition, ThresholdRule
from petitions.thresholds import (
    Requirement,
    per_province_minimum,
    progress,
    requirement_for,
    rule_for,
)
from tests.factories import CommuneFactory, ProvinceFactory, RegionFactory


@pytest.mark.parametrize(
    ("population", "required"),
    [(0, 300), (999_999, 300), (1_000_000, 400), (3_000_000, 400), (3_000_001, 500)],
)
def test_regional_threshold_follows_population_bands_at_their_edges(db, population, required):
    assert rule_for(Level.REGION, population).required_signatures == required


@pytest.mark.parametrize(("population", "required"), [(34_999, 100), (35_000, 200), (900_000, 200)])
def test_communal_threshold_follows_population_bands(db, population, required):
    assert rule_for(Level.COMMUNE, population).required_signatures == required


def test_a_commune_with_arrondissements_needs_400_whatever_its_population(db):
    assert rule_for(Level.COMMUNE, 20_000, has_arrondissements=True).required_signatures == 400


def test_national_petition_needs_4000_and_motion_20000(db):
    assert rule_for(Level.NATIONAL_PETITION).required_signatures == 4000
    assert rule_for(Level.LEGISLATIVE_MOTION).required_signatures == 20000


def test_province_needs_300(db):
    assert rule_for(Level.PROVINCE, 1_500_000).required_signatures == 300


@pytest.mark.parametrize(("required", "minimum"), [(300, 15), (400, 20), (500, 25), (310, 16)])
def test_five_percent_per_province_rounds_up(required, minimum):
    assert per_province_minimum(required, 5) == minimum


def test_rules_are_data_that_staff_can_change(db):
    ThresholdRule.objects.filter(level=Level.REGION, min_population=3_000_001).update(
        required_signatures=600
    )
    assert rule_for(Level.REGION, 5_000_000).required_signatures == 600


def test_regional_requirement_lists_every_province_of_the_region(db):
    region = RegionFactory(code="07", population_2024=4_800_000)
    provinces = [ProvinceFactory(region=region, code=f"07.{i}") for i in range(3)]
    petition = Petition(kind=Petition.Kind.LOCAL_PETITION, region=region)
    req = requirement_for(petition)
    assert req.required == 500
    assert req.per_province_minimum == 25
    assert set(req.provinces) == {p.pk for p in provinces}


def test_communal_requirement_uses_the_commune_population(db):
    commune = CommuneFactory(code="01.1.01.0", population_2024=40_000)
    petition = Petition(
        kind=Petition.Kind.LOCAL_PETITION,
        region=commune.province.region,
        province=commune.province,
        commune=commune,
    )
    assert requirement_for(petition).required == 200


def test_progress_reports_what_is_missing_in_total_and_by_province():
    req = Requirement(required=300, per_province_minimum=15, provinces=(1, 2, 3))
    result = progress(req, 310, {1: 290, 2: 15, 3: 5})
    assert result.missing_total == 0
    assert result.missing_by_province == {3: 10}
    assert not result.reached


def test_progress_is_reached_when_total_and_every_province_are_met():
    req = Requirement(required=300, per_province_minimum=15, provinces=(1, 2))
    assert progress(req, 300, {1: 285, 2: 15}).reached
    assert not progress(req, 299, {1: 284, 2: 15}).reached
    assert progress(req, 299, {1: 284, 2: 15}).missing_total == 1


def test_national_progress_has_no_province_rule():
    result = progress(Requirement(required=4000), 4000, {})
    assert result.reached and result.missing_by_province == {}
