"""Demo complaints: ~300 over the last 12 months across real administrations, every status
and channel, answers, ratings and reopenings; then the statistics snapshot.

Idempotent: categories and templates are get_or_create'd; complaints are created once
(bulk_create), marked by their fictitious example.org contact addresses.
"""

import datetime
import random

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

DEMO_COUNT = 300
DEMO_DOMAIN = "@demo.example.org"

# slug -> [(code suffix, name_ar, name_fr, name_en)]
CATEGORIES = {
    "ministere-sante": [
        ("accueil", "الاستقبال والانتظار", "Accueil et attente", "Reception and waiting"),
        ("medicaments", "توفر الأدوية", "Disponibilité des médicaments", "Medicine availability"),
        ("rendez-vous", "المواعيد", "Rendez-vous", "Appointments"),
    ],
    "ministere-interieur": [
        ("etat-civil", "الحالة المدنية", "État civil", "Civil registry"),
        ("cin", "البطاقة الوطنية", "Carte nationale", "National ID card"),
    ],
    "ministere-education-nationale": [
        ("inscription", "التسجيل المدرسي", "Inscription scolaire", "School enrolment"),
        ("transport-scolaire", "النقل المدرسي", "Transport scolaire", "School transport"),
    ],
    "cnss": [
        ("remboursement", "التعويضات", "Remboursements", "Reimbursements"),
        ("immatriculation", "التسجيل", "Immatriculation", "Registration"),
    ],
    "onee": [
        (
            "coupure",
            "انقطاع الماء أو الكهرباء",
            "Coupure d'eau ou d'électricité",
            "Water or power cut",
        ),
        ("facturation", "الفوترة", "Facturation", "Billing"),
    ],
    "commune-casablanca": [
        ("voirie", "الطرق", "Voirie", "Roads"),
        ("proprete", "النظافة", "Propreté", "Cleanliness"),
        ("eclairage", "الإنارة العمومية", "Éclairage public", "Street lighting"),
    ],
    "commune-rabat": [
        ("voirie", "الطرق", "Voirie", "Roads"),
        ("espaces-verts", "المساحات الخضراء", "Espaces verts", "Green spaces"),
    ],
    "ancfcc": [("certificat", "الشواهد العقارية", "Certificats fonciers", "Land certificates")],
    "oncf": [("retards", "تأخر القطارات", "Retards des trains", "Train delays")],
}

TEMPLATES = [
    (
        "positive",
        "Réponse favorable",
        "Votre réclamation {reference} (« {subject} ») a été examinée : le problème a été "
        "corrigé. Merci de nous l'avoir signalé.",
    ),
    (
        "partial",
        "Réponse partielle",
        "Votre réclamation {reference} a été examinée : une partie du problème a été corrigée, "
        "le reste est programmé.",
    ),
    (
        "negative",
        "Réponse défavorable",
        "Votre réclamation {reference} a été examinée : la demande ne peut pas être satisfaite "
        "au regard de la réglementation en vigueur.",
    ),
]

SUBJECTS = [
    ("Attente trop longue au guichet", "Plus de trois heures d'attente sans information."),
    ("طول الانتظار في الشباك", "انتظرت أكثر من ثلاث ساعات دون أي معلومة."),
    ("Document non délivré", "Le document demandé il y a un mois n'est toujours pas prêt."),
    ("ما زال الطريق محفورا", "الحفر في الشارع منذ شهرين ولم يتم إصلاحه."),
    (
        "Suggestion : prise de rendez-vous en ligne",
        "Il serait utile de prendre rendez-vous en ligne.",
    ),
    ("Coupure sans préavis", "Coupure de plus de 12 heures sans préavis dans le quartier."),
    ("Facture erronée", "La facture ne correspond pas à la consommation relevée."),
    ("لا يوجد دواء في المستوصف", "الدواء غير متوفر منذ أسبوعين في المركز الصحي."),
    ("Lampadaires en panne", "Toute la rue est dans le noir depuis dix jours."),
    ("Accueil désagréable", "L'agent a refusé de répondre à mes questions."),
]


def _align_administrations(Complaint) -> int:
    """Demo complaints seeded before categories implied their administration: give each one
    with a category that category's administration (and region), as filing would."""
    stale = list(
        Complaint.objects.filter(contact_email__endswith=DEMO_DOMAIN, category__isnull=False)
        .exclude(administration=models.F("category__administration"))
        .select_related("category__administration", "province")
    )
    for c in stale:
        c.administration = c.category.administration
        c.region_id = c.province.region_id if c.province_id else c.administration.region_id
    Complaint.objects.bulk_update(stale, ["administration", "region"], batch_size=500)
    return len(stale)


def seed(stdout) -> None:
    from ogp_portal.accounts.models import User
    from ogp_portal.core.models import TimelineEvent
    from ogp_portal.core.references import next_reference
    from ogp_portal.directory.models import Administration, Province

    from .analytics import compute_snapshot
    from .models import Category, Complaint, ComplaintPolicy, ResponseTemplate

    policy = ComplaintPolicy.current()
    administrations = {a.slug: a for a in Administration.objects.filter(slug__in=CATEGORIES)}
    if not administrations:
        stdout.write("complaints: no demo administrations (run the directory demo first).")
        return
    categories = []
    for slug, rows in CATEGORIES.items():
        administration = administrations.get(slug)
        if administration is None:
            continue
        for order, (suffix, ar, fr, en) in enumerate(rows):
            category, _created = Category.objects.get_or_create(
                code=f"{slug}-{suffix}",
                defaults={
                    "administration": administration,
                    "name": fr,
                    "name_ar": ar,
                    "name_fr": fr,
                    "name_en": en,
                    "order": order,
                },
            )
            categories.append(category)
        for outcome, title, body in TEMPLATES:
            ResponseTemplate.objects.get_or_create(
                administration=administration,
                title=title,
                defaults={"outcome": outcome, "body": body},
            )

    existing = Complaint.objects.filter(contact_email__endswith=DEMO_DOMAIN).count()
    citizen = User.objects.filter(email="citizen@example.org").first()
    _align_administrations(Complaint)
    if existing >= DEMO_COUNT:
        compute_snapshot()
        stdout.write(
            f"complaints: {existing} demo complaints already there; statistics recomputed."
        )
        return

    rng = random.Random(2026)
    provinces = list(Province.objects.select_related("region"))
    officer = User.objects.filter(email="complaints.officer@example.org").first()
    agent = User.objects.filter(email="call.centre@example.org").first()
    now = timezone.now()
    channels = ["web"] * 55 + ["phone"] * 25 + ["counter"] * 10 + ["mail"] * 5 + ["open311"] * 5
    kinds = ["complaint"] * 70 + ["observation"] * 20 + ["suggestion"] * 10
    S = Complaint.Status
    complaints = []
    for i in range(existing, DEMO_COUNT):
        category = rng.choice(categories)
        administration = category.administration
        age_days = rng.randint(0, 364)
        received = now - datetime.timedelta(days=age_days, hours=rng.randint(0, 23))
        subject, description = rng.choice(SUBJECTS)
        province = rng.choice(provinces) if provinces and rng.random() < 0.7 else None
        channel = rng.choice(channels)
        c = Complaint(
            reference=next_reference("CPL", year=timezone.localtime(received).year),
            kind=rng.choice(kinds),
            channel=channel,
            category=category,
            administration=administration,
            subject=subject,
            description=description,
            province=province,
            region_id=province.region_id if province else administration.region_id,
            complainant=citizen if citizen and i % 30 == 0 else None,
            contact_name=f"Citoyen démo {i + 1}",
            contact_email=f"plaignant{i + 1}{DEMO_DOMAIN}",
            contact_phone=f"+2126000{i + 1:05d}",
            contact_preference="sms" if channel == "phone" else "email",
            language=rng.choice(["ar", "ar", "fr"]),
            filed_by=agent if channel == "phone" else None,
            received_at=received,
        )
        c.forward_due = timezone.localdate(received) + datetime.timedelta(days=policy.forward_days)
        c.answer_due = timezone.localdate(received) + datetime.timedelta(days=policy.answer_days)
        roll = rng.random()
        if age_days < 5 or roll < 0.06:
            c.status = S.RECEIVED
            unsorted = rng.random() >= 0.5
            if unsorted and channel != "open311":
                # The citizen did not know where to turn: no administration, so no category
                # (a category always implies its administration); triage will sort it.
                # An Open311 request always names its service, hence its administration.
                c.administration = c.category = None
                c.region_id = province.region_id if province else None
        elif roll < 0.10:
            c.status = S.REJECTED
            c.rejection_reason = rng.choice(Complaint.RejectionReason.values)
            c.rejection_note = "Réclamation hors du champ du portail."
            c.closed_at = received + datetime.timedelta(days=rng.randint(1, 10))
        else:
            c.forwarded_at = min(received + datetime.timedelta(days=rng.randint(1, 22)), now)
            if age_days < 30 or roll < 0.25:
                c.status = rng.choice([S.FORWARDED, S.IN_PROGRESS])
            else:
                answered = received + datetime.timedelta(days=rng.randint(12, 85))
                answered = min(answered, now - datetime.timedelta(days=1))
                answered = max(answered, c.forwarded_at)
                outcome = rng.choice(["positive", "positive", "partial", "negative"])
                c.status = S.ANSWERED
                c.answer_outcome = outcome
                c.answer_text = {o: b for o, _t, b in TEMPLATES}[outcome].format(
                    reference=c.reference, subject=c.subject
                )
                c.answered_at = c.first_answered_at = answered
                c.answered_by = officer if administration.slug == "ministere-sante" else None
                if rng.random() < 0.6:
                    c.resolved = outcome != "negative" and rng.random() < 0.8
                    c.rating = rng.choice([4, 5]) if c.resolved else rng.choice([1, 2, 3])
                    c.rated_at = answered + datetime.timedelta(days=2)
                if rng.random() < 0.12:
                    c.status = S.REOPENED
                    c.reopened_count = 1
                    c.reopened_at = answered + datetime.timedelta(days=3)
                    c.reopen_reason = "Le problème est revenu."
                    c.answer_due = timezone.localdate(c.reopened_at) + datetime.timedelta(
                        days=policy.answer_days
                    )
                elif age_days > 60 and rng.random() < 0.6:
                    c.status = S.CLOSED
                    c.closed_at = answered + datetime.timedelta(days=policy.reopen_days)
        complaints.append(c)
    Complaint.objects.bulk_create(complaints, batch_size=500)
    # Timeline events, so each demo complaint's tracking page tells its story.
    ct = ContentType.objects.get_for_model(Complaint)
    created = Complaint.objects.filter(reference__in=[c.reference for c in complaints])
    events = []
    for c in created:

        def event(kind, when, to_status, from_status="", role="", note="", c=c):
            events.append(
                TimelineEvent(
                    content_type=ct,
                    object_id=str(c.pk),
                    kind=kind,
                    actor_role=role,
                    from_status=from_status,
                    to_status=to_status,
                    note=note,
                )
            )
            events[-1]._when = when

        event("filed", c.received_at, S.RECEIVED, role="complainant")
        if c.status == S.REJECTED:
            event("rejected", c.closed_at, S.REJECTED, S.RECEIVED, "triage")
        if c.forwarded_at:
            event("forwarded", c.forwarded_at, S.FORWARDED, S.RECEIVED, "triage")
        if c.first_answered_at:
            event("answered", c.first_answered_at, S.ANSWERED, S.FORWARDED, "complaints officer")
        if c.reopened_at:
            event("reopened", c.reopened_at, S.REOPENED, S.ANSWERED, "complainant")
        if c.status == S.CLOSED:
            event("closed", c.closed_at, S.CLOSED, S.ANSWERED, "portal")
    TimelineEvent.objects.bulk_create(events, batch_size=1000)
    # created_at is auto_now_add: set the story's real dates afterwards.
    for e in events:
        e.created_at = e._when
    TimelineEvent.objects.bulk_update(events, ["created_at"], batch_size=1000)
    snapshot = compute_snapshot()
    stdout.write(
        f"complaints: {len(complaints)} demo complaints, {len(categories)} categories; "
        f"statistics over {snapshot.total} complaints."
    )
