"""The controlled vocabularies: the national portal's 12 themes and the licence list."""

# slug, icon, English, French, Arabic
THEMES = [
    (
        "agriculture",
        "bi-tree",
        "Agriculture and fisheries",
        "Agriculture et pêche",
        "الفلاحة والصيد البحري",
    ),
    ("culture", "bi-palette", "Culture and heritage", "Culture et patrimoine", "الثقافة والتراث"),
    ("economy", "bi-graph-up", "Economy and finance", "Économie et finances", "الاقتصاد والمالية"),
    (
        "education",
        "bi-mortarboard",
        "Education and research",
        "Éducation et recherche",
        "التعليم والبحث العلمي",
    ),
    ("employment", "bi-briefcase", "Employment", "Emploi", "التشغيل"),
    ("energy", "bi-lightning", "Energy and mining", "Énergie et mines", "الطاقة والمعادن"),
    ("environment", "bi-globe-europe-africa", "Environment", "Environnement", "البيئة"),
    (
        "government",
        "bi-bank",
        "Government and public sector",
        "Gouvernement et secteur public",
        "الحكومة والقطاع العام",
    ),
    ("health", "bi-heart-pulse", "Health", "Santé", "الصحة"),
    ("society", "bi-people", "Society and population", "Société et population", "المجتمع والسكان"),
    ("tourism", "bi-suitcase", "Tourism", "Tourisme", "السياحة"),
    (
        "transport",
        "bi-truck",
        "Transport and infrastructure",
        "Transport et infrastructures",
        "النقل والبنية التحتية",
    ),
]

# slug (CKAN licence id), title, URL, is_open
LICENCES = [
    (
        "lo-ma",
        "Licence ouverte / Open Licence Maroc (demo)",
        "https://data.gov.ma/licence",
        True,
    ),
    (
        "cc-by",
        "Creative Commons Attribution 4.0 (CC BY 4.0)",
        "https://creativecommons.org/licenses/by/4.0/",
        True,
    ),
    (
        "cc-by-sa",
        "Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        True,
    ),
    (
        "odc-odbl",
        "Open Data Commons Open Database License (ODbL)",
        "https://opendatacommons.org/licenses/odbl/1-0/",
        True,
    ),
    (
        "cc-zero",
        "Creative Commons CCZero (CC0)",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        True,
    ),
    ("other-closed", "Other (not open)", "", False),
]


def ensure_vocabularies(Theme=None, Licence=None) -> None:
    """Create or update the themes and licences (idempotent; usable from a data migration)."""
    historical = Theme is not None
    if Theme is None or Licence is None:
        from .models import Licence as _Licence
        from .models import Theme as _Theme

        Theme, Licence = Theme or _Theme, Licence or _Licence
    for order, (slug, icon, en, fr, ar) in enumerate(THEMES):
        Theme.objects.update_or_create(
            slug=slug,
            defaults={
                "icon": icon,
                "order": order,
                "name_en": en,
                "name_fr": fr,
                "name_ar": ar,
                # A migration's historical model has the untranslated column too.
                **({"name": ar} if historical else {}),
            },
        )
    for order, (slug, title, url, is_open) in enumerate(LICENCES):
        Licence.objects.update_or_create(
            slug=slug, defaults={"title": title, "url": url, "is_open": is_open, "order": order}
        )
