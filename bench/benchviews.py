"""The two ceilings of the petitions load benchmark, served by the portal's own gunicorn.

- `hello`: the middleware stack and a constant response, no database.
- `insert_only`: one INSERT into `bench_signature`, a copy of the signature table's shape
  (columns, unique constraint and indexes, made by the benchmark script with
  `CREATE TABLE ... (LIKE petitions_signature INCLUDING ALL)` and filled to the same size),
  in autocommit: no form, no CSRF, no template, no email. What a signing request can never beat.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

BENCH_TABLE = "bench_signature"
INSERT_SQL = (
    f"INSERT INTO {BENCH_TABLE} (petition_id, full_name, email, cin_hash, region_id, "  # noqa: S608
    "province_id, show_first_name, public_first_name, notify_progress, invalidated, "
    "invalidation_reason, ip, created_at) "
    "VALUES (%s, %s, %s, %s, %s, %s, false, '', false, false, '', %s, now())"
)


def hello(request):
    return HttpResponse(b"hello", content_type="text/plain")


@csrf_exempt
@require_POST
def insert_only(request):
    post = request.POST
    try:
        petition, region, province = (
            int(post["petition"]),
            int(post["region"]),
            int(post["province"]),
        )
        cin = post["cin"]
    except (KeyError, ValueError):
        return HttpResponseBadRequest(b"missing field")
    key = settings.CIN_HASH_KEY.encode()
    cin_hash = hmac.new(key, cin.encode(), hashlib.sha256).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute(
            INSERT_SQL,
            [
                petition,
                post.get("full_name", ""),
                post.get("email", ""),
                cin_hash,
                region,
                province,
                request.META.get("REMOTE_ADDR"),
            ],
        )
    return HttpResponse(b"ok", content_type="text/plain")
