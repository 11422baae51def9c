"""Demo petitions in every state, with committees and thousands of signatures (fictitious).

Built through the services; signatures are bulk-inserted and counted by the counting code.
Idempotent: a petition whose title exists is skipped.
"""

import datetime
import random
from contextlib import contextmanager

from django.db import connection, transaction
from django.utils import timezone

from ogp_portal.directory.models import Administration, Commune, Province, Region

from . import counting, identity, services
from .models import Petition, Signature, Theme
from .thresholds import ensure_default_rules

S = Petition.Status
K = Petition.Kind
FIRST_NAMES = ["Salma", "Youssef", "Khadija", "Omar", "Fatima", "Hamza", "Imane", "Anas", "Meryem", "Ayoub",
               "Hajar", "Mehdi", "Sara", "Reda", "Nouhaila", "Ilyas"]  # fmt: skip

# (title, text, kind, addressee slug, territory (level, code), theme, target status, signatures)
PETITIONS = [
    ("تعميم المطاعم المدرسية في المدارس القروية", "نطالب بتعميم المطاعم المدرسية في جميع المدارس القروية لضمان تمدرس الفتيات والفتيان.",
     K.NATIONAL_PETITION, "chef-du-gouvernement", None, Theme.EDUCATION, S.COLLECTING, 2650),
    ("Gratuité des transports scolaires en milieu rural", "Nous demandons la gratuité du transport scolaire pour les élèves des communes rurales.",
     K.NATIONAL_PETITION, "chef-du-gouvernement", None, Theme.TRANSPORT, S.COLLECTING, 1320),
    ("إحداث مراكز صحية للقرب في المناطق الجبلية", "نطالب بإحداث مراكز صحية للقرب مجهزة في المناطق الجبلية النائية.",
     K.NATIONAL_PETITION, "chambre-representants", None, Theme.HEALTH, S.COLLECTING, 3540),
    ("Proposition de loi sur l'accès aux données ouvertes", "Une proposition de loi pour publier par défaut les données publiques dans des formats ouverts.",
     K.LEGISLATIVE_MOTION, "chambre-conseillers", None, Theme.GOVERNANCE, S.COLLECTING, 5200),
    ("Ligne de bus entre Settat et Berrechid", "Nous demandons au conseil régional une ligne de bus régulière entre Settat et Berrechid.",
     K.LOCAL_PETITION, "conseil-region-casablanca-settat", ("region", "06"), Theme.TRANSPORT, S.COLLECTING, 380),
    ("تهيئة المساحات الخضراء بحي يعقوب المنصور", "نطالب مجلس جماعة الرباط بتهيئة المساحات الخضراء وصيانتها.",
     K.LOCAL_PETITION, "commune-rabat", ("commune", "rabat"), Theme.URBAN, S.COLLECTING, 240),
    ("Protection des nappes phréatiques du Souss", "Nous demandons un plan régional de protection des nappes phréatiques.",
     K.LOCAL_PETITION, "conseil-region-souss-massa", ("region", "09"), Theme.WATER_ENVIRONMENT, S.GOAL_REACHED, 520),
    ("توفير سيارات الإسعاف في الجماعات القروية", "نطالب بتوفير سيارات إسعاف مجهزة لكل جماعة قروية.",
     K.NATIONAL_PETITION, "chef-du-gouvernement", None, Theme.HEALTH, S.GOAL_REACHED, 4120),
    ("Création d'un conservatoire de musique à Kénitra", "Nous demandons un conservatoire public de musique et d'arts à Kénitra.",
     K.LOCAL_PETITION, "conseil-provincial-kenitra", ("province", "nitra"), Theme.CULTURE, S.FILED, 330),
    ("دعم الشباب حاملي المشاريع", "نطالب ببرنامج وطني لمواكبة الشباب حاملي المشاريع وتمويلهم.",
     K.NATIONAL_PETITION, "chef-du-gouvernement", None, Theme.EMPLOYMENT, S.UNDER_REVIEW, 4300),
    ("Éclairage public dans les quartiers périphériques de Fès", "Nous demandons l'éclairage des quartiers périphériques de Fès.",
     K.LOCAL_PETITION, "commune-fes", ("commune", "fès"), Theme.URBAN, S.ADMISSIBLE, 450),
    ("Pension pour les aidants familiaux", "Nous demandons une allocation pour les aidants de personnes en situation de handicap.",
     K.NATIONAL_PETITION, "chef-du-gouvernement", None, Theme.SOCIAL, S.ANSWERED, 4480),
    ("تأهيل الطريق الإقليمية بين الجديدة وسيدي بنور", "نطالب بتأهيل الطريق الإقليمية وتوسيعها.",
     K.LOCAL_PETITION, "conseil-provincial-el-jadida", ("province", "jadida"), Theme.TRANSPORT, S.ANSWERED, 310),
    ("Interdiction d'un parti politique", "Texte contraire aux choix démocratiques.",
     K.NATIONAL_PETITION, "chef-du-gouvernement", None, Theme.OTHER, S.REJECTED, 0),
    ("Réforme du calendrier des examens", "Déplacer les examens régionaux après le Ramadan.",
     K.NATIONAL_PETITION, "chambre-representants", None, Theme.EDUCATION, S.INADMISSIBLE, 4050),
    ("سوق أسبوعي منظم في مراكش", "نطالب بتنظيم السوق الأسبوعي وتوفير المرافق الصحية.",
     K.LOCAL_PETITION, "conseil-prefectoral-marrakech", ("province", "marrakech"), Theme.AGRICULTURE, S.EXPIRED, 140),
    ("Piscine municipale couverte à Tanger", "Nous demandons une piscine couverte ouverte toute l'année.",
     K.LOCAL_PETITION, "commune-tanger", ("commune", "tanger"), Theme.CULTURE, S.CLOSED, 90),
    ("Bibliothèques de quartier ouvertes le soir", "Ouvrir les bibliothèques jusqu'à 21 h.",
     K.NATIONAL_PETITION, "chef-du-gouvernement", None, Theme.CULTURE, S.SUBMITTED, 0),
    ("رقمنة الخدمات الجماعية بالدار البيضاء", "نطالب برقمنة جميع الخدمات الجماعية.",
     K.LOCAL_PETITION, "commune-casablanca", ("commune", "casablanca"), Theme.GOVERNANCE, S.COMMITTEE_FORMING, 0),
    ("Protection du littoral de Dakhla", "Un plan de protection du littoral et des activités de pêche.",
     K.LOCAL_PETITION, "conseil-region-dakhla-oued-ed-dahab", ("region", "12"), Theme.WATER_ENVIRONMENT, S.DRAFT, 0),
]  # fmt: skip


def _user(email, name, **extra):
    from allauth.account.models import EmailAddress

    from ogp_portal.accounts.models import User

    user, created = User.objects.get_or_create(email=email, defaults={"full_name": name, **extra})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _staff(email, role, fallback_name):
    from django.contrib.auth.models import Group

    from ogp_portal.accounts.models import User

    user = User.objects.filter(email=email).first()
    if user is None:
        user = _user(email, fallback_name, is_staff=True)
        user.groups.add(Group.objects.get(name=role))
    return user


def _territory(spec):
    if spec is None:
        return {}
    level, key = spec
    if level == "region":
        return {"region": Region.objects.get(code=key)}
    if level == "province":
        province = Province.objects.filter(name_fr__icontains=key).order_by("code").first()
        return {"province": province, "region": province.region}
    commune = (
        Commune.objects.filter(name_fr__iexact=key).first()
        or Commune.objects.filter(name_fr__icontains=key).order_by("-population_2024").first()
    )
    return {"commune": commune, "province": commune.province, "region": commune.province.region}


def _signatures(petition, n, rng, provinces, start):
    """n confirmed signatures spread over provinces (weighted by population)."""
    weights = [max(p.population_2024, 1) for p in provinces]
    chosen = rng.choices(provinces, weights=weights, k=n)
    if petition.per_province_minimum:
        # Local regional petitions: make sure every province is represented.
        chosen[: len(provinces) * petition.per_province_minimum] = [
            p for p in provinces for _ in range(petition.per_province_minimum)
        ][:n]
    ops = connection.ops
    rows = []
    for i, province in enumerate(chosen):
        at = ops.adapt_datetimefield_value(
            start + datetime.timedelta(seconds=rng.randint(0, 20 * 24 * 3600))
        )
        shown = i % 3 == 0
        rows.append((
            petition.pk, identity.cin_hash(f"DM{petition.pk:03d}{i:05d}"), province.region_id, province.pk,
            shown, rng.choice(FIRST_NAMES) if shown else "", at, at,
        ))  # fmt: skip
    # executemany: bulk_create splits into ~70-row statements on SQLite, far too slow here.
    table = ops.quote_name(Signature._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (petition_id, cin_hash, region_id, province_id, show_first_name, "  # noqa: S608
            "public_first_name, created_at, confirmed_at, full_name, email, notify_progress, invalidated, "
            "invalidation_reason) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, '', '', false, false, '')",
            rows,
        )


def _advance(petition, target, actors, rng):
    agent, moderator = actors["agent"], actors["moderator"]
    if target in (S.DRAFT,):
        return
    members = []
    for i in range(4):
        email = f"petitions.member{petition.pk}.{i}@example.org"
        members.append(
            _user(
                email,
                f"{rng.choice(FIRST_NAMES)} {rng.choice(['Alaoui', 'Bennani', 'Tazi', 'Idrissi'])} (demo)",
            )
        )
    for i, person in enumerate(members):
        role = "deputy" if i == 0 else "member"
        member = services.invite_member(petition, actor=agent, email=person.email, role=role)
        if target == S.COMMITTEE_FORMING and i >= 2:
            continue
        services.accept_invitation(member, actor=person, show_name=i < 2)
    if target == S.COMMITTEE_FORMING:
        return
    services.submit_for_moderation(petition, actor=agent)
    if target == S.SUBMITTED:
        return
    if target == S.REJECTED:
        services.reject(
            petition,
            actor=moderator,
            reason="against_constants",
            note="La pétition remet en cause les choix démocratiques.",
        )
        return
    services.publish(petition, actor=moderator)


@contextmanager
def _quiet_notifications():
    """Demo committees live at example.org: no point rendering and sending their emails."""
    original = services.notify
    services.notify = lambda *args, **kwargs: None
    try:
        yield
    finally:
        services.notify = original


def seed(stdout) -> None:
    with _quiet_notifications():
        _seed(stdout)


def _seed(stdout) -> None:
    ensure_default_rules()
    rng = random.Random(2026)
    agent = _user("citizen@example.org", "Salma Benali (demo)")
    actors = {
        "agent": agent,
        "moderator": _staff("moderator@example.org", "moderator", "Mehdi Fassi (demo)"),
        "staff": _staff("ogp.staff@example.org", "ogp_staff", "Imane Kettani (demo)"),
    }
    all_provinces = list(Province.objects.with_council())
    created = total = 0
    for title, text, kind, slug, territory, theme, target, n in PETITIONS:
        addressee = Administration.objects.filter(slug=slug).first()
        if addressee is None or Petition.objects.filter(title=title).exists():
            continue
        where = _territory(territory)
        with transaction.atomic():
            petition = services.create_draft(
                actor=agent,
                kind=kind,
                addressee=addressee,
                theme=theme,
                title=title,
                text=text,
                memo=text + "\n\n" + "Mémoire détaillé (démo).",
                confirms_general_interest=True,
                confirms_constants=True,
                confirms_no_court_case=True,
                confirms_not_discriminatory=True,
                **where,
            )
            _advance(petition, target, actors, rng)
        petition.refresh_from_db()
        created += 1
        if petition.status != S.COLLECTING:
            continue
        # Back-date publication so that collection periods look lived in.
        start = timezone.now() - datetime.timedelta(days=25)
        Petition.objects.filter(pk=petition.pk).update(published_at=start)
        provinces = (
            list(petition.region.provinces.with_council()) if petition.region_id else all_provinces
        )
        if petition.province_id:
            provinces = [petition.province]
        _signatures(petition, n, rng, provinces, start)
        total += n
        counting.count_petition(petition.pk, timezone.now())
        petition.refresh_from_db()
        _finish(petition, target, actors)
    stdout.write(f"Petitions: {created} created, {total} signatures.")


def _finish(petition, target, actors):
    agent, staff = actors["agent"], actors["staff"]
    if target == S.EXPIRED:
        Petition.objects.filter(pk=petition.pk).update(
            collection_ends_on=timezone.localdate() - datetime.timedelta(days=1)
        )
        services.expire(petition)
        return
    if target == S.CLOSED:
        services.close(petition, actor=staff, note="Retirée à la demande du comité.")
        return
    if target in (S.COLLECTING,) or petition.status != S.GOAL_REACHED:
        return
    if target == S.GOAL_REACHED:
        return
    services.file_petition(petition, actor=agent)
    if target == S.FILED:
        return
    services.start_review(petition, actor=staff)
    if target == S.UNDER_REVIEW:
        return
    if target == S.INADMISSIBLE:
        services.rule_admissibility(
            petition,
            actor=staff,
            admissible=False,
            note="La question relève de la compétence d'une autre autorité.",
        )
        return
    services.rule_admissibility(petition, actor=staff, admissible=True)
    if target == S.ANSWERED:
        services.publish_response(
            petition,
            actor=staff,
            text="Le gouvernement a examiné la pétition et inscrit la mesure au programme de l'année prochaine. "
            "Un calendrier de mise en œuvre sera publié.",
        )
