"""The starting terms of the three vocabularies (staff edit them in the admin afterwards)."""

# slug, Arabic, French, English
SECTORS = [
    ("health", "الصحة", "Santé", "Health"),
    ("justice", "العدل", "Justice", "Justice"),
    ("public-finance", "المالية العمومية", "Finances publiques", "Public finance"),
    ("tax-customs", "الضرائب والجمارك", "Fiscalité et douanes", "Tax and customs"),
    ("land-property", "العقار والمسح العقاري", "Foncier et cadastre", "Land and property"),
    ("social-protection", "الحماية الاجتماعية", "Protection sociale", "Social protection"),
    ("local-government", "الجماعات الترابية", "Collectivités territoriales", "Local government"),
    ("education", "التعليم", "Éducation", "Education"),
    (
        "public-administration",
        "الإدارة العمومية",
        "Administration publique",
        "Public administration",
    ),
    ("transport", "النقل", "Transport", "Transport"),
]

THEMES = [
    ("prevention", "الوقاية", "Prévention", "Prevention"),
    (
        "transparency",
        "الشفافية والحق في المعلومة",
        "Transparence et accès à l'information",
        "Transparency and access to information",
    ),
    (
        "accountability",
        "المساءلة والمراقبة",
        "Redevabilité et contrôle",
        "Accountability and oversight",
    ),
    ("digital", "الرقمنة", "Numérique", "Digital"),
    ("participation", "المشاركة المواطنة", "Participation citoyenne", "Citizen participation"),
    ("enforcement", "الزجر والعقوبات", "Répression et sanctions", "Enforcement and sanctions"),
]

CHALLENGE_TYPES = [
    ("procurement", "الصفقات العمومية", "Marchés publics", "Public procurement"),
    ("conflict-of-interest", "تضارب المصالح", "Conflit d'intérêts", "Conflict of interest"),
    (
        "petty-corruption",
        "الرشوة الصغيرة في الشبابيك",
        "Petite corruption au guichet",
        "Petty corruption at the counter",
    ),
    ("whistleblowing", "التبليغ عن الفساد", "Signalement (lanceurs d'alerte)", "Whistleblowing"),
    (
        "digitisation",
        "رقمنة المساطر",
        "Dématérialisation des procédures",
        "Digitisation of procedures",
    ),
    ("ethics-training", "التكوين في الأخلاقيات", "Formation à l'éthique", "Ethics training"),
    ("asset-declarations", "التصريح بالممتلكات", "Déclaration de patrimoine", "Asset declarations"),
]


def load_vocabularies(Sector, Theme, ChallengeType) -> None:
    """Create the missing terms; terms staff already edited are left as they are."""
    for model, terms in ((Sector, SECTORS), (Theme, THEMES), (ChallengeType, CHALLENGE_TYPES)):
        for position, (slug, ar, fr, en) in enumerate(terms):
            model.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": fr,
                    "name_ar": ar,
                    "name_fr": fr,
                    "name_en": en,
                    "position": position,
                },
            )
