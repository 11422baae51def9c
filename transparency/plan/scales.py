"""The IRM scales and OGP values as data: ensure_reference_data() is idempotent.

Called after every migrate (post_migrate) and by the demo seeder. Labels already edited in
the admin are left alone: only missing levels are created.
"""

from django.db import connection

from transparency.models import IrmRating, OgpValue

# (code, en, fr, ar)
IRM_SCALES = {
    IrmRating.Scale.POTENTIAL: [
        ("unclear", "Unclear", "Peu clair", "غير واضح"),
        ("modest", "Modest", "Modeste", "متواضع"),
        ("substantial", "Substantial", "Substantiel", "جوهري"),
    ],
    IrmRating.Scale.COMPLETION: [
        ("not_started", "Not started", "Non commencé", "لم يبدأ"),
        ("limited", "Limited", "Limité", "محدود"),
        ("substantial", "Substantial", "Substantiel", "جوهري"),
        ("complete", "Complete", "Achevé", "مكتمل"),
    ],
    IrmRating.Scale.EARLY_RESULTS: [
        ("worsened", "Worsened", "S'est détérioré", "تراجع"),
        ("did_not_change", "Did not change", "N'a pas changé", "لم يتغير"),
        ("marginal", "Marginal", "Marginal", "هامشي"),
        ("major", "Major", "Majeur", "كبير"),
        ("outstanding", "Outstanding", "Exceptionnel", "استثنائي"),
    ],
}

OGP_VALUES = [
    (
        "access-to-information",
        "Access to information",
        "Accès à l'information",
        "الحصول على المعلومات",
    ),
    ("civic-participation", "Civic participation", "Participation citoyenne", "المشاركة المواطنة"),
    (
        "public-accountability",
        "Public accountability",
        "Redevabilité publique",
        "المساءلة العمومية",
    ),
    (
        "technology-and-innovation",
        "Technology and innovation for openness and accountability",
        "Technologie et innovation pour l'ouverture et la redevabilité",
        "التكنولوجيا والابتكار من أجل الانفتاح والمساءلة",
    ),
]


def ensure_reference_data() -> None:
    for scale, levels in IRM_SCALES.items():
        for order, (code, en, fr, ar) in enumerate(levels):
            IrmRating.objects.get_or_create(
                scale=scale,
                code=code,
                defaults={
                    "order": order,
                    "label": ar,
                    "label_ar": ar,
                    "label_fr": fr,
                    "label_en": en,
                },
            )
    for order, (code, en, fr, ar) in enumerate(OGP_VALUES):
        OgpValue.objects.get_or_create(
            code=code,
            defaults={"order": order, "name": ar, "name_ar": ar, "name_fr": fr, "name_en": en},
        )


def on_post_migrate(sender, using="default", **kwargs) -> None:
    # transparency has no migrations during development: its tables may not exist yet.
    if sender.label != "transparency":
        return
    with connection.cursor():
        tables = connection.introspection.table_names()
    if IrmRating._meta.db_table in tables and OgpValue._meta.db_table in tables:
        ensure_reference_data()
