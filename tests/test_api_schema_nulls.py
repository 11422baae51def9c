"""Every list endpoint of /api/v1/ answers what its OpenAPI schema says, with the optional
fields empty: a nullable model field (a theme, a programme, a date not yet known) must be
declared nullable, or clients and schemathesis reject `null` ("null is not of type string").

The schema comes from drf-spectacular's generator (the /api/schema/ document); its OpenAPI 3.0
`nullable` is turned into JSON Schema before each response is validated with jsonschema.
"""

from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft4Validator, FormatChecker

from tests.factories import AdministrationFactory, RegionFactory

pytestmark = pytest.mark.django_db

# Formats are asserted, as schemathesis does: drf-spectacular writes an optional URL as
# oneOf(empty string, uri), which only a checked "uri" keeps to exactly one branch.
format_checker = FormatChecker(formats=[])


@format_checker.checks("uri")
def is_uri(value) -> bool:
    if not isinstance(value, str):
        return True  # a format only constrains strings
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc)


def nullable_to_json_schema(node):
    """OpenAPI 3.0 -> JSON Schema: {"type": "string", "nullable": true} accepts null."""
    if isinstance(node, list):
        return [nullable_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: nullable_to_json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False):
        if "enum" in node and None not in node["enum"]:
            node["enum"] = [*node["enum"], None]
        if "type" in node:
            types = node["type"] if isinstance(node["type"], list) else [node["type"]]
            node["type"] = [*types, "null"]
        elif "enum" not in node:  # a $ref, allOf or oneOf
            node = {"anyOf": [node, {"type": "null"}]}
    return node


def list_operations(schema):
    """(path, response schema) of every GET without a path parameter."""
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None or "{" in path:
            continue
        content = operation["responses"]["200"].get("content", {})
        if "application/json" in content:
            yield path, content["application/json"]["schema"]


@pytest.fixture
def sparse_data(db, administration_a):
    """One public object per app with every nullable field left empty."""
    from csofunding.models import Association, Award, Call, Programme, Sector
    from integrity.models import ChallengeType, Indicator
    from integrity.models import Sector as IntegritySector
    from integrity.models import Theme as IntegrityTheme
    from integrity.vocabularies import load_vocabularies
    from tests.integrity.factories import InitiativeFactory
    from tests.transparency.plan.factories import (
        ActionPlanFactory,
        CommitmentFactory,
        ConsultationFactory,
    )
    from transparency.models import Idea

    region = RegionFactory(code="04", name_fr="Rabat-Salé-Kénitra", name_ar="الرباط")
    # The action plan: a commitment and an idea without a theme.
    plan = ActionPlanFactory()
    commitment = CommitmentFactory(plan=plan, theme=None, start_date=None, end_date=None)
    consultation = ConsultationFactory(plan=plan)
    Idea.objects.create(
        consultation=consultation, author=None, title="Une idée", text="Sans axe.", theme=None
    )
    assert commitment.theme is None
    # Funding: a direct award outside any programme, a call without grant range or results,
    # an association without founding date.
    sector = Sector.objects.create(code="youth", name_fr="Jeunesse", name_ar="الشباب")
    programme = Programme.objects.create(
        funder=administration_a,
        code="p",
        title_fr="Programme",
        title_ar="برنامج",
        sector=sector,
        budget=Decimal("100000"),
        year=2026,
    )
    Call.objects.create(
        programme=programme,
        reference="call",
        title_fr="Appel",
        title_ar="طلب",
        description_fr="Description",
        budget=Decimal("50000"),
        opens_on=date(2026, 1, 1),
        deadline=date(2026, 2, 1),
        is_published=True,
    )
    association = Association.objects.create(
        slug="assoc",
        name_fr="Association",
        name_ar="جمعية",
        registration_number="R-1",
        seat_region=region,
    )
    award = Award.objects.create(
        reference="direct",
        funder=AdministrationFactory(slug="other-funder"),
        association=association,
        sector=sector,
        title="Projet",
        amount=Decimal("1000"),
        awarded_on=date(2025, 5, 1),
    )
    award.beneficiary_regions.set([region])
    assert award.programme is None and award.call is None
    # Integrity: an initiative without dates, an indicator without an actual value.
    load_vocabularies(IntegritySector, IntegrityTheme, ChallengeType)
    initiative = InitiativeFactory(
        state="published", start_date=None, end_date=None, published_at=None
    )
    Indicator.objects.create(initiative=initiative, name="Délai", target=Decimal("10"))


def test_every_list_endpoint_matches_its_schema_with_empty_optional_fields(client, sparse_data):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = nullable_to_json_schema(schema["components"])
    checked = {}
    for path, response_schema in list_operations(schema):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.json()
        validator = Draft4Validator(
            {"allOf": [nullable_to_json_schema(response_schema)], "components": components},
            format_checker=format_checker,
        )
        errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
        assert not errors, (
            path,
            [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]],
        )
        checked[path] = body.get("count") if isinstance(body, dict) else len(body)
    # The sparse objects were listed (a schema is only tested by data).
    for path in (
        "/api/v1/ideas/",
        "/api/v1/commitments/",
        "/api/v1/funding/awards/",
        "/api/v1/funding/calls/",
        "/api/v1/funding/associations/",
        "/api/v1/integrity/initiatives/",
    ):
        assert checked.get(path), (path, checked.get(path))


def test_the_nullable_fields_are_declared_nullable(sparse_data):
    schema = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]

    assert schema["Idea"]["properties"]["theme"]["nullable"] is True
    assert schema["Commitment"]["properties"]["theme"]["nullable"] is True
    assert schema["Award"]["properties"]["programme"]["nullable"] is True
    assert schema["Award"]["properties"]["call"]["nullable"] is True


def test_the_converter_rejects_null_where_the_schema_does_not_allow_it():
    schema = nullable_to_json_schema(
        {
            "type": "object",
            "properties": {"a": {"type": "string"}, "b": {"type": "string", "nullable": True}},
        }
    )

    assert Draft4Validator(schema).is_valid({"a": "x", "b": None})
    assert not Draft4Validator(schema).is_valid({"a": None, "b": "x"})
