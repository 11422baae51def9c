"""The awards as a 360Giving data package (360Giving Data Standard 1.4).

Identifiers (see docs/csofunding.md):
- grant: ``360G-ogpma-<award reference>``;
- association: ``360G-ogpma-assoc-<registration number>`` (Morocco has no organisation
  register listed on org-id.guide; 360Giving's rule for organisations without one is the
  publisher's 360G prefix followed by its own identifier);
- funder: ``360G-ogpma-funder-<administration slug>``;
- beneficiary location: ISO 3166-2 region codes MA-01 to MA-12 (geoCodeType "ISO3166-2").

Amounts (amountAwarded, disbursements) are cash. In-kind support is said in the description and
a fundingType classification, and its value in MAD is given in `inKindValue`, a field of our own.

A package holds at least one grant (the schema's minItems): with no award to publish, the views
answer 404 (see views.giving_package and the explorer's JSON export).
"""

from django.conf import settings
from django.utils import timezone, translation

from .models import Award, association_org_id, funder_org_id

PUBLISHER_PREFIX = "360G-ogpma"
VERSION = "1.4"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def _money(value) -> float | int:
    return int(value) if value == int(value) else float(value)


def awards_for_export(queryset=None):
    queryset = Award.objects.published() if queryset is None else queryset
    return queryset.select_related(
        "funder", "association", "association__seat_region", "sector", "programme", "call"
    ).prefetch_related("beneficiary_regions", "disbursements")


def _mad(value) -> str:
    """5000 -> "5 000", 1234.5 -> "1 234,50" (French, the package's language)."""
    whole = int(value)
    text = f"{whole:,}".replace(",", " ")
    cents = int(round((value - whole) * 100))
    return f"{text},{cents:02d}" if cents else text


def in_kind_text(award: Award) -> str:
    return f"Appui en nature d'une valeur estimée à {_mad(award.in_kind_value)} MAD"


def grant(award: Award) -> dict:
    association = award.association
    funder = award.funder
    description = award.title if not award.programme else f"{award.title} ({award.programme.title})"
    if award.in_kind_value:
        # The standard has no field for a value in kind: the amounts stay cash, and the value
        # is said in words (description, funding type) and given as a number in an extra
        # field of our own (inKindValue, in the grant's currency), as 360Giving's guidance
        # allows for data the standard does not cover.
        description = f"{description}. {in_kind_text(award)}."
    item = {
        "id": award.grant_id,
        "title": award.title,
        "description": description,
        "currency": "MAD",
        "amountAwarded": _money(award.amount),
        "awardDate": award.awarded_on.isoformat(),
        "url": f"{settings.SITE_URL}{award.get_absolute_url()}",
        "recipientOrganization": [
            {
                "id": association_org_id(association.registration_number),
                "name": association.name_fr,
                "alternateName": association.name_ar,
                "organisationType": association.get_legal_form_display(),
                "addressRegion": association.seat_region.name_fr,
                "addressCountry": "MA",
                **({"url": association.website} if association.website else {}),
                "location": [
                    {
                        "geoCode": association.seat_region.iso_code,
                        "geoCodeType": "ISO3166-2",
                        "name": association.seat_region.name_fr,
                        "countryCode": "MA",
                    }
                ],
            }
        ],
        "fundingOrganization": [
            {
                "id": funder_org_id(funder),
                "name": funder.name_fr or funder.name,
                **({"alternateName": funder.name_ar} if funder.name_ar else {}),
            }
        ],
        "beneficiaryLocation": [
            {
                "geoCode": region.iso_code,
                "geoCodeType": "ISO3166-2",
                "name": region.name_fr,
                "countryCode": "MA",
            }
            for region in award.beneficiary_regions.all()
        ],
        "plannedDates": [
            {
                "startDate": award.awarded_on.isoformat(),
                "endDate": award.ends_on.isoformat(),
                "duration": award.duration_months,
            }
        ],
        "classifications": [
            {
                "vocabulary": "ogpma-sector",
                "code": award.sector.code,
                "title": award.sector.name_fr,
            }
        ],
        "fromOpenCall": "Yes" if award.call_id else "No",
        "dateModified": award.updated_at.isoformat(),
    }
    if award.programme:
        item["grantProgramme"] = [{"code": award.programme.code, "title": award.programme.title}]
    if award.in_kind_value:
        item["fundingType"] = [
            {
                "vocabulary": "ogpma-funding-type",
                "code": "in-kind",
                "title": "In-kind support",
                "description": in_kind_text(award),
            }
        ]
        item["inKindValue"] = _money(award.in_kind_value)
    disbursements = list(award.disbursements.all())
    if disbursements:
        item["amountDisbursed"] = _money(sum(d.amount for d in disbursements))
        item["disbursementTransaction"] = [
            {
                "id": f"{award.grant_id}-d{d.pk}",
                "transactionDate": d.paid_on.isoformat(),
                "currency": "MAD",
                "value": _money(d.amount),
            }
            for d in disbursements
        ]
    return item


def package(queryset=None) -> dict:
    """The whole package; names in French (the package's language), Arabic as alternateName."""
    with translation.override("fr"):
        grants = [grant(award) for award in awards_for_export(queryset)]
    return {
        "version": VERSION,
        "title": "Financement public des associations – OGP Maroc",
        "description": "Subventions et conventions de partenariat des administrations publiques "
        "aux associations, publiées sur le portail OGP Maroc.",
        "issued": timezone.now().isoformat(),
        "identifier": f"{PUBLISHER_PREFIX}-awards",
        "publisher": {
            "identifier": PUBLISHER_PREFIX,
            "name": "Portail OGP Maroc",
            "website": settings.SITE_URL + "/",
        },
        "license": LICENSE,
        "grants": grants,
    }


FLAT_HEADERS = [
    "grant_id",
    "reference",
    "award_date",
    "funder",
    "funder_id",
    "programme",
    "call",
    "association",
    "association_ar",
    "association_id",
    "registration_number",
    "seat_region",
    "sector",
    "amount_mad",
    "in_kind_mad",
    "disbursed_mad",
    "duration_months",
    "beneficiary_regions",
    "title",
]


def flat_rows(queryset=None):
    """One row per award (the opendata export and the explorer's CSV/XLSX)."""
    for award in awards_for_export(queryset):
        yield [
            award.grant_id,
            award.reference,
            award.awarded_on,
            award.funder.name,
            funder_org_id(award.funder),
            award.programme.code if award.programme else "",
            award.call.reference if award.call else "",
            award.association.name_fr,
            award.association.name_ar,
            association_org_id(award.association.registration_number),
            award.association.registration_number,
            award.association.seat_region.iso_code,
            award.sector.code,
            float(award.amount),
            float(award.in_kind_value),
            float(sum(d.amount for d in award.disbursements.all())),
            award.duration_months,
            ";".join(r.iso_code for r in award.beneficiary_regions.all()),
            award.title,
        ]
