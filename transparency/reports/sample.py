"""A synthetic action plan of a given size, for the benchmark and the report tests.

``sample_plan(commitments=22, milestones=150)`` creates a plan with five themes (those of the
2021-2023 plan), trilingual titles and texts, lead and partner administrations, IRM ratings,
milestones spread over the commitments (some late) and published progress updates. Never
called by the portal itself.
"""

from datetime import date, timedelta

from django.utils import timezone

from ogp_portal.directory.models import Administration
from transparency.models import (
    ActionPlan,
    Commitment,
    IrmRating,
    Milestone,
    OgpValue,
    ProgressUpdate,
    Theme,
)

THEMES = [
    ("transparency", "الشفافية والخدمات العمومية", "Transparence et services publics",
     "Transparency and public services"),
    ("equality", "المساواة والإدماج", "Égalité et inclusion", "Equality and inclusion"),
    ("justice", "العدالة المنفتحة", "Justice ouverte", "Open justice"),
    ("participation", "المشاركة المواطنة", "Participation citoyenne", "Citizen participation"),
    ("local", "الجماعات الترابية المنفتحة", "Collectivités territoriales ouvertes",
     "Open local communities"),
]  # fmt: skip

TOPICS = [
    ("الحق في الحصول على المعلومات", "droit d'accès à l'information", "right to information"),
    ("الأرشيف العمومي", "archives publiques", "public archives"),
    ("البيانات المفتوحة", "données ouvertes", "open data"),
    ("الميزانية المفتوحة", "budget ouvert", "open budget"),
    ("الشكايات", "réclamations", "complaints"),
    ("العرائض الإلكترونية", "pétitions en ligne", "online petitions"),
    ("النزاهة", "intégrité", "integrity"),
    ("تمويل الجمعيات", "financement des associations", "funding of associations"),
]

MILESTONE_STEPS = [
    ("إعداد الإطار القانوني", "Préparer le cadre juridique", "Prepare the legal framework"),
    ("تكوين الموظفين", "Former les fonctionnaires", "Train civil servants"),
    ("إطلاق المنصة", "Lancer la plateforme", "Launch the platform"),
    ("حملة تحسيسية", "Campagne de sensibilisation", "Awareness campaign"),
    ("نشر التقرير السنوي", "Publier le rapport annuel", "Publish the annual report"),
    ("تقييم النتائج", "Évaluer les résultats", "Evaluate the results"),
    ("إشراك المجتمع المدني", "Associer la société civile", "Involve civil society"),
]

STATUSES = [
    (Milestone.Status.COMPLETED, 100),
    (Milestone.Status.IN_PROGRESS, 60),
    (Milestone.Status.IN_PROGRESS, 30),
    (Milestone.Status.NOT_STARTED, 0),
]


def _administrations(count: int) -> list[Administration]:
    result = []
    for n in range(1, count + 1):
        admin, _created = Administration.objects.get_or_create(
            slug=f"sample-administration-{n}",
            defaults={
                "name": f"الإدارة النموذجية {n}",
                "name_ar": f"الإدارة النموذجية {n}",
                "name_fr": f"Administration exemple {n}",
                "name_en": f"Sample administration {n}",
                "kind": Administration.Kind.MINISTRY,
            },
        )
        result.append(admin)
    return result


def sample_plan(
    *,
    slug: str = "sample-plan",
    commitments: int = 22,
    milestones: int = 150,
    updates_per_commitment: int = 2,
    today: date | None = None,
) -> ActionPlan:
    today = today or timezone.localdate()
    plan = ActionPlan.objects.create(
        slug=slug,
        title="خطة العمل الوطنية النموذجية",
        title_ar="خطة العمل الوطنية النموذجية",
        title_fr="Plan d'action national exemple",
        title_en="Sample national action plan",
        start_year=today.year - 1,
        end_year=today.year + 1,
        status=ActionPlan.Status.IN_PROGRESS,
    )
    themes = [
        Theme.objects.create(
            plan=plan, slug=code, name=ar, name_ar=ar, name_fr=fr, name_en=en, order=i
        )
        for i, (code, ar, fr, en) in enumerate(THEMES)
    ]
    admins = _administrations(8)
    ratings = {
        scale: list(IrmRating.objects.filter(scale=scale).order_by("order"))
        for scale in IrmRating.Scale.values
    }
    values = list(OgpValue.objects.all())
    start = date(today.year - 1, 1, 1)
    created = []
    for n in range(1, commitments + 1):
        ar, fr, en = TOPICS[(n - 1) % len(TOPICS)]
        potential = ratings.get(IrmRating.Scale.POTENTIAL) or [None]
        completion = ratings.get(IrmRating.Scale.COMPLETION) or [None]
        commitment = Commitment.objects.create(
            plan=plan,
            number=n,
            ogp_id=f"MO{n:04d}",
            title=f"تعزيز {ar} ({n})",
            title_ar=f"تعزيز {ar} ({n})",
            title_fr=f"Renforcement : {fr} ({n})",
            title_en=f"Strengthen {en} ({n})",
            problem_ar=f"يعاني المواطنون من ضعف {ar} ولا تتوفر معطيات كافية.",
            problem_fr=f"Les citoyens pâtissent d'un accès limité : {fr}, faute de données.",
            problem_en=f"Citizens suffer from weak {en}, for lack of data.",
            text_ar=f"تلتزم الإدارة بتحسين {ar} عبر إجراءات ملموسة وقابلة للقياس.",
            text_fr=f"L'administration s'engage à améliorer le domaine suivant : {fr}.",
            text_en=f"The administration commits to improving {en} through measurable steps.",
            theme=themes[(n - 1) % len(themes)],
            lead_administration=admins[(n - 1) % len(admins)],
            start_date=start,
            end_date=date(today.year + 1, 6, 30),
            irm_potential=potential[n % len(potential)],
            irm_completion=completion[n % len(completion)],
        )
        commitment.partners.set([admins[n % len(admins)], admins[(n + 2) % len(admins)]])
        if values:
            commitment.ogp_values.set(values[: 1 + n % len(values)])
        created.append(commitment)

    milestone_rows = []
    for i in range(milestones):
        commitment = created[i % len(created)]
        ar, fr, en = MILESTONE_STEPS[(i // len(created)) % len(MILESTONE_STEPS)]
        status, progress = STATUSES[i % len(STATUSES)]
        due = start + timedelta(days=45 * (i // len(created) + 1) + (i % 9) * 7)
        milestone_rows.append(
            Milestone(
                commitment=commitment,
                title=ar,
                title_ar=ar,
                title_fr=fr,
                title_en=en,
                start_date=start,
                due_date=due,
                weight=1 + i % 3,
                status=status,
                progress=progress,
                order=i // len(created),
            )
        )
    Milestone.objects.bulk_create(milestone_rows)

    now = timezone.now()
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            commitment=commitment,
            text=f"تقدم ملموس في الإنجاز، المرحلة {k + 1}. Avancement de l'étape {k + 1}.",
            progress_claimed=min(100, 20 * (k + 1)),
            status=ProgressUpdate.Status.PUBLISHED,
            published_at=now - timedelta(days=30 * (updates_per_commitment - k)),
        )
        for commitment in created
        for k in range(updates_per_commitment)
    )
    return plan
