import pytest
from django.core.management import call_command

from ogp_portal.directory.models import Commune, Province, Region
from ogp_portal.directory.territories import load_territories

pytestmark = pytest.mark.django_db


def test_it_loads_every_region_province_and_commune():
    result = load_territories()

    assert (Region.objects.count(), Province.objects.count(), Commune.objects.count()) == (
        12,
        83,
        1503,
    )
    assert (result.regions.created, result.provinces.created, result.communes.created) == (
        12,
        83,
        1503,
    )


def test_it_keeps_the_census_names_codes_and_populations():
    load_territories()

    region = Region.objects.get(code="04")
    assert region.name_fr == "Rabat-Salé-Kénitra"
    assert region.name_ar == "الرباط-سلا-القنيطرة"
    assert region.population_2024 > 5_000_000
    tanger = Commune.objects.get(code="01.511.01.0")
    assert (tanger.name_fr, tanger.slug, tanger.kind) == ("Tanger", "tanger", Commune.Kind.URBAN)
    assert tanger.province.code == "01.511"
    assert tanger.province.region.code == "01"


def test_it_stores_prefectures_and_provinces_by_kind():
    load_territories()

    assert Province.objects.get(code="01.511").kind == Province.Kind.PREFECTURE  # Tanger-Assilah
    # Casablanca is a prefecture of arrondissements in the census: stored as a prefecture.
    assert Province.objects.get(code="06.141").kind == Province.Kind.PREFECTURE
    assert Province.objects.filter(kind=Province.Kind.PREFECTURE).count() == 21
    assert Province.objects.filter(kind=Province.Kind.PROVINCE).count() == 62


def test_it_marks_the_communes_split_into_arrondissements():
    load_territories()

    flagged = set(
        Commune.objects.filter(has_arrondissements=True).values_list("name_fr", flat=True)
    )
    assert flagged == {"Tanger", "Fès", "Rabat", "Salé", "Casablanca", "Marrakech"}
    assert Commune.objects.filter(kind=Commune.Kind.RURAL).count() == 1261


def test_it_changes_nothing_on_a_second_run(django_assert_max_num_queries):
    load_territories()
    before = list(
        Commune.objects.order_by("code").values_list("id", "code", "name_fr", "province_id")
    )

    with django_assert_max_num_queries(6):
        result = load_territories()

    assert not result.changed
    assert result.communes.unchanged == 1503
    assert (
        list(Commune.objects.order_by("code").values_list("id", "code", "name_fr", "province_id"))
        == before
    )


def test_it_repairs_a_territory_edited_by_hand():
    load_territories()
    Region.objects.filter(code="06").update(name_fr="Wrong", population_2024=1)

    result = load_territories()

    assert result.regions.updated == 1
    assert Region.objects.get(code="06").name_fr == "Casablanca-Settat"


def test_it_reports_counts_from_the_command(capsys):
    call_command("load_territories")
    call_command("load_territories")

    out = capsys.readouterr().out
    assert "communes: 1503 created" in out
    assert "communes: 0 created, 0 updated, 1503 unchanged" in out
