"""The administration's page brings every app together: a panel per app, with figures on known
data, small complaint cells suppressed, empty states, and nothing personal."""

import pytest
from django.utils import translation

from ogp_portal.core.registry import administration_panels
from tests.directory.conftest import (
    SECRET_EMAIL,
    add_awards,
    add_commitments,
    add_complaints,
    add_datasets,
    add_initiatives,
    add_petitions,
    add_requests,
    snapshot,
)
from tests.factories import AdministrationFactory

pytestmark = pytest.mark.django_db

PANELS = [
    "transparency-requests",
    "complaints",
    "petitions",
    "transparency-commitments",
    "opendata",
    "integrity",
    "csofunding",
]


def content_of(administration, key):
    """The panel's content, in English (labels, links)."""
    with translation.override("en"):
        for panel, context in administration_panels(administration):
            if panel.key == key:
                return context["content"]
    raise AssertionError(f"no panel {key}")


def figures(content) -> dict:
    with translation.override("en"):
        return {str(f.label): (f.value, str(f.unit)) for f in content.figures}


def page(client, administration, language="en"):
    response = client.get(f"/{language}/directory/a/{administration.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_every_app_has_a_panel_on_the_page_of_an_administration_in_order(client, administration_a):
    html = page(client, administration_a)

    positions = [html.index(f'id="panel-{key}"') for key in PANELS]
    assert positions == sorted(positions)
    assert "Compare with administrations of the same kind" in html
    assert "/en/directory/compare/?kind=ministry#a-ministere-a" in html


def test_the_requests_panel_counts_received_on_time_and_median_working_days(administration_a):
    add_requests(administration_a)

    content = content_of(administration_a, "transparency-requests")

    assert figures(content) == {
        "Requests received": (3, ""),
        "Answered on time": (50, "%"),
        "Median working days to answer": (7, ""),
        "Overdue now": (1, ""),
    }
    assert content.links[0].url == "/en/transparency/requests/?administration=ministere-a"


def test_the_requests_panel_agrees_with_the_scorecard(administration_a):
    from transparency.ati.stats import scorecard_for

    add_requests(administration_a)
    card = scorecard_for(administration_a)

    shown = figures(content_of(administration_a, "transparency-requests"))
    assert shown["Requests received"][0] == card.received
    assert shown["Answered on time"][0] == card.on_time_percent
    assert shown["Median working days to answer"][0] == card.median_working_days


def test_the_complaints_panel_shows_volume_time_to_answer_and_satisfaction(administration_a):
    add_complaints(administration_a, 6, answer_days=(10, 20, 30, 70), ratings=(5, 4, 3, 4, 5))
    snapshot()

    content = content_of(administration_a, "complaints")

    # A ministry has no territory: no rate per inhabitant.
    assert figures(content) == {
        "Complaints received": (6, ""),
        "Median days to answer": (25.0, ""),
        "Average rating": (4.2, "/ 5"),
    }
    assert content.note


def test_a_councils_complaints_are_also_counted_per_100000_inhabitants(council):
    add_complaints(council, 5, answer_days=(10,), ratings=(5, 1))
    snapshot()

    shown = figures(content_of(council, "complaints"))

    # 5 complaints for 30,000 inhabitants; two ratings only: too few to publish an average.
    assert shown["Complaints per 100,000 inhabitants"] == (16.7, "")
    assert shown["Average rating"] == ("—", "")


def test_a_councils_page_shows_its_population_and_complaints_per_100000_inhabitants(
    client, council
):
    add_complaints(council, 5)
    snapshot()

    html = page(client, council)

    assert "Population of its territory (2024 census)" in html
    assert '<dd class="col-sm-9" id="territory-population">30,000</dd>' in html
    assert "Complaints per 100,000 inhabitants" in html and "16.7" in html


def test_a_council_with_no_recorded_territory_shows_a_dash_per_100000_inhabitants(client, db):
    unplaced = AdministrationFactory(slug="conseil-x", kind="communal_council")
    add_complaints(unplaced, 5)
    snapshot()

    shown = figures(content_of(unplaced, "complaints"))
    html = page(client, unplaced)

    assert shown["Complaints received"] == (5, "")
    assert shown["Complaints per 100,000 inhabitants"] == ("—", "")
    assert "Not known: its territory is not recorded." in html


def test_a_ministry_has_no_population_and_no_per_inhabitant_figure(client, administration_a):
    add_complaints(administration_a, 5)
    snapshot()

    shown = figures(content_of(administration_a, "complaints"))

    assert "Complaints per 100,000 inhabitants" not in shown
    assert "Population of its territory" not in page(client, administration_a)


def test_fewer_than_five_complaints_show_nothing_like_none_at_all(
    client, administration_a, administration_b
):
    add_complaints(administration_a, 4, answer_days=(3, 4, 5, 6), ratings=(5, 5, 5, 5))
    snapshot()

    few = content_of(administration_a, "complaints")
    none = content_of(administration_b, "complaints")

    assert few.figures == [] and few.empty
    assert str(few.empty) == str(none.empty)
    assert "fewer than 5 complaints" in page(client, administration_a)


def test_the_petitions_panel_counts_public_petitions_by_status_and_shows_the_latest_answered(
    client, administration_a, person
):
    add_petitions(administration_a, person)

    content = content_of(administration_a, "petitions")

    assert figures(content) == {
        "Petitions and motions": (4, ""),
        "Collecting signatures": (1, ""),
        "Awaiting an answer": (1, ""),
        "Answered": (2, ""),
    }
    with translation.override("en"):
        breakdown = [(str(label), count) for label, count in content.breakdown]
    assert breakdown == [
        ("Collecting signatures", 1),
        ("Under review", 1),
        ("Answered", 2),
    ]
    assert [item.title for item in content.items] == ["Newest answered A"]
    html = page(client, administration_a)
    assert "Newest answered A" in html and "Secret draft" not in html
    assert "?addressee=ministere-a" in html


def test_the_commitments_panel_rolls_up_the_commitments_it_leads(administration_a):
    add_commitments(administration_a)

    content = content_of(administration_a, "transparency-commitments")

    assert figures(content) == {
        "Commitments": (2, ""),
        "Progress": (62.5, "%"),
        "Completed": (1, ""),
        "Off track": (1, ""),
    }
    assert content.links[0].url.endswith(
        "/transparency/plans/plan-2026/commitments/?administration=ministere-a"
    )


def test_commitments_of_a_draft_plan_are_not_counted(administration_a):
    from transparency.models import ActionPlan

    plan = add_commitments(administration_a)
    ActionPlan.objects.filter(pk=plan.pk).update(status=ActionPlan.Status.DRAFT)

    assert content_of(administration_a, "transparency-commitments").empty


def test_the_open_data_panel_shows_its_datasets_and_their_quality(administration_a):
    add_datasets(administration_a)

    content = content_of(administration_a, "opendata")

    shown = figures(content)
    assert shown["Datasets published"] == (3, "")
    assert shown["Average quality"] == (60, "/ 100")
    assert shown["Good quality (80 and over)"] == (1, "")
    with translation.override("en"):
        assert str(content.note) == "Open data adoption: publishing."
    assert content.links[0].url.endswith("/opendata/?publisher=ministere-a")


def test_the_integrity_panel_counts_published_initiatives_led_and_partnered(
    administration_a, administration_b
):
    add_initiatives(administration_a, partner=administration_b)

    assert figures(content_of(administration_a, "integrity")) == {
        "Initiatives it leads": (3, ""),
        "Ongoing": (1, ""),
        "Completed": (2, ""),
        "As a partner": (0, ""),
    }
    assert figures(content_of(administration_b, "integrity"))["As a partner"] == (3, "")


def test_the_funding_panel_shows_the_funder_totals_of_published_awards(administration_a):
    add_awards(administration_a)

    content = content_of(administration_a, "csofunding")

    assert figures(content) == {
        "Awards published": (2, ""),
        "Total awarded (MAD)": (150000, ""),
        "Associations funded": (2, ""),
        "In-kind support (MAD)": (2000, ""),
    }
    assert content.links[0].url.endswith("/funding/awards/?funder=ministere-a")


def test_millions_of_dirhams_are_written_in_words_to_fit_the_tile(administration_a):
    add_awards(administration_a, amounts=("2500000",))

    with translation.override("en"):
        shown = figures(content_of(administration_a, "csofunding"))

    assert shown["Total awarded (MAD)"] == ("2.5 million", "")


def test_an_administration_with_nothing_gets_an_empty_state_in_every_panel(
    client, administration_a
):
    for key in PANELS:
        content = content_of(administration_a, key)
        assert content.empty, key
        assert content.figures == [], key
        assert content.links, key

    html = page(client, administration_a, "fr")
    assert html.count('class="card h-100"') == len(PANELS)


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_the_page_shows_no_personal_data(client, administration_a, person, language):
    add_requests(administration_a)
    add_complaints(administration_a, 6, answer_days=(1, 2, 3), ratings=(5, 5, 5, 5, 5))
    snapshot()
    add_petitions(administration_a, person)

    html = page(client, administration_a, language)

    assert SECRET_EMAIL not in html
    assert "Private Person" not in html
    assert "@example.test" not in html


def test_the_arabic_page_is_right_to_left(client, administration_a):
    add_requests(administration_a)

    html = page(client, administration_a, "ar")

    assert 'dir="rtl"' in html
    assert 'id="panel-transparency-requests"' in html
