import csv
import io
import re

import pytest
from django.core.management import call_command

from ogp_portal.directory.models import Administration, Region
from tests.factories import AdministrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(db):
    call_command("load_territories", stdout=io.StringIO())
    call_command("load_administrations", stdout=io.StringIO())
    Administration.objects.filter(slug="ministere-sante").update(
        email="contact.secret@sante.example.test", phone="+212 5 37 00 00 00"
    )


def slugs_on_page(response) -> list[str]:
    return [a.slug for group in response.context["groups"] for a in group["administrations"]]


def test_it_lists_active_administrations_grouped_by_kind_in_arabic(client, directory):
    Administration.objects.filter(slug="cdg").update(is_active=False)

    response = client.get("/ar/directory/")

    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == Administration.objects.active().count()
    kinds = [group["kind"] for group in response.context["groups"]]
    assert kinds[0] == "ministry"
    assert kinds == sorted(set(kinds), key=Administration.Kind.values.index)
    assert len(slugs_on_page(response)) == 25
    assert "وزارة العدل" in response.content.decode()
    ministries = next(f for f in response.context["kind_counts"] if f["value"] == "ministry")
    assert ministries["count"] == Administration.objects.filter(kind="ministry").count()
    assert client.get("/ar/directory/", {"q": "CDG"}).context["page_obj"].paginator.count == 0


def test_it_shows_french_names_in_french(client, directory):
    response = client.get("/fr/directory/?kind=ministry")

    content = response.content.decode()
    assert "Ministère de la Justice" in content
    assert "وزارة العدل" not in content


def test_it_paginates_by_twenty_five_keeping_the_filters(client, directory):
    total = Administration.objects.active().filter(region__code="04").count()
    assert total > 25

    first = client.get("/fr/directory/", {"region": "04"})
    second = client.get("/fr/directory/", {"region": "04", "page": 2})

    assert len(slugs_on_page(first)) == 25
    assert len(slugs_on_page(second)) == min(25, total - 25)
    assert not set(slugs_on_page(first)) & set(slugs_on_page(second))
    assert "?region=04&amp;page=2" in first.content.decode()


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("fr", "Justice", "ministere-justice"),
        ("fr", "ADD", "add"),
        ("ar", "العدل", "ministere-justice"),
        ("en", "Health", "ministere-sante"),
    ],
)
def test_it_searches_names_and_acronyms(client, directory, language, query, expected):
    response = client.get(f"/{language}/directory/", {"q": query})

    assert expected in slugs_on_page(response)
    assert len(slugs_on_page(response)) < 10


def test_it_filters_by_kind_and_region(client, directory):
    response = client.get("/fr/directory/", {"kind": "regional_council", "region": "06"})

    assert slugs_on_page(response) == ["conseil-region-casablanca-settat"]
    assert (
        client.get("/fr/directory/", {"kind": "communal_council", "region": "04"})
        .context["page_obj"]
        .paginator.count
        == 1
    )


def test_it_ignores_an_unknown_filter_value(client, directory):
    response = client.get("/fr/directory/", {"kind": "embassy"})

    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == Administration.objects.active().count()


def test_it_exports_the_filtered_list_as_csv(client, directory):
    response = client.get("/fr/directory/", {"kind": "parliament_chamber", "format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["slug", "kind", "name_ar", "name_fr"]
    assert sorted(r[0] for r in rows[1:]) == ["chambre-conseillers", "chambre-representants"]
    assert "email" not in rows[0] and "phone" not in rows[0]


def test_it_shows_an_administration_with_its_parent_children_and_region(client, directory):
    response = client.get("/fr/directory/a/mtnra/")

    content = response.content.decode()
    assert response.status_code == 200
    assert (
        "Ministère de la Transition Numérique et de la Réforme de l&#x27;Administration" in content
    )
    assert "وزارة الانتقال الرقمي وإصلاح الإدارة" in content
    assert "Ministry of Digital Transition and Administrative Reform" in content
    assert "/fr/directory/a/chef-du-gouvernement/" in content  # parent
    assert "/fr/directory/a/add/" in content  # child
    assert "/fr/directory/regions/04/" in content
    assert "Rabat-Salé-Kénitra" in content


def test_it_shows_the_arabic_name_as_title_in_arabic(client, directory):
    response = client.get("/ar/directory/a/ministere-sante/")

    assert '<h1 class="h2">وزارة الصحة والحماية الاجتماعية' in response.content.decode()


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_it_never_shows_email_or_phone_publicly(client, directory, language):
    pages = [
        f"/{language}/directory/a/ministere-sante/",
        f"/{language}/directory/?q=Sant%C3%A9",
        f"/{language}/directory/?kind=ministry",
        f"/{language}/directory/?kind=ministry&format=csv",
        f"/{language}/directory/regions/04/",
    ]
    for url in pages:
        content = client.get(url).content.decode("utf-8-sig")
        assert "contact.secret" not in content, url
        assert "37 00 00 00" not in content, url


def test_it_hides_an_inactive_administration(client, db):
    AdministrationFactory(slug="closed-office", is_active=False)

    assert client.get("/fr/directory/a/closed-office/").status_code == 404


def test_it_lists_the_twelve_regions_with_their_figures(client, directory):
    response = client.get("/fr/directory/regions/")

    regions = list(response.context["regions"])
    assert len(regions) == 12
    assert sum(r.communes_count for r in regions) == 1503
    assert sum(r.provinces_count for r in regions) == 83
    casablanca = next(r for r in regions if r.code == "06")
    assert casablanca.population_2024 == Region.objects.get(code="06").population_2024
    assert "Casablanca-Settat" in response.content.decode()
    assert "الدار البيضاء-سطات" in client.get("/ar/directory/regions/").content.decode()


def test_it_shows_a_region_with_its_provinces(client, directory):
    response = client.get("/fr/directory/regions/06/")

    provinces = list(response.context["provinces"])
    assert response.status_code == 200
    assert len(provinces) == Region.objects.get(code="06").provinces.count()
    casablanca = next(p for p in provinces if p.code == "06.141")
    assert casablanca.communes_count == casablanca.communes.count()
    assert response.context["communes_total"] == sum(p.communes_count for p in provinces)
    assert "Conseil de la Région de Casablanca-Settat" in response.content.decode()
    assert client.get("/fr/directory/regions/99/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/ar/directory/",
        "/fr/directory/a/add/",
        "/en/directory/regions/",
        "/ar/directory/regions/01/",
    ],
)
def test_it_credits_the_hcp_census_on_every_page(client, directory, url):
    content = client.get(url).content.decode()

    assert 'id="territory-data-credit"' in content
    assert "https://creativecommons.org/licenses/by/4.0/" in content


def test_it_lists_the_directory_in_a_bounded_number_of_queries(
    client, directory, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        client.get("/fr/directory/")


def test_the_regions_page_maps_population_with_the_largest_region_darkest(client, directory):
    html = client.get("/fr/directory/regions/").content.decode()

    paths = {
        code: cls
        for cls, code in re.findall(
            r'<path class="choropleth-region (choropleth-class-\d)[^"]*"[^>]*data-region="(\d\d)"',
            html,
        )
    }
    assert len(paths) == 12
    largest = max(Region.objects.all(), key=lambda r: r.population_2024)
    smallest = min(Region.objects.all(), key=lambda r: r.population_2024)
    assert paths[largest.code] == "choropleth-class-4"
    assert paths[smallest.code] == "choropleth-class-0"
