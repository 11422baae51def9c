"""A visitor opens a reuse from a dataset; a citizen files a dataset request in French."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from opendata import services
from opendata.models import DatasetRequest
from opendata.vocabularies import ensure_vocabularies
from tests.factories import AdministrationFactory, verified_user
from tests.opendata.factories import DatasetFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def data(transactional_db):
    from ogp_portal.accounts import roles
    from opendata.models import Theme

    ensure_vocabularies()
    water = AdministrationFactory(
        slug="ministere-eau", name_fr="Ministère de l'Eau", name_ar="وزارة الماء"
    )
    dataset = DatasetFactory(
        slug="barrages",
        title_fr="Taux de remplissage des barrages",
        title_ar="نسبة ملء السدود",
        publisher=water,
        themes=[Theme.objects.get(slug="environment")],
    )
    citizen = verified_user(email="salma.e2e@example.test", full_name="Salma E2E")
    moderator = verified_user(
        email="mod.e2e@example.test", full_name="Mod E2E", is_staff=True, roles=[roles.MODERATOR]
    )
    reuse = services.submit_reuse(
        actor=citizen,
        type="app",
        title="Carte des barrages",
        description="Une carte quotidienne.",
        url="https://example.org/barrages",
        datasets=[dataset],
    )
    services.publish_reuse(reuse, actor=moderator)
    return dataset, citizen


def sign_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_a_visitor_opens_a_reuse_from_its_dataset(page, live_server, data):
    page.goto(f"{live_server.url}/fr/opendata/datasets/barrages/")
    page.get_by_role("link", name="Carte des barrages").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Carte des barrages")
    expect(page.get_by_role("link", name="Taux de remplissage des barrages")).to_be_visible()
    assert "salma.e2e" not in page.content()


def test_a_citizen_files_a_dataset_request_in_french(browser, live_server, data):
    dataset, citizen = data
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    sign_in(context, live_server, citizen)
    page = context.new_page()
    page.goto(f"{live_server.url}/fr/opendata/datasets/barrages/")

    form = page.locator("form", has=page.locator("input[name=title]"))
    form.locator("input[name=title]").fill("Débits horaires des barrages")
    form.locator("textarea[name=description]").fill("Les mesures de chaque heure, par barrage.")
    form.locator("button[type=submit]").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Débits horaires des barrages")
    dataset_request = DatasetRequest.objects.get()
    assert dataset_request.publisher == dataset.publisher and dataset_request.requester == citizen
    assert "/fr/opendata/requests/" in page.url
    context.close()
