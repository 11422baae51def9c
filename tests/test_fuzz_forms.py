"""Form fuzzing: hypothesis posts hostile values to every public form of the portal and hostile
GET parameters to every list page, in French, and checks that the portal never answers 5xx,
that a refused form comes back with its errors in French, and that what was typed is kept.

The state (people, a published petition, a plan, a consultation, datasets...) is built once per
test by the ``world`` fixture and only read by the examples; each example gets a fresh client.
That is why the function-scoped-fixture health check is suppressed. Rate limits are off and
ALTCHA is not verified, here only, so that every example reaches the form's own checks.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ogp_portal.directory.models import Province, Region
from tests.factories import (
    AdministrationFactory,
    ProvinceFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=30,
    deadline=None,
    # The world fixture is built once per test and never changed by an example in a way
    # another depends on; each example makes its own client.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
GET_FUZZ = settings(FUZZ, max_examples=25)

MISSING = object()

# --- hostile values -----------------------------------------------------------------------

NASTY_STRINGS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x01\x02\x1b[31m\x7f",
    "\r\n\t",
    "مرحبا، أريد معرفة ميزانية الجماعة لسنة 2025",
    "ⵜⴰⵎⴰⵣⵉⵖⵜ",
    "\u202eevil\u202c",
    "٣٤٥",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%s%n%x{0}{{ 7*7 }}",
    "../../etc/passwd",
    "-1",
    "0",
    "99999999999999999999999999",
    "-99999999999999999999",
    "1e309",
    "NaN",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "99999-01-01",
    "31/12/2026",
    "not-a-choice",
    "https://",
    "javascript:alert(1)",
    "x" * 5001,
    "م" * 20_000,
]
TEXT = st.text(max_size=80)
LONG_TEXT = st.builds(
    lambda s, n: (s or "a") * n, st.text(min_size=1, max_size=4), st.integers(300, 3000)
)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
DATES = st.one_of(
    st.dates().map(datetime.date.isoformat),
    st.tuples(st.integers(-5, 99999), st.integers(-1, 14), st.integers(-1, 40)).map(
        lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"
    ),
)
HOSTILE = st.one_of(st.sampled_from(NASTY_STRINGS), TEXT, LONG_TEXT, NUMBERS, DATES)


def fuzzed(base: dict) -> st.SearchStrategy[dict]:
    """Each field keeps its good value, gets a hostile one, or goes missing; plus a stray one."""
    fields = {
        name: st.one_of(st.just(value), HOSTILE, st.just(MISSING), st.lists(HOSTILE, max_size=3))
        for name, value in base.items()
    }
    return st.builds(
        lambda data, stray: {
            **{k: v for k, v in data.items() if v is not MISSING},
            **({stray[0]: stray[1]} if stray else {}),
        },
        st.fixed_dictionaries(fields),
        st.one_of(
            st.none(), st.tuples(st.sampled_from(["zz_unknown", "csrfmiddlewaretoken"]), TEXT)
        ),
    )


# --- the world the forms are posted into ----------------------------------------------------


@dataclass
class World:
    citizen: object
    administration: object
    head_of_government: object
    region: object
    province: object
    petition: object
    plan: object
    commitment: object
    consultation: object
    levels: dict
    dataset: object
    sectors: list = field(default_factory=list)


@pytest.fixture
def world(settings, administration_a, citizen, moderator):
    settings.RATELIMIT_ENABLE = False
    settings.ACCOUNT_RATE_LIMITS = False
    settings.ACCOUNT_RATE_LIMITS_ENABLED = False
    settings.ALTCHA_VERIFICATION_ENABLED = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    from csofunding.models import Sector
    from opendata.vocabularies import ensure_vocabularies
    from petitions import memo, pauses
    from petitions.thresholds import ensure_default_rules
    from tests.opendata.factories import DatasetFactory
    from tests.petitions.conftest import published
    from tests.transparency.plan.factories import (
        ActionPlanFactory,
        CommitmentFactory,
        ConsultationFactory,
    )
    from transparency.models import AssessmentWindow, IrmRating
    from transparency.plan.scales import ensure_reference_data

    ensure_default_rules()
    pauses.forget()
    memo.forget()
    region = RegionFactory(code="04", name_fr="Rabat-Salé-Kénitra", name_ar="الرباط سلا القنيطرة")
    province = ProvinceFactory(region=region, code="04.1", name_fr="Rabat", name_ar="الرباط")
    head = AdministrationFactory(
        slug="chef-du-gouvernement",
        name_fr="Chef du Gouvernement",
        name_ar="رئاسة الحكومة",
        name_en="Head of Government",
    )
    petition = published(citizen, head, moderator)
    memo.forget()

    ensure_reference_data()
    levels: dict = {}
    for level in IrmRating.objects.all():
        levels.setdefault(level.scale, {})[level.code] = level
    plan = ActionPlanFactory(slug="2024-2027", start_year=2024, end_year=2027)
    commitment = CommitmentFactory(plan=plan, number=1, lead_administration=administration_a)
    consultation = ConsultationFactory(plan=plan, slug="plan-2027-2030")
    now = datetime.datetime.now(datetime.UTC)
    AssessmentWindow.objects.create(
        plan=plan,
        label_fr="Revue",
        label_ar="مراجعة",
        label_en="Review",
        opens_at=now - datetime.timedelta(days=5),
        closes_at=now + datetime.timedelta(days=20),
    )
    ensure_vocabularies()
    dataset = DatasetFactory(slug="barrages", publisher=administration_a, title_fr="Barrages")
    sectors = [
        Sector.objects.create(code="youth", name_fr="Jeunesse", name_ar="الشباب", name_en="Youth")
    ]
    yield World(
        citizen=citizen,
        administration=administration_a,
        head_of_government=head,
        region=region,
        province=province,
        petition=petition,
        plan=plan,
        commitment=commitment,
        consultation=consultation,
        levels=levels,
        dataset=dataset,
        sectors=sectors,
    )
    pauses.forget()
    memo.forget()


def fr(name: str, *args) -> str:
    with translation.override("fr"):
        return reverse(name, args=args)


def client_as(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# --- the checks ---------------------------------------------------------------------------


def _messages(form, language: str) -> list[str]:
    with translation.override(language):
        return [message for error in form.errors.as_data().values() for e in error for message in e]


def check_response(response, data: dict, *, keep=(), form_key="form"):
    """No 5xx; a refused form is shown again in French with what was typed."""
    assert response.status_code < 500, response.content[:2000]
    context = response.context
    if context is None or response.status_code not in (200, 400, 429):
        return
    form = context.get(form_key)
    if form is None or not getattr(form, "is_bound", False) or not form.errors:
        return
    body = response.content.decode()
    assert '<html lang="fr"' in body
    in_french, in_english = _messages(form, "fr"), _messages(form, "en")
    shown = [m for m in in_french if escape(m) in body]
    assert shown, f"no error shown: {in_french}"
    for french, english in zip(in_french, in_english, strict=True):
        if french != english:
            assert escape(english) not in body, f"English error shown: {english}"
    for name in keep:
        value = data.get(name)
        if not isinstance(value, str) or not value.strip() or "\x00" in value:
            continue
        if name not in form.fields or form.fields[name].widget.is_hidden:
            continue
        assert escape(value) in body, f"{name} was not kept"


# --- the public forms ---------------------------------------------------------------------


@FUZZ
@given(st.data())
def test_the_complaint_form(world, data):
    base = {
        "kind": "complaint",
        "administration": world.administration.pk,
        "category": "",
        "subject": "Route abîmée",
        "description": "Des trous partout sur la route.",
        "province": "",
        "commune": "",
        "contact_preference": "email",
        "contact_name": "Youssef",
        "contact_email": "youssef@example.test",
        "contact_phone": "",
    }
    values = data.draw(fuzzed(base))
    response = client_as().post(fr("complaints:file"), values)
    check_response(response, values, keep=("subject", "description", "contact_name"))


@FUZZ
@given(st.data())
def test_the_information_request_form(world, data):
    base = {
        "administration": world.administration.pk,
        "requester_name": "Salma Citizen",
        "postal_address": "1 rue X, Rabat",
        "cin": "AB123456",
        "subject": "Budget du programme d'eau",
        "description": "Le budget et les dépenses du programme 2025.",
        "preferred_format": "electronic",
        "delivery": "portal",
        "is_urgent": "",
        "urgency_justification": "",
        "eligibility": "on",
    }
    values = data.draw(fuzzed(base))
    response = client_as(world.citizen).post(fr("transparency:request_new"), values)
    check_response(
        response, values, keep=("subject", "description", "requester_name", "postal_address")
    )


@FUZZ
@given(st.data())
def test_the_petition_draft_form(world, data):
    base = {
        "kind": "national_petition",
        "addressee": world.head_of_government.pk,
        "region": "",
        "province": "",
        "commune": "",
        "theme": "education",
        "title": "Cantines scolaires",
        "text": "Des cantines dans toutes les écoles rurales.",
        "memo": "Mémoire détaillé.",
        "confirms_general_interest": "on",
        "confirms_constants": "on",
        "confirms_no_court_case": "on",
        "confirms_not_discriminatory": "on",
        "author_type": "citizens",
        "association_founded_on": "",
    }
    values = data.draw(fuzzed(base))
    response = client_as(world.citizen).post(fr("petitions:create"), values)
    check_response(response, values, keep=("title", "text", "memo"))


@FUZZ
@given(st.data())
def test_the_petition_signing_form(world, data):
    base = {
        "full_name": "Karim Signataire",
        "email": "karim@example.test",
        "cin": "CD654321",
        "region": world.region.pk,
        "province": world.province.pk,
        "eligible": "on",
        "show_first_name": "",
        "notify_progress": "",
        "altcha": "x",
    }
    values = data.draw(fuzzed(base))
    response = client_as().post(fr("petitions:sign", world.petition.reference), values)
    check_response(response, values, keep=("full_name", "email"))


@FUZZ
@given(st.data())
def test_the_comment_form_of_a_commitment(world, data):
    base = {"text": "Très bon engagement.", "stance": "for", "parent": ""}
    values = data.draw(fuzzed(base))
    response = client_as(world.citizen).post(
        fr("transparency:commitment_comment", world.plan.slug, world.commitment.number), values
    )
    check_response(response, values, keep=("text",), form_key="comment_form")


@FUZZ
@given(st.data())
def test_the_idea_form_of_a_consultation(world, data):
    base = {
        "title": "Budget ouvert",
        "text": "Publier le budget des communes.",
        "theme": "",
        "commitment": "",
    }
    values = data.draw(fuzzed(base))
    response = client_as(world.citizen).post(
        fr("transparency:idea_propose", world.consultation.slug), values
    )
    check_response(response, values, keep=("title", "text"))


@FUZZ
@given(st.data())
def test_the_coevaluation_assessment_form(world, data):
    base = {
        "completion": world.levels["completion"]["limited"].pk,
        "early_results": world.levels["early_results"]["marginal"].pk,
        "justification": "Rien n'est visible en ligne ; le tableau de bord n'a jamais été publié.",
        "links": "https://a.example/doc",
        "name_display": "initials",
    }
    values = data.draw(fuzzed(base))
    response = client_as(world.citizen).post(
        fr("transparency:coeval_assess", world.plan.slug, world.commitment.number), values
    )
    check_response(response, values, keep=("justification",))


@FUZZ
@given(st.data())
def test_the_organisation_request_form(world, data):
    base = {
        "name": "Réseau Citoyen",
        "registration_number": "R-9",
        "website": "https://reseau.example",
        "role": "Présidente",
    }
    values = data.draw(fuzzed(base))
    response = client_as(world.citizen).post(fr("transparency:coeval_organisations"), values)
    check_response(response, values, keep=("name", "role"))


@FUZZ
@given(st.data())
def test_the_dataset_request_form(world, data):
    base = {
        "title": "Données horaires",
        "description": "Par heure.",
        "publisher": world.administration.slug,
    }
    values = data.draw(fuzzed(base))
    response = client_as(world.citizen).post(fr("opendata:request_create"), values)
    check_response(response, values, keep=("title", "description"))


@FUZZ
@given(st.data())
def test_the_reuse_form(world, data):
    base = {
        "type": "app",
        "title": "Carte des barrages",
        "description": "Une carte interactive.",
        "url": "https://carte.example",
        "datasets": [world.dataset.slug],
    }
    values = data.draw(fuzzed(base))
    response = client_as(world.citizen).post(fr("opendata:reuse_create"), values)
    check_response(response, values, keep=("title", "description"))


@FUZZ
@given(st.data())
def test_the_funding_alert_subscription(world, data):
    base = {
        "email": "veille@example.test",
        "sectors": [world.sectors[0].pk],
        "regions": [world.region.code],
        "consent": "on",
    }
    values = data.draw(fuzzed(base))
    response = client_as().post(fr("csofunding:alerts"), values)
    check_response(response, values, keep=("email",))


@FUZZ
@given(st.data())
def test_the_signup_form(world, data):
    base = {
        "email": "nouveau@example.test",
        "password1": "un-mot-de-passe-solide-42",
        "password2": "un-mot-de-passe-solide-42",
        "full_name": "Nadia Nouvelle",
        "preferred_language": "fr",
        "accept_notice": "on",
    }
    values = data.draw(fuzzed(base))
    response = client_as().post(fr("account_signup"), values)
    check_response(response, values, keep=("full_name",))


# --- search boxes and list filters --------------------------------------------------------

LIST_PAGES = {
    "directory:index": ["q", "kind", "region", "sort", "dir", "format", "page"],
    "directory:regions": ["format", "page"],
    "directory:compare": ["kind", "a", "b", "administration", "format"],
    "transparency:request_list": [
        "q",
        "administration",
        "status",
        "year",
        "outcome",
        "overdue",
        "format",
        "page",
    ],
    "transparency:request_scorecard": ["year", "region", "kind", "format"],
    "transparency:plan_list": ["page"],
    "transparency:consultation_list": ["status", "page"],
    "petitions:index": [
        "q",
        "kind",
        "addressee",
        "region",
        "status",
        "theme",
        "sort",
        "format",
        "page",
    ],
    "integrity:index": [
        "q",
        "sector",
        "theme",
        "challenge",
        "region",
        "status",
        "scope",
        "administration",
        "year",
        "sort",
        "format",
        "page",
    ],
    "complaints:index": ["administration", "region", "year", "page"],
    "csofunding:calls": ["q", "status", "sector", "region", "funder", "page", "format"],
    "csofunding:awards": [
        "q",
        "funder",
        "sector",
        "region",
        "year",
        "band",
        "association",
        "from_call",
        "format",
        "page",
    ],
    "csofunding:associations": ["q", "region", "sector", "page"],
    "csofunding:funders": ["q", "page"],
    "opendata:index": [
        "q",
        "publisher",
        "theme",
        "format",
        "res_format",
        "licence",
        "quality",
        "tag",
        "sort",
        "format_export",
        "page",
    ],
    "opendata:publishers": ["sort", "page"],
    "opendata:reuses": ["type", "dataset", "page"],
    "opendata:requests": ["status", "page"],
}


@GET_FUZZ
@given(
    st.sampled_from(sorted(LIST_PAGES)),
    st.data(),
)
def test_list_pages_and_search_boxes(world, name, data):
    params = data.draw(
        st.dictionaries(
            st.sampled_from(LIST_PAGES[name]),
            st.one_of(HOSTILE, st.lists(HOSTILE, min_size=2, max_size=3)),
            max_size=len(LIST_PAGES[name]),
        )
    )
    response = client_as().get(fr(name), params)
    assert response.status_code < 500, (name, params)


@GET_FUZZ
@given(st.data())
def test_commitment_list_filters(world, data):
    params = data.draw(
        st.dictionaries(
            st.sampled_from(["q", "plan", "theme", "administration", "status", "format", "page"]),
            HOSTILE,
        )
    )
    response = client_as().get(fr("transparency:commitment_list", world.plan.slug), params)
    assert response.status_code < 500, params


HUGE = "99999999999999999999999"


def test_a_number_too_large_for_the_database_is_an_invalid_choice_not_a_500(world):
    values = {"email": "veille@example.test", "sectors": [HUGE, "-" + HUGE], "consent": "on"}
    response = client_as().post(fr("csofunding:alerts"), values)

    assert response.status_code == 200
    check_response(response, values, keep=("email",))


@pytest.mark.parametrize("name", sorted(LIST_PAGES))
def test_every_list_filter_takes_a_huge_number_or_many_values(world, name):
    client = client_as()
    for param in LIST_PAGES[name]:
        for value in (HUGE, "-" + HUGE, [HUGE, "1"], "\x00"):
            response = client.get(fr(name), {param: value})
            assert response.status_code < 500, (name, param, value)


def test_the_fuzz_world_is_in_french_and_every_form_page_answers(world):
    """A plain visit to each form page: the fuzzing above starts from pages that work."""
    citizen = client_as(world.citizen)
    for url in (
        fr("transparency:request_new"),
        fr("petitions:create"),
        fr("opendata:request_create"),
        fr("opendata:reuse_create"),
        fr("transparency:coeval_assess", world.plan.slug, world.commitment.number),
        fr("transparency:consultation_detail", world.consultation.slug),
    ):
        response = citizen.get(url)
        assert response.status_code == 200, url
        assert '<html lang="fr"' in response.content.decode()
    anonymous = client_as()
    for url in (
        fr("complaints:file"),
        fr("csofunding:alerts"),
        fr("account_signup"),
        fr("petitions:sign", world.petition.reference),
    ):
        assert anonymous.get(url).status_code == 200, url
    assert Region.objects.exists() and Province.objects.exists()
