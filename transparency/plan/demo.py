"""Demo data of the action plan: the 2018-2020 plan (18 commitments, about 84 % implemented),
the 2021-2023 plan and its consultation (ideas answered with reasons), and the current
2024-2027 plan with a few commitments and an open consultation. Idempotent: plans,
themes, commitments and milestones are matched on their keys; participation (comments,
ideas, updates) is only created once."""

import datetime

from django.db import transaction
from django.utils import timezone

from . import demo_data as data
from . import scales

PARTICIPANTS = [
    ("amal.demo@example.org", "Amal Berrada (demo)"),
    ("hamza.demo@example.org", "Hamza El Idrissi (demo)"),
    ("zineb.demo@example.org", "Zineb Ouazzani (demo)"),
    ("yassine.demo@example.org", "Yassine Lahlou (demo)"),
    ("khadija.demo@example.org", "Khadija Naciri (demo)"),
]


def _date(value):
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _aware(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 9, 0))


def _users():
    from ogp_portal.accounts.models import User

    users = []
    for email, name in PARTICIPANTS:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        users.append(user)
    citizen = User.objects.filter(email="citizen@example.org").first()
    servant = User.objects.filter(email="civil.servant@example.org").first()
    staff = User.objects.filter(is_superuser=True).first()
    from ogp_portal.accounts.roles import OGP_STAFF

    staff = User.objects.filter(groups__name=OGP_STAFF).first() or staff
    return ([citizen] if citizen else []) + users, servant, staff


def _plan(slug, titles, years, status, description):
    from transparency.models import ActionPlan

    ar, fr, en = titles
    plan, _ = ActionPlan.objects.update_or_create(
        slug=slug,
        defaults={
            "title": ar,
            "title_ar": ar,
            "title_fr": fr,
            "title_en": en,
            "start_year": years[0],
            "end_year": years[1],
            "status": status,
            "description": description[2],
            "description_ar": description[2],
            "description_fr": description[0],
            "description_en": description[1],
        },
    )
    return plan


def _themes(plan, themes):
    from transparency.models import Theme

    result = {}
    for order, (slug, ar, fr, en) in enumerate(themes):
        theme, _ = Theme.objects.update_or_create(
            plan=plan,
            slug=slug,
            defaults={"name": ar, "name_ar": ar, "name_fr": fr, "name_en": en, "order": order},
        )
        result[slug] = theme
    return result


def _split(target, weights):
    """Milestone progress values whose weighted mean is `target` (earlier milestones first)."""
    total = sum(weights)
    remaining = target * total / 100
    values = []
    for weight in weights:
        share = min(weight, remaining)
        remaining -= share
        values.append(round(100 * share / weight))
    return values


def _commitments(plan, rows, themes, administrations, values, ratings, *, start, end, due_dates):
    from transparency.models import Commitment, Milestone, MilestoneEvidence

    S = Milestone.Status
    created = []
    for number, theme, lead, partners, target, titles, problem, text, milestones in rows:
        if lead not in administrations:
            continue
        ar, fr, en = titles
        commitment, _ = Commitment.objects.update_or_create(
            plan=plan,
            number=number,
            defaults={
                "ogp_id": f"MO{(plan.start_year - 2018) * 20 + number:04d}",
                "title": ar,
                "title_ar": ar,
                "title_fr": fr,
                "title_en": en,
                "problem": problem[2],
                "problem_ar": problem[2],
                "problem_fr": problem[0],
                "problem_en": problem[1],
                "text": text[2],
                "text_ar": text[2],
                "text_fr": text[0],
                "text_en": text[1],
                "theme": themes[theme],
                "lead_administration": administrations[lead],
                "start_date": start,
                "end_date": end,
            },
        )
        commitment.partners.set([administrations[p] for p in partners if p in administrations])
        commitment.ogp_values.set(values[: 1 + number % 3])
        if target is not None:
            progresses = _split(target, [m[0] for m in milestones])
            specs = [
                (w, t, due_dates[min(i, len(due_dates) - 1)], p)
                for i, ((w, t), p) in enumerate(zip(milestones, progresses, strict=True))
            ]
            if plan.end_year <= 2020 and ratings:
                commitment.irm_completion = ratings["completion"][
                    "complete" if target == 100 else "substantial" if target >= 60 else "limited"
                ]
                commitment.irm_early_results = ratings["early_results"][
                    "major" if number in (6, 10, 15) else "marginal"
                ]
                commitment.save(update_fields=["irm_completion", "irm_early_results"])
        else:
            specs = [(w, t, _date(due), p) for w, t, due, p in milestones]
            if ratings:
                commitment.irm_potential = ratings["potential"][
                    "substantial" if number <= 2 else "modest"
                ]
                commitment.save(update_fields=["irm_potential"])
        for order, (weight, (mar, mfr, men), due, progress) in enumerate(specs):
            status = (
                S.COMPLETED if progress >= 100 else S.IN_PROGRESS if progress else S.NOT_STARTED
            )
            milestone, _ = Milestone.objects.update_or_create(
                commitment=commitment,
                order=order,
                defaults={
                    "title": mar,
                    "title_ar": mar,
                    "title_fr": mfr,
                    "title_en": men,
                    "weight": weight,
                    "progress": progress,
                    "status": status,
                    "start_date": start,
                    "due_date": due,
                },
            )
            if status == S.COMPLETED and not milestone.evidence.exists():
                MilestoneEvidence.objects.create(
                    milestone=milestone,
                    title=mfr,
                    url=f"https://www.gouvernement-ouvert.ma/engagements/{plan.slug}/{number}",
                )
        created.append(commitment)
    return created


def _participation(
    c2018, c2024, people, servant, staff, consultation_2021, consultation_2024, c2021
):
    from transparency.models import Comment, Idea, IdeaSupport, ProgressUpdate

    by_number = {c.number: c for c in c2018}
    if servant and not ProgressUpdate.objects.filter(commitment__plan=c2018[0].plan).exists():
        for number, text, claimed, when in [
            (
                6,
                "Le portail chafafiya.ma est en ligne depuis le 12 mars 2020; 97 organismes y sont raccordés.",
                100,
                (2020, 6, 30),
            ),
            (
                1,
                "Des rencontres régionales ont été organisées dans les 12 régions avec 1 300 participants.",
                100,
                (2020, 9, 15),
            ),
            (
                9,
                "Trente sites pilotes ont été mis à niveau; l'enquête de satisfaction est en cours.",
                80,
                (2020, 11, 30),
            ),
        ]:
            if number in by_number:
                ProgressUpdate.objects.create(
                    commitment=by_number[number],
                    author=servant,
                    text=text,
                    progress_claimed=claimed,
                    status=ProgressUpdate.Status.PUBLISHED,
                    reviewed_by=staff,
                    published_at=_aware(*when),
                )
    if (
        servant
        and c2024
        and not ProgressUpdate.objects.filter(commitment__plan=c2024[0].plan).exists()
    ):
        ProgressUpdate.objects.create(
            commitment=c2024[0],
            author=servant,
            progress_claimed=60,
            text="La version bêta du portail unifié est ouverte au public en arabe et en français.",
            status=ProgressUpdate.Status.PUBLISHED,
            reviewed_by=staff,
            published_at=timezone.now() - datetime.timedelta(days=20),
        )
        ProgressUpdate.objects.create(
            commitment=c2024[0],
            author=servant,
            progress_claimed=65,
            text="Les formulaires de demande d'information sont désormais disponibles en amazighe.",
            status=ProgressUpdate.Status.SUBMITTED,
        )
    if len(people) >= 4 and not Comment.objects.filter(commitment__plan=c2018[0].plan).exists():
        target = by_number.get(6) or c2018[0]
        first = Comment.objects.create(
            commitment=target,
            author=people[0],
            stance=Comment.Stance.FOR,
            text="Très utile : j'ai obtenu la liste des marchés de ma commune en trois semaines.",
        )
        Comment.objects.create(
            commitment=target,
            author=people[1],
            parent=first,
            stance=Comment.Stance.NEUTRAL,
            text="Même expérience à Fès, mais la réponse est arrivée le dernier jour du délai.",
        )
        Comment.objects.create(
            commitment=target,
            author=people[2],
            stance=Comment.Stance.AGAINST,
            text="كثير من الإدارات لا تجيب داخل الأجل القانوني، يجب نشر إحصائيات الرد لكل إدارة.",
        )
        other = by_number.get(15) or c2018[-1]
        question = Comment.objects.create(
            commitment=other,
            author=people[3],
            stance=Comment.Stance.NEUTRAL,
            text="Combien de pétitions ont reçu une réponse du gouvernement depuis le lancement ?",
        )
        if servant:
            Comment.objects.create(
                commitment=other,
                author=servant,
                parent=question,
                stance=Comment.Stance.NEUTRAL,
                text="Les réponses sont publiées sur la plateforme ; un bilan annuel sera présenté au Parlement.",
            )
    Comment.objects.filter(commitment__plan=c2018[0].plan, created_at__year__gt=2021).update(
        created_at=_aware(2020, 7, 20)
    )
    if consultation_2021 and not consultation_2021.ideas.exists() and len(people) >= 4:
        decided = timezone.make_aware(datetime.datetime(2021, 6, 15, 10, 0))
        ideas = [
            (
                "نشر ميزانيات الجماعات",
                "Publier les budgets de toutes les communes en données ouvertes, avec un budget citoyen.",
                "open-local",
                Idea.Status.MERGED,
                "Fusionnée avec l'engagement sur les collectivités territoriales ouvertes.",
                c2021[2] if len(c2021) > 2 else None,
            ),
            (
                "Publier les décisions de justice",
                "Mettre en ligne les décisions des tribunaux, anonymisées, avec un moteur de recherche.",
                "open-justice",
                Idea.Status.ACCEPTED,
                "Retenue : elle devient un jalon de l'engagement sur la justice ouverte.",
                None,
            ),
            (
                "Vote électronique aux élections",
                "Permettre le vote en ligne aux élections législatives.",
                "participation",
                Idea.Status.REJECTED,
                "Hors du champ du plan d'action : le code électoral relève du Parlement et d'autres réformes.",
                None,
            ),
            (
                "Open data sur la qualité de l'eau",
                "Publish tap water quality results by commune every month.",
                "transparency-services",
                Idea.Status.ACCEPTED,
                "Accepted: included in the transparency and public services theme.",
                None,
            ),
            (
                "مرصد للمساواة في الولوج إلى الخدمات",
                "إحداث مرصد يقيس ولوج النساء والأشخاص في وضعية إعاقة إلى الخدمات العمومية.",
                "equality-inclusion",
                Idea.Status.SUBMITTED,
                "",
                None,
            ),
        ]
        themes = {t.slug: t for t in consultation_2021.plan.themes.all()}
        for i, (title, text, theme, status, response, merged) in enumerate(ideas):
            idea = Idea.objects.create(
                consultation=consultation_2021,
                author=people[i % len(people)],
                title=title,
                text=text,
                theme=themes.get(theme),
                status=status,
                response=response,
                merged_into=merged if status == Idea.Status.MERGED else None,
                decided_at=decided if status != Idea.Status.SUBMITTED else None,
                decided_by=staff if status != Idea.Status.SUBMITTED else None,
            )
            Idea.objects.filter(pk=idea.pk).update(
                created_at=_aware(2021, 3 + i // 3, 5 + 7 * (i % 3))
            )
            for supporter in people[: 1 + (i * 2) % len(people)]:
                if supporter != idea.author:
                    IdeaSupport.objects.get_or_create(idea=idea, user=supporter)
    if consultation_2024 and not consultation_2024.ideas.exists() and len(people) >= 3:
        themes = {t.slug: t for t in consultation_2024.plan.themes.all()}
        for i, (title, text, theme) in enumerate(
            [
                (
                    "Publier les délais de réponse de chaque administration",
                    "Un classement public des administrations selon leurs délais de réponse aux demandes d'information.",
                    "accountability",
                ),
                (
                    "بوابة بالأمازيغية",
                    "ترجمة جميع خدمات البوابة إلى الأمازيغية وتوفير المساعدة الهاتفية.",
                    "digital-openness",
                ),
            ]
        ):
            idea = Idea.objects.create(
                consultation=consultation_2024,
                author=people[i + 1],
                title=title,
                text=text,
                theme=themes.get(theme),
            )
            IdeaSupport.objects.get_or_create(idea=idea, user=people[0])


@transaction.atomic
def seed(stdout=None) -> None:
    from ogp_portal.directory.models import Administration
    from transparency.models import ActionPlan, Consultation, IrmRating, OgpValue

    scales.ensure_reference_data()
    administrations = {a.slug: a for a in Administration.objects.all()}
    if not administrations:
        if stdout:
            stdout.write(
                "transparency-plan: no administrations, skipped (run the directory seeder)."
            )
        return
    values = list(OgpValue.objects.order_by("order"))
    ratings = {}
    for rating in IrmRating.objects.all():
        ratings.setdefault(rating.scale, {})[rating.code] = rating

    p2018 = _plan(
        "2018-2020",
        (
            "خطة العمل الوطنية 2018-2020",
            "Plan d'action national 2018-2020",
            "National action plan 2018-2020",
        ),
        (2018, 2020),
        ActionPlan.Status.COMPLETED,
        (
            "Le premier plan d'action du Maroc, adopté après son adhésion au PGO en 2018 : 18 engagements.",
            "Morocco's first action plan, adopted after it joined the OGP in 2018: 18 commitments.",
            "أول خطة عمل للمغرب، اعتمدت بعد انضمامه إلى شراكة الحكومة المنفتحة سنة 2018: 18 التزاما.",
        ),
    )
    c2018 = _commitments(
        p2018,
        data.COMMITMENTS_2018,
        _themes(p2018, data.THEMES_2018),
        administrations,
        values,
        ratings,
        start=datetime.date(2018, 9, 1),
        end=datetime.date(2020, 12, 31),
        due_dates=[
            datetime.date(2019, 6, 30),
            datetime.date(2020, 6, 30),
            datetime.date(2020, 12, 31),
        ],
    )

    p2021 = _plan(
        "2021-2023",
        (
            "خطة العمل الوطنية 2021-2023",
            "Plan d'action national 2021-2023",
            "National action plan 2021-2023",
        ),
        (2021, 2023),
        ActionPlan.Status.COMPLETED,
        (
            "Deuxième plan, co-construit en ligne : 22 engagements en cinq axes.",
            "Second plan, co-created online: 22 commitments in five themes.",
            "الخطة الثانية، أعدت بشكل تشاركي عبر الإنترنت: 22 التزاما في خمسة محاور.",
        ),
    )
    c2021 = _commitments(
        p2021,
        data.COMMITMENTS_2021,
        _themes(p2021, data.THEMES_2021),
        administrations,
        values,
        {},
        start=datetime.date(2021, 9, 1),
        end=datetime.date(2023, 12, 31),
        due_dates=[datetime.date(2023, 6, 30)],
    )
    consultation_2021, _ = Consultation.objects.get_or_create(
        slug="co-creation-2021-2023",
        defaults={
            "plan": p2021,
            "title": "استشارة حول خطة العمل 2021-2023",
            "title_ar": "استشارة حول خطة العمل 2021-2023",
            "title_fr": "Consultation sur le plan d'action 2021-2023",
            "title_en": "Consultation on the 2021-2023 action plan",
            "description_fr": "Proposez les engagements du prochain plan ; chaque proposition reçoit une réponse motivée.",
            "description_en": "Propose the next plan's commitments; every proposal gets a reasoned answer.",
            "description_ar": "اقترحوا التزامات الخطة المقبلة؛ كل مقترح يتلقى جوابا معللا.",
            "description": "اقترحوا التزامات الخطة المقبلة؛ كل مقترح يتلقى جوابا معللا.",
            "opens_at": _aware(2021, 3, 1),
            "closes_at": _aware(2021, 5, 31),
        },
    )

    p2024 = _plan(
        "2024-2027",
        (
            "خطة العمل الوطنية 2024-2027",
            "Plan d'action national 2024-2027",
            "National action plan 2024-2027",
        ),
        (2024, 2027),
        ActionPlan.Status.IN_PROGRESS,
        (
            "Le plan en cours : 12 engagements, dont un portail unifié du gouvernement ouvert.",
            "The current plan: 12 commitments, including a unified open government portal.",
            "الخطة الجارية: 12 التزاما، من بينها بوابة موحدة للحكومة المنفتحة.",
        ),
    )
    c2024 = _commitments(
        p2024,
        data.COMMITMENTS_2024,
        _themes(p2024, data.THEMES_2024),
        administrations,
        values,
        ratings,
        start=datetime.date(2024, 9, 1),
        end=datetime.date(2027, 8, 31),
        due_dates=[],
    )
    consultation_2024, _ = Consultation.objects.get_or_create(
        slug="mid-term-2024-2027",
        defaults={
            "plan": p2024,
            "title": "مراجعة منتصف المدة لخطة 2024-2027",
            "title_ar": "مراجعة منتصف المدة لخطة 2024-2027",
            "title_fr": "Revue à mi-parcours du plan 2024-2027",
            "title_en": "Mid-term review of the 2024-2027 plan",
            "description_fr": "Quelles améliorations pour la seconde moitié du plan ?",
            "description_en": "What should improve in the second half of the plan?",
            "description_ar": "ما الذي ينبغي تحسينه في النصف الثاني من الخطة؟",
            "description": "ما الذي ينبغي تحسينه في النصف الثاني من الخطة؟",
            "opens_at": timezone.now() - datetime.timedelta(days=10),
            "closes_at": timezone.now() + datetime.timedelta(days=60),
        },
    )

    people, servant, staff = _users()
    _participation(
        c2018, c2024, people, servant, staff, consultation_2021, consultation_2024, c2021
    )
    if stdout:
        from .progress import plan_progress

        stdout.write(
            f"Action plans: 2018-2020 ({len(c2018)} commitments, {plan_progress(p2018).progress} % implemented), "
            f"2021-2023 ({len(c2021)}), 2024-2027 ({len(c2024)}); 2 consultations."
        )


# --- Links across apps (core.links), once every app's demo exists ---------------------------

# (registered model, how to find the demo object, commitment number of the 2024-2027 plan, kind)
DEMO_LINKS = [
    ("transparency.idea", {"title": "بوابة بالأمازيغية"}, 1, "about"),
    (
        "transparency.idea",
        {"title": "Publier les délais de réponse de chaque administration"},
        1,
        "about",
    ),
    (
        "petitions.petition",
        {"title": "Proposition de loi sur l'accès aux données ouvertes"},
        4,
        "about",
    ),
    ("petitions.petition", {"title": "Ligne de bus entre Settat et Berrechid"}, 3, "about"),
    ("opendata.dataset", {"export_key": "transparency-request-statistics"}, 1, "supports"),
    ("opendata.dataset", {"export_key": "action-plan-milestone-progress"}, 1, "supports"),
    ("opendata.dataset", {"export_key": "complaints-aggregates"}, 4, "supports"),
]


@transaction.atomic
def seed_links(stdout=None) -> None:
    """Ideas, petitions and datasets of the demo that point to commitments of the 2024-2027
    plan, made by OGP staff through core.links.create_link (what the pages and the admin use).
    Runs after every app's demo (order 200); a model or object that is absent is skipped, a
    link that exists is kept."""
    from django.contrib.auth import get_user_model

    from ogp_portal.accounts.roles import OGP_STAFF
    from ogp_portal.core import links
    from transparency.models import Commitment

    users = get_user_model().objects.filter(is_active=True)
    actor = (
        users.filter(groups__name=OGP_STAFF).order_by("pk").first()
        or users.filter(is_superuser=True).order_by("pk").first()
    )
    commitments = {
        c.number: c
        for c in Commitment.objects.public().filter(plan__slug="2024-2027").select_related("plan")
    }
    if actor is None or not commitments:
        if stdout:
            stdout.write("transparency-links: no OGP staff or no 2024-2027 plan, skipped.")
        return
    created = 0
    for label, lookup, number, kind in DEMO_LINKS:
        queryset = links.public_queryset(label)
        commitment = commitments.get(number)
        source = queryset.filter(**lookup).order_by("pk").first() if queryset is not None else None
        if source is None or commitment is None:
            continue
        if commitment in links.linked_objects(source, "transparency.commitment", public_only=False):
            continue
        links.create_link(source, commitment, actor=actor, kind=kind)
        created += 1
    if stdout:
        stdout.write(f"Links to commitments: {created} new.")
