"""Fill PostgreSQL with the national volume of issue 8 on top of the demo.

    DEBUG=1 .venv/bin/python manage.py seed_volume                  # 1 M signatures, 200,000
                                                                    # complaints, 20,000 requests,
                                                                    # 50,000 awards, 5,000 datasets
    DEBUG=1 .venv/bin/python manage.py seed_volume --scale 0.1      # a tenth of each
    DEBUG=1 .venv/bin/python manage.py seed_volume --only signatures datasets

Each target is the number of rows of the table (the demo's included): running the command
again tops each table up to its target and adds nothing when it is met. Rows are generated
in SQL (INSERT ... SELECT over generate_series, 100,000 or 200,000 per statement, fixed
seed), spread over the demo's administrations, regions and provinces (by population),
petitions, categories, programmes and publishers with skewed weights, over three years of
dates, with statuses shaped like the demo's. Volume rows are marked so that they can be told
apart: signatures `v<N>@volume.example.org`, complaints `VOL-<N>`, requests `VOL-ATI-<N>`,
awards `vol-<N>`, datasets `vol-<N>-...`. Afterwards the derived tables are brought up to
date (petition counts, the complaints analytics snapshot) and the tables are VACUUM ANALYZEd.

PostgreSQL only (SQLite would take hours and measure nothing useful). The demo is loaded
first (seed_demo) when it is missing.
"""

import datetime
import json
import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

TARGETS = {
    "signatures": 1_000_000,
    "complaints": 200_000,
    "requests": 20_000,
    "awards": 50_000,
    "datasets": 5_000,
}
SIGNATURE_DOMAIN = "volume.example.org"

# --- complaints: the generator shared with bench/bench_complaints.py ----------------------------

# (theme, [(subject, description)]) in French, Arabic, Darija in Arabic and in Latin letters.
COMPLAINT_THEMES = {
    "water": [
        ("Coupure d'eau", "L'eau potable est coupée dans tout le quartier depuis trois jours."),
        ("Pas d'eau au robinet", "Coupure d'eau sans préavis, le réservoir est vide."),
        ("انقطاع الماء", "انقطاع الماء الصالح للشرب في الحي منذ ثلاثة أيام دون إشعار."),
        ("الماء مقطوع", "الما مقطوع عندنا فالحومة هادي تلت أيام"),
        ("lma maqto3", "lma maqto3a f l7ouma men tlata d l iyam, robinet khawi"),
    ],
    "roads": [
        ("Route dégradée", "La chaussée est pleine de nids-de-poule, les voitures s'abîment."),
        ("Trottoir cassé", "Le trottoir de l'avenue est cassé et dangereux pour les piétons."),
        ("حفر في الطريق", "الطريق مليئة بالحفر منذ شهرين ولم يتم إصلاحها."),
        ("الطريق مخسرة", "الطريق مخسرة بزاف والحفر فكل بلاصة"),
        ("tri9 mkhssra", "tri9 kolha 7ofar, tomobilat kaytkhssro"),
    ],
    "waiting": [
        ("Attente au guichet", "Plus de trois heures d'attente au guichet sans information."),
        ("File d'attente interminable", "Un seul guichet ouvert, attente de toute la matinée."),
        ("طول الانتظار في الشباك", "انتظرت أكثر من ثلاث ساعات في الشباك دون أي معلومة."),
        ("التسناية فالشباك", "بقيت كنتسنى فالشباك تلت سوايع"),
        ("tsnaya f chebbak", "b9it kantsna f chebbak tlat swaye3 bla ma ijawbouni"),
    ],
    "documents": [
        ("Document non délivré", "Le certificat demandé il y a un mois n'est toujours pas prêt."),
        ("Retard carte nationale", "Ma carte nationale n'est pas délivrée après deux mois."),
        ("تأخر الوثيقة", "الشهادة المطلوبة منذ شهر لم يتم تسليمها بعد."),
        ("الوراق ما خرجوش", "طلبت الشهادة من شهر وباقي ما خرجاتش"),
        ("lwra9 ma khrjouch", "tlbt chahada men chhar w ba9i ma khrjatch"),
    ],
    "health": [
        ("Médicaments indisponibles", "Les médicaments manquent au centre de santé du quartier."),
        ("Rendez-vous à l'hôpital", "Le rendez-vous à l'hôpital est fixé dans six mois."),
        ("نقص الأدوية", "الأدوية غير متوفرة في المركز الصحي منذ أسبوعين."),
        ("الدوا ما كاينش", "مشيت للسبيطار والدوا ما كاينش"),
        ("dwa makaynch", "mchit l sbitar w dwa makaynch, 9alou rje3 mn b3d"),
    ],
    "electricity": [
        (
            "Facture d'électricité erronée",
            "La facture ne correspond pas à la consommation relevée.",
        ),
        ("Coupure de courant", "Coupure d'électricité chaque soir dans le quartier."),
        ("فاتورة الكهرباء", "فاتورة الكهرباء لا تطابق الاستهلاك الحقيقي."),
        ("الضو طافي", "الضو كيطفى كل ليلة فالحومة"),
        ("do tafi", "do kaytfa kol lila f l7ouma, factura ghalya bzaf"),
    ],
    "school": [
        ("Inscription scolaire refusée", "L'école refuse l'inscription de mon fils sans motif."),
        ("Transport scolaire absent", "Le bus scolaire ne passe plus depuis la rentrée."),
        ("التسجيل المدرسي", "رفضت المدرسة تسجيل ابني دون سبب واضح."),
        ("الطوبيس ديال المدرسة", "الطوبيس ديال المدرسة ما بقاش كيدوز"),
        ("tobis d lmadrasa", "tobis d lmadrasa ma b9ach kaydouz mn d5oul"),
    ],
    "cleanliness": [
        ("Ordures non ramassées", "Les ordures ne sont pas ramassées depuis une semaine."),
        ("Décharge sauvage", "Une décharge sauvage s'est installée près de l'école."),
        ("تراكم الأزبال", "الأزبال متراكمة في الشارع منذ أسبوع."),
        ("الزبل فالزنقة", "الزبل معمر الزنقة وحتى واحد ما جا يهزو"),
        ("zbel f zen9a", "zbel m3ammer zen9a w 7ta wa7ed ma ja yhezzo"),
    ],
}
COMPLAINT_GROWING = "water"


def complaint_texts() -> list[tuple[str, str, str]]:
    return [(theme, s, d) for theme, items in COMPLAINT_THEMES.items() for s, d in items]


# One statement per batch of complaints numbered %(start)s..%(stop)s, reference
# %(prefix)s<9 digits>: kinds, channels, statuses, deadlines, answers, ratings and reopenings
# like the demo's over three years; one theme (water cuts) grows in the latest month.
COMPLAINTS_SQL = """
WITH src AS (
    SELECT g,
           random() AS r_cat, random() AS r_age, random() AS r_status, random() AS r_fwd,
           random() AS r_ans, random() AS r_rate, random() AS r_text, random() AS r_prov,
           random() AS r_chan, random() AS r_kind, random() AS r_out, random() AS r_reopen
    FROM generate_series(%(start)s, %(stop)s) AS g
), base AS (
    SELECT src.*,
           1 + floor(power(r_cat, 1.6) * %(n_cat)s)::int AS cat_i,
           1 + floor(r_prov * %(n_prov)s)::int AS prov_i,
           now() - make_interval(secs => (r_age * 1095 * 86400)) AS received
    FROM src
), shaped AS (
    SELECT base.*,
           CASE WHEN received > now() - interval '5 days' OR r_status < 0.06 THEN 'received'
                WHEN r_status < 0.10 THEN 'rejected'
                WHEN received > now() - interval '30 days' OR r_status < 0.25 THEN 'forwarded'
                WHEN r_status < 0.32 THEN 'reopened'
                WHEN r_status < 0.70 THEN 'closed'
                ELSE 'answered' END AS st,
           CASE WHEN date_trunc('month', received) >= date_trunc('month', now())
                     AND r_text < 0.35 THEN %(grow_first)s + floor(r_out * %(grow_n)s)::int
                ELSE 1 + floor(r_text * %(n_text)s)::int END AS text_i
    FROM base
)
INSERT INTO complaints_complaint (
    created_at, updated_at, reference, tracking_token, open311_token, kind, channel, status,
    administration_id, category_id, subject, description, province_id, commune_id, region_id,
    contact_name, contact_email, contact_phone, contact_preference, language,
    received_at, forward_due, forwarded_at, answer_due, answered_at, first_answered_at,
    closed_at, answer_outcome, answer_text, rejection_reason, rejection_note,
    resolved, rating, rating_comment, rated_at, reopened_count, reopened_at, reopen_reason
)
SELECT received, received,
       %(prefix)s || lpad(g::text, 9, '0'),
       md5(%(prefix)s || g::text || r_text::text || 'bench'),
       gen_random_uuid(),
       (ARRAY['complaint','complaint','complaint','complaint','complaint','complaint',
              'complaint','observation','observation','suggestion'])[1 + floor(r_kind * 10)::int],
       (ARRAY['web','web','web','web','web','phone','phone','counter','mail','open311'])
           [1 + floor(r_chan * 10)::int],
       st,
       CASE WHEN st = 'received' AND r_fwd < 0.5 THEN NULL ELSE (%(cat_admin)s::bigint[])[cat_i] END,
       CASE WHEN st = 'received' AND r_fwd < 0.5 THEN NULL ELSE (%(cat_ids)s::bigint[])[cat_i] END,
       (%(subjects)s::text[])[text_i],
       (%(descriptions)s::text[])[text_i],
       CASE WHEN r_prov < 0.7 THEN (%(prov_ids)s::bigint[])[prov_i] END,
       NULL,
       CASE WHEN r_prov < 0.7 THEN (%(prov_regions)s::bigint[])[prov_i]
            ELSE (%(cat_regions)s::bigint[])[cat_i] END,
       '', '', '', 'email', CASE WHEN r_kind < 0.6 THEN 'ar' ELSE 'fr' END,
       received,
       (received AT TIME ZONE 'Africa/Casablanca')::date + 15,
       CASE WHEN st NOT IN ('received', 'rejected')
            THEN LEAST(received + make_interval(days => 1 + floor(r_fwd * 22)::int), now()) END,
       (received AT TIME ZONE 'Africa/Casablanca')::date + 60,
       CASE WHEN st IN ('answered', 'closed', 'reopened')
            THEN LEAST(received + make_interval(days => 12 + floor(r_ans * 74)::int),
                       now() - interval '1 day') END,
       CASE WHEN st IN ('answered', 'closed', 'reopened')
            THEN LEAST(received + make_interval(days => 12 + floor(r_ans * 74)::int),
                       now() - interval '1 day') END,
       CASE WHEN st = 'closed' THEN received + interval '120 days'
            WHEN st = 'rejected' THEN received + interval '3 days' END,
       CASE WHEN st IN ('answered', 'closed', 'reopened')
            THEN (ARRAY['positive','positive','partial','negative'])[1 + floor(r_out * 4)::int]
            ELSE '' END,
       CASE WHEN st IN ('answered', 'closed', 'reopened') THEN 'Réponse type.' ELSE '' END,
       CASE WHEN st = 'rejected' THEN 'out_of_scope' ELSE '' END,
       '',
       CASE WHEN st IN ('answered', 'closed', 'reopened') AND r_rate < 0.6
            THEN r_rate < 0.4 END,
       CASE WHEN st IN ('answered', 'closed', 'reopened') AND r_rate < 0.6
            THEN CASE WHEN r_rate < 0.4 THEN 4 + floor(r_reopen * 2)::int
                      ELSE 1 + floor(r_reopen * 3)::int END END,
       '',
       CASE WHEN st IN ('answered', 'closed', 'reopened') AND r_rate < 0.6
            THEN received + interval '90 days' END,
       CASE WHEN st = 'reopened' THEN 1 ELSE 0 END,
       CASE WHEN st = 'reopened' THEN received + interval '95 days' END,
       CASE WHEN st = 'reopened' THEN 'Le problème est revenu.' ELSE '' END
FROM shaped
"""


def complaint_params() -> dict:
    """The demo's categories, provinces and the texts, as the arrays COMPLAINTS_SQL reads."""
    from complaints.models import Category
    from ogp_portal.directory.models import Province

    categories = list(Category.objects.select_related("administration").order_by("pk"))
    provinces = list(Province.objects.order_by("pk").values_list("pk", "region_id"))
    corpus = complaint_texts()
    grow = [i for i, (theme, _s, _d) in enumerate(corpus, start=1) if theme == COMPLAINT_GROWING]
    return {
        "n_cat": len(categories),
        "cat_ids": [c.pk for c in categories],
        "cat_admin": [c.administration_id for c in categories],
        "cat_regions": [c.administration.region_id for c in categories],
        "n_prov": len(provinces),
        "prov_ids": [p for p, _r in provinces],
        "prov_regions": [r for _p, r in provinces],
        "n_text": len(corpus),
        "subjects": [s for _t, s, _d in corpus],
        "descriptions": [d for _t, _s, d in corpus],
        "grow_first": grow[0],
        "grow_n": len(grow),
    }


def generate_complaints(
    cursor, prefix: str, first: int, last: int, *, step: int = 100_000, log=None
) -> None:
    """INSERT complaints numbered first..last (reference prefix + 9 digits), `step` a statement."""
    params = {**complaint_params(), "prefix": prefix}
    for start in range(first, last + 1, step):
        stop = min(start + step - 1, last)
        t0 = time.perf_counter()
        cursor.execute(COMPLAINTS_SQL, {**params, "start": start, "stop": stop})
        if log:
            log(f"  complaints {start:>9,}–{stop:>9,}: {time.perf_counter() - t0:5.1f} s")


# --- helpers ---------------------------------------------------------------------------------


def slots(weighted: list[tuple[int, float]], size: int = 1000) -> list[int]:
    """An array where each id fills a share of the `size` slots proportional to its weight:
    `slots[floor(random() * size)]` in SQL draws ids with those weights."""
    total = sum(w for _i, w in weighted) or 1
    out: list[int] = []
    acc = 0.0
    for pk, weight in weighted:
        acc += weight
        while len(out) < round(acc / total * size):
            out.append(pk)
    while len(out) < size:
        out.append(weighted[-1][0])
    return out


def zipf(ids: list[int], exponent: float = 1.0) -> list[tuple[int, float]]:
    """Weights 1, 1/2^s, 1/3^s... over ids in the given order (a few get most)."""
    return [(pk, 1 / (rank**exponent)) for rank, pk in enumerate(ids, start=1)]


def count(cursor, sql: str, params=None) -> int:
    cursor.execute(sql, params or [])
    return cursor.fetchone()[0]


SIGNATURES_SQL = """
WITH src AS (
    SELECT g, random() AS r_pet, random() AS r_prov, random() AS r_at, random() AS r_conf,
           random() AS r_name
    FROM generate_series(%(start)s, %(stop)s) AS g
), base AS (
    SELECT src.*, (%(pet_slots)s::int[])[1 + floor(r_pet * 1000)::int] AS p
    FROM src
), placed AS (
    SELECT base.*,
           CASE WHEN (%(pet_region)s::int[])[p] > 0
                THEN (%(region_slots)s::bigint[])[((%(pet_region)s::int[])[p] - 1) * 100
                                                   + 1 + floor(r_prov * 100)::int]
                ELSE (%(nation_slots)s::bigint[])[1 + floor(r_prov * 1000)::int] END AS province,
           to_timestamp((%(pet_start)s::float8[])[p]
                        + power(r_at, 2.5) * ((%(pet_end)s::float8[])[p]
                                              - (%(pet_start)s::float8[])[p])) AS at
    FROM base
)
INSERT INTO petitions_signature (
    petition_id, full_name, email, cin_hash, region_id, province_id, commune_id, user_id,
    show_first_name, public_first_name, notify_progress, confirmed_at, invalidated,
    invalidation_reason, ip, created_at
)
SELECT (%(pet_ids)s::bigint[])[p],
       (%(names)s::text[])[1 + floor(r_name * %(n_names)s)::int] || ' ' || g,
       'v' || g || '@' || %(domain)s,
       encode(sha256(('volume-signature-' || g)::bytea), 'hex'),
       (%(prov_region)s::jsonb ->> province::text)::bigint,
       province, NULL, NULL,
       g %% 3 = 0,
       CASE WHEN g %% 3 = 0 THEN (%(names)s::text[])[1 + floor(r_name * %(n_names)s)::int]
            ELSE '' END,
       g %% 4 = 0,
       CASE WHEN r_conf < 0.004 THEN NULL
            ELSE LEAST(at + make_interval(secs => 30 + r_conf * 3000), now() - interval '1 minute')
       END,
       false, '',
       ('10.' || (g >> 16 & 255) || '.' || (g >> 8 & 255) || '.' || (g & 255))::inet,
       at
FROM placed
"""

REQUESTS_SQL = """
WITH src AS (
    SELECT g, random() AS r_adm, random() AS r_age, random() AS r_status, random() AS r_priv,
           random() AS r_text, random() AS r_ans, random() AS r_chan
    FROM generate_series(%(start)s, %(stop)s) AS g
), base AS (
    SELECT src.*, (%(adm_slots)s::bigint[])[1 + floor(r_adm * 1000)::int] AS adm,
           current_date - floor(power(r_age, 0.8) * 1095)::int AS received,
           1 + floor(r_text * %(n_text)s)::int AS text_i
    FROM src
), shaped AS (
    SELECT base.*,
           CASE WHEN received > current_date - 10 THEN
                    (ARRAY['submitted','acknowledged','in_progress'])[1 + floor(r_status * 3)::int]
                WHEN received > current_date - 40 THEN
                    (ARRAY['acknowledged','in_progress','in_progress','extended',
                           'clarification_requested','answered','answered','partially_answered',
                           'refused','transferred'])[1 + floor(r_status * 10)::int]
                WHEN r_status < 0.42 THEN 'answered'
                WHEN r_status < 0.52 THEN 'partially_answered'
                WHEN r_status < 0.62 THEN 'refused'
                WHEN r_status < 0.68 THEN 'not_held'
                WHEN r_status < 0.78 THEN 'implicitly_refused'
                WHEN r_status < 0.81 THEN 'appeal_head'
                WHEN r_status < 0.83 THEN 'appeal_cdai'
                ELSE 'closed' END AS st
    FROM base
), dated AS (
    SELECT shaped.*,
           CASE WHEN st IN ('answered','partially_answered','refused','not_held','appeal_head',
                            'appeal_cdai','closed')
                THEN LEAST(received + 3 + floor(power(r_ans, 1.5) * 45)::int, current_date) END
               AS answered,
           CASE WHEN st IN ('appeal_head','appeal_cdai','closed')
                THEN (ARRAY['answered','partially_answered','refused','not_held'])
                         [1 + floor(r_ans * 4)::int]
                WHEN st IN ('answered','partially_answered','refused','not_held',
                            'implicitly_refused') THEN st
                ELSE '' END AS outcome
    FROM shaped
)
INSERT INTO transparency_informationrequest (
    created_at, updated_at, reference, administration_id, transferred_from_id, requester_id,
    requester_name, postal_address, contact_email, cin, cin_hash, subject, description,
    preferred_format, delivery, channel, status, is_private, is_urgent, urgency_justification,
    urgency, urgency_reason, received_on, deadline_start, deadline_days, extension_days,
    extension_reason, due_date, answered_on, outcome, closed_on, refusal_ground_id,
    refusal_reason, clarification_question
)
SELECT received::timestamp AT TIME ZONE 'Africa/Casablanca' + interval '10 hours',
       COALESCE(answered, received)::timestamp AT TIME ZONE 'Africa/Casablanca'
           + interval '15 hours',
       'VOL-ATI-' || lpad(g::text, 7, '0'),
       adm, NULL, NULL,
       'Demandeur ' || g, '', '', '', '',
       (%(subjects)s::text[])[text_i], (%(descriptions)s::text[])[text_i],
       (ARRAY['electronic','electronic','electronic','paper','consultation'])
           [1 + floor(r_chan * 5)::int],
       CASE WHEN r_chan < 0.7 THEN 'portal' WHEN r_chan < 0.9 THEN 'email' ELSE 'post' END,
       CASE WHEN r_chan < 0.8 THEN 'web' WHEN r_chan < 0.9 THEN 'email'
            WHEN r_chan < 0.95 THEN 'post' ELSE 'counter' END,
       st, r_priv < 0.05, false, '', '', '',
       received, received, 20,
       CASE WHEN st = 'extended' OR (answered IS NOT NULL AND answered > received + 28)
            THEN 20 ELSE 0 END,
       CASE WHEN st = 'extended' OR (answered IS NOT NULL AND answered > received + 28)
            THEN 'Volume important des documents à réunir.' ELSE '' END,
       received + CASE WHEN st = 'extended' OR (answered IS NOT NULL AND answered > received + 28)
                       THEN 56 ELSE 28 END,
       answered,
       outcome,
       CASE WHEN st = 'closed' THEN LEAST(answered + 30, current_date) END,
       CASE WHEN outcome = 'refused'
            THEN (%(grounds)s::bigint[])[1 + floor(r_priv * %(n_grounds)s)::int] END,
       CASE WHEN outcome = 'refused' THEN 'Information couverte par une exception légale.'
            ELSE '' END,
       CASE WHEN st = 'clarification_requested' THEN 'Pouvez-vous préciser la période ?'
            ELSE '' END
FROM dated
"""

REQUEST_TEXTS = [
    ("Budget de fonctionnement 2024", "Le détail du budget de fonctionnement exécuté en 2024."),
    ("Marchés publics attribués", "La liste des marchés publics attribués l'an dernier."),
    ("Effectifs par direction", "Le nombre d'agents par direction et par grade."),
    ("ميزانية الاستثمار", "تفاصيل ميزانية الاستثمار المنفذة خلال السنة الماضية."),
    ("محاضر المجلس", "نسخ من محاضر دورات المجلس لسنة 2025."),
    ("الصفقات العمومية", "لائحة الصفقات العمومية المبرمة مع أسماء الشركات."),
    ("Rapport d'audit interne", "Le dernier rapport d'audit interne et ses recommandations."),
    ("Subventions aux associations", "Les subventions versées aux associations en 2025."),
    ("Qualité de l'eau", "Les résultats des analyses de la qualité de l'eau potable."),
    ("Plan d'aménagement", "Le plan d'aménagement en vigueur et ses modifications."),
]

AWARDS_SQL = """
WITH src AS (
    SELECT g, random() AS r_prog, random() AS r_assoc, random() AS r_day, random() AS r_amount,
           random() AS r_call, random() AS r_pub, random() AS r_dur
    FROM generate_series(%(start)s, %(stop)s) AS g
), base AS (
    SELECT src.*, (%(prog_slots)s::int[])[1 + floor(r_prog * 1000)::int] AS p,
           (%(assoc_slots)s::int[])[1 + floor(r_assoc * 1000)::int] AS a
    FROM src
)
INSERT INTO csofunding_award (
    created_at, updated_at, reference, title, amount, in_kind_value, awarded_on,
    duration_months, convention, is_published, association_id, funder_id, call_id,
    programme_id, sector_id
)
SELECT now(), now(), 'vol-' || lpad(g::text, 7, '0'),
       'Projet ' || g || ' – ' || (%(assoc_names)s::text[])[a],
       (ARRAY[15000, 30000, 50000, 80000, 120000, 200000, 350000, 600000, 1200000])
           [1 + floor(power(r_amount, 1.4) * 9)::int] + floor(r_dur * 40) * 500,
       (ARRAY[0, 0, 0, 10000, 25000])[1 + floor(r_call * 5)::int],
       LEAST(date '2022-01-01' + floor(r_day * (current_date - date '2022-01-01'))::int,
             current_date),
       (ARRAY[6, 12, 12, 18, 24, 36])[1 + floor(r_dur * 6)::int],
       '', r_pub > 0.02,
       (%(assoc_ids)s::bigint[])[a],
       (%(prog_funders)s::bigint[])[p],
       CASE WHEN r_call < 0.45 AND (%(prog_calls)s::bigint[])[p] > 0
            THEN (%(prog_calls)s::bigint[])[p] END,
       (%(prog_ids)s::bigint[])[p],
       (%(prog_sectors)s::bigint[])[p]
FROM base
"""

DATASETS_SQL = """
WITH src AS (
    SELECT g, random() AS r_pub, random() AS r_kind, random() AS r_year, random() AS r_q,
           random() AS r_freq, random() AS r_lic, random() AS r_mod
    FROM generate_series(%(start)s, %(stop)s) AS g
), base AS (
    SELECT src.*, (%(pub_slots)s::bigint[])[1 + floor(r_pub * 1000)::int] AS publisher,
           1 + floor(r_kind * %(n_kinds)s)::int AS k,
           2015 + floor(r_year * 11)::int AS year,
           LEAST(100, 15 + floor(power(r_q, 0.7) * 90)::int) AS score
    FROM src
)
INSERT INTO opendata_dataset (
    created_at, updated_at, slug, title, title_ar, title_fr, title_en, description,
    description_ar, description_fr, description_en, frequency, temporal_start, temporal_end,
    is_national, contact_point, contact_url, issued, modified, is_published, export_key,
    quality_score, quality_band, publisher_id, licence_id
)
SELECT now() - make_interval(days => floor(r_mod * 1500)::int),
       now() - make_interval(days => floor(r_mod * 700)::int),
       'vol-' || lpad(g::text, 6, '0') || '-' || (%(kind_slugs)s::text[])[k] || '-' || year,
       (%(kind_fr)s::text[])[k] || ' ' || year || ' (' || g || ')',
       (%(kind_ar)s::text[])[k] || ' ' || year || ' (' || g || ')',
       (%(kind_fr)s::text[])[k] || ' ' || year || ' (' || g || ')',
       (%(kind_en)s::text[])[k] || ' ' || year || ' (' || g || ')',
       'Données ' || year || ' : ' || (%(kind_fr)s::text[])[k] || '.',
       'معطيات سنة ' || year || ': ' || (%(kind_ar)s::text[])[k] || '.',
       'Données ' || year || ' : ' || (%(kind_fr)s::text[])[k] || '.',
       'Data for ' || year || ': ' || (%(kind_en)s::text[])[k] || '.',
       (ARRAY['P1Y','P1Y','P1Y','P1M','P3M','P6M','irregular','punctual','unknown','P1D'])
           [1 + floor(r_freq * 10)::int],
       make_date(year, 1, 1), make_date(year, 12, 31),
       r_kind < 0.6, 'Service des statistiques', '',
       make_date(LEAST(year + 1, extract(year FROM current_date)::int), 3, 1),
       now() - make_interval(days => floor(r_mod * 700)::int),
       r_q > 0.03, NULL,
       score,
       CASE WHEN score >= 80 THEN 'high' WHEN score >= 50 THEN 'medium' ELSE 'low' END,
       publisher,
       CASE WHEN r_lic < 0.9 THEN (%(licences)s::bigint[])[1 + floor(r_lic / 0.9 * %(n_lic)s)::int]
       END
FROM base
"""

DATASET_KINDS = [
    ("budget", "Budget exécuté", "الميزانية المنفذة", "Executed budget"),
    ("marches", "Marchés publics", "الصفقات العمومية", "Public procurement"),
    ("effectifs", "Effectifs", "الموارد البشرية", "Staff numbers"),
    ("etablissements", "Établissements scolaires", "المؤسسات التعليمية", "Schools"),
    ("sante", "Établissements de santé", "المؤسسات الصحية", "Health facilities"),
    ("eau", "Qualité de l'eau", "جودة الماء", "Water quality"),
    ("trafic", "Trafic routier", "حركة السير", "Road traffic"),
    ("tourisme", "Nuitées touristiques", "ليالي المبيت السياحية", "Tourist nights"),
    ("population", "Population", "السكان", "Population"),
    ("emploi", "Emploi et chômage", "الشغل والبطالة", "Employment"),
    ("energie", "Production d'énergie", "إنتاج الطاقة", "Energy production"),
    ("agriculture", "Production agricole", "الإنتاج الفلاحي", "Agricultural output"),
]


class Command(BaseCommand):
    help = (
        "Fill PostgreSQL with 1 M signatures, 200,000 complaints, 20,000 information requests, "
        "50,000 awards and 5,000 datasets on top of the demo (idempotent: tops up)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="multiply every target (e.g. 0.1)"
        )
        parser.add_argument("--only", nargs="*", choices=list(TARGETS), help="only these parts")
        for part, target in TARGETS.items():
            parser.add_argument(
                f"--{part}", type=int, default=None, help=f"target rows (default {target:,})"
            )
        parser.add_argument("--seed", type=float, default=0.2026, help="random seed (-1..1)")

    def handle(self, *args, scale=1.0, only=None, seed=0.2026, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "seed_volume needs PostgreSQL (it generates rows with generate_series and "
                f"PostgreSQL functions); this database is {connection.vendor}. "
                "Set DATABASE_URL=postgres://... and run migrate first."
            )
        started = time.perf_counter()
        self._ensure_demo()
        parts = only or list(TARGETS)
        self.seed = seed
        timings = []
        for part in TARGETS:
            if part not in parts:
                continue
            target = options.get(part)
            if target is None:
                target = round(TARGETS[part] * scale)
            t0 = time.perf_counter()
            self.stdout.write(self.style.MIGRATE_HEADING(f"Volume: {part} (target {target:,})"))
            added, total = getattr(self, f"_{part}")(target)
            elapsed = time.perf_counter() - t0
            timings.append((part, added, total, elapsed))
            self.stdout.write(f"  {part}: {added:,} added, {total:,} in all, {elapsed:.1f} s")
        self.stdout.write("")
        self.stdout.write(f"{'part':<12} {'added':>10} {'rows':>10} {'seconds':>8}")
        for part, added, total, elapsed in timings:
            self.stdout.write(f"{part:<12} {added:>10,} {total:>10,} {elapsed:>8.1f}")
        self.stdout.write(
            self.style.SUCCESS(f"Volume ready in {time.perf_counter() - started:.1f} s.")
        )

    # --- the demo underneath ---------------------------------------------------------------

    def _ensure_demo(self):
        from complaints.models import Category
        from csofunding.models import Programme
        from ogp_portal.directory.models import Administration
        from opendata.models import Dataset
        from petitions.models import Petition
        from transparency.models import RefusalGround

        present = all(
            model.objects.exists()
            for model in (Administration, Petition, Category, Programme, Dataset, RefusalGround)
        )
        if present:
            return
        t0 = time.perf_counter()
        self.stdout.write("The demo is missing: running seed_demo first.")
        call_command("seed_demo", stdout=self.stdout)
        self.stdout.write(f"  seed_demo: {time.perf_counter() - t0:.1f} s")

    def _log(self, line: str) -> None:
        self.stdout.write(line)

    def _batches(self, cursor, sql, params, first, last, step, label):
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SELECT setseed(%s)", [(self.seed + first / 10**8) % 1])
        for start in range(first, last + 1, step):
            stop = min(start + step - 1, last)
            t0 = time.perf_counter()
            cursor.execute(sql, {**params, "start": start, "stop": stop})
            self._log(f"  {label} {start:>9,}–{stop:>9,}: {time.perf_counter() - t0:5.1f} s")

    @staticmethod
    def _analyze(*tables):
        with connection.cursor() as cursor:
            for table in tables:
                # VACUUM: a fresh bulk load has no visibility map (index-only counts).
                cursor.execute(f"VACUUM ANALYZE {table}")

    # --- the parts -------------------------------------------------------------------------

    def _signatures(self, target: int) -> tuple[int, int]:
        from ogp_portal.directory.models import Province
        from petitions import counting
        from petitions.models import Petition, PetitionCount

        with connection.cursor() as cursor:
            have = count(cursor, "SELECT count(*) FROM petitions_signature")
            numbered = count(
                cursor,
                "SELECT count(*) FROM petitions_signature WHERE email LIKE %s",
                [f"%@{SIGNATURE_DOMAIN}"],
            )
        missing = target - have
        if missing <= 0:
            return 0, have
        now = timezone.now()
        petitions = list(
            Petition.objects.public()
            .exclude(published_at=None)
            .order_by("-published_at", "pk")
            .values("pk", "status", "published_at", "collection_ends_on", "region_id")
        )
        if not petitions:
            raise CommandError("No published petition to sign: the petitions demo is missing.")
        # Petitions still collecting get most signatures; within them a few get most (Zipf).
        collecting = [p for p in petitions if p["status"] in ("collecting", "goal_reached")]
        others = [p for p in petitions if p not in collecting]
        ordered = collecting + others
        weights = [
            (i, w * (1.0 if p in collecting else 0.15))
            for (i, w), p in zip(zipf(list(range(1, len(ordered) + 1)), 0.9), ordered, strict=True)
        ]
        provinces = list(
            Province.objects.with_council()
            .order_by("region_id", "pk")
            .values_list("pk", "region_id", "population_2024")
        )
        region_ids = sorted({r for _p, r, _n in provinces})
        region_index = {r: i for i, r in enumerate(region_ids, start=1)}
        region_slots: list[int] = []
        for r in region_ids:
            region_slots += slots([(p, max(n, 1)) for p, rr, n in provinces if rr == r], 100)
        start_of, end_of = [], []
        for p in ordered:
            begin = p["published_at"]
            end = now - datetime.timedelta(minutes=5)
            if p["collection_ends_on"]:
                closing = datetime.datetime.combine(
                    p["collection_ends_on"], datetime.time(23, 0), tzinfo=datetime.UTC
                )
                end = min(end, closing)
            end = max(end, begin + datetime.timedelta(hours=1))
            start_of.append(begin.timestamp())
            end_of.append(min(end.timestamp(), (now - datetime.timedelta(minutes=5)).timestamp()))
        params = {
            "pet_slots": slots(weights),
            "pet_ids": [p["pk"] for p in ordered],
            "pet_region": [region_index.get(p["region_id"], 0) for p in ordered],
            "pet_start": start_of,
            "pet_end": end_of,
            "region_slots": region_slots,
            "nation_slots": slots([(p, max(n, 1)) for p, _r, n in provinces]),
            "prov_region": json.dumps({str(p): r for p, r, _n in provinces}),
            "names": [
                "Salma",
                "Youssef",
                "Khadija",
                "Omar",
                "Fatima",
                "Hamza",
                "Imane",
                "Anas",
                "Meryem",
                "Ayoub",
                "Zineb",
                "Mehdi",
                "Hajar",
                "Karim",
                "Nadia",
                "Said",
            ],  # fmt: skip
            "domain": SIGNATURE_DOMAIN,
        }
        params["n_names"] = len(params["names"])
        with transaction.atomic(), connection.cursor() as cursor:
            self._batches(
                cursor, SIGNATURES_SQL, params, numbered + 1, numbered + missing, 200_000,
                "signatures",
            )  # fmt: skip
        self._analyze("petitions_signature")
        # The counts the pages read: move each petition's watermark to the latest volume row
        # (never backwards) and recount up to it. Not the beat's counting task: it would mark
        # goals reached and notify every signer who asked for progress (a notification storm).
        t0 = time.perf_counter()
        latest = timezone.now()
        for p in ordered:
            counts, _created = PetitionCount.objects.get_or_create(petition_id=p["pk"])
            if counts.counted_until is None or counts.counted_until < latest:
                PetitionCount.objects.filter(pk=p["pk"]).update(counted_until=latest)
        # The recount corrects (and would log as drift) exactly the rows just added.
        counting_log = logging.getLogger(counting.__name__)
        level = counting_log.level
        counting_log.setLevel(logging.ERROR)
        try:
            for p in ordered:
                counting.recount_petition(p["pk"])
        finally:
            counting_log.setLevel(level)
        self._log(f"  petition counts recomputed: {time.perf_counter() - t0:.1f} s")
        with connection.cursor() as cursor:
            return missing, count(cursor, "SELECT count(*) FROM petitions_signature")

    def _complaints(self, target: int) -> tuple[int, int]:
        from complaints import analytics

        with connection.cursor() as cursor:
            have = count(cursor, "SELECT count(*) FROM complaints_complaint")
            numbered = count(
                cursor, "SELECT count(*) FROM complaints_complaint WHERE reference LIKE 'VOL-%%'"
            )
        missing = target - have
        if missing <= 0:
            return 0, have
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute("SELECT setseed(%s)", [(self.seed + numbered / 10**8) % 1])
            generate_complaints(cursor, "VOL-", numbered + 1, numbered + missing, log=self._log)
        self._analyze("complaints_complaint")
        t0 = time.perf_counter()
        analytics.compute_snapshot()
        self._log(f"  complaints analytics snapshot: {time.perf_counter() - t0:.1f} s")
        with connection.cursor() as cursor:
            return missing, count(cursor, "SELECT count(*) FROM complaints_complaint")

    def _requests(self, target: int) -> tuple[int, int]:
        from ogp_portal.directory.models import Administration
        from transparency.models import RefusalGround

        with connection.cursor() as cursor:
            have = count(cursor, "SELECT count(*) FROM transparency_informationrequest")
            numbered = count(
                cursor,
                "SELECT count(*) FROM transparency_informationrequest "
                "WHERE reference LIKE 'VOL-ATI-%%'",
            )
        missing = target - have
        if missing <= 0:
            return 0, have
        # Ministries and public bodies receive most requests; councils fewer.
        kind_weight = {"ministry": 3.0, "public_establishment": 2.0, "regional_council": 1.0,
                       "communal_council": 1.2, "provincial_council": 0.6}  # fmt: skip
        administrations = list(Administration.objects.order_by("pk").values_list("pk", "kind"))
        ranked = zipf([pk for pk, _k in administrations], 0.6)
        weighted = [
            (pk, w * kind_weight.get(kind, 0.4))
            for (pk, w), (_pk, kind) in zip(ranked, administrations, strict=True)
        ]
        grounds = list(RefusalGround.objects.order_by("pk").values_list("pk", flat=True))
        params = {
            "adm_slots": slots(weighted),
            "subjects": [s for s, _d in REQUEST_TEXTS],
            "descriptions": [d for _s, d in REQUEST_TEXTS],
            "n_text": len(REQUEST_TEXTS),
            "grounds": grounds,
            "n_grounds": len(grounds),
        }
        with transaction.atomic(), connection.cursor() as cursor:
            self._batches(
                cursor, REQUESTS_SQL, params, numbered + 1, numbered + missing, 100_000,
                "requests",
            )  # fmt: skip
        self._analyze("transparency_informationrequest")
        with connection.cursor() as cursor:
            return missing, count(cursor, "SELECT count(*) FROM transparency_informationrequest")

    def _awards(self, target: int) -> tuple[int, int]:
        from csofunding.models import Association, Call, Programme

        with connection.cursor() as cursor:
            have = count(cursor, "SELECT count(*) FROM csofunding_award")
            numbered = count(
                cursor, "SELECT count(*) FROM csofunding_award WHERE reference LIKE 'vol-%%'"
            )
        missing = target - have
        if missing <= 0:
            return 0, have
        programmes = list(Programme.objects.order_by("pk").values("pk", "funder_id", "sector_id"))
        calls: dict[int, int] = {}
        for call_id, programme_id in (
            Call.objects.exclude(awarded_on=None).order_by("pk").values_list("pk", "programme_id")
        ):
            calls.setdefault(programme_id, call_id)
        associations = list(
            Association.objects.order_by("pk").values_list("pk", "name_fr", "seat_region_id")
        )
        params = {
            "prog_slots": slots(zipf(list(range(1, len(programmes) + 1)), 0.8)),
            "prog_ids": [p["pk"] for p in programmes],
            "prog_funders": [p["funder_id"] for p in programmes],
            "prog_sectors": [p["sector_id"] for p in programmes],
            "prog_calls": [calls.get(p["pk"], 0) for p in programmes],
            # Associations in big cities win more: Zipf over a shuffled-but-fixed order.
            "assoc_slots": slots(zipf(list(range(1, len(associations) + 1)), 0.5)),
            "assoc_ids": [a[0] for a in associations],
            "assoc_names": [(a[1] or "").split(" – ")[-1][:120] for a in associations],
        }
        with transaction.atomic(), connection.cursor() as cursor:
            self._batches(
                cursor, AWARDS_SQL, params, numbered + 1, numbered + missing, 100_000, "awards"
            )
            # Beneficiary regions: the association's seat, and a second region for about 15 %.
            cursor.execute(
                "INSERT INTO csofunding_award_beneficiary_regions (award_id, region_id) "
                "SELECT a.id, s.seat_region_id FROM csofunding_award a "
                "JOIN csofunding_association s ON s.id = a.association_id "
                "WHERE a.reference LIKE 'vol-%%' AND s.seat_region_id IS NOT NULL "
                "AND NOT EXISTS (SELECT 1 FROM csofunding_award_beneficiary_regions b "
                "                WHERE b.award_id = a.id) ",
                [],
            )
            cursor.execute(
                "INSERT INTO csofunding_award_beneficiary_regions (award_id, region_id) "
                "SELECT a.id, r.id FROM csofunding_award a "
                "JOIN directory_region r ON r.code = lpad((1 + a.id %% 12)::text, 2, '0') "
                "WHERE a.reference LIKE 'vol-%%' AND a.id %% 7 = 0 "
                "AND (SELECT count(*) FROM csofunding_award_beneficiary_regions b "
                "     WHERE b.award_id = a.id) = 1 "
                "ON CONFLICT DO NOTHING",
                [],
            )
        self._analyze("csofunding_award", "csofunding_award_beneficiary_regions")
        with connection.cursor() as cursor:
            return missing, count(cursor, "SELECT count(*) FROM csofunding_award")

    def _datasets(self, target: int) -> tuple[int, int]:
        from opendata.models import Dataset, Licence, Theme

        with connection.cursor() as cursor:
            have = count(cursor, "SELECT count(*) FROM opendata_dataset")
            numbered = count(
                cursor, "SELECT count(*) FROM opendata_dataset WHERE slug LIKE 'vol-%%'"
            )
        missing = target - have
        if missing <= 0:
            return 0, have
        publishers = list(
            Dataset.objects.published()
            .order_by()
            .values_list("publisher_id", flat=True)
            .annotate(n=django_count("pk"))
            .order_by("-n", "publisher_id")
        )
        if not publishers:
            raise CommandError("No publisher: the opendata demo is missing.")
        licences = list(Licence.objects.order_by("order", "pk").values_list("pk", flat=True))
        themes = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
        params = {
            "pub_slots": slots(zipf(publishers, 0.8)),
            "n_kinds": len(DATASET_KINDS),
            "kind_slugs": [k[0] for k in DATASET_KINDS],
            "kind_fr": [k[1] for k in DATASET_KINDS],
            "kind_ar": [k[2] for k in DATASET_KINDS],
            "kind_en": [k[3] for k in DATASET_KINDS],
            "licences": licences,
            "n_lic": len(licences),
        }
        with transaction.atomic(), connection.cursor() as cursor:
            self._batches(
                cursor, DATASETS_SQL, params, numbered + 1, numbered + missing, 100_000,
                "datasets",
            )  # fmt: skip
            fresh = (
                "SELECT id FROM opendata_dataset d WHERE slug LIKE 'vol-%%' AND NOT EXISTS "
                "(SELECT 1 FROM opendata_resource r WHERE r.dataset_id = d.id)"
            )
            # One or two themes, regions for the regional ones, one to three resources.
            cursor.execute(
                "INSERT INTO opendata_dataset_themes (dataset_id, theme_id) "  # noqa: S608
                "SELECT id, (%s::bigint[])[1 + id %% %s] FROM (" + fresh + ") d "
                "UNION SELECT id, (%s::bigint[])[1 + (id * 7) %% %s] FROM (" + fresh + ") d "
                "WHERE id %% 3 = 0 ON CONFLICT DO NOTHING",
                [themes, len(themes), themes, len(themes)],
            )
            cursor.execute(
                "INSERT INTO opendata_dataset_regions (dataset_id, region_id) "
                "SELECT d.id, r.id FROM opendata_dataset d JOIN directory_region r "
                "ON r.code = lpad((1 + d.id %% 12)::text, 2, '0') "
                "WHERE d.slug LIKE 'vol-%%' AND NOT d.is_national AND NOT EXISTS "
                "(SELECT 1 FROM opendata_dataset_regions x WHERE x.dataset_id = d.id)",
                [],
            )
            cursor.execute(
                "INSERT INTO opendata_resource (created_at, updated_at, title, kind, url, file, "  # noqa: S608
                "format, size, description, last_modified, dataset_id) "
                "SELECT d.modified, d.modified, d.title_fr || ' (' || f.fmt || ')', 'link', "
                "'https://data.example.org/' || d.slug || '.' || lower(f.fmt), '', f.fmt, "
                "10000 + (d.id * 7919) %% 5000000, '', d.modified, d.id "
                "FROM (" + fresh + ") x JOIN opendata_dataset d ON d.id = x.id "
                "CROSS JOIN LATERAL (SELECT unnest((ARRAY['CSV','XLSX','JSON','PDF'])"
                "[1:1 + d.id %% 3]) AS fmt) f",
                [],
            )
        self._analyze(
            "opendata_dataset", "opendata_dataset_themes", "opendata_dataset_regions",
            "opendata_resource",
        )  # fmt: skip
        with connection.cursor() as cursor:
            return missing, count(cursor, "SELECT count(*) FROM opendata_dataset")


def django_count(field):
    from django.db.models import Count

    return Count(field)
