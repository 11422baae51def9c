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
from ogp_portal.directory.models import Administration, Commune, Region
from ogp_portal.directory.territories import load_territories
from tests.factories import AdministrationFactory, RegionFactory

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
