"""Public pages, API and figures: every page answers in the three languages, and nothing
personal is ever shown."""

import pytest
from django.core import mail

from csofunding import services, stats
from csofunding.models import AlertSubscription

from .conftest import make_call

pytestmark = pytest.mark.django_db

PAGES = [
    "/{lang}/funding/",
    "/{lang}/funding/calls/",
    "/{lang}/funding/calls/call-a/",
    "/{lang}/funding/awards/",
    "/{lang}/funding/awards/?region=01&sector=youth",
    "/{lang}/funding/awards/a1/",
    "/{lang}/funding/associations/",
    "/{lang}/funding/associations/?q=X&region=01",
    "/{lang}/funding/associations/assoc-reg-x/",
    "/{lang}/funding/funders/",
    "/{lang}/funding/funders/ministere-a/",
    "/{lang}/funding/alerts/",
    "/{lang}/funding/alerts/done/",
]


@pytest.fixture
def everything(known_awards, call_a, sectors):
    AlertSubscription.objects.create(email="secret.subscriber@example.test", language="fr")
    return known_awards


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_every_public_page_answers_in_each_language_without_personal_data(
    client, everything, lang, civil_servant_a
):
    for page in PAGES:
        response = client.get(page.format(lang=lang))
        assert response.status_code == 200, page
        html = response.content.decode()
        assert f'<html lang="{lang}"' in html
        assert "secret.subscriber@example.test" not in html, page
        assert civil_servant_a.email not in html, page
        assert "style=" not in html, page


def test_the_arabic_pages_show_arabic_names_and_the_french_ones_french_names(client, everything):
    assert "جمعية REG-X" in client.get("/ar/funding/associations/").content.decode()
    assert "Association X REG-X" in client.get("/fr/funding/associations/").content.decode()
    assert "Appel call-a" in client.get("/fr/funding/calls/").content.decode()
    assert "طلب call-a" in client.get("/ar/funding/calls/").content.decode()


def test_unknown_records_are_404(client, everything):
    for path in [
        "/fr/funding/calls/nope/",
        "/fr/funding/awards/nope/",
        "/fr/funding/associations/nope/",
        "/fr/funding/funders/nope/",
    ]:
        assert client.get(path).status_code == 404, path


def test_an_administration_that_funds_nothing_has_no_funder_page(client, everything, db):
    from tests.factories import AdministrationFactory

    AdministrationFactory(slug="idle")
    assert client.get("/fr/funding/funders/idle/").status_code == 404


def test_the_association_page_sums_everything_it_received(client, everything):
    response = client.get("/en/funding/associations/assoc-reg-y/")

    totals = response.context["totals"]
    assert (totals["count"], int(totals["amount"])) == (2, 1_500_000)


def test_the_api_lists_calls_awards_and_associations_without_personal_data(client, everything):
    calls = client.get("/api/v1/funding/calls/").json()["results"]
    assert [c["reference"] for c in calls] == ["call-a"]
    assert calls[0]["status"] == "open" and calls[0]["funder"] == "ministere-a"

    awards = client.get("/api/v1/funding/awards/", {"region": "02"}).json()
    assert sorted(a["reference"] for a in awards["results"]) == ["a2", "b1"]
    a2 = client.get("/api/v1/funding/awards/a2/").json()
    assert a2["grant_id"] == "360G-ogpma-a2"
    assert sorted(a2["beneficiary_regions"]) == ["MA-01", "MA-02"]

    associations = client.get("/api/v1/funding/associations/").json()["results"]
    assert {a["org_id"] for a in associations} == {
        "360G-ogpma-assoc-REG-X",
        "360G-ogpma-assoc-REG-Y",
        "360G-ogpma-assoc-REG-Z",
    }
    for body in [calls, awards, associations]:
        assert "@" not in str(body)


def test_the_api_answers_400_on_a_bad_filter(client, everything):
    response = client.get("/api/v1/funding/awards/", {"year": "abc"})

    assert response.status_code == 400
    assert "year" in response.json()


def test_the_area_figures_and_latest_calls(everything, programme_a):
    make_call(programme_a, "closed", opens_in=-40, closes_in=-3)

    figures = stats.figures()
    assert [f.value for f in figures] == [1, 5, 1_650_000]
    latest = stats.latest()
    assert {item.title for item in latest} == {"طلب call-a", "طلب closed"}


def test_the_home_page_card_shows_the_latest_call(client, everything):
    html = client.get("/fr/").content.decode()

    assert "/fr/funding/calls/call-a/" in html


def test_the_360giving_package_is_served_in_every_language_prefix(client, everything):
    assert client.get("/ar/funding/360giving.json").json()["grants"]


def test_a_published_call_is_announced_only_to_confirmed_subscribers(
    programme_a, django_capture_on_commit_callbacks
):
    services.subscribe(email="pending@example.test", sectors=[], regions=[], language="ar")
    mail.outbox.clear()
    call = make_call(programme_a, "new", published=False)

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_call(call, actor=None)

    assert mail.outbox == []


def test_the_funders_page_totals_are_not_multiplied_by_programmes(client, everything, sectors):
    from .conftest import make_programme

    make_programme(everything["a1"].funder, sectors["health"], "second-programme")

    funders = {f.slug: f for f in client.get("/en/funding/funders/").context["funders"]}
    assert (funders["ministere-a"].awards_count, int(funders["ministere-a"].awards_total)) == (
        3,
        1_340_000,
    )
    assert funders["ministere-b"].awards_count == 2
