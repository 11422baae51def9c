"""Demo data of the co-evaluation, on the current plan (2024-2027, seeded by the plan demo):

- a closed "first-year review" window and an open "mid-term review" window;
- fourteen fictitious assessors (``*.demo@example.org``), some dozens of assessments;
- one verified organisation (and one request awaiting OGP staff);
- commitment 2 contested in the open window (the official roll-up says substantial, the
  public says not started), with its public "contested" event; commitment 1 answered by its
  lead administration through the service (the reply shows in its history).

Idempotent: windows, organisations and assessments are matched on their keys. Assessments are
written directly (the closed window no longer accepts any through the services); the contested
events and the reply go through transparency.coeval.services.
"""

import datetime

from django.db import transaction
from django.utils import timezone

ASSESSORS = [
    ("amal.demo@example.org", "Amal Berrada (demo)"),
    ("hamza.demo@example.org", "Hamza El Idrissi (demo)"),
    ("zineb.demo@example.org", "Zineb Ouazzani (demo)"),
    ("yassine.demo@example.org", "Yassine Lahlou (demo)"),
    ("khadija.demo@example.org", "Khadija Naciri (demo)"),
    ("omar.demo@example.org", "Omar Bennani (demo)"),
    ("salwa.demo@example.org", "Salwa Tahiri (demo)"),
    ("karim.demo@example.org", "Karim Sefrioui (demo)"),
    ("nora.demo@example.org", "Nora Amrani (demo)"),
    ("driss.demo@example.org", "Driss Kabbaj (demo)"),
    ("leila.demo@example.org", "Leila Chafik (demo)"),
    ("mehdi.demo@example.org", "Mehdi Alami (demo)"),
    ("rachida.demo@example.org", "Rachida Filali (demo)"),
    ("anas.demo@example.org", "Anas Guessous (demo)"),
]

ORGANISATION = (
    "Collectif Maroc Gouvernement Ouvert (démo)",
    "DEMO-RABAT-2016-0042",
    "https://example.org/collectif-demo",
)
PENDING_ORGANISATION = ("Association Chabab Tanmia (démo)", "DEMO-FES-2012-0117", "")

# Per commitment number: completion codes and early-results codes, in assessor order, and the
# justifications (citizens write in their own language).
OPEN_WINDOW = {
    1: (
        [
            "substantial",
            "substantial",
            "limited",
            "substantial",
            "complete",
            "limited",
            "substantial",
            "substantial",
            "limited",
            "substantial",
        ],
        [
            "marginal",
            "major",
            "marginal",
            "marginal",
            "major",
            "did_not_change",
            "marginal",
            "major",
            "marginal",
            "marginal",
        ],
    ),
    2: (
        [
            "not_started",
            "not_started",
            "limited",
            "not_started",
            "not_started",
            "not_started",
            "limited",
            "not_started",
            "not_started",
            "not_started",
            "limited",
        ],
        [
            "did_not_change",
            "did_not_change",
            "marginal",
            "did_not_change",
            "did_not_change",
            "worsened",
            "did_not_change",
            "did_not_change",
            "did_not_change",
            "did_not_change",
            "marginal",
        ],
    ),
    3: (
        [
            "limited",
            "limited",
            "not_started",
            "limited",
            "limited",
            "substantial",
            "limited",
            "limited",
        ],
        [
            "marginal",
            "did_not_change",
            "did_not_change",
            "marginal",
            "marginal",
            "major",
            "marginal",
            "did_not_change",
        ],
    ),
    4: (
        ["not_started", "not_started", "not_started", "limited", "not_started"],
        ["did_not_change", "did_not_change", "did_not_change", "marginal", "did_not_change"],
    ),
}
CLOSED_WINDOW = {
    1: (
        ["limited", "limited", "substantial", "limited", "limited", "not_started"],
        ["marginal", "did_not_change", "marginal", "marginal", "marginal", "did_not_change"],
    ),
    2: (
        ["limited", "not_started", "limited", "limited", "not_started"],
        ["did_not_change", "did_not_change", "marginal", "did_not_change", "did_not_change"],
    ),
    3: (
        ["not_started", "limited", "not_started", "not_started"],
        ["did_not_change", "did_not_change", "did_not_change", "marginal"],
    ),
}
JUSTIFICATIONS = {
    "not_started": [
        "Le tableau de bord annoncé n'est toujours pas en ligne : rien n'est visible pour les citoyens.",
        "لم نلاحظ أي نتيجة ملموسة إلى حدود اليوم، ولا توجد أي وثيقة منشورة حول هذا الالتزام.",
        "We asked for the follow-up documents through an information request and got no answer.",
    ],
    "limited": [
        "Quelques documents ont été publiés, mais l'essentiel des jalons reste à faire.",
        "هناك بداية عمل لكن المشاركة المواطنة ما زالت محدودة جدا في الجهات.",
        "A first step was taken, but the published data is incomplete and hard to reuse.",
    ],
    "substantial": [
        "La version bêta fonctionne et les formulaires sont utilisables en arabe et en français.",
        "تم إطلاق النسخة التجريبية ويمكن استعمالها فعلا، لكن بعض الخدمات غير متوفرة بعد.",
        "Most milestones are visible online; the evaluation of use is still missing.",
    ],
    "complete": [
        "Tout ce qui était promis est en ligne, et les demandes reçoivent une réponse dans les délais.",
    ],
}


def _aware(days: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def _assessors():
    from ogp_portal.accounts.models import User

    users = []
    for email, name in ASSESSORS:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        users.append(user)
    return users


def _window(plan, label, opens, closes):
    from transparency.models import AssessmentWindow

    ar, fr, en = label
    window, _created = AssessmentWindow.objects.get_or_create(
        plan=plan,
        label_fr=fr,
        defaults={"label_ar": ar, "label_en": en, "opens_at": opens, "closes_at": closes},
    )
    return window


def _assess(window, commitments, spec, users, levels, organisation, member, when):
    from transparency.models import Assessment, AssessmentEvidence

    created = 0
    for number, (completion_codes, early_codes) in spec.items():
        commitment = commitments.get(number)
        if commitment is None:
            continue
        for index, (completion, early) in enumerate(
            zip(completion_codes, early_codes, strict=True)
        ):
            # The organisation's member first, then a different set of people per commitment.
            author = users[0] if index == 0 else users[(index + number) % (len(users) - 1) + 1]
            texts = JUSTIFICATIONS[completion]
            assessment, was_created = Assessment.objects.get_or_create(
                window=window,
                commitment=commitment,
                author=author,
                defaults={
                    "completion": levels["completion"][completion],
                    "early_results": levels["early_results"][early],
                    "justification": texts[(index + number) % len(texts)],
                    "name_display": "full" if index % 3 == 0 else "initials",
                    "organisation": organisation if author == member else None,
                },
            )
            if was_created:
                created += 1
                Assessment.objects.filter(pk=assessment.pk).update(
                    created_at=when + datetime.timedelta(hours=5 * index + number),
                    updated_at=when + datetime.timedelta(hours=5 * index + number),
                )
                if index % 4 == 0:
                    AssessmentEvidence.objects.create(
                        assessment=assessment,
                        url=f"https://www.gouvernement-ouvert.ma/engagements/{commitment.plan.slug}/{number}",
                    )
    return created


REPLY = (
    "Merci pour vos évaluations. Le portail unifié est en version bêta : les demandes "
    "d'information, le plan d'action et les pétitions y sont réunis. L'évaluation de l'usage "
    "commencera au premier semestre 2027."
)


def _backdate(event, moment) -> None:
    from ogp_portal.core.models import TimelineEvent

    moment = min(moment, timezone.now())
    TimelineEvent.objects.filter(pk=event.pk).update(created_at=moment)


def _last_assessed(window, commitment):
    from django.db.models import Max

    from transparency.models import Assessment

    last = Assessment.objects.filter(window=window, commitment=commitment).aggregate(
        last=Max("created_at")
    )["last"]
    return last or window.opens_at


def _reply(commitment, window, actor) -> None:
    """The lead administration's reply through the service, so that the commitment's history
    shows it. A reply written directly by an older demo (no event) is written again."""
    from ogp_portal.core.models import TimelineEvent
    from transparency.models import AssessmentReply

    from . import services

    replied = (
        TimelineEvent.objects.for_object(commitment)
        .filter(kind__in=["assessment_replied", "assessment_reply_updated"])
        .exists()
    )
    if replied or actor is None:
        return
    AssessmentReply.objects.filter(window=window, commitment=commitment).delete()
    reply = services.reply_to_assessments(commitment, actor=actor, window=window, text=REPLY)
    moment = window.closes_at + datetime.timedelta(days=9)
    AssessmentReply.objects.filter(pk=reply.pk).update(created_at=moment, updated_at=moment)
    event = TimelineEvent.objects.for_object(commitment).filter(kind="assessment_replied").last()
    _backdate(event, moment)


@transaction.atomic
def seed(stdout=None) -> None:
    from django.contrib.auth import get_user_model

    from transparency.models import (
        ActionPlan,
        ContestedFlag,
        IrmRating,
        Organisation,
        OrganisationMembership,
    )

    from . import services
    from .aggregates import commitment_views

    plan = ActionPlan.objects.filter(slug="2024-2027").first()
    if plan is None or not plan.commitments.exists():
        if stdout:
            stdout.write("transparency-coeval: no 2024-2027 plan, skipped (run the plan seeder).")
        return
    levels: dict = {}
    for level in IrmRating.objects.filter(scale__in=["completion", "early_results"]):
        levels.setdefault(level.scale, {})[level.code] = level
    users = _assessors()
    commitments = {c.number: c for c in plan.commitments.select_related("lead_administration")}

    staff = get_user_model().objects.filter(is_superuser=True).first()
    from ogp_portal.accounts.roles import OGP_STAFF

    staff = get_user_model().objects.filter(groups__name=OGP_STAFF).first() or staff

    name, number, website = ORGANISATION
    organisation, _created = Organisation.objects.get_or_create(
        registration_number=number, defaults={"name": name, "website": website}
    )
    member = users[0]
    OrganisationMembership.objects.get_or_create(
        organisation=organisation,
        user=member,
        defaults={
            "role": "Coordinatrice",
            "status": OrganisationMembership.Status.VERIFIED,
            "decided_at": _aware(-40),
            "decided_by": staff,
            "decision_note": "Récépissé vérifié.",
        },
    )
    name, number, website = PENDING_ORGANISATION
    pending, _created = Organisation.objects.get_or_create(
        registration_number=number, defaults={"name": name, "website": website}
    )
    OrganisationMembership.objects.get_or_create(
        organisation=pending, user=users[1], defaults={"role": "Président"}
    )

    closed = _window(
        plan,
        ("مراجعة السنة الأولى", "Revue de la première année", "First-year review"),
        _aware(-300),
        _aware(-240),
    )
    opened = _window(
        plan,
        ("مراجعة منتصف المدة", "Revue à mi-parcours", "Mid-term review"),
        _aware(-12),
        _aware(48),
    )
    created = _assess(
        closed, commitments, CLOSED_WINDOW, users, levels, organisation, member, closed.opens_at
    )
    created += _assess(
        opened, commitments, OPEN_WINDOW, users, levels, organisation, member, opened.opens_at
    )

    servant = get_user_model().objects.filter(email="civil.servant@example.org").first()
    first = commitments.get(1)
    if first is not None:
        _reply(first, closed, servant or staff)
    for window in (closed, opened):
        for commitment in commitments.values():
            views = commitment_views(commitment, window)
            if not views.contested:
                continue
            flag, _flagged = ContestedFlag.objects.get_or_create(
                window=window,
                commitment=commitment,
                defaults={
                    "official_step": views.official_step,
                    "official_progress": views.official_progress,
                    "public_median": views.completion.median,
                    "count": views.count,
                },
            )
            if flag.event_id is None:
                # Public, as the services record it (flags of older demos had a private one).
                ContestedFlag.objects.filter(pk=flag.pk).update(
                    official_step=views.official_step,
                    official_progress=views.official_progress,
                    public_median=views.completion.median,
                    count=views.count,
                )
                flag.refresh_from_db()
                event = services.record_contested(flag)
                _backdate(event, _last_assessed(window, commitment))
    if stdout:
        contested = ContestedFlag.objects.filter(window__plan=plan).count()
        stdout.write(
            f"Co-evaluation: 2 windows on {plan.slug} (one open), {created} new assessments, "
            f"1 verified organisation, {contested} contested commitment(s)."
        )
