"""Demo data of the funding area: sectors, funders' programmes and calls, 300
associations and 2,000 awards (2022-2026) with disbursements.

Every name is fictitious; funders are real administrations of the directory's list.
Idempotent: records are matched on their codes, references and registration numbers.
Dates of calls are relative to today so that some are always open.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ogp_portal.directory.models import Administration, Province, Region

from .models import Association, Award, Call, Disbursement, Programme, Sector

# code, English, French, Arabic
SECTORS = [
    (
        "social-inclusion",
        "Social inclusion and solidarity",
        "Inclusion sociale et solidarité",
        "الإدماج الاجتماعي والتضامن",
    ),
    (
        "women-family",
        "Women, family and childhood",
        "Femmes, famille et enfance",
        "المرأة والأسرة والطفولة",
    ),
    ("youth-sport", "Youth and sport", "Jeunesse et sport", "الشباب والرياضة"),
    ("culture-arts", "Culture and arts", "Culture et arts", "الثقافة والفنون"),
    (
        "education-literacy",
        "Education and literacy",
        "Éducation et alphabétisation",
        "التربية ومحو الأمية",
    ),
    ("health", "Health", "Santé", "الصحة"),
    ("disability", "Disability", "Handicap", "الإعاقة"),
    (
        "rural-agriculture",
        "Rural development and agriculture",
        "Développement rural et agriculture",
        "التنمية القروية والفلاحة",
    ),
    ("environment", "Environment and climate", "Environnement et climat", "البيئة والمناخ"),
    (
        "income-generation",
        "Income-generating activities",
        "Activités génératrices de revenus",
        "الأنشطة المدرة للدخل",
    ),
    (
        "human-rights",
        "Human rights and citizenship",
        "Droits humains et citoyenneté",
        "حقوق الإنسان والمواطنة",
    ),
]

# funder slug, programme code, sector, title fr, title ar, title en, yearly budget (MAD)
PROGRAMMES = [
    (
        "ministere-interieur",
        "indh-precarite",
        "social-inclusion",
        "INDH – Accompagnement des personnes en situation de précarité",
        "المبادرة الوطنية للتنمية البشرية – مواكبة الأشخاص في وضعية هشاشة",
        "INDH – Support for people in precarious situations",
        120_000_000,
    ),
    (
        "ministere-interieur",
        "indh-jeunes",
        "income-generation",
        "INDH – Amélioration du revenu et inclusion économique des jeunes",
        "المبادرة الوطنية للتنمية البشرية – تحسين الدخل والإدماج الاقتصادي للشباب",
        "INDH – Income and economic inclusion of young people",
        90_000_000,
    ),
    (
        "ministere-interieur",
        "indh-petite-enfance",
        "women-family",
        "INDH – Développement de la petite enfance",
        "المبادرة الوطنية للتنمية البشرية – تنمية الطفولة المبكرة",
        "INDH – Early childhood development",
        60_000_000,
    ),
    (
        "ministere-jeunesse-culture-communication",
        "jeunesse-associations",
        "youth-sport",
        "Soutien aux associations de jeunesse",
        "دعم جمعيات الشباب",
        "Support for youth associations",
        25_000_000,
    ),
    (
        "ministere-jeunesse-culture-communication",
        "culture-projets",
        "culture-arts",
        "Soutien aux projets culturels et artistiques",
        "دعم المشاريع الثقافية والفنية",
        "Support for cultural and artistic projects",
        18_000_000,
    ),
    (
        "ministere-solidarite-famille",
        "handicap-partenariat",
        "disability",
        "Partenariat avec les associations des personnes en situation de handicap",
        "الشراكة مع جمعيات الأشخاص في وضعية إعاقة",
        "Partnership with associations of persons with disabilities",
        40_000_000,
    ),
    (
        "ministere-solidarite-famille",
        "femmes-violence",
        "women-family",
        "Centres d'écoute et d'accompagnement des femmes victimes de violence",
        "مراكز الاستماع ومواكبة النساء ضحايا العنف",
        "Listening and support centres for women victims of violence",
        15_000_000,
    ),
    (
        "ministere-agriculture",
        "cooperation-rurale",
        "rural-agriculture",
        "Appui aux associations de développement rural",
        "دعم جمعيات التنمية القروية",
        "Support for rural development associations",
        30_000_000,
    ),
    (
        "ministere-education-nationale",
        "alphabetisation",
        "education-literacy",
        "Programme d'alphabétisation en partenariat avec la société civile",
        "برنامج محو الأمية بشراكة مع المجتمع المدني",
        "Literacy programme in partnership with civil society",
        35_000_000,
    ),
    (
        "ministere-sante",
        "sante-proximite",
        "health",
        "Santé de proximité et prévention",
        "الصحة عن قرب والوقاية",
        "Community health and prevention",
        20_000_000,
    ),
    (
        "conseil-region-souss-massa",
        "souss-massa-societe-civile",
        "environment",
        "Fonds régional de soutien à la société civile de Souss-Massa",
        "الصندوق الجهوي لدعم المجتمع المدني بسوس ماسة",
        "Souss-Massa regional civil society fund",
        12_000_000,
    ),
    (
        "conseil-region-oriental",
        "oriental-societe-civile",
        "human-rights",
        "Partenariat de la Région de l'Oriental avec les associations",
        "شراكة جهة الشرق مع الجمعيات",
        "Oriental Region partnership with associations",
        10_000_000,
    ),
]

# Word stems of fictitious association names: (French, Arabic).
NAME_PARTS = [
    ("Annour", "النور"),
    ("Al Amal", "الأمل"),
    ("Tafaoul", "التفاؤل"),
    ("Assafaa", "الصفاء"),
    ("Al Wafaa", "الوفاء"),
    ("Ibtissama", "ابتسامة"),
    ("Tiwizi", "تيويزي"),
    ("Al Khair", "الخير"),
    ("Nour Al Maarifa", "نور المعرفة"),
    ("Al Mostakbal", "المستقبل"),
    ("Atlas", "الأطلس"),
    ("Azetta", "أزطا"),
    ("Al Baraka", "البركة"),
    ("Amazigh Tifawin", "تيفاوين"),
    ("Les Oasis", "الواحات"),
    ("Rihab", "رحاب"),
]
PURPOSES = [
    ("pour le développement local", "للتنمية المحلية"),
    ("des jeunes", "للشباب"),
    ("pour la femme rurale", "للمرأة القروية"),
    ("de solidarité", "للتضامن"),
    ("pour l'éducation et la culture", "للتربية والثقافة"),
    ("pour l'environnement", "لحماية البيئة"),
    ("des parents d'élèves", "لآباء وأولياء التلاميذ"),
    ("pour les personnes en situation de handicap", "لرعاية الأشخاص في وضعية إعاقة"),
]
PROJECTS = [
    "Centre d'accueil de jour",
    "Formation aux métiers",
    "Caravane médicale",
    "Soutien scolaire",
    "Coopérative féminine d'argan",
    "Festival culturel local",
    "Bibliothèque de quartier",
    "Plantation et sensibilisation environnementale",
    "Transport scolaire rural",
    "Atelier d'insertion des jeunes",
    "Crèche communautaire",
    "Maison de la jeune fille",
]
LEGAL_FORMS = ["association"] * 8 + ["federation", "network", "public_utility"]
AWARD_COUNT = 2000
ASSOCIATION_COUNT = 300


def _sectors():
    by_code = {}
    for order, (code, en, fr, ar) in enumerate(SECTORS):
        sector, _created = Sector.objects.update_or_create(
            code=code, defaults={"name_en": en, "name_fr": fr, "name_ar": ar, "order": order}
        )
        by_code[code] = sector
    return by_code


def _programmes(sectors, funders, year):
    programmes = []
    for slug, code, sector, fr, ar, en, budget in PROGRAMMES:
        funder = funders.get(slug)
        if funder is None:
            continue
        programme, _created = Programme.objects.get_or_create(
            code=code,
            defaults={
                "funder": funder,
                "title_fr": fr,
                "title_ar": ar,
                "title_en": en,
                "description_fr": f"Programme de partenariat de {funder.name_fr} avec les associations.",
                "description_ar": f"برنامج شراكة {funder.name_ar} مع الجمعيات.",
                "description_en": f"Partnership programme of {funder.name_en or funder.name_fr} with associations.",
                "sector": sectors[sector],
                "budget": Decimal(budget),
                "year": year,
            },
        )
        programmes.append(programme)
    return programmes


# (offset of the opening from today, offset of the deadline, awarded) for the 25 calls:
# some open, some closing within the week, some upcoming, closed and awarded ones.
CALL_TIMING = [
    (-20, 30, False),
    (-10, 45, False),
    (-30, 5, False),
    (-25, 2, False),
    (-5, 60, False),
    (-40, 20, False),
    (-15, 6, False),
    (-3, 90, False),
    (10, 50, False),
    (20, 70, False),
    (-60, -5, False),
    (-90, -30, False),
    (-120, -60, True),
    (-200, -150, True),
    (-400, -330, True),
    (-500, -420, True),
    (-700, -640, True),
    (-800, -730, True),
    (-45, 14, False),
    (-12, 25, False),
    (-70, -10, False),
    (-365, -300, True),
    (-1000, -950, True),
    (-1200, -1150, True),
    (-2, 40, False),
]


def _calls(programmes, regions, today):
    calls = []
    rng = random.Random(25)
    for index, (start, end, awarded) in enumerate(CALL_TIMING):
        programme = programmes[index % len(programmes)]
        reference = f"demo-call-{index + 1:02d}"
        opens_on, deadline = today + timedelta(days=start), today + timedelta(days=end)
        budget = Decimal(rng.choice([500_000, 1_000_000, 2_000_000, 5_000_000]))
        call = Call.objects.filter(reference=reference).first()
        if call is None:
            year = opens_on.year
            call = Call.objects.create(
                programme=programme,
                reference=reference,
                title_fr=f"Appel à projets {year} – {programme.title_fr}",
                title_ar=f"طلب مشاريع {year} – {programme.title_ar}",
                title_en=f"Call for proposals {year} – {programme.title_en}",
                description_fr="Cet appel soutient les projets des associations dans le cadre du "
                f"programme « {programme.title_fr} ». Les projets doivent bénéficier directement "
                "aux populations ciblées et préciser leurs résultats attendus.",
                description_ar="يدعم هذا الطلب مشاريع الجمعيات في إطار برنامج "
                f"«{programme.title_ar}». يجب أن تستفيد المشاريع مباشرة من الفئات المستهدفة.",
                description_en="This call supports associations' projects under the programme "
                f"“{programme.title_en}”. Projects must directly benefit the people targeted.",
                eligibility_fr="Associations légalement constituées depuis au moins deux ans, "
                "en situation régulière, ayant déposé leurs comptes de l'année précédente.",
                eligibility_ar="الجمعيات المؤسسة بصفة قانونية منذ سنتين على الأقل، "
                "والتي أودعت حساباتها برسم السنة الماضية.",
                eligibility_en="Associations legally constituted for at least two years, "
                "having filed their accounts for the previous year.",
                budget=budget,
                grant_min=Decimal("20000"),
                grant_max=min(budget, Decimal("300000")),
                opens_on=opens_on,
                deadline=deadline,
                applications_received=rng.randint(12, 240)
                if deadline < today
                else rng.randint(0, 40),
                awarded_on=deadline + timedelta(days=30) if awarded else None,
                is_published=True,
                published_at=timezone.make_aware(
                    timezone.datetime.combine(opens_on, timezone.datetime.min.time())
                )
                if opens_on <= today
                else timezone.now(),
            )
            call.sectors.set([programme.sector])
            if rng.random() < 0.6 and regions:
                call.regions.set(rng.sample(regions, rng.randint(1, 3)))
        calls.append(call)
    return calls


def _associations(sectors, regions, provinces_by_region):
    rng = random.Random(120)
    existing = {a.registration_number: a for a in Association.objects.all()}
    sector_list = list(sectors.values())
    # More associations where more people live (at least two per region).
    weights = [max(r.population_2024, 1) for r in regions]
    seats = list(regions) * 2
    seats += rng.choices(regions, weights=weights, k=ASSOCIATION_COUNT - len(seats))
    numbers, new_associations, sector_links = [], [], []
    for index in range(ASSOCIATION_COUNT):
        region = seats[index]
        number = f"DEMO-{region.code}-{index + 1:05d}"
        numbers.append(number)
        # Always draw the same numbers, so that the data do not depend on what exists.
        founded_on = date(rng.randint(1985, 2020), rng.randint(1, 12), rng.randint(1, 28))
        two_sectors = rng.sample(sector_list, 2)
        if number in existing:
            continue
        stem_fr, stem_ar = NAME_PARTS[index % len(NAME_PARTS)]
        purpose_fr, purpose_ar = PURPOSES[(index // len(NAME_PARTS)) % len(PURPOSES)]
        provinces = provinces_by_region.get(region.pk) or [None]
        province = provinces[index % len(provinces)]
        town_fr = province.name_fr if province else region.name_fr
        town_ar = province.name_ar if province else region.name_ar
        new_associations.append(
            Association(
                slug=f"demo-{index + 1:03d}-{region.code}",
                name_fr=f"Association {stem_fr} {purpose_fr} – {town_fr}",
                name_ar=f"جمعية {stem_ar} {purpose_ar} – {town_ar}",
                registration_number=number,
                legal_form=LEGAL_FORMS[index % len(LEGAL_FORMS)],
                founded_on=founded_on,
                seat_region=region,
                seat_province=province,
                website=f"https://association-{index + 1:03d}.example.org"
                if index % 4 == 0
                else "",
            )
        )
        sector_links.append((number, two_sectors))
    if new_associations:
        with transaction.atomic():
            Association.objects.bulk_create(new_associations, batch_size=500)
            saved = dict(
                Association.objects.filter(
                    registration_number__in=[a.registration_number for a in new_associations]
                ).values_list("registration_number", "pk")
            )
            Through = Association.sectors.through
            Through.objects.bulk_create(
                [
                    Through(association_id=saved[number], sector_id=sector.pk)
                    for number, pair in sector_links
                    for sector in pair
                ],
                batch_size=1000,
            )
    by_number = {
        a.registration_number: a
        for a in Association.objects.filter(registration_number__in=numbers).select_related(
            "seat_region"
        )
    }
    return [by_number[number] for number in numbers]


def _awards(programmes, calls, associations, regions, today):
    rng = random.Random(2026)
    existing = set(
        Award.objects.filter(reference__startswith="demo-").values_list("reference", flat=True)
    )
    awarded_calls = [c for c in calls if c.awarded_on]
    # Regional councils fund in their region; national funders where the association works.
    regional_funders = {
        p.funder_id: p.funder.region_id
        for p in programmes
        if p.funder.kind == Administration.Kind.REGIONAL_COUNCIL and p.funder.region_id
    }
    region_by_pk = {r.pk: r for r in regions}
    new_awards, region_links, payments = [], [], []
    for index in range(AWARD_COUNT):
        reference = f"demo-{index + 1:05d}"
        # Always draw the same numbers, so that the data do not depend on what exists.
        programme = programmes[rng.randrange(len(programmes))]
        association = associations[rng.randrange(len(associations))]
        year = 2022 + index % 5
        day = date(year, rng.randint(1, 12), rng.randint(1, 28))
        if day > today:
            day = today - timedelta(days=rng.randint(1, 120))
        amount = Decimal(
            rng.choice(
                [15_000, 30_000, 50_000, 80_000, 120_000, 200_000, 350_000, 600_000, 1_200_000]
            )
        )
        amount += Decimal(rng.randint(0, 40)) * 500
        in_kind = Decimal(rng.choice([0, 0, 0, 10_000, 25_000]))
        call = rng.choice(awarded_calls) if awarded_calls and rng.random() < 0.45 else None
        duration = rng.choice([6, 12, 12, 18, 24, 36])
        project = PROJECTS[rng.randrange(len(PROJECTS))]
        extra_region = rng.random() < 0.15
        other = regions[rng.randrange(len(regions))]
        paid_parts = rng.choice([1, 2, 3])
        if reference in existing:
            continue
        if call is not None:
            programme = call.programme
        funder_region = regional_funders.get(programme.funder_id)
        seat = region_by_pk[funder_region] if funder_region else association.seat_region
        award = Award(
            reference=reference,
            funder_id=programme.funder_id,
            programme=programme,
            call=call,
            association=association,
            title=f"{project} – {association.name_fr.split(' – ')[-1]}",
            amount=amount,
            in_kind_value=in_kind,
            awarded_on=day,
            duration_months=duration,
            sector_id=programme.sector_id,
        )
        new_awards.append(award)
        linked = {seat.pk, other.pk} if extra_region else {seat.pk}
        region_links.append((award, linked))
        share = (amount / paid_parts).quantize(Decimal("0.01"))
        for part in range(paid_parts):
            paid_on = day + timedelta(days=30 + 120 * part)
            if paid_on <= today:
                payments.append((award, paid_on, share))
    with transaction.atomic():
        Award.objects.bulk_create(new_awards, batch_size=500)
        saved = {
            a.reference: a.pk
            for a in Award.objects.filter(reference__in=[a.reference for a in new_awards])
        }
        Through = Award.beneficiary_regions.through
        Through.objects.bulk_create(
            [
                Through(award_id=saved[a.reference], region_id=r)
                for a, linked in region_links
                for r in linked
            ],
            batch_size=1000,
        )
        Disbursement.objects.bulk_create(
            [
                Disbursement(award_id=saved[a.reference], paid_on=d, amount=v)
                for a, d, v in payments
            ],
            batch_size=1000,
        )
    return len(new_awards)


def seed(stdout) -> None:
    regions = list(Region.objects.order_by("code"))
    if not regions:
        stdout.write("csofunding: no regions (load the directory first); skipped.")
        return
    today = timezone.localdate()
    sectors = _sectors()
    funders = {
        a.slug: a for a in Administration.objects.filter(slug__in={p[0] for p in PROGRAMMES})
    }
    programmes = _programmes(sectors, funders, today.year)
    if not programmes:
        stdout.write("csofunding: no funders found (load the administrations first); skipped.")
        return
    calls = _calls(programmes, regions, today)
    provinces_by_region: dict[int, list] = {}
    for province in Province.objects.order_by("code"):
        provinces_by_region.setdefault(province.region_id, []).append(province)
    associations = _associations(sectors, regions, provinces_by_region)
    created = _awards(programmes, calls, associations, regions, today)
    stdout.write(
        f"csofunding: {len(programmes)} programmes, {len(calls)} calls, "
        f"{len(associations)} associations, {created} new awards."
    )
