"""Demo initiatives: about forty, across real administrations, in Arabic, French and English."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

# Region codes (HCP): 01 Tanger-Tétouan-Al Hoceima, 02 Oriental, 03 Fès-Meknès, 04 Rabat-Salé-Kénitra,
# 05 Béni Mellal-Khénifra, 06 Casablanca-Settat, 07 Marrakech-Safi, 08 Drâa-Tafilalet,
# 09 Souss-Massa, 10 Guelmim-Oued Noun, 11 Laâyoune-Sakia El Hamra, 12 Dakhla-Oued Ed-Dahab.

# administration, sector, theme, challenge, status, regions, start year, state,
# (French title, Arabic title, English title)
INITIATIVES = [
    (
        "mtnra",
        "public-administration",
        "digital",
        "digitisation",
        "completed",
        "",
        2019,
        "published",
        (
            "Portail national des procédures administratives Idarati",
            "البوابة الوطنية للمساطر الإدارية إدارتي",
            "Idarati national portal of administrative procedures",
        ),
    ),
    (
        "mtnra",
        "public-administration",
        "prevention",
        "petty-corruption",
        "ongoing",
        "",
        2021,
        "published",
        (
            "Simplification des actes administratifs (loi 55-19)",
            "تبسيط المساطر والإجراءات الإدارية (القانون 55.19)",
            "Simplifying administrative procedures (Law 55-19)",
        ),
    ),
    (
        "mtnra",
        "public-administration",
        "accountability",
        "ethics-training",
        "ongoing",
        "",
        2023,
        "published",
        (
            "Charte de déontologie des fonctionnaires",
            "ميثاق أخلاقيات الموظف العمومي",
            "Code of ethics for civil servants",
        ),
    ),
    (
        "mtnra",
        "public-administration",
        "participation",
        "whistleblowing",
        "planned",
        "",
        2025,
        "submitted",
        (
            "Plateforme de signalement interne des irrégularités",
            "منصة داخلية للتبليغ عن المخالفات",
            "Internal platform for reporting irregularities",
        ),
    ),
    (
        "mtnra",
        "public-administration",
        "digital",
        "digitisation",
        "planned",
        "",
        2026,
        "returned",
        (
            "Guichet numérique unique des concours de la fonction publique",
            "الشباك الرقمي الموحد لمباريات الوظيفة العمومية",
            "Single digital window for civil service recruitment exams",
        ),
    ),
    (
        "mtnra",
        "public-administration",
        "transparency",
        "procurement",
        "planned",
        "",
        2026,
        "draft",
        (
            "Tableau de bord des délais de traitement des demandes",
            "لوحة قيادة آجال معالجة الطلبات",
            "Dashboard of request processing times",
        ),
    ),
    (
        "inpplc",
        "public-administration",
        "prevention",
        "ethics-training",
        "ongoing",
        "",
        2022,
        "published",
        (
            "Programme national de formation à l'intégrité",
            "البرنامج الوطني للتكوين في مجال النزاهة",
            "National integrity training programme",
        ),
    ),
    (
        "inpplc",
        "public-administration",
        "participation",
        "whistleblowing",
        "ongoing",
        "",
        2022,
        "published",
        (
            "Plateforme nationale de signalement de la corruption",
            "المنصة الوطنية للتبليغ عن الفساد",
            "National corruption reporting platform",
        ),
    ),
    (
        "inpplc",
        "health",
        "prevention",
        "petty-corruption",
        "completed",
        "04 06",
        2020,
        "published",
        (
            "Cartographie des risques de corruption dans le secteur de la santé",
            "خرائطية مخاطر الفساد في قطاع الصحة",
            "Corruption risk mapping in the health sector",
        ),
    ),
    (
        "inpplc",
        "local-government",
        "participation",
        "petty-corruption",
        "ongoing",
        "03 07 09",
        2023,
        "published",
        (
            "Caravanes régionales de sensibilisation à l'intégrité",
            "القوافل الجهوية للتحسيس بالنزاهة",
            "Regional integrity awareness caravans",
        ),
    ),
    (
        "inpplc",
        "public-finance",
        "accountability",
        "conflict-of-interest",
        "planned",
        "",
        2025,
        "published",
        (
            "Référentiel de prévention des conflits d'intérêts",
            "الإطار المرجعي للوقاية من تضارب المصالح",
            "Framework for preventing conflicts of interest",
        ),
    ),
    (
        "cour-des-comptes",
        "public-finance",
        "accountability",
        "asset-declarations",
        "ongoing",
        "",
        2021,
        "published",
        (
            "Dématérialisation des déclarations obligatoires de patrimoine",
            "رقمنة التصريح الإجباري بالممتلكات",
            "Digital filing of mandatory asset declarations",
        ),
    ),
    (
        "cour-des-comptes",
        "local-government",
        "accountability",
        "procurement",
        "completed",
        "01 02 05",
        2019,
        "published",
        (
            "Contrôle de la gestion des marchés des collectivités territoriales",
            "مراقبة تدبير صفقات الجماعات الترابية",
            "Audit of local government procurement",
        ),
    ),
    (
        "cour-des-comptes",
        "public-finance",
        "transparency",
        "asset-declarations",
        "completed",
        "",
        2020,
        "published",
        (
            "Publication des rapports de contrôle des comptes des partis",
            "نشر تقارير تدقيق حسابات الأحزاب السياسية",
            "Publishing audits of political party accounts",
        ),
    ),
    (
        "ministere-sante",
        "health",
        "digital",
        "petty-corruption",
        "ongoing",
        "04 06 07",
        2022,
        "published",
        (
            "Prise de rendez-vous en ligne dans les hôpitaux publics",
            "أخذ المواعيد عن بعد في المستشفيات العمومية",
            "Online appointments in public hospitals",
        ),
    ),
    (
        "ministere-sante",
        "health",
        "transparency",
        "procurement",
        "ongoing",
        "",
        2023,
        "published",
        (
            "Traçabilité des achats de médicaments",
            "تتبع مشتريات الأدوية",
            "Traceability of medicine purchases",
        ),
    ),
    (
        "ministere-sante",
        "health",
        "participation",
        "whistleblowing",
        "completed",
        "03",
        2019,
        "published",
        (
            "Numéro vert de réclamation des usagers des hôpitaux",
            "الرقم الأخضر لشكايات مرتفقي المستشفيات",
            "Free hotline for hospital users' complaints",
        ),
    ),
    (
        "ministere-sante",
        "health",
        "prevention",
        "ethics-training",
        "planned",
        "",
        2026,
        "submitted",
        (
            "Formation à l'éthique des directeurs d'hôpitaux",
            "تكوين مديري المستشفيات في الأخلاقيات",
            "Ethics training for hospital directors",
        ),
    ),
    (
        "ministere-justice",
        "justice",
        "digital",
        "digitisation",
        "ongoing",
        "",
        2020,
        "published",
        (
            "Tribunal numérique : dépôt et suivi des dossiers en ligne",
            "المحكمة الرقمية: إيداع وتتبع الملفات عن بعد",
            "Digital court: filing and tracking cases online",
        ),
    ),
    (
        "ministere-justice",
        "justice",
        "transparency",
        "petty-corruption",
        "completed",
        "",
        2018,
        "published",
        (
            "Affichage des frais judiciaires dans les tribunaux",
            "إشهار الرسوم القضائية في المحاكم",
            "Posting court fees in every court",
        ),
    ),
    (
        "ministere-justice",
        "justice",
        "enforcement",
        "whistleblowing",
        "ongoing",
        "",
        2021,
        "published",
        (
            "Protection des témoins et des dénonciateurs (loi 37-10)",
            "حماية الشهود والمبلغين (القانون 37.10)",
            "Protecting witnesses and whistleblowers (Law 37-10)",
        ),
    ),
    (
        "ministere-justice",
        "justice",
        "accountability",
        "conflict-of-interest",
        "planned",
        "",
        2025,
        "published",
        (
            "Registre des déports des magistrats et greffiers",
            "سجل التنحي للقضاة وكتاب الضبط",
            "Register of recusals of judges and clerks",
        ),
    ),
    (
        "ancfcc",
        "land-property",
        "digital",
        "digitisation",
        "completed",
        "",
        2019,
        "published",
        (
            "Conservation foncière en ligne : certificats et réquisitions",
            "المحافظة العقارية عن بعد: الشهادات ومطالب التحفيظ",
            "Online land registry: certificates and applications",
        ),
    ),
    (
        "ancfcc",
        "land-property",
        "transparency",
        "petty-corruption",
        "ongoing",
        "04 06 07 09",
        2022,
        "published",
        (
            "Paiement électronique des droits de conservation foncière",
            "الأداء الإلكتروني لرسوم المحافظة العقارية",
            "Electronic payment of land registry fees",
        ),
    ),
    (
        "ancfcc",
        "land-property",
        "prevention",
        "conflict-of-interest",
        "ongoing",
        "",
        2023,
        "published",
        (
            "Lutte contre la spoliation foncière",
            "محاربة الاستيلاء على عقارات الغير",
            "Fighting land theft",
        ),
    ),
    (
        "cnss",
        "social-protection",
        "digital",
        "digitisation",
        "completed",
        "",
        2020,
        "published",
        (
            "Immatriculation et déclarations en ligne Damancom",
            "التسجيل والتصريحات عن بعد Damancom",
            "Online registration and returns (Damancom)",
        ),
    ),
    (
        "cnss",
        "social-protection",
        "transparency",
        "petty-corruption",
        "ongoing",
        "",
        2022,
        "published",
        (
            "Suivi en ligne des remboursements de l'AMO",
            "التتبع عن بعد لتعويضات التأمين الإجباري عن المرض",
            "Online tracking of health insurance reimbursements",
        ),
    ),
    (
        "cnss",
        "social-protection",
        "accountability",
        "procurement",
        "planned",
        "",
        2025,
        "published",
        (
            "Audit indépendant des conventions avec les cliniques",
            "تدقيق مستقل للاتفاقيات مع المصحات",
            "Independent audit of agreements with private clinics",
        ),
    ),
    (
        "dgi",
        "tax-customs",
        "digital",
        "digitisation",
        "completed",
        "",
        2018,
        "published",
        (
            "Télédéclaration et télépaiement des impôts",
            "الإقرار والأداء الإلكتروني للضرائب",
            "Online tax returns and payment",
        ),
    ),
    (
        "dgi",
        "tax-customs",
        "enforcement",
        "conflict-of-interest",
        "ongoing",
        "",
        2023,
        "published",
        (
            "Rotation des vérificateurs fiscaux",
            "التناوب في مهام المراقبين الضريبيين",
            "Rotation of tax inspectors",
        ),
    ),
    (
        "adii",
        "tax-customs",
        "digital",
        "petty-corruption",
        "ongoing",
        "01 06",
        2021,
        "published",
        (
            "Dédouanement dématérialisé BADR",
            "التعشير اللامادي بدر",
            "Paperless customs clearance (BADR)",
        ),
    ),
    (
        "adii",
        "tax-customs",
        "prevention",
        "ethics-training",
        "completed",
        "",
        2019,
        "published",
        (
            "Code de conduite des agents des douanes",
            "مدونة سلوك أعوان الجمارك",
            "Customs officers' code of conduct",
        ),
    ),
    (
        "ministere-economie-finances",
        "public-finance",
        "transparency",
        "procurement",
        "ongoing",
        "",
        2020,
        "published",
        (
            "Portail des marchés publics et e-soumission",
            "بوابة الصفقات العمومية والإيداع الإلكتروني للعروض",
            "Public procurement portal and e-tendering",
        ),
    ),
    (
        "ministere-economie-finances",
        "public-finance",
        "transparency",
        "procurement",
        "completed",
        "",
        2019,
        "published",
        ("Budget citoyen annuel", "ميزانية المواطن السنوية", "Annual citizens' budget"),
    ),
    (
        "commune-rabat",
        "local-government",
        "digital",
        "digitisation",
        "ongoing",
        "04",
        2022,
        "published",
        (
            "Autorisations d'urbanisme en ligne à Rabat",
            "رخص التعمير عن بعد بالرباط",
            "Online building permits in Rabat",
        ),
    ),
    (
        "commune-casablanca",
        "local-government",
        "transparency",
        "petty-corruption",
        "ongoing",
        "06",
        2023,
        "published",
        (
            "Affichage des délais et tarifs aux guichets de Casablanca",
            "إشهار الآجال والتعريفات في شبابيك الدار البيضاء",
            "Posting deadlines and fees at Casablanca's counters",
        ),
    ),
    (
        "commune-marrakech",
        "local-government",
        "participation",
        "procurement",
        "planned",
        "07",
        2025,
        "published",
        (
            "Comité citoyen de suivi des marchés communaux",
            "لجنة مواطنة لتتبع صفقات الجماعة",
            "Citizens' committee following municipal procurement",
        ),
    ),
    (
        "commune-agadir",
        "local-government",
        "digital",
        "digitisation",
        "completed",
        "09",
        2021,
        "published",
        (
            "Légalisation de signature sans rendez-vous à Agadir",
            "تصحيح الإمضاء دون موعد بأكادير",
            "Walk-in signature certification in Agadir",
        ),
    ),
    (
        "conseil-region-souss-massa",
        "local-government",
        "transparency",
        "procurement",
        "ongoing",
        "09",
        2022,
        "published",
        (
            "Open data des subventions régionales",
            "البيانات المفتوحة لمنح الجهة",
            "Open data on regional grants",
        ),
    ),
    (
        "ministere-education-nationale",
        "education",
        "transparency",
        "petty-corruption",
        "ongoing",
        "",
        2023,
        "published",
        (
            "Mouvement des enseignants transparent et en ligne",
            "الحركة الانتقالية للأساتذة بشفافية وعن بعد",
            "Transparent online teacher transfers",
        ),
    ),
    (
        "ministere-transport-logistique",
        "transport",
        "digital",
        "petty-corruption",
        "completed",
        "",
        2020,
        "published",
        (
            "Examen du permis de conduire sur tablette",
            "امتحان رخصة السياقة باللوحات الإلكترونية",
            "Driving licence theory test on tablets",
        ),
    ),
]

SUMMARIES = {
    "fr": "{admin} porte cette initiative pour réduire les risques de corruption : {title}.",
    "ar": "تقود {admin} هذه المبادرة للحد من مخاطر الفساد: {title}.",
    "en": "{admin} leads this initiative to reduce corruption risks: {title}.",
}
DESCRIPTIONS = {
    "fr": (
        "L'initiative s'inscrit dans la Stratégie nationale de lutte contre la corruption et dans "
        "les engagements du Maroc au sein du Partenariat pour un gouvernement ouvert. Elle réduit "
        "les contacts directs entre usagers et agents, publie les règles et les délais, et rend "
        "compte de ses résultats par des indicateurs suivis chaque année."
    ),
    "ar": (
        "تندرج هذه المبادرة في إطار الاستراتيجية الوطنية لمكافحة الفساد والتزامات المغرب في شراكة "
        "الحكومة المنفتحة. وهي تقلص الاتصال المباشر بين المرتفقين والموظفين، وتنشر القواعد والآجال، "
        "وتقدم حصيلتها عبر مؤشرات تُتابع كل سنة."
    ),
    "en": (
        "The initiative is part of the National Anti-Corruption Strategy and of Morocco's Open "
        "Government Partnership commitments. It reduces direct contact between users and staff, "
        "publishes rules and deadlines, and reports its results through indicators followed "
        "every year."
    ),
}
# challenge -> (name fr, ar, en), unit fr/ar/en, baseline, target
INDICATORS = {
    "digitisation": [
        (
            (
                "Procédures disponibles en ligne",
                "المساطر المتاحة عن بعد",
                "Procedures available online",
            ),
            ("%", "%", "%"),
            10,
            80,
        )
    ],
    "petty-corruption": [
        (
            (
                "Usagers déclarant avoir payé un pot-de-vin",
                "المرتفقون المصرحون بدفع رشوة",
                "Users reporting a bribe",
            ),
            ("%", "%", "%"),
            24,
            10,
        )
    ],
    "procurement": [
        (
            (
                "Marchés publiés avec leurs résultats",
                "الصفقات المنشورة مع نتائجها",
                "Tenders published with their results",
            ),
            ("%", "%", "%"),
            35,
            100,
        )
    ],
    "conflict-of-interest": [
        (
            (
                "Agents ayant signé une déclaration d'intérêts",
                "الموظفون الموقعون على التصريح بالمصالح",
                "Staff who signed a declaration of interests",
            ),
            ("agents", "موظف", "staff"),
            0,
            1200,
        )
    ],
    "whistleblowing": [
        (
            ("Signalements traités", "التبليغات المعالجة", "Reports handled"),
            ("signalements", "تبليغ", "reports"),
            0,
            3000,
        )
    ],
    "ethics-training": [
        (
            (
                "Agents formés à l'éthique",
                "الموظفون المستفيدون من التكوين في الأخلاقيات",
                "Staff trained in ethics",
            ),
            ("agents", "موظف", "staff"),
            0,
            5000,
        )
    ],
    "asset-declarations": [
        (
            (
                "Déclarations déposées en ligne",
                "التصريحات المودعة إلكترونيا",
                "Declarations filed online",
            ),
            ("%", "%", "%"),
            0,
            90,
        )
    ],
}
SATISFACTION = (
    ("Satisfaction des usagers", "رضا المرتفقين", "User satisfaction"),
    ("%", "%", "%"),
    55,
    80,
)
PARTNERS = {
    "procurement": ("ministere-economie-finances", "Transparency Maroc"),
    "whistleblowing": ("inpplc", ""),
    "ethics-training": ("inpplc", "Institut supérieur de l'administration"),
    "petty-corruption": ("mtnra", "Association marocaine de protection du consommateur"),
    "digitisation": ("add", "Banque mondiale"),
    "conflict-of-interest": ("inpplc", ""),
    "asset-declarations": ("inpplc", "OCDE"),
}


def _actual(status, baseline, target, index):
    if status == "planned":
        return None
    if status == "completed":
        return target
    share = (30 + (index * 17) % 50) / 100
    return round(baseline + (target - baseline) * share)


@transaction.atomic
def seed(stdout) -> None:
    from ogp_portal.accounts.models import User
    from ogp_portal.directory.models import Administration, Region

    from .models import ChallengeType, Indicator, Initiative, InitiativeLink, Sector, Theme
    from .vocabularies import load_vocabularies

    load_vocabularies(Sector, Theme, ChallengeType)
    sectors = {s.slug: s for s in Sector.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    challenges = {c.slug: c for c in ChallengeType.objects.all()}
    administrations = {a.slug: a for a in Administration.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    civil_servants = {
        u.administration_id: u
        for u in User.objects.filter(
            email__endswith="@example.org", administration__isnull=False
        ).exclude(email__startswith="information.")
    }
    now = timezone.now()
    created = 0
    for index, row in enumerate(INITIATIVES):
        slug, sector, theme, challenge, status, region_codes, year, state, titles = row
        lead = administrations.get(slug)
        if lead is None:
            continue
        fr, ar, en = titles
        scope = "regional" if region_codes else "national"
        start = date(year, 1 + (index % 12), 1)
        names = {
            lang: (lead.name_fr if lang != "ar" else lead.name_ar) or lead.name
            for lang in "fr ar en".split()
        }
        names["en"] = lead.name_en or lead.name_fr
        defaults = {
            "title_ar": ar,
            "title_en": en,
            "summary_fr": SUMMARIES["fr"].format(admin=names["fr"], title=fr),
            "summary_ar": SUMMARIES["ar"].format(admin=names["ar"], title=ar),
            "summary_en": SUMMARIES["en"].format(admin=names["en"], title=en),
            "description_fr": DESCRIPTIONS["fr"],
            "description_ar": DESCRIPTIONS["ar"],
            "description_en": DESCRIPTIONS["en"],
            "sector": sectors[sector],
            "theme": themes[theme],
            "challenge_type": challenges[challenge],
            "scope": scope,
            "status": status,
            "start_date": start,
            "end_date": start + timedelta(days=365 * 3) if status != "ongoing" else None,
            "contact_unit": "Cellule intégrité et transparence",
            "contact_url": lead.website or "",
            "state": state,
            "submitted_by": civil_servants.get(lead.pk) if state != "draft" else None,
            "submitted_at": now - timedelta(days=60 - index) if state != "draft" else None,
            "published_at": now - timedelta(days=120 - 2 * index) if state == "published" else None,
            "review_comment": (
                "Merci de préciser les indicateurs de résultat et la date de fin."
                if state == "returned"
                else ""
            ),
        }
        initiative, was_created = Initiative.objects.update_or_create(
            lead_administration=lead, title_fr=fr, defaults=defaults
        )
        created += was_created
        initiative.regions.set([regions[c] for c in region_codes.split() if c in regions])
        partner_slug, other = PARTNERS[challenge]
        partner = administrations.get(partner_slug)
        initiative.partner_administrations.set([partner] if partner and partner != lead else [])
        if initiative.other_partners != other:
            initiative.other_partners = other
            initiative.save(update_fields=["other_partners"])
        initiative.indicators.all().delete()
        for position, (name, unit, baseline, target) in enumerate(
            [*INDICATORS[challenge], SATISFACTION]
        ):
            Indicator.objects.create(
                initiative=initiative,
                position=position,
                name_fr=name[0],
                name_ar=name[1],
                name_en=name[2],
                unit_fr=unit[0],
                unit_ar=unit[1],
                unit_en=unit[2],
                baseline=baseline,
                target=target,
                actual=_actual(status, baseline, target, index + position),
            )
        if lead.website and not initiative.links.exists():
            InitiativeLink.objects.create(
                initiative=initiative,
                title=lead.website.split("//")[-1].rstrip("/"),
                url=lead.website,
            )
    stdout.write(
        f"Integrity initiatives: {Initiative.objects.count()} ({created} new), "
        f"{Initiative.objects.public().count()} published."
    )
