"""Demo information requests: about 60 requests to real administrations, in every state.

Requesters are fictitious (ati.demo.N@example.org). Everything goes through the services,
with past dates, so timelines, deadlines and the scorecard look as they would in real use.
Idempotent: nothing is added once the demo requests exist.
"""

import datetime
import random

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ogp_portal.core.deadlines import add_working_days
from ogp_portal.core.models import Notification, TimelineEvent

REFUSAL_GROUNDS = [
    # code, Arabic, French, English, article
    ("national-defence", "الدفاع الوطني", "Défense nationale", "National defence", "Art. 7"),
    (
        "state-security",
        "أمن الدولة الداخلي والخارجي",
        "Sûreté intérieure et extérieure de l'État",
        "Internal and external state security",
        "Art. 7",
    ),
    (
        "private-life",
        "الحياة الخاصة للأفراد والمعطيات الشخصية",
        "Vie privée et données personnelles",
        "Private life and personal data",
        "Art. 7",
    ),
    (
        "fundamental-rights",
        "الحريات والحقوق الأساسية",
        "Libertés et droits fondamentaux",
        "Fundamental rights and freedoms",
        "Art. 7",
    ),
    (
        "council-deliberations",
        "مداولات المجلس الوزاري ومجلس الحكومة",
        "Délibérations du conseil des ministres et du conseil de gouvernement",
        "Deliberations of the councils of ministers and of government",
        "Art. 7",
    ),
    (
        "judicial-secrecy",
        "سرية الأبحاث والتحريات الإدارية والمساطر القضائية",
        "Secret des enquêtes administratives et des procédures judiciaires",
        "Secrecy of administrative inquiries and judicial proceedings",
        "Art. 7",
    ),
    (
        "secret-by-law",
        "المعلومات المشمولة بالسرية بموجب نص تشريعي خاص",
        "Informations secrètes en vertu d'une loi",
        "Information secret by law",
        "Art. 7",
    ),
    (
        "economic-interests",
        "المصالح الاقتصادية والمالية للدولة وحماية الملكية الفكرية",
        "Intérêts économiques et financiers de l'État, propriété intellectuelle",
        "Economic and financial interests of the state, intellectual property",
        "Art. 7",
    ),
    (
        "already-published",
        "المعلومات المنشورة للعموم",
        "Information déjà publiée",
        "Information already published",
        "Art. 18",
    ),
    (
        "abusive-request",
        "طلب تعسفي أو متكرر",
        "Demande abusive ou répétitive",
        "Abusive or repeated request",
        "Art. 16",
    ),
]

REQUESTERS = [
    (
        "ati.demo.1@example.org",
        "Youssef Amrani (demo)",
        "12, rue Oued Ziz, Agdal, Rabat",
        "AB123456",
    ),
    (
        "ati.demo.2@example.org",
        "Khadija El Idrissi (demo)",
        "Résidence Al Manar, Bd Zerktouni, Casablanca",
        "BE654321",
    ),
    ("ati.demo.3@example.org", "Hamza Ouali (demo)", "Derb Sidi Bouloukat 7, Marrakech", "E345678"),
    ("ati.demo.4@example.org", "Nour El Houda Berrada (demo)", "Av. Hassan II 45, Fès", "C987654"),
    ("ati.demo.5@example.org", "Mehdi Tahiri (demo)", "Lotissement Nahda 3, Oujda", "F112233"),
    ("ati.demo.6@example.org", "Sara Alaoui (demo)", "Hay Salam, Agadir", "JA445566"),
    ("ati.demo.7@example.org", "Omar Benjelloun (demo)", "Rue de Tétouan 19, Tanger", "K778899"),
    ("ati.demo.8@example.org", "Imane Chraibi (demo)", "Quartier Hassan, Rabat", "AE246810"),
]

# (administration slug, subject, description)
SUBJECTS = [
    (
        "mtnra",
        "Nombre de fonctionnaires formés au droit d'accès à l'information en 2025",
        "Je demande le nombre de fonctionnaires formés au droit d'accès à l'information en 2025, par département, et les supports de formation utilisés.",
    ),
    (
        "mtnra",
        "Liste des chargés d'information désignés par les ministères",
        "Merci de me communiquer la liste à jour des chargés d'information désignés par chaque département ministériel, avec la date de leur désignation.",
    ),
    (
        "mtnra",
        "عدد الطلبات المتوصل بها عبر بوابة شفافية سنة 2025",
        "أطلب عدد طلبات الحصول على المعلومات التي توصلت بها البوابة الوطنية سنة 2025 موزعة حسب المؤسسات.",
    ),
    (
        "mtnra",
        "Budget du programme de transformation numérique de l'administration",
        "Je souhaite obtenir le budget prévu et exécuté du programme de transformation numérique de l'administration pour 2024 et 2025.",
    ),
    (
        "mtnra",
        "Rapport d'évaluation du portail IDARATI",
        "Je demande une copie du dernier rapport d'évaluation des sites pilotes IDARATI.",
    ),
    (
        "mtnra",
        "الصفقات العمومية المتعلقة بالرقمنة لسنة 2025",
        "أطلب لائحة الصفقات العمومية التي أبرمتها الوزارة في مجال الرقمنة سنة 2025 مع مبالغها ونائليها.",
    ),
    (
        "mtnra",
        "Charte des services publics : état de mise en œuvre",
        "Quel est l'état de mise en œuvre de la charte des services publics (loi 54-19) au sein des administrations centrales ?",
    ),
    (
        "mtnra",
        "Délais moyens de réponse aux réclamations sur chikaya.ma",
        "Je souhaite les délais moyens de réponse aux réclamations déposées sur chikaya.ma, par ministère, pour 2025.",
    ),
    (
        "mtnra",
        "Nombre de postes budgétaires ouverts en 2026",
        "Merci de communiquer le nombre de postes budgétaires ouverts dans la fonction publique en 2026, par ministère.",
    ),
    (
        "mtnra",
        "Plan de formation continue des fonctionnaires 2026",
        "Je demande le plan de formation continue 2026 et son budget.",
    ),
    (
        "mtnra",
        "Statistiques d'utilisation de la signature électronique",
        "Combien d'actes administratifs ont été signés électroniquement en 2025 ?",
    ),
    (
        "mtnra",
        "Dossier médical d'un agent",
        "Je demande le dossier médical et disciplinaire d'un agent nommé de la direction des ressources humaines.",
    ),
    (
        "mtnra",
        "Accord-cadre avec un prestataire de cloud",
        "Je demande une copie de l'accord-cadre conclu avec le prestataire d'hébergement en nuage des données de l'administration.",
    ),
    (
        "ministere-sante",
        "Nombre de lits de réanimation par région",
        "Je demande le nombre de lits de réanimation disponibles dans les hôpitaux publics, par région, au 1er janvier 2026.",
    ),
    (
        "ministere-sante",
        "Délais d'attente pour une IRM à l'hôpital Ibn Sina",
        "Quels sont les délais moyens d'attente pour une IRM à l'hôpital Ibn Sina en 2025 ?",
    ),
    (
        "ministere-sante",
        "عدد الأطباء في المراكز الصحية القروية بجهة درعة تافيلالت",
        "أطلب عدد الأطباء العاملين في المراكز الصحية القروية بجهة درعة تافيلالت سنة 2025.",
    ),
    (
        "ministere-sante",
        "Stocks de vaccins contre la rougeole",
        "Je souhaite connaître l'état des stocks de vaccins contre la rougeole et les quantités distribuées en 2025 par région.",
    ),
    (
        "ministere-sante",
        "Rapports d'inspection des cliniques privées",
        "Je demande les rapports d'inspection des cliniques privées de Casablanca réalisés en 2025.",
    ),
    (
        "ministere-sante",
        "Budget de la généralisation de l'AMO",
        "Merci de communiquer le budget alloué à la généralisation de l'assurance maladie obligatoire en 2025 et 2026.",
    ),
    (
        "ministere-sante",
        "Liste des médicaments en rupture de stock",
        "Je demande la liste des médicaments déclarés en rupture de stock en 2025 et la durée de chaque rupture.",
    ),
    (
        "ministere-sante",
        "Taux de mortalité maternelle par province",
        "Je demande le taux de mortalité maternelle par province pour 2023, 2024 et 2025.",
    ),
    (
        "ministere-sante",
        "Contrats de partenariat public-privé hospitaliers",
        "Je souhaite obtenir la liste et le montant des contrats de partenariat public-privé conclus pour des hôpitaux.",
    ),
    (
        "ministere-sante",
        "Urgence : oxygène à l'hôpital provincial d'Azilal",
        "Mon père est hospitalisé à Azilal ; je demande de façon urgente l'état des réserves d'oxygène médical de l'hôpital provincial cette semaine.",
    ),
    (
        "ministere-justice",
        "Durée moyenne des procédures devant les tribunaux de commerce",
        "Je demande la durée moyenne des procédures devant les tribunaux de commerce en 2024 et 2025.",
    ),
    (
        "ministere-justice",
        "Nombre de détenus en détention préventive",
        "Combien de personnes étaient en détention préventive au 31 décembre 2025, par établissement ?",
    ),
    (
        "ministere-justice",
        "عدد قضايا الطلاق والتطليق سنة 2025",
        "أطلب عدد قضايا الطلاق والتطليق المسجلة بمحاكم المملكة سنة 2025 حسب الدائرة القضائية.",
    ),
    (
        "ministere-justice",
        "Budget de la digitalisation des tribunaux",
        "Merci de me transmettre le budget et l'état d'avancement du programme de digitalisation des tribunaux.",
    ),
    (
        "ministere-justice",
        "Dossier d'une enquête en cours",
        "Je demande les pièces d'une enquête judiciaire en cours concernant mon voisin.",
    ),
    (
        "ministere-justice",
        "Statistiques de l'aide juridictionnelle",
        "Je souhaite connaître le nombre de demandes d'aide juridictionnelle acceptées et refusées en 2025.",
    ),
    (
        "ministere-justice",
        "Délais d'exécution des jugements contre l'État",
        "Quel est le délai moyen d'exécution des jugements définitifs rendus contre l'État en 2025 ?",
    ),
    (
        "ministere-justice",
        "Recrutement des greffiers 2025",
        "Je demande le nombre de greffiers recrutés en 2025 et leur affectation par cour d'appel.",
    ),
    (
        "commune-rabat",
        "Budget participatif de la commune de Rabat 2026",
        "Je demande le budget 2026 de la commune de Rabat, par arrondissement et par chapitre.",
    ),
    (
        "commune-rabat",
        "Contrat de gestion déléguée de la propreté",
        "Merci de me transmettre le contrat de gestion déléguée de la collecte des déchets et ses avenants.",
    ),
    (
        "commune-rabat",
        "رخص البناء الممنوحة بحي يعقوب المنصور",
        "أطلب عدد رخص البناء الممنوحة بمقاطعة يعقوب المنصور سنة 2025.",
    ),
    (
        "commune-rabat",
        "Procès-verbaux des sessions du conseil communal",
        "Je demande les procès-verbaux des sessions ordinaires du conseil communal de 2025.",
    ),
    (
        "commune-rabat",
        "Plan de circulation du centre-ville",
        "Je souhaite obtenir l'étude du nouveau plan de circulation du centre-ville de Rabat.",
    ),
    (
        "commune-rabat",
        "Taxes sur les terrains non bâtis recouvrées",
        "Combien la commune a-t-elle recouvré au titre de la taxe sur les terrains urbains non bâtis en 2025 ?",
    ),
    (
        "commune-rabat",
        "Subventions aux associations en 2025",
        "Je demande la liste des associations subventionnées par la commune en 2025 et les montants.",
    ),
    (
        "commune-rabat",
        "Éclairage public : consommation électrique",
        "Quelle a été la consommation électrique de l'éclairage public en 2025 et son coût ?",
    ),
    (
        "ministere-education-nationale",
        "Taux d'abandon scolaire par province",
        "Je demande le taux d'abandon scolaire au collège par province pour l'année 2024-2025.",
    ),
    (
        "ministere-education-nationale",
        "Nombre d'écoles sans raccordement à l'eau",
        "Combien d'écoles rurales n'étaient pas raccordées à l'eau potable à la rentrée 2025 ?",
    ),
    (
        "ministere-education-nationale",
        "Résultats du baccalauréat par établissement",
        "Je demande les résultats du baccalauréat 2025 par lycée public de la région de Fès-Meknès.",
    ),
    (
        "ministere-education-nationale",
        "برنامج مدارس الريادة: الميزانية والتقييم",
        "أطلب ميزانية برنامج مدارس الريادة وتقرير تقييمه لسنة 2025.",
    ),
    (
        "ministere-interieur",
        "Nombre de cartes nationales délivrées",
        "Combien de cartes nationales d'identité électroniques ont été délivrées en 2025 ?",
    ),
    (
        "ministere-interieur",
        "Dotations de l'INDH par province",
        "Je demande les dotations de l'INDH par province pour 2025.",
    ),
    (
        "ministere-equipement-eau",
        "Taux de remplissage des barrages",
        "Je demande les taux de remplissage hebdomadaires des barrages pour 2025.",
    ),
    (
        "ministere-equipement-eau",
        "Coût de l'autoroute de l'eau",
        "Quel est le coût total et l'état d'avancement du projet d'interconnexion des bassins hydrauliques ?",
    ),
    (
        "ministere-agriculture",
        "Subventions à l'irrigation goutte-à-goutte",
        "Je demande le montant des subventions à l'irrigation localisée accordées en 2025 par région.",
    ),
    (
        "ministere-agriculture",
        "Importations de blé tendre 2025",
        "Quelles quantités de blé tendre ont été importées en 2025 et à quel coût ?",
    ),
    (
        "cnss",
        "Nombre d'assurés AMO par région",
        "Je demande le nombre d'assurés AMO actifs au 31 décembre 2025 par région.",
    ),
    (
        "cnss",
        "Délais de remboursement des dossiers maladie",
        "Quel est le délai moyen de remboursement des dossiers maladie en 2025 ?",
    ),
    (
        "onee",
        "Coupures d'eau à Oujda en 2025",
        "Je demande le nombre et la durée des coupures d'eau potable à Oujda en 2025.",
    ),
    (
        "onee",
        "Tarifs de l'électricité appliqués aux communes",
        "Je demande la grille tarifaire de l'électricité appliquée aux communes rurales.",
    ),
    (
        "commune-casablanca",
        "Budget du tramway de Casablanca",
        "Je demande la contribution de la commune au financement des lignes de tramway T3 et T4.",
    ),
    (
        "commune-casablanca",
        "Marchés de nettoiement 2025",
        "Je demande les marchés de nettoiement passés par la commune en 2025.",
    ),
    (
        "commune-fes",
        "Restauration de la médina de Fès",
        "Je demande le budget et le calendrier des travaux de restauration de la médina de Fès.",
    ),
    (
        "commune-marrakech",
        "Recettes de la taxe de séjour",
        "Quel est le montant de la taxe de séjour recouvrée en 2025 ?",
    ),
    (
        "commune-tanger",
        "Espaces verts par habitant",
        "Je demande la surface d'espaces verts par arrondissement de Tanger.",
    ),
    (
        "commune-agadir",
        "Reconstruction après le séisme d'Al Haouz : marchés",
        "Je demande la liste des marchés publics de reconstruction gérés par la commune.",
    ),
    (
        "conseil-region-souss-massa",
        "Programme de développement régional 2022-2027",
        "Je demande le programme de développement régional et son taux d'exécution.",
    ),
]

# Target state for the nth request (cycled); "urgent" is an accepted urgent request.
PLAN = [
    "answered",
    "acknowledged",
    "submitted",
    "answered",
    "in_progress",
    "partially_answered",
    "extended",
    "answered",
    "refused",
    "implicitly_refused",
    "appeal_head",
    "not_held",
    "answered",
    "transferred",
    "clarification_requested",
    "closed",
    "appeal_cdai",
    "answered_late",
    "urgent",
    "answered",
    "private",
    "extended_answered",
]


def ensure_refusal_grounds() -> None:
    """The law's exceptions, editable by OGP staff afterwards (never overwritten)."""
    from transparency.models import RefusalGround

    for order, (code, name_ar, name_fr, name_en, article) in enumerate(REFUSAL_GROUNDS):
        RefusalGround.objects.get_or_create(
            code=code,
            defaults={
                "name_ar": name_ar,
                "name_fr": name_fr,
                "name_en": name_en,
                "article": article,
                "order": order,
            },
        )


def _requesters():
    from allauth.account.models import EmailAddress

    from ogp_portal.accounts.models import User

    people = []
    for email, name, address, cin in REQUESTERS:
        user, _created = User.objects.get_or_create(
            email=email, defaults={"full_name": name, "preferred_language": "fr"}
        )
        if _created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        people.append((user, address, cin))
    return people


def _spread_timeline(obj, dates: list[datetime.date]) -> None:
    """Put the demo's timeline events on the days they would have happened."""
    events = list(TimelineEvent.objects.for_object(obj).order_by("pk"))
    last = None
    for index, event in enumerate(events):
        day = dates[index] if index < len(dates) else (last or dates[-1])
        last = day
        moment = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(9 + index % 8, 10 * (index % 6)))
        )
        TimelineEvent.objects.filter(pk=event.pk).update(created_at=moment)


def _pdf(title: str) -> ContentFile:
    body = (
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
        f"% {title}\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return ContentFile(body.encode("latin-1", "replace"), name="reponse.pdf")


def seed(stdout) -> None:
    from ogp_portal.accounts.models import User
    from ogp_portal.directory.models import Administration
    from transparency.models import InformationRequest, RefusalGround

    from . import services

    ensure_refusal_grounds()
    if InformationRequest.objects.filter(requester__email__startswith="ati.demo.").exists():
        stdout.write("Information requests: demo already loaded.")
        return
    officer = User.objects.filter(email="information.officer@example.org").first()
    staff = (
        User.objects.filter(email="ogp.staff@example.org").first()
        or User.objects.filter(is_superuser=True).first()
    )
    if staff is None:
        stdout.write("Information requests: no OGP staff account, demo skipped.")
        return
    administrations = {a.slug: a for a in Administration.objects.active()}
    people = _requesters()
    rng = random.Random(31013)
    today = timezone.localdate()
    grounds = list(RefusalGround.objects.all())
    count = 0
    last_notification = Notification.objects.order_by("-pk").values_list("pk", flat=True).first()
    with transaction.atomic():
        for index, (slug, subject, description) in enumerate(SUBJECTS):
            administration = administrations.get(slug)
            if administration is None:
                continue
            plan = PLAN[index % len(PLAN)]
            if "Urgence" in subject:
                plan = "urgent"
            user, address, cin = people[index % len(people)]
            actor = (
                officer if (officer and officer.administration_id == administration.pk) else staff
            )
            open_plans = {
                "submitted",
                "acknowledged",
                "in_progress",
                "extended",
                "transferred",
                "clarification_requested",
                "urgent",
            }
            if open_plans & {plan}:
                received = today - datetime.timedelta(days=rng.randint(1, 18))
            elif plan in ("appeal_head", "appeal_cdai", "closed"):
                received = today - datetime.timedelta(days=rng.randint(120, 300))
            else:
                received = today - datetime.timedelta(days=rng.randint(45, 300))
            while received.weekday() >= 5:
                received -= datetime.timedelta(days=1)
            obj = services.submit_request(
                actor=user,
                administration=administration,
                requester_name=user.full_name,
                postal_address=address,
                cin=cin,
                subject=subject,
                description=description,
                is_private=plan == "private",
                is_urgent=plan == "urgent",
                urgency_justification="La vie d'un patient en dépend." if plan == "urgent" else "",
                received_on=received,
            )
            if index % 7 == 3:
                # Some requests arrive on paper and are typed in by the officer.
                InformationRequest.objects.filter(pk=obj.pk).update(
                    channel=InformationRequest.Channel.POST
                )
            dates = [received]

            def day(n, received=received):
                return add_working_days(received, n).due

            if plan == "submitted":
                pass
            elif plan == "urgent":
                services.accept_urgency(obj, actor=actor, reason="Situation vitale justifiée.")
                dates.append(received)
            elif plan == "clarification_requested":
                services.acknowledge(obj, actor=actor)
                services.request_clarification(
                    obj,
                    actor=actor,
                    question="Pouvez-vous préciser la période et le format des données ?",
                )
                dates += [day(1), day(2)]
            elif plan == "transferred":
                target = administrations.get("ministere-interieur") or administrations.get("mtnra")
                if target and target.pk != administration.pk:
                    services.transfer(
                        obj,
                        actor=actor,
                        to_administration=target,
                        reason="Ces données relèvent d'un autre département.",
                        on=received,
                    )
                    dates.append(received)
            else:
                services.acknowledge(obj, actor=actor, note="Votre demande est enregistrée.")
                dates.append(day(1))
                if plan in ("in_progress",):
                    services.start_work(obj, actor=actor)
                    dates.append(day(2))
                if plan in ("extended", "extended_answered"):
                    services.extend(
                        obj, actor=actor, reason="Consultation d'un tiers nécessaire.", on=day(3)
                    )
                    dates.append(day(3))
                if plan in (
                    "answered",
                    "private",
                    "closed",
                    "appeal_head",
                    "appeal_cdai",
                    "answered_late",
                    "extended_answered",
                ):
                    answer_after = {"answered_late": 24, "extended_answered": 30}.get(
                        plan, rng.randint(6, 19)
                    )
                    on = min(day(answer_after), today)
                    services.answer(
                        obj,
                        actor=actor,
                        text="Veuillez trouver ci-joint les informations demandées. "
                        "Les données sont également publiées sur data.gov.ma.",
                        files=[_pdf(subject)] if index % 3 == 0 else [],
                        on=on,
                    )
                    dates.append(on)
                elif plan == "partially_answered":
                    on = day(rng.randint(8, 18))
                    services.answer(
                        obj,
                        actor=actor,
                        text="Voici les chiffres agrégés demandés.",
                        partial=True,
                        redaction_note="Les noms des agents ont été retirés (données personnelles, article 7).",
                        on=on,
                    )
                    dates.append(on)
                elif plan == "refused":
                    ground = next(
                        (g for g in grounds if g.code in ("private-life", "judicial-secrecy")),
                        grounds[0],
                    )
                    on = day(12)
                    services.refuse(
                        obj,
                        actor=actor,
                        ground=ground,
                        reason="Ces documents concernent des personnes identifiées.",
                        on=on,
                    )
                    dates.append(on)
                elif plan == "not_held":
                    on = day(10)
                    services.mark_not_held(
                        obj,
                        actor=actor,
                        note="Ces données ne sont pas produites par nos services.",
                        on=on,
                    )
                    dates.append(on)
                elif plan == "implicitly_refused":
                    services.record_implicit_refusal(obj, today=today)
                    dates.append(add_working_days(obj.due_date, 1).due)
                if plan in ("appeal_head", "appeal_cdai"):
                    filed = add_working_days(obj.answered_on, 5).due
                    services.appeal_to_head(
                        obj,
                        actor=user,
                        grounds="La réponse est incomplète : les données par région manquent.",
                        on=filed,
                    )
                    dates.append(filed)
                    if plan == "appeal_cdai":
                        decided = add_working_days(filed, 10).due
                        services.record_head_decision(
                            obj,
                            actor=actor,
                            outcome="dismissed",
                            decision="La réponse initiale est complète.",
                            on=decided,
                        )
                        cdai = decided + datetime.timedelta(days=7)
                        services.appeal_to_cdai(
                            obj,
                            actor=user,
                            grounds="Je conteste la décision du chef de l'institution.",
                            on=cdai,
                        )
                        dates += [decided, cdai]
                if plan == "closed":
                    services.close(obj, actor=actor, on=obj.answered_on)
                    dates.append(obj.answered_on)
            _spread_timeline(obj, dates)
            count += 1
        # The demo's people are fictitious: drop the messages before they are sent.
        Notification.objects.filter(pk__gt=last_notification or 0).delete()
    stdout.write(f"Information requests: {count} demo requests.")
