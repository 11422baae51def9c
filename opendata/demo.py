"""Demo data of the open data area: about 250 datasets from 30 administrations, with
resources, adoption statuses, a dozen reuses and fifteen dataset requests.

Idempotent (datasets found again by slug, requests and reuses by title) and fast
(bulk_create on a first run). Links point to plausible data.gov.ma / *.gov.ma
addresses; nothing is downloaded.
"""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

# publisher slug -> (theme slugs, adoption status, data officer's role)
PUBLISHERS = {
    "ministere-economie-finances": (
        ["economy"],
        "certified",
        "Head of the open data unit, Directorate of Studies",
    ),
    "dgi": (["economy"], "publishing", "Head of the statistics service"),
    "adii": (["economy"], "publishing", "Head of the foreign trade statistics service"),
    "ministere-agriculture": (
        ["agriculture"],
        "certified",
        "Head of the agricultural statistics service",
    ),
    "onssa": (["agriculture", "health"], "publishing", "Head of the information systems division"),
    "ministere-education-nationale": (
        ["education"],
        "certified",
        "Director of strategy and information systems",
    ),
    "ministere-enseignement-superieur": (
        ["education"],
        "publishing",
        "Head of the statistics division",
    ),
    "ministere-sante": (["health"], "certified", "Head of the health information division"),
    "cnss": (["society", "employment"], "publishing", "Chief data officer"),
    "anapec": (["employment"], "publishing", "Head of the labour market observatory"),
    "ofppt": (["employment", "education"], "committed", "Head of the studies department"),
    "ministere-emploi": (["employment"], "publishing", "Head of the employment observatory"),
    "ministere-transition-energetique": (
        ["energy", "environment"],
        "publishing",
        "Head of the energy statistics service",
    ),
    "onee": (["energy", "environment"], "publishing", "Head of the open data programme"),
    "ministere-equipement-eau": (
        ["transport", "environment"],
        "publishing",
        "Head of the water resources information service",
    ),
    "ministere-transport-logistique": (
        ["transport"],
        "publishing",
        "Director of information systems",
    ),
    "oncf": (["transport"], "committed", "Head of the data and digital department"),
    "onda": (["transport", "tourism"], "publishing", "Head of traffic statistics"),
    "anp": (["transport", "economy"], "committed", "Head of the port statistics service"),
    "ministere-tourisme-artisanat": (["tourism"], "publishing", "Head of the tourism observatory"),
    "ministere-jeunesse-culture-communication": (
        ["culture"],
        "publishing",
        "Head of the cultural heritage inventory",
    ),
    "ministere-interieur": (
        ["government", "society"],
        "committed",
        "Head of the local authorities data unit",
    ),
    "mtnra": (["government"], "certified", "Chief data officer, Digital Transition department"),
    "add": (["government", "economy"], "certified", "Head of the data.gov.ma platform"),
    "cour-des-comptes": (["government"], "publishing", "Head of the publications service"),
    "ministere-amenagement-territoire": (
        ["society", "environment"],
        "publishing",
        "Head of the urban planning observatory",
    ),
    "ancfcc": (["government", "environment"], "committed", "Head of the geographic data division"),
    "commune-casablanca": (
        ["transport", "society"],
        "publishing",
        "Head of the municipal digital service",
    ),
    "commune-rabat": (
        ["culture", "environment"],
        "publishing",
        "Head of the municipal information service",
    ),
    "conseil-region-souss-massa": (
        ["tourism", "agriculture"],
        "publishing",
        "Head of the regional observatory",
    ),
}
NOT_ENGAGED_DEMO = ["ministere-habous", "conseil-region-oriental", "commune-oujda"]

# theme -> topics (English, French, Arabic)
TOPICS = {
    "agriculture": [
        ("Cereal production", "Production céréalière", "إنتاج الحبوب"),
        ("Irrigated areas", "Superficies irriguées", "المساحات المسقية"),
        ("Coastal fishery landings", "Débarquements de la pêche côtière", "مفرغات الصيد الساحلي"),
        ("Livestock numbers", "Effectifs du cheptel", "أعداد الماشية"),
        ("Olive oil production", "Production d'huile d'olive", "إنتاج زيت الزيتون"),
        ("Agricultural cooperatives", "Coopératives agricoles", "التعاونيات الفلاحية"),
    ],
    "culture": [
        ("Museums and their visitors", "Musées et leur fréquentation", "المتاحف وعدد زوارها"),
        ("Listed historic monuments", "Monuments historiques classés", "المآثر التاريخية المصنفة"),
        ("Public libraries", "Bibliothèques publiques", "المكتبات العمومية"),
        ("Cultural festivals", "Festivals culturels", "المهرجانات الثقافية"),
        ("Cinema attendance", "Fréquentation des salles de cinéma", "ارتياد القاعات السينمائية"),
    ],
    "economy": [
        ("State budget execution", "Exécution du budget de l'État", "تنفيذ ميزانية الدولة"),
        ("Tax revenue", "Recettes fiscales", "المداخيل الضريبية"),
        (
            "Foreign trade by product",
            "Commerce extérieur par produit",
            "التجارة الخارجية حسب المنتوج",
        ),
        ("Public procurement notices", "Avis de marchés publics", "إعلانات الصفقات العمومية"),
        ("Companies created", "Créations d'entreprises", "إحداث المقاولات"),
        ("Public debt", "Dette publique", "الدين العمومي"),
        ("Consumer price index", "Indice des prix à la consommation", "مؤشر أثمان الاستهلاك"),
    ],
    "education": [
        (
            "Schools and their pupils",
            "Établissements scolaires et effectifs",
            "المؤسسات التعليمية وأعداد التلاميذ",
        ),
        ("Baccalaureate results", "Résultats du baccalauréat", "نتائج امتحانات البكالوريا"),
        ("University enrolment", "Effectifs des universités", "أعداد طلبة الجامعات"),
        ("School dropout rate", "Taux d'abandon scolaire", "نسبة الهدر المدرسي"),
        (
            "Vocational training places",
            "Places en formation professionnelle",
            "مقاعد التكوين المهني",
        ),
        ("Research publications", "Publications scientifiques", "المنشورات العلمية"),
    ],
    "employment": [
        ("Job offers published", "Offres d'emploi publiées", "عروض الشغل المنشورة"),
        ("Unemployment rate", "Taux de chômage", "معدل البطالة"),
        ("Insured employees", "Salariés déclarés", "الأجراء المصرح بهم"),
        ("Integration of graduates", "Insertion des lauréats", "إدماج الخريجين"),
        ("Auto-entrepreneurs", "Auto-entrepreneurs", "المقاولون الذاتيون"),
    ],
    "energy": [
        (
            "Electricity production by source",
            "Production d'électricité par source",
            "إنتاج الكهرباء حسب المصدر",
        ),
        (
            "Renewable energy installed capacity",
            "Puissance installée des énergies renouvelables",
            "القدرة المنشأة للطاقات المتجددة",
        ),
        ("Fuel consumption", "Consommation de carburants", "استهلاك المحروقات"),
        ("Mining production", "Production minière", "الإنتاج المعدني"),
        ("Rural electrification", "Électrification rurale", "الكهربة القروية"),
    ],
    "environment": [
        ("Dam filling levels", "Taux de remplissage des barrages", "نسبة ملء السدود"),
        ("Air quality measurements", "Mesures de la qualité de l'air", "قياسات جودة الهواء"),
        ("Protected areas", "Aires protégées", "المناطق المحمية"),
        ("Household waste collected", "Déchets ménagers collectés", "النفايات المنزلية المجمعة"),
        ("Rainfall by station", "Pluviométrie par station", "التساقطات المطرية حسب المحطة"),
        ("Green spaces", "Espaces verts", "المساحات الخضراء"),
    ],
    "government": [
        ("Public bodies directory", "Annuaire des organismes publics", "دليل الهيئات العمومية"),
        ("Online public services", "Services publics en ligne", "الخدمات العمومية الرقمية"),
        ("Civil servants by department", "Fonctionnaires par département", "الموظفون حسب القطاع"),
        ("Audit reports published", "Rapports d'audit publiés", "تقارير الافتداء المنشورة"),
        ("Land registry titles", "Titres fonciers", "الرسوم العقارية"),
        (
            "Access to information requests statistics",
            "Statistiques des demandes d'accès à l'information",
            "إحصائيات طلبات الحصول على المعلومات",
        ),
    ],
    "health": [
        ("Hospitals and beds", "Hôpitaux et lits", "المستشفيات والأسرة"),
        ("Primary health centres", "Centres de santé primaires", "مراكز الصحة الأولية"),
        ("Vaccination coverage", "Couverture vaccinale", "التغطية بالتلقيح"),
        ("Medical staff by region", "Personnel médical par région", "الأطر الطبية حسب الجهة"),
        (
            "Food safety inspections",
            "Contrôles sanitaires des aliments",
            "المراقبة الصحية للمواد الغذائية",
        ),
        (
            "Authorised medicines and prices",
            "Médicaments autorisés et prix",
            "الأدوية المرخصة وأثمانها",
        ),
    ],
    "society": [
        ("Population by commune", "Population par commune", "السكان حسب الجماعة"),
        (
            "Social protection beneficiaries",
            "Bénéficiaires de la protection sociale",
            "المستفيدون من الحماية الاجتماعية",
        ),
        ("Associations registered", "Associations déclarées", "الجمعيات المصرح بها"),
        ("Housing programmes", "Programmes de logement", "برامج السكن"),
        ("Civil status events", "Faits d'état civil", "وقائع الحالة المدنية"),
    ],
    "tourism": [
        ("Tourist arrivals", "Arrivées touristiques", "الوافدون السياحيون"),
        (
            "Overnight stays in classified hotels",
            "Nuitées dans les hôtels classés",
            "ليالي المبيت بالفنادق المصنفة",
        ),
        (
            "Classified accommodation",
            "Établissements d'hébergement classés",
            "مؤسسات الإيواء المصنفة",
        ),
        ("Airport passenger traffic", "Trafic passagers des aéroports", "حركة المسافرين بالمطارات"),
        ("Handicraft exports", "Exportations de l'artisanat", "صادرات الصناعة التقليدية"),
    ],
    "transport": [
        ("Road traffic accidents", "Accidents de la circulation", "حوادث السير"),
        (
            "Rail passenger traffic",
            "Trafic voyageurs ferroviaire",
            "حركة المسافرين عبر السكك الحديدية",
        ),
        ("Port traffic", "Trafic portuaire", "الحركة المينائية"),
        ("Bus and tramway lines", "Lignes de bus et de tramway", "خطوط الحافلات والترامواي"),
        ("Road network", "Réseau routier", "الشبكة الطرقية"),
        ("Vehicle registrations", "Immatriculations de véhicules", "تسجيل المركبات"),
    ],
}

# Variants make several datasets of one topic (years, regional breakdowns).
VARIANTS = [
    ("", "", ""),
    (" by region", " par région", " حسب الجهة"),
    (" – 2023", " – 2023", " – 2023"),
    (" – monthly series", " – série mensuelle", " – سلسلة شهرية"),
    (" by province", " par province", " حسب الإقليم"),
]

FORMATS = [
    ("CSV", 0.35),
    ("XLSX", 0.25),
    ("JSON", 0.1),
    ("PDF", 0.15),
    ("SHP", 0.07),
    ("API", 0.08),
]
SIZES = {
    "CSV": (8_000, 4_000_000),
    "XLSX": (20_000, 3_000_000),
    "JSON": (5_000, 8_000_000),
    "PDF": (150_000, 9_000_000),
    "SHP": (200_000, 40_000_000),
    "API": (0, 0),
}
FREQUENCIES = ["P1M", "P3M", "P1Y", "P1Y", "P1Y", "P1D", "irregular", "unknown", "P6M"]
LICENCE_WEIGHTS = [
    ("lo-ma", 0.55),
    ("cc-by", 0.2),
    ("odc-odbl", 0.08),
    ("cc-zero", 0.05),
    ("cc-by-sa", 0.04),
    (None, 0.08),
]

LONG_FR = (
    "Ce jeu de données recense {topic_l}. Il est produit à partir des systèmes d'information "
    "de l'administration et consolidé chaque période par ses services statistiques. Chaque ligne "
    "correspond à une unité territoriale et à une période ; les unités et les sources sont "
    "décrites dans la documentation jointe."
)
LONG_EN = (
    "This dataset lists {topic_l}. It is produced from the administration's information "
    "systems and consolidated each period by its statistics services. Each row is one "
    "territorial unit and one period; units and sources are described in the attached "
    "documentation."
)
LONG_AR = (
    "تتضمن هذه المجموعة من البيانات {topic}. يتم إعدادها انطلاقا من نظم المعلومات الخاصة بالإدارة "
    "وتوحيدها في كل فترة من طرف مصالحها الإحصائية. يمثل كل سطر وحدة ترابية وفترة زمنية، "
    "والوحدات والمصادر موضحة في الوثائق المرفقة."
)

REUSES = [
    (
        "app",
        "Carte des barrages du Maroc",
        "Une application mobile qui affiche chaque jour le taux de remplissage des barrages, avec des alertes.",
        "https://example.org/barrages",
        ["environment"],
    ),
    (
        "visualisation",
        "Le budget de l'État en un coup d'œil",
        "Visualisation interactive de l'exécution du budget par ministère depuis 2019.",
        "https://example.org/budget",
        ["economy"],
    ),
    (
        "article",
        "Où manque-t-il des médecins ?",
        "Article de data-journalisme croisant le personnel médical et la population par région.",
        "https://example.org/medecins",
        ["health", "society"],
    ),
    (
        "api",
        "API des horaires de trains ouverts",
        "Une API REST construite sur les données de trafic ferroviaire publiées.",
        "https://example.org/api-trains",
        ["transport"],
    ),
    (
        "idea",
        "Croiser accidents et infrastructures routières",
        "Idée : relier les accidents de la circulation au réseau routier pour repérer les points noirs.",
        "",
        ["transport"],
    ),
    (
        "visualisation",
        "Tableau de bord du tourisme régional",
        "Arrivées et nuitées par région, mises à jour chaque mois.",
        "https://example.org/tourisme",
        ["tourism"],
    ),
    (
        "app",
        "Mon école en chiffres",
        "Les résultats du baccalauréat et les effectifs de chaque établissement, sur une carte.",
        "https://example.org/ecoles",
        ["education"],
    ),
    (
        "article",
        "L'emploi des jeunes diplômés en 5 graphiques",
        "Analyse de l'insertion des lauréats de la formation professionnelle.",
        "https://example.org/emploi",
        ["employment"],
    ),
    (
        "visualisation",
        "Énergies renouvelables : la progression",
        "Évolution de la puissance installée solaire et éolienne depuis 2015.",
        "https://example.org/energie",
        ["energy"],
    ),
    (
        "app",
        "Qualité de l'air à Casablanca",
        "Application web affichant les mesures horaires des stations de qualité de l'air.",
        "https://example.org/air",
        ["environment"],
    ),
    (
        "api",
        "Annuaire des services publics en JSON",
        "Une API qui expose l'annuaire des organismes publics et leurs services en ligne.",
        "https://example.org/annuaire",
        ["government"],
    ),
    (
        "idea",
        "Un indicateur du prix du panier",
        "Idée : suivre le prix d'un panier de produits de base par ville avec l'indice des prix.",
        "",
        ["economy"],
    ),
    (
        "visualisation",
        "Marchés publics : qui achète quoi ?",
        "Exploration des avis de marchés publics par acheteur et par catégorie.",
        "https://example.org/marches",
        ["economy", "government"],
    ),
]

REQUESTS = [
    (
        "Horaires de passage des bus à Casablanca",
        "Les horaires théoriques des lignes de bus au format GTFS.",
        "commune-casablanca",
        "open",
        "",
    ),
    (
        "Liste des pharmacies de garde",
        "La liste des pharmacies de garde par ville et par semaine.",
        "ministere-sante",
        "planned",
        "Publication prévue au prochain trimestre au format CSV.",
    ),
    (
        "Résultats du baccalauréat par établissement",
        "Les taux de réussite de chaque lycée.",
        "ministere-education-nationale",
        "published",
        "Le jeu de données est publié.",
    ),
    (
        "Liste nominative des bénéficiaires d'aides",
        "Les noms de toutes les personnes aidées.",
        "ministere-solidarite-famille",
        "refused",
        "Ces données sont personnelles (loi 09-08) : nous publions les agrégats par commune.",
    ),
    (
        "Consommation d'eau par commune",
        "Volumes d'eau potable distribués par commune et par mois.",
        "onee",
        "planned",
        "En préparation avec les régies.",
    ),
    (
        "Accidents de la route géolocalisés",
        "Les accidents avec leurs coordonnées GPS.",
        "ministere-transport-logistique",
        "open",
        "",
    ),
    (
        "Budget des communes",
        "Le budget voté et exécuté de chaque commune.",
        "ministere-interieur",
        "refused",
        "Ces données relèvent de chaque commune ; adressez-vous à la commune concernée.",
    ),
    (
        "Fréquentation des musées par mois",
        "Nombre de visiteurs par musée et par mois.",
        "ministere-jeunesse-culture-communication",
        "published",
        "Publié en CSV, mis à jour chaque trimestre.",
    ),
    (
        "Émissions de CO2 par secteur",
        "Inventaire des émissions de gaz à effet de serre.",
        "ministere-transition-energetique",
        "open",
        "",
    ),
    (
        "Temps d'attente aux urgences",
        "Temps d'attente moyen par hôpital.",
        "ministere-sante",
        "open",
        "",
    ),
    (
        "Offres d'emploi par métier",
        "Nombre d'offres publiées par métier et par région.",
        "anapec",
        "published",
        "Données publiées chaque mois.",
    ),
    (
        "Prix des terrains par quartier",
        "Prix moyens des transactions foncières.",
        "ancfcc",
        "refused",
        "Ces données ne sont pas encore consolidées ; une demande d'accès à l'information peut être déposée.",
    ),
    (
        "Débits des barrages en temps réel",
        "Les mesures horaires de chaque barrage.",
        "ministere-equipement-eau",
        "planned",
        "Une API est en cours de développement.",
    ),
    (
        "Arrivées de touristes par pays",
        "Arrivées mensuelles par nationalité.",
        "ministere-tourisme-artisanat",
        "open",
        "",
    ),
    (
        "Liste des associations subventionnées",
        "Associations ayant reçu des subventions publiques.",
        "ministere-economie-finances",
        "open",
        "",
    ),
]


def _aware(d: date):
    return timezone.make_aware(datetime.combine(d, time(9, 0)))


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def seed(stdout) -> None:
    from ogp_portal.accounts.models import User
    from ogp_portal.directory.models import Administration, Region

    from . import services
    from .models import (
        Dataset,
        DatasetRequest,
        Licence,
        PublisherProfile,
        Resource,
        Reuse,
        Tag,
        Theme,
        band_for,
    )
    from .own_exports import portal_publisher, publish_public_exports
    from .quality import DatasetFacts, ResourceFacts, assess
    from .vocabularies import ensure_vocabularies

    ensure_vocabularies()
    rng = random.Random(2021)
    today = timezone.localdate()
    themes = {t.slug: t for t in Theme.objects.all()}
    licences = {lic.slug: lic for lic in Licence.objects.all()}
    regions = list(Region.objects.all())
    publishers = {
        a.slug: a for a in Administration.objects.filter(slug__in=[*PUBLISHERS, *NOT_ENGAGED_DEMO])
    }

    starts = {
        slug: (date(2016, 1, 1) + timedelta(days=rng.randrange(0, 1200)))
        if index < 22
        else date(2022 + (index - 22) // 2, 3, 1) + timedelta(days=rng.randrange(0, 200))
        for index, slug in enumerate(PUBLISHERS)
    }
    # Adoption statuses.
    for slug, (_themes, status, officer) in PUBLISHERS.items():
        if slug in publishers:
            PublisherProfile.objects.update_or_create(
                administration=publishers[slug],
                defaults={
                    "status": status,
                    "data_officer_title": officer,
                    "joined_on": starts[slug],
                },
            )
    for slug in NOT_ENGAGED_DEMO:
        if slug in publishers:
            PublisherProfile.objects.get_or_create(administration=publishers[slug])

    # Datasets: walk every publisher's topics and variants until about 250.
    plan = []
    for slug, (theme_slugs, _status, _officer) in PUBLISHERS.items():
        if slug not in publishers:
            continue
        topics = [(t, topic) for t in theme_slugs for topic in TOPICS[t]]
        for index in range(9 if len(topics) > 6 else 8):
            theme_slug, topic = topics[index % len(topics)]
            variant = VARIANTS[(index // len(topics)) % len(VARIANTS)]
            plan.append((slug, theme_slug, topic, variant))
    existing = set(Dataset.objects.values_list("slug", flat=True))
    tags = {
        name: Tag.objects.get_or_create(name=name)[0]
        for name in ["statistics", "open-data", "regions", "budget", "map", "annual"]
    }

    new_datasets, theme_links, region_links, tag_links, new_resources = [], [], [], [], []
    pending_quality = []
    for slug, theme_slug, (en, fr, ar), (ven, vfr, var) in plan:
        ds_slug = slugify(f"{slug}-{en}{ven}")[:110]
        if ds_slug in existing:
            continue
        existing.add(ds_slug)
        # Issued from the day the publisher joined: most joined before the December 2021
        # baseline, the last eight since.
        start = starts[slug]
        if start.year < 2022 and rng.random() < 0.8:
            end = date(2021, 12, 1)
        else:
            start, end = max(start, date(2022, 1, 1)), today - timedelta(days=30)
        issued = start + timedelta(days=rng.randrange(0, max(1, (end - start).days)))
        quality_level = rng.random()
        licence_slug = _pick(rng, LICENCE_WEIGHTS)
        frequency = rng.choice(FREQUENCIES)
        last = min(
            today - timedelta(days=rng.randrange(30, 400)),
            issued + timedelta(days=rng.randrange(0, 3000)),
        )
        if quality_level > 0.6:
            last = today - timedelta(days=rng.randrange(0, 25))
        dataset = Dataset(
            slug=ds_slug,
            title_en=f"{en}{ven}",
            title_fr=f"{fr}{vfr}",
            title_ar=f"{ar}{var}",
            description_en=LONG_EN.format(topic_l=en.lower()) if quality_level > 0.4 else f"{en}.",
            description_fr=LONG_FR.format(topic_l=fr.lower()) if quality_level > 0.4 else f"{fr}.",
            description_ar=LONG_AR.format(topic=ar) if quality_level > 0.4 else f"{ar}.",
            publisher=publishers[slug],
            licence=licences.get(licence_slug) if licence_slug else None,
            frequency=frequency,
            temporal_start=date(rng.randrange(2010, 2022), 1, 1) if quality_level > 0.25 else None,
            temporal_end=last if quality_level > 0.25 else None,
            is_national=quality_level > 0.4 and "region" not in ven,
            contact_point="Open data unit" if quality_level > 0.2 else "",
            issued=issued,
            modified=_aware(last),
            is_published=rng.random() > 0.03,
        )
        new_datasets.append(dataset)
        pending_quality.append(dataset)
        theme_links.append((ds_slug, theme_slug))
        if "region" in ven or "province" in ven:
            region_links.append((ds_slug, rng.sample(regions, k=min(3, len(regions)))))
        tag_links.append((ds_slug, rng.sample(list(tags.values()), k=2)))
        n_resources = 0 if quality_level < 0.08 else rng.randint(1, 3)
        for r in range(n_resources):
            fmt = _pick(rng, FORMATS)
            low, high = SIZES[fmt]
            is_api = fmt == "API"
            new_resources.append(
                (
                    ds_slug,
                    {
                        "title": f"{fr}{vfr} ({fmt})" if not is_api else f"API – {fr}",
                        "kind": Resource.Kind.API if is_api else Resource.Kind.FILE,
                        "url": (
                            f"https://data.gov.ma/api/v1/{ds_slug}"
                            if is_api
                            else f"https://data.gov.ma/data/{slug}/{ds_slug}-{r + 1}.{fmt.lower()}"
                        ),
                        "format": fmt,
                        "size": None if is_api else rng.randrange(low, high),
                        "description": (
                            "Colonnes : région, province, période, valeur, unité. Source : systèmes "
                            "d'information de l'administration."
                            if quality_level > 0.5
                            else ""
                        ),
                        "last_modified": _aware(last),
                    },
                )
            )
    # Scores computed in memory (the same pure function the models use), before the insert.
    resources_of, regions_of = {}, dict(region_links)
    for s_, fields in new_resources:
        resources_of.setdefault(s_, []).append(
            ResourceFacts(fields["format"], fields["description"])
        )
    for dataset in pending_quality:
        facts = DatasetFacts(
            description=max(
                dataset.description_ar, dataset.description_fr, dataset.description_en, key=len
            ),
            licence_open=dataset.licence.is_open if dataset.licence else None,
            resources=tuple(resources_of.get(dataset.slug, ())),
            frequency=dataset.frequency,
            last_update=dataset.modified.date(),
            has_temporal_coverage=bool(dataset.temporal_start),
            has_spatial_coverage=dataset.is_national or bool(regions_of.get(dataset.slug)),
        )
        dataset.quality_score = assess(facts, today).score
        dataset.quality_band = band_for(dataset.quality_score)
    with transaction.atomic():
        Dataset.objects.bulk_create(new_datasets, batch_size=200)
        by_slug = dict(
            Dataset.objects.filter(slug__in=[d.slug for d in new_datasets]).values_list(
                "slug", "pk"
            )
        )
        Dataset.themes.through.objects.bulk_create(
            [
                Dataset.themes.through(dataset_id=by_slug[s], theme_id=themes[t].pk)
                for s, t in theme_links
            ]
        )
        Dataset.regions.through.objects.bulk_create(
            [
                Dataset.regions.through(dataset_id=by_slug[s], region_id=r.pk)
                for s, rs in region_links
                for r in rs
            ]
        )
        Dataset.tags.through.objects.bulk_create(
            [
                Dataset.tags.through(dataset_id=by_slug[s], tag_id=t.pk)
                for s, ts in tag_links
                for t in ts
            ]
        )
        Resource.objects.bulk_create(
            [Resource(dataset_id=by_slug[s], **fields) for s, fields in new_resources],
            batch_size=300,
        )

    # The portal's own exports, as the nightly task publishes them.
    portal_publisher()
    publish_public_exports()

    # Reuses and requests, by demo citizens, through the services.
    citizen = User.objects.filter(email="citizen@example.org").first()
    moderator = (
        User.objects.filter(email="moderator@example.org").first()
        or User.objects.filter(is_superuser=True).first()
    )
    staff = User.objects.filter(email="ogp.staff@example.org").first() or moderator
    if citizen is None or moderator is None:
        stdout.write("  (no demo accounts: reuses and requests skipped)")
        return
    published = Dataset.objects.published()
    for index, (kind, title, description, url, theme_slugs) in enumerate(REUSES):
        if Reuse.objects.filter(title=title).exists():
            continue
        used = list(published.filter(themes__slug__in=theme_slugs).distinct()[:3])
        if not used:
            continue
        reuse = services.submit_reuse(
            actor=citizen, type=kind, title=title, description=description, url=url, datasets=used
        )
        if index < 11:
            services.publish_reuse(reuse, actor=moderator)
        elif index == 12:
            services.reject_reuse(
                reuse, actor=moderator, note="Lien en panne : merci de le corriger."
            )
    for title, description, slug, status, answer in REQUESTS:
        if (
            DatasetRequest.objects.filter(title=title).exists()
            or slug not in publishers
            and not Administration.objects.filter(slug=slug).exists()
        ):
            continue
        publisher = publishers.get(slug) or Administration.objects.get(slug=slug)
        dataset_request = services.file_request(
            actor=citizen, title=title, description=description, publisher=publisher
        )
        if status == "planned":
            services.plan_request(
                dataset_request, actor=staff, answer=answer, planned_for=today + timedelta(days=90)
            )
        elif status == "published":
            dataset = published.filter(publisher=publisher).first()
            if dataset:
                services.answer_with_dataset(
                    dataset_request, actor=staff, dataset=dataset, answer=answer
                )
        elif status == "refused":
            services.refuse_request(dataset_request, actor=staff, reason=answer)
    stdout.write(
        f"  {Dataset.objects.count()} datasets, {Resource.objects.count()} resources, "
        f"{Reuse.objects.count()} reuses, {DatasetRequest.objects.count()} dataset requests"
    )
