"""Anonymous visitors get no cookie: the home page and the list and detail pages of every app
answer without Set-Cookie.

The language switcher is a set of plain links (no form, so no CSRF cookie); only pages with a
form that posts (filing a complaint, signing in) set Django's CSRF cookie. Read over the demo
data, in Arabic and French.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with translation.override("fr"):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def first_url(queryset) -> str:
    obj = queryset.order_by("pk").first()
    assert obj is not None, f"the demo has no {queryset.model.__name__}"
    return obj.get_absolute_url()


def public_pages(lang: str) -> list[str]:
    """The home page and the list and detail pages of every app, in `lang`."""
    from csofunding.models import Association, Award, Call
    from integrity.models import Initiative
    from ogp_portal.directory.models import Administration, Region
    from opendata.models import Dataset, DatasetRequest, Reuse
    from petitions.models import Petition
    from transparency.models import ActionPlan, Commitment, Consultation, InformationRequest

    with translation.override(lang):
        plan = ActionPlan.objects.exclude(status=ActionPlan.Status.DRAFT).order_by("-pk").first()
        return [
            reverse("core:home"),
            reverse("core:privacy"),
            # transparency: information requests, the action plan, consultations
            reverse("transparency:index"),
            reverse("transparency:request_list"),
            reverse("transparency:request_scorecard"),
            first_url(InformationRequest.objects.public()),
            reverse("transparency:plan_list"),
            plan.get_absolute_url(),
            reverse("transparency:commitment_list", args=[plan.slug]),
            first_url(Commitment.objects.public().filter(plan=plan)),
            reverse("transparency:consultation_list"),
            first_url(Consultation.objects.all()),
            # petitions
            reverse("petitions:index"),
            first_url(Petition.objects.public().filter(status="collecting")),
            first_url(Petition.objects.public().filter(status="answered")),
            # complaints
            reverse("complaints:index"),
            # integrity
            reverse("integrity:index"),
            reverse("integrity:statistics"),
            first_url(Initiative.objects.public()),
            # funding
            reverse("csofunding:index"),
            reverse("csofunding:calls"),
            first_url(Call.objects.published()),
            reverse("csofunding:awards"),
            first_url(Award.objects.published()),
            reverse("csofunding:associations"),
            first_url(Association.objects.all()),
            reverse("csofunding:funders"),
            # open data
            reverse("opendata:index"),
            first_url(Dataset.objects.published()),
            reverse("opendata:publishers"),
            reverse("opendata:kpis"),
            reverse("opendata:reuses"),
            first_url(Reuse.objects.public()),
            reverse("opendata:requests"),
            first_url(DatasetRequest.objects.public()),
            # directory
            reverse("directory:index"),
            first_url(Administration.objects.all()),
            reverse("directory:regions"),
            first_url(Region.objects.all()),
        ]


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_anonymous_public_pages_set_no_cookie(client, demo, lang):
    with_cookies = {}
    for path in public_pages(lang):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        if response.cookies:
            with_cookies[path] = sorted(response.cookies)
        client.cookies.clear()

    assert with_cookies == {}


def test_the_language_switcher_needs_no_form_so_the_home_page_sets_no_csrf_cookie(client):
    response = client.get(reverse("core:home"))

    assert response.status_code == 200
    assert "csrftoken" not in response.cookies
    assert "Set-Cookie" not in response.headers
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()


def test_a_page_with_a_form_still_sets_the_csrf_cookie(client):
    # The check above is not blind: a page that needs CSRF does set the cookie.
    with translation.override("fr"):
        response = client.get(reverse("account_login"))

    assert response.status_code == 200
    assert "csrftoken" in response.cookies
