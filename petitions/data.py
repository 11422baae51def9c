"""What the petitions app gives the rest of the portal: personal data and public counts."""

from .models import Petition, PetitionQuerySet, PetitionRegionCount, Signature

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
                "region": s.region.code,
                "province": s.province.code,
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
    """Public table: one row per petition and region (no personal data)."""
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
    return COUNT_HEADERS, rows
