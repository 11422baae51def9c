"""What the petitions app gives the rest of the portal: personal data and public counts."""

from .models import Petition, PetitionCount, PetitionQuerySet, PetitionRegionCount, Signature

ABROAD = "abroad"  # the region_code of the line of signatories living abroad

COUNT_HEADERS = [
    "reference",
    "kind",
    "status",
    "addressee",
    "title",
    "signatures",
    "required",
    "region_code",
    "region_signatures",
]


def export_personal_data(user) -> dict:
    """Everything the app holds about a person (for "my data")."""
    signatures = Signature.objects.filter(user=user).select_related(
        "petition", "region", "province"
    )
    return {
        "signatures": [
            {
                "petition": s.petition.reference,
                "title": s.petition.title,
                "signed_at": s.created_at.isoformat(),
                "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
                "region": s.region.code if s.region_id else None,
                "province": s.province.code if s.province_id else None,
                "abroad": s.abroad,
                "show_first_name": s.show_first_name,
                "full_name": s.full_name,
                "email": s.email,
            }
            for s in signatures
        ],
        "petitions_drafted": list(
            Petition.objects.filter(author=user).values_list("reference", flat=True)
        ),
        "committees": [
            {"petition": m.petition.reference, "role": m.role, "show_name": m.show_name}
            for m in user.petition_committees.select_related("petition")
        ],
    }


def anonymise(user) -> None:
    """Account deletion: signatures keep counting, without anything that names the person."""
    Signature.objects.filter(user=user).update(
        user=None,
        full_name="",
        email="",
        ip=None,
        public_first_name="",
        show_first_name=False,
        notify_progress=False,
    )
    for member in user.petition_committees.all():
        member.user = None
        member.email = f"erased-{member.pk}@invalid.invalid"
        member.show_name = False
        member.save(update_fields=["user", "email", "show_name", "updated_at"])


def build_counts_export():
    """Public table: one row per petition and region, and a line `abroad` for the
    signatories living abroad (national petitions and motions); no personal data."""
    rows = []
    region_counts = (
        PetitionRegionCount.objects.filter(petition__status__in=PetitionQuerySet.PUBLIC_STATUSES)
        .select_related("petition", "petition__addressee", "region", "petition__counts")
        .order_by("petition__reference", "region__code")
    )
    for rc in region_counts:
        p = rc.petition
        rows.append(
            [
                p.reference,
                p.kind,
                p.status,
                p.addressee.slug,
                p.title,
                p.count,
                p.required_signatures,
                rc.region.code,
                rc.confirmed,
            ]
        )
    abroad = PetitionCount.objects.filter(
        petition__status__in=PetitionQuerySet.PUBLIC_STATUSES, abroad__gt=0
    ).select_related("petition", "petition__addressee")
    for counts in abroad:
        p = counts.petition
        rows.append(
            [
                p.reference,
                p.kind,
                p.status,
                p.addressee.slug,
                p.title,
                counts.confirmed,
                p.required_signatures,
                ABROAD,
                counts.abroad,
            ]
        )
    rows.sort(key=lambda row: row[0])  # stable: each petition's regions, then abroad
    return COUNT_HEADERS, rows
