"""Complaints at the national scale (issue 5): 1 million complaints on PostgreSQL.

Targets: the full analytics recompute (aggregates in SQL + topic clustering on a sample) under
60 s; the public dashboard p95 under 50 ms (it reads the snapshot tables only); a scoped
complaints officer's admin changelist (default ordering, first page) p95 under 100 ms.

The script uses a dedicated database: it creates it if missing (CREATE DATABASE through the
`postgres` maintenance database), migrates it, seeds the directory (regions, provinces,
administrations) and the complaints demo (categories, templates), then generates the missing
bench complaints (reference `BENCH-NNNNNNNNN`) in SQL, 100,000 per INSERT ... SELECT over
generate_series with a fixed seed: kinds, channels, statuses, deadlines, answers, ratings and
reopenings like the demo's, texts in French, Arabic and Darija (both scripts) on eight themes,
one of which (water cuts) grows in the latest month. Running it again reuses what exists.
Then it measures, through django.test.Client in-process (no network):

    recompute   analytics.compute_snapshot() once (--recompute times), wall clock
    dashboard   GET /fr/complaints/ and /ar/complaints/, --repeat times each after a warm-up
    changelist  GET /fr/admin/complaints/complaint/ as the officer of the busiest
                administration, --repeat times after a warm-up

    createdb -h 127.0.0.1 -U postgres ogp_bench_complaints     # optional: the script does it
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogp_bench_complaints \\
        .venv/bin/python bench/bench_complaints.py

Exit status 1 when a target is missed.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ogp_bench_complaints"


def _parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--recompute", type=int, default=1, help="full recomputes to time")
    parser.add_argument("--recompute-target", type=float, default=60.0, help="seconds")
    parser.add_argument("--dashboard-target", type=float, default=50.0, help="p95 in ms")
    parser.add_argument("--changelist-target", type=float, default=100.0, help="p95 in ms")
    return parser.parse_args()


ARGS = _parse_args()
os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogp_portal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["CELERY_BROKER_URL"] = ""  # no broker: nothing is queued during the bench


def _create_database(url: str) -> None:
    """CREATE DATABASE if it does not exist (PostgreSQL only)."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    if not config["ENGINE"].endswith("postgresql"):
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")
    params = {
        "host": config["HOST"] or "127.0.0.1",
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')
            print(f"created database {config['NAME']}")


_create_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

# (theme, [(subject, description)]) in French, Arabic, Darija in Arabic and in Latin letters.
THEMES = {
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
GROWING = "water"


def texts() -> list[tuple[str, str, str]]:
    return [(theme, s, d) for theme, items in THEMES.items() for s, d in items]


GENERATE = """
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
       'BENCH-' || lpad(g::text, 9, '0'),
       md5(g::text || r_text::text || 'bench'),
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


def build(target: int) -> int:
    from complaints import demo as complaints_demo
    from complaints.models import Category, Complaint
    from ogp_portal.accounts import roles
    from ogp_portal.accounts.models import User
    from ogp_portal.directory.demo import seed as seed_directory
    from ogp_portal.directory.models import Province, Region

    call_command("migrate", verbosity=0)
    if not Region.objects.exists():
        seed_directory(_Quiet())
    if not Category.objects.exists():
        complaints_demo.seed(_Quiet())
    existing = Complaint.objects.filter(reference__startswith="BENCH-").count()
    missing = target - existing
    if missing > 0:
        categories = list(Category.objects.select_related("administration").order_by("pk"))
        provinces = list(Province.objects.order_by("pk").values_list("pk", "region_id"))
        corpus = texts()
        grow = [i for i, (theme, _s, _d) in enumerate(corpus, start=1) if theme == GROWING]
        params = {
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
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")
            cursor.execute("SELECT setseed(%s)", [0.2026 + existing / 10**9])
            step = 100_000
            for start in range(existing + 1, target + 1, step):
                stop = min(start + step - 1, target)
                t0 = time.perf_counter()
                cursor.execute(GENERATE, {**params, "start": start, "stop": stop})
                print(f"  complaints {start:>9,}–{stop:>9,}: {time.perf_counter() - t0:5.1f} s")
        # Production tables are autovacuumed; a fresh bulk load is not: set the visibility map
        # (index-only counts) and the planner's statistics now.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE complaints_complaint")
    busiest = (
        Complaint.objects.exclude(administration=None)
        .values_list("administration_id", flat=True)
        .annotate(n=django.db.models.Count("pk"))
        .order_by("-n")
        .first()
    )
    officer, _created = User.objects.get_or_create(
        email="bench.officer@example.org",
        defaults={"full_name": "Bench Officer", "is_staff": True},
    )
    officer.administration_id = busiest
    officer.is_staff = True
    officer.save()
    officer.groups.add(django.contrib.auth.models.Group.objects.get(name=roles.COMPLAINTS_OFFICER))
    return max(missing, 0)


class _Quiet:
    def write(self, line):
        pass


def percentile(values, p):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def timed(client, path, repeat):
    response = client.get(path)  # warm up
    assert response.status_code == 200, (path, response.status_code)
    wall = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(path)
        wall.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(wall), percentile(wall, 95)


def main() -> int:
    from complaints import analytics
    from complaints.models import Complaint
    from ogp_portal.accounts.models import User

    started = time.perf_counter()
    built = build(ARGS.complaints)
    total = Complaint.objects.count()
    print(
        f"database: {connection.vendor} ({connection.settings_dict['NAME']}); {total:,} "
        f"complaints, {built:,} generated in {time.perf_counter() - started:.1f} s"
    )
    missed = []

    durations = []
    for _ in range(ARGS.recompute):
        t0 = time.perf_counter()
        snapshot = analytics.compute_snapshot()
        durations.append(time.perf_counter() - t0)
        phases = ", ".join(f"{k} {v:.1f} s" for k, v in analytics.last_timings.items())
        print(
            f"recompute: {durations[-1]:.1f} s ({phases}); {snapshot.rows.count()} rows, "
            f"{snapshot.topics.count()} topics from {snapshot.topics_sample:,} sampled texts"
        )
    if durations and min(durations) > ARGS.recompute_target:
        missed.append("recompute")

    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # The officer is signed in by force_login: no second factor to enrol in a benchmark.
    with override_settings(
        SECURE_SSL_REDIRECT=False, STORAGES=storages, DEBUG=False, STAFF_MFA_REQUIRED=False
    ):
        client = Client()
        print(f"{'request':<44} {'p50 ms':>8} {'p95 ms':>8}")
        for path in ("/fr/complaints/", "/ar/complaints/"):
            p50, p95 = timed(client, path, ARGS.repeat)
            print(f"{'public dashboard ' + path:<44} {p50:8.1f} {p95:8.1f}")
            if p95 > ARGS.dashboard_target:
                missed.append(path)
        officer = User.objects.get(email="bench.officer@example.org")
        scoped = Complaint.objects.filter(administration_id=officer.administration_id).count()
        client.force_login(officer)
        path = "/fr/admin/complaints/complaint/"
        p50, p95 = timed(client, path, ARGS.repeat)
        print(f"{f'officer changelist ({scoped:,} complaints)':<44} {p50:8.1f} {p95:8.1f}")
        if p95 > ARGS.changelist_target:
            missed.append("changelist")
    print(
        f"targets: recompute < {ARGS.recompute_target:.0f} s, dashboard p95 < "
        f"{ARGS.dashboard_target:.0f} ms, changelist p95 < {ARGS.changelist_target:.0f} ms -> "
        + (f"MISSED: {', '.join(missed)}" if missed else "met")
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
