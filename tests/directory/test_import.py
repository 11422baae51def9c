import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from ogp_portal.directory.demo import seed
from ogp_portal.directory.imports import (
    COLUMNS,
    import_administrations,
    import_administrations_file,
)
from ogp_portal.directory.models import TERRITORIAL_KINDS, Administration, Commune, Region
from ogp_portal.directory.territories import load_territories
from ogp_portal.directory.views import export_rows
from tests.factories import AdministrationFactory, CommuneFactory, ProvinceFactory, RegionFactory

pytestmark = pytest.mark.django_db

REQUIRED_SLUGS = [
    "mtnra",
    "ministere-sante",
    "ministere-justice",
    "chef-du-gouvernement",
    "chambre-representants",
    "chambre-conseillers",
    "add",
    "commune-rabat",
    "conseil-region-casablanca-settat",
]


def make_csv(*rows: dict, header=COLUMNS) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, restval="")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue()


def row(**values) -> dict:
    defaults = {
        "slug": "onda",
        "kind": "public_establishment",
        "name_ar": "المكتب الوطني للمطارات",
        "name_fr": "Office National des Aéroports",
        "name_en": "National Airports Office",
    }
    return {**defaults, **values}


@pytest.fixture
def regions(db):
    return [
        RegionFactory(code="04", name_fr="Rabat-Salé-Kénitra"),
        RegionFactory(code="06", name_fr="Casablanca-Settat"),
    ]


def test_it_loads_the_demo_list_of_real_administrations():
    load_territories()

    call_command("load_administrations")

    assert Administration.objects.count() >= 60
    assert set(REQUIRED_SLUGS) <= set(Administration.objects.values_list("slug", flat=True))
    mtnra = Administration.objects.get(slug="mtnra")
    assert (
        mtnra.name_fr == "Ministère de la Transition Numérique et de la Réforme de l'Administration"
    )
    assert mtnra.name_ar == "وزارة الانتقال الرقمي وإصلاح الإدارة"
    assert mtnra.kind == Administration.Kind.MINISTRY
    assert Administration.objects.get(slug="add").parent == mtnra
    assert Administration.objects.get(slug="conseil-region-casablanca-settat").region.code == "06"
    assert Administration.objects.filter(kind=Administration.Kind.REGIONAL_COUNCIL).count() == 12
    assert not Administration.objects.exclude(email="").exists()
    assert not Administration.objects.exclude(phone="").exists()


def test_it_seeds_territories_and_administrations_idempotently():
    out = io.StringIO()
    seed(out)
    counts = (Commune.objects.count(), Administration.objects.count())
    history = Administration.history.count()

    seed(out)

    assert (Commune.objects.count(), Administration.objects.count()) == counts
    assert Administration.history.count() == history
    assert "0 created, 0 updated" in out.getvalue()


def test_it_registers_the_seed_with_the_demo_registry():
    from ogp_portal.core.registry import demo_seeders

    assert ("directory", seed) in demo_seeders()


def test_it_creates_and_updates_by_slug(regions):
    AdministrationFactory(slug="onda", name_fr="Old name", kind=Administration.Kind.OTHER)

    result = import_administrations(
        make_csv(
            row(region_code="06", website="https://www.onda.ma", acronym="ONDA"),
            row(
                slug="oncf",
                name_fr="Office National des Chemins de Fer",
                name_ar="المكتب الوطني للسكك الحديدية",
                name_en="",
                region_code="04",
                parent_slug="onda",
            ),
        )
    )

    assert (result.ok, result.created, result.updated) == (True, 1, 1)
    onda = Administration.objects.get(slug="onda")
    assert (onda.name_fr, onda.kind, onda.region.code, onda.acronym) == (
        "Office National des Aéroports",
        "public_establishment",
        "06",
        "ONDA",
    )
    assert Administration.objects.get(slug="oncf").parent == onda


def test_it_resolves_a_parent_that_comes_later_in_the_file(regions):
    result = import_administrations(
        make_csv(row(slug="child", parent_slug="parent"), row(slug="parent", kind="ministry"))
    )

    assert result.ok
    assert Administration.objects.get(slug="child").parent.slug == "parent"


def test_it_saves_nothing_when_one_row_is_bad(regions):
    rows = make_csv(
        row(slug="good-one"),
        row(slug="bad-kind", kind="embassy"),
        row(slug="bad-region", region_code="99"),
        row(slug="no-name", name_fr=""),
        row(slug="orphan", parent_slug="nowhere"),
        row(slug="bad-site", website="not a url"),
        row(slug="good-one"),
    )
    with translation.override("en"):
        result = import_administrations(rows)
        messages = [str(e) for e in result.errors]

    assert not result.ok
    assert Administration.objects.count() == 0
    assert any(m.startswith("Line 3:") and "embassy" in m for m in messages)
    assert any(m.startswith("Line 4:") and "99" in m for m in messages)
    assert any(m.startswith("Line 5:") and "name_fr" in m for m in messages)
    assert any(m.startswith("Line 6:") and "nowhere" in m for m in messages)
    assert any(m.startswith("Line 7:") and "not a url" in m for m in messages)
    assert any(m.startswith("Line 8:") and "line 2" in m for m in messages)


def test_it_refuses_a_loop_of_parents(regions):
    result = import_administrations(
        make_csv(row(slug="a", parent_slug="b"), row(slug="b", parent_slug="a"))
    )

    assert not result.ok
    assert Administration.objects.count() == 0


def test_it_refuses_a_file_without_the_required_columns():
    result = import_administrations("slug,name\nonda,ONDA\n")

    assert not result.ok
    assert "kind" in str(result.errors[0]) and "name_ar" in str(result.errors[0])


def test_it_reads_utf8_with_a_byte_order_mark(regions):
    data = make_csv(row(region_code="04")).encode("utf-8-sig")

    result = import_administrations_file(data)

    assert result.ok, result.errors
    assert Administration.objects.get(slug="onda").name_ar == "المكتب الوطني للمطارات"


def test_it_refuses_a_file_that_is_not_utf8():
    result = import_administrations_file(make_csv(row()).encode("utf-16"))

    assert not result.ok
    assert Administration.objects.count() == 0


def test_it_fails_the_command_on_a_bad_file(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(make_csv(row(kind="embassy")), encoding="utf-8")

    with pytest.raises(CommandError, match="nothing was saved"):
        call_command("load_administrations", str(path))

    assert "embassy" in capsys.readouterr().err
    assert Administration.objects.count() == 0
    assert Region.objects.count() == 0


# --- province and commune codes ------------------------------------------

OLD_COLUMNS = [c for c in COLUMNS if c not in ("province_code", "commune_code")]


@pytest.fixture
def territories(regions):
    """Rabat prefecture and its commune in region 04; Casablanca's in region 06 (census codes)."""
    rabat = ProvinceFactory(code="04.421", name_fr="Rabat", region=regions[0])
    casablanca = ProvinceFactory(code="06.141", name_fr="Casablanca", region=regions[1])
    return {
        "rabat": rabat,
        "casablanca": casablanca,
        "commune_rabat": CommuneFactory(code="04.421.01.0", name_fr="Rabat", province=rabat),
        "commune_casablanca": CommuneFactory(
            code="06.141.01.0", name_fr="Casablanca", province=casablanca
        ),
    }


def council(**values) -> dict:
    defaults = {
        "slug": "commune-rabat",
        "kind": "communal_council",
        "name_ar": "جماعة الرباط",
        "name_fr": "Commune de Rabat",
        "name_en": "Rabat Commune",
    }
    return row(**{**defaults, **values})


def test_it_places_a_council_in_its_province_and_commune(territories):
    result = import_administrations(
        make_csv(
            council(region_code="04", province_code="04.421", commune_code="04.421.01.0"),
            row(
                slug="conseil-prefectoral-casablanca",
                kind="provincial_council",
                region_code="06",
                province_code="06.141",
            ),
        )
    )

    assert result.ok, result.errors
    rabat = Administration.objects.get(slug="commune-rabat")
    assert (rabat.region.code, rabat.province.code, rabat.commune.code) == (
        "04",
        "04.421",
        "04.421.01.0",
    )
    assert rabat.population == 30_000  # the commune's, not the province's or the region's
    casablanca = Administration.objects.get(slug="conseil-prefectoral-casablanca")
    assert (casablanca.province.code, casablanca.commune) == ("06.141", None)
    assert casablanca.population == 400_000


def test_a_blank_region_or_province_is_taken_from_the_commune(territories):
    result = import_administrations(make_csv(council(commune_code="04.421.01.0")))

    assert result.ok, result.errors
    rabat = Administration.objects.get(slug="commune-rabat")
    assert (rabat.region.code, rabat.province.code) == ("04", "04.421")


def test_it_refuses_unknown_codes_and_territories_that_do_not_nest_naming_the_line(territories):
    rows = make_csv(
        council(slug="good", region_code="04", province_code="04.421", commune_code="04.421.01.0"),
        council(slug="no-such-province", region_code="04", province_code="04.999"),
        council(slug="no-such-commune", region_code="04", commune_code="04.421.99.9"),
        council(slug="province-elsewhere", region_code="04", province_code="06.141"),
        council(slug="commune-elsewhere", province_code="04.421", commune_code="06.141.01.0"),
        council(slug="commune-outside-region", region_code="04", commune_code="06.141.01.0"),
    )
    with translation.override("en"):
        result = import_administrations(rows)
        messages = [str(e) for e in result.errors]

    assert not result.ok
    assert Administration.objects.count() == 0
    assert len(messages) == 5, messages
    assert messages[0] == "Line 3: Unknown province or prefecture code “04.999”."
    assert messages[1] == "Line 4: Unknown commune code “04.421.99.9”."
    assert messages[2] == (
        "Line 5: Province or prefecture 06.141 (Casablanca) is not in region 04; "
        "it is in region 06."
    )
    assert messages[3] == (
        "Line 6: Commune 06.141.01.0 (Casablanca) is not in province or prefecture 04.421; "
        "it is in 06.141."
    )
    # The commune gives its province (06.141), which is not in the region given.
    assert messages[4].startswith("Line 7: Province or prefecture 06.141 (Casablanca)")


def test_a_file_without_the_new_columns_still_imports_and_keeps_province_and_commune(
    territories,
):
    AdministrationFactory(
        slug="commune-rabat",
        kind="communal_council",
        region=territories["rabat"].region,
        province=territories["rabat"],
        commune=territories["commune_rabat"],
    )
    old_file = make_csv(
        council(region_code="04", address="Avenue Mohammed V, Rabat"),
        row(slug="cnss", region_code="06"),
        header=OLD_COLUMNS,
    )
    assert "province_code" not in old_file.splitlines()[0]

    result = import_administrations(old_file)

    assert result.ok, result.errors
    assert (result.created, result.updated) == (1, 1)
    rabat = Administration.objects.get(slug="commune-rabat")
    assert rabat.address == "Avenue Mohammed V, Rabat"
    assert (rabat.province.code, rabat.commune.code) == ("04.421", "04.421.01.0")
    cnss = Administration.objects.get(slug="cnss")
    assert (cnss.region.code, cnss.province, cnss.commune) == ("06", None, None)


def test_blank_codes_in_the_new_columns_clear_province_and_commune(territories):
    AdministrationFactory(
        slug="commune-rabat",
        kind="communal_council",
        region=territories["rabat"].region,
        province=territories["rabat"],
        commune=territories["commune_rabat"],
    )

    result = import_administrations(make_csv(council(region_code="04")))

    assert result.ok, result.errors
    rabat = Administration.objects.get(slug="commune-rabat")
    assert (rabat.region.code, rabat.province, rabat.commune) == ("04", None, None)


def test_an_old_file_cannot_move_an_administration_away_from_the_province_it_keeps(territories):
    AdministrationFactory(
        slug="commune-rabat",
        kind="communal_council",
        region=territories["rabat"].region,
        province=territories["rabat"],
    )

    with translation.override("en"):
        result = import_administrations(make_csv(council(region_code="06"), header=OLD_COLUMNS))
        messages = [str(e) for e in result.errors]

    assert not result.ok
    assert messages == [
        "Line 2: Its province or prefecture 04.421 (Rabat), kept because the file has no "
        "province_code column, is not in region 06."
    ]
    assert Administration.objects.get(slug="commune-rabat").region.code == "04"


def test_the_directory_export_imports_back_unchanged(territories):
    import_administrations(
        make_csv(council(region_code="04", province_code="04.421", commune_code="04.421.01.0"))
    )
    exported = make_csv(
        *[dict(zip(COLUMNS, values, strict=True)) for values in export_rows(Administration.objects)]
    )
    assert ",04,04.421,04.421.01.0," in exported

    result = import_administrations(exported)

    assert (result.ok, result.unchanged, result.updated) == (True, 1, 0)


def test_every_council_in_the_shipped_list_has_the_population_of_its_territory():
    load_territories()
    call_command("load_administrations")

    councils = list(
        Administration.objects.filter(kind__in=TERRITORIAL_KINDS).select_related(
            "region", "province", "commune"
        )
    )
    kinds = {a.kind for a in councils}

    assert kinds == set(TERRITORIAL_KINDS)
    assert len(councils) == 27
    missing = [a.slug for a in councils if not a.population]
    assert missing == []
    for administration in councils:
        if administration.kind == Administration.Kind.PROVINCIAL_COUNCIL:
            # The council is named after its prefecture or province (Arabic census name).
            assert administration.province.name_ar in administration.name_ar
            assert administration.population == administration.province.population_2024
        if administration.kind == Administration.Kind.COMMUNAL_COUNCIL:
            assert administration.commune.name_ar in administration.name_ar
            assert administration.commune.province == administration.province
            assert administration.population == administration.commune.population_2024
        if administration.province:
            assert administration.province.region == administration.region
    populations = {a.slug: a.population for a in councils}
    assert populations["conseil-prefectoral-rabat"] == 515_619
    assert populations["commune-rabat"] == 509_916
    assert populations["commune-casablanca"] == 3_215_935
    assert populations["conseil-provincial-kenitra"] == 1_284_247
