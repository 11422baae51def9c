"""Lighthouse 12 on the portal's main public pages, phone form factor: accessibility and
performance scores and the bytes a first visit transfers (issue 8's targets: accessibility
>= 98, performance >= 95, under 150 KB).

Lighthouse is an npm package; install it outside the repository (never commit node_modules):

    mkdir -p /tmp/lh && (cd /tmp/lh && npm install --no-audit --no-fund lighthouse@12)

Serve the demo with production settings (static files collected, compressed and hashed by
whitenoise), then run the script against it:

    DEBUG=1 .venv/bin/python manage.py migrate && DEBUG=1 .venv/bin/python manage.py seed_demo
    export DEBUG=0 SECRET_KEY=x ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 \\
           SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 STATIC_ROOT=/tmp/ogp-static
    .venv/bin/python manage.py collectstatic --noinput -v0
    .venv/bin/gunicorn ogp_portal.wsgi:application --bind 127.0.0.1:8133 --workers 2 &
    CHROME_PATH=/usr/bin/chromium .venv/bin/python bench/lighthouse.py \\
        --lighthouse /tmp/lh/node_modules/.bin/lighthouse --base http://127.0.0.1:8133

The detail pages (a request, a commitment, a petition, a dataset) are the first ones linked
from their list pages, so the script needs nothing but the server.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

TARGETS = {"accessibility": 98, "performance": 95, "kilobytes": 150}

# (name, path or (where to look, pattern of the link to follow)), {lang} filled in; "where to
# look" is itself a path or such a pair.
PLAN = ("/{lang}/transparency/plans/", r"/{lang}/transparency/plans/[\w-]+/")
PAGES = [
    ("home", "/{lang}/"),
    ("information requests", "/{lang}/transparency/requests/"),
    (
        "an information request",
        ("/{lang}/transparency/requests/", r"/{lang}/transparency/requests/ATI-[\d-]+/"),
    ),
    ("the action plan", PLAN),
    ("a commitment", (PLAN, r"/{lang}/transparency/plans/[\w-]+/commitments/\d+/")),
    ("petitions", "/{lang}/petitions/"),
    ("a petition", ("/{lang}/petitions/", r"/{lang}/petitions/PET-[\d-]+/")),
    ("complaints dashboard", "/{lang}/complaints/"),
    ("filing a complaint", "/{lang}/complaints/new/"),
    ("integrity initiatives", "/{lang}/integrity/"),
    ("funding explorer", "/{lang}/funding/awards/"),
    ("open data catalogue", "/{lang}/opendata/"),
    ("a dataset", ("/{lang}/opendata/", r"/{lang}/opendata/datasets/[\w-]+/")),
]

CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"


def find_lighthouse(given: str | None) -> str:
    here = Path(__file__).resolve().parent
    for candidate in (
        given,
        os.environ.get("LIGHTHOUSE"),
        str(here / "node_modules/.bin/lighthouse"),
        shutil.which("lighthouse"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit(
        "lighthouse not found: mkdir -p /tmp/lh && (cd /tmp/lh && npm install lighthouse@12), "
        "then pass --lighthouse /tmp/lh/node_modules/.bin/lighthouse"
    )


def resolve(base: str, lang: str, spec) -> str:
    if isinstance(spec, str):
        return spec.format(lang=lang)
    where, pattern = spec
    list_path, pattern = resolve(base, lang, where), pattern.format(lang=lang)
    with urllib.request.urlopen(base + list_path) as response:  # noqa: S310 (our server)
        html = response.read().decode()
    match = re.search(rf'href="({pattern})"', html)
    if not match:
        sys.exit(f"no link matching {pattern} on {list_path}: is the demo loaded?")
    return match.group(1)


def run_lighthouse(lighthouse: str, url: str, chrome: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(  # noqa: S603 (our own command line)
            [
                lighthouse,
                url,
                "--only-categories=accessibility,performance",
                "--form-factor=mobile",
                "--output=json",
                f"--output-path={out}",
                f"--chrome-flags={CHROME_FLAGS}",
                "--quiet",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": chrome},
            timeout=240,
        )
        return json.loads(out.read_text())


def summarise(report: dict) -> dict:
    audits = report["audits"]
    failed = [
        key
        for ref in report["categories"]["accessibility"]["auditRefs"]
        if ref["weight"]
        and (audits[key := ref["id"]].get("score") is not None)
        and audits[key]["score"] < 1
    ]
    return {
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "kilobytes": audits["total-byte-weight"]["numericValue"] / 1024,
        "requests": len(audits["network-requests"]["details"]["items"]),
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "failed_accessibility": failed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8133")
    parser.add_argument("--langs", default="ar,fr")
    parser.add_argument("--lighthouse")
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    parser.add_argument("--only", nargs="*", help="page names to run (default: all)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    lighthouse = find_lighthouse(args.lighthouse)

    rows = []
    print(
        f"{'lang':4} {'page':24} {'a11y':>4} {'perf':>4} {'KB':>6} {'req':>3} "
        f"{'FCP s':>5} {'LCP s':>5} {'TBT ms':>6} {'CLS':>5}  failed a11y audits"
    )
    for lang in args.langs.split(","):
        for name, spec in PAGES:
            if args.only and name not in args.only:
                continue
            path = resolve(args.base, lang, spec)
            row = {"lang": lang, "page": name, "path": path}
            row.update(summarise(run_lighthouse(lighthouse, args.base + path, args.chrome)))
            rows.append(row)
            print(
                f"{lang:4} {name:24} {row['accessibility']:4} {row['performance']:4} "
                f"{row['kilobytes']:6.1f} {row['requests']:3} {row['fcp']:5.2f} {row['lcp']:5.2f} "
                f"{row['tbt']:6.0f} {row['cls']:5.3f}  {' '.join(row['failed_accessibility'])}",
                flush=True,
            )
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))
    missed = [
        (row["lang"], row["page"], key)
        for row in rows
        for key, target in TARGETS.items()
        if (row[key] > target if key == "kilobytes" else row[key] < target)
    ]
    print(f"\n{len(rows)} pages; targets missed: {len(missed)}")
    for miss in missed:
        print("  ", *miss)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
