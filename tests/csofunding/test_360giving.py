"""The 360Giving package validates against the official schema (360Giving Data Standard 1.4.3,
vendored in tests/csofunding/schemas with its licence note)."""

import json
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from csofunding.giving360 import package
from csofunding.models import Disbursement
from ogp_portal.core.registry import public_exports

from .conftest import make_call

pytestmark = pytest.mark.django_db

STANDARD = Path(__file__).resolve().parent / "schemas"
GRANT_URLS = [
    "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json",
    "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-schema.json",
]


# RFC 3339 date-time, checked here rather than through jsonschema's optional
# rfc3339-validator dependency. The standard's dates are oneOf(date-time, plain date), so
# date-time must be *asserted* for a plain date to match exactly one branch.
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
format_checker = FormatChecker(formats=[])


@format_checker.checks("uri")
def is_uri(value) -> bool:
    parts = urlsplit(value) if isinstance(value, str) else None
    return bool(parts and parts.scheme and (parts.netloc or parts.path))


@format_checker.checks("date-time")
def is_date_time(value) -> bool:
    if not isinstance(value, str) or not DATE_TIME.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def validator():
    package_schema = json.loads((STANDARD / "360-giving-package-schema.json").read_text())
    # Both files name their dialect "http://json-schema.org/draft/2020-12/schema" (http), which
    # the referencing library does not recognise: say it explicitly.
    grant = DRAFT202012.create_resource(
        json.loads((STANDARD / "360-giving-schema.json").read_text())
    )
    # The package schema points at the grant schema's public URL: serve it from the local copy.
    registry = Registry().with_resources([(url, grant) for url in GRANT_URLS])
    return Draft202012Validator(package_schema, registry=registry, format_checker=format_checker)


def assert_valid(data):
    errors = sorted(validator().iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


@pytest.fixture
def giving_data(known_awards, programme_a):
    call = make_call(programme_a, "call-2025", opens_in=-90, closes_in=-60)
    award = known_awards["a1"]
    award.call = call
    award.in_kind_value = Decimal("5000")
    award.save()
    Disbursement.objects.create(award=award, paid_on=date(2024, 4, 1), amount=Decimal("60000"))
    Disbursement.objects.create(award=award, paid_on=date(2024, 9, 1), amount=Decimal("40000"))
    return known_awards


def test_the_package_validates_against_the_360giving_package_schema(client, giving_data):
    response = client.get("/fr/funding/360giving.json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert_valid(data)
    assert len(data["grants"]) == 5


def test_an_invalid_package_is_caught_by_the_same_validator(giving_data):
    data = package()
    del data["grants"][0]["amountAwarded"]
    data["grants"][1]["currency"] = "DIRHAM"
    data["grants"][2]["awardDate"] = "01/03/2024"
    data["grants"][3]["url"] = "not a url"

    assert len(list(validator().iter_errors(data))) >= 4


def test_grants_carry_stable_ids_organisations_regions_and_disbursements(giving_data):
    grants = {g["id"]: g for g in package()["grants"]}
    grant = grants["360G-ogpma-a1"]

    assert set(grants) == {f"360G-ogpma-{r}" for r in ["a1", "a2", "a3", "b1", "b2"]}
    assert grant["currency"] == "MAD"
    assert grant["amountAwarded"] == 100000
    assert grant["awardDate"] == "2024-03-01"
    assert grant["recipientOrganization"][0]["id"] == "360G-ogpma-assoc-REG-X"
    assert grant["fundingOrganization"][0]["id"] == "360G-ogpma-funder-ministere-a"
    assert grant["beneficiaryLocation"] == [
        {"geoCode": "MA-01", "geoCodeType": "ISO3166-2", "name": "Région 01", "countryCode": "MA"}
    ]
    assert grant["plannedDates"] == [
        {"startDate": "2024-03-01", "endDate": "2025-02-28", "duration": 12}
    ]
    assert grant["classifications"][0]["code"] == "youth"
    assert grant["grantProgramme"][0]["code"] == "prog-a"
    assert grant["fromOpenCall"] == "Yes"
    assert grants["360G-ogpma-b1"]["fromOpenCall"] == "No"
    assert grant["amountDisbursed"] == 100000
    assert [t["value"] for t in grant["disbursementTransaction"]] == [60000, 40000]
    assert {loc["geoCode"] for loc in grants["360G-ogpma-a2"]["beneficiaryLocation"]} == {
        "MA-01",
        "MA-02",
    }


def test_the_package_holds_no_personal_data(giving_data, citizen):
    text = json.dumps(package())

    assert "@" not in text.replace("@context", "")
    assert citizen.email not in text


def test_the_opendata_export_builds_flat_rows_of_the_awards(giving_data):
    export = next(e for e in public_exports() if e.key == "csofunding-awards-360giving")

    headers, rows = export.build()
    rows = list(rows)
    assert export.app == "csofunding"
    assert len(rows) == 5
    record = dict(zip(headers, next(r for r in rows if r[1] == "a1"), strict=True))
    assert record["grant_id"] == "360G-ogpma-a1"
    assert record["amount_mad"] == 100000.0
    assert record["disbursed_mad"] == 100000.0
    assert record["registration_number"] == "REG-X"
    assert not any("@" in str(value) for row in rows for value in row)


def test_the_explorer_downloads_its_filtered_awards_as_a_valid_package(client, giving_data):
    response = client.get("/fr/funding/awards/", {"funder": "ministere-b", "format": "json"})

    data = response.json()
    assert_valid(data)
    assert sorted(g["id"] for g in data["grants"]) == ["360G-ogpma-b1", "360G-ogpma-b2"]


def test_the_schema_is_read_from_the_repository():
    assert STANDARD.is_relative_to(Path(__file__).resolve().parents[2])
    assert (STANDARD / "README.md").read_text().count("Creative Commons Attribution 4.0") == 1


def test_a_package_without_grants_is_not_valid_so_no_match_is_a_json_404(client, giving_data):
    empty = package()
    empty["grants"] = []
    assert list(validator().iter_errors(empty))  # minItems 1

    response = client.get("/fr/funding/awards/", {"q": "zzzzqqq", "format": "json"})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["grants"] == 0
    assert "360Giving" in body["detail"]


def test_the_whole_package_with_nothing_published_is_a_json_404(client, giving_data):
    from csofunding.models import Award

    Award.objects.update(is_published=False)

    response = client.get("/csofunding/360giving.json")

    assert response.status_code == 404
    assert response.json()["grants"] == 0


def test_the_in_kind_value_is_published_beside_the_cash_amount(client, giving_data):
    data = client.get("/fr/funding/360giving.json").json()
    assert_valid(data)
    grants = {g["id"]: g for g in data["grants"]}
    grant = grants["360G-ogpma-a1"]

    assert grant["amountAwarded"] == 100000  # cash only
    assert grant["inKindValue"] == 5000
    assert grant["fundingType"][0]["code"] == "in-kind"
    assert "5 000 MAD" in grant["fundingType"][0]["description"]
    assert "Appui en nature" in grant["description"] and "5 000 MAD" in grant["description"]
    # Awards without in-kind support say nothing of it.
    assert "inKindValue" not in grants["360G-ogpma-b1"]
    assert "fundingType" not in grants["360G-ogpma-b1"]
