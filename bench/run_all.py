"""`make bench`: every benchmark in bench/, each on its own database, then ONE table.

Each script runs in a subprocess with options that keep the whole run under about 15
minutes on 2 cores and --json; its `BENCH_JSON {...}` line gives the rows of the table
(figure, value, ceiling from the same run, target, PASS/FAIL). bench_petitions_load.py has
no --json flag: its printed table is parsed instead (rows ending in `-> PASS|FAIL`, and the
hello view's rate as the ceiling).

Databases (created, migrated and seeded here when missing):
  references        PostgreSQL ogp_bench_references
  progress_report   a throwaway SQLite file (the script's default)
  opendata          SQLite /tmp/ogp_bench_opendata.sqlite3 (demo: directory accounts opendata)
  csofunding        SQLite /tmp/bench_csofunding.sqlite3 (the script's default; 50,000 awards)
  complaints        PostgreSQL ogp_bench_complaints (--complaints, default 200,000)
  petitions_load    PostgreSQL ogp_bench_petitions (the script's own)
  pages             PostgreSQL ogp_bench_pages, seed_volume --scale BENCH_SCALE (default 0.2)

    make bench                               # everything
    make bench ARGS="--only pages references"
    make bench ARGS="--scale 1 --page-seconds 10"

Exit status 1 when any row is FAIL or a script failed.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import _common  # noqa: E402

PY = str(ROOT / ".venv/bin/python")
OPENDATA_SQLITE = "/tmp/ogp_bench_opendata.sqlite3"  # noqa: S108 (a throwaway benchmark database)


def _args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="benchmarks to run (names below)")
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", 0.2)))
    parser.add_argument("--page-seconds", type=int, default=3)
    parser.add_argument("--complaints", type=int, default=200_000)
    parser.add_argument("--signatures", type=int, default=200_000)
    return parser.parse_args()


ARGS = _args()


def manage(database_url: str, *command: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1", "CELERY_BROKER_URL": ""}
    subprocess.run(  # noqa: S603
        [PY, "manage.py", *command], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )


def prepare_references() -> dict:
    url = f"{_common.PG_SERVER}/ogp_bench_references"
    _common.ensure_postgres_database(url)
    manage(url, "migrate", "-v0")
    return {"DATABASE_URL": url}


def prepare_opendata() -> dict:
    url = f"sqlite:///{OPENDATA_SQLITE}"
    if not Path(OPENDATA_SQLITE).exists():
        manage(url, "migrate", "-v0")
        manage(url, "seed_demo", "--only", "directory", "accounts", "opendata")
    else:
        manage(url, "migrate", "-v0")
    return {"DATABASE_URL": url}


def no_database() -> dict:
    return {"DATABASE_URL": ""}


# name, script, options, environment preparation
BENCHES = [
    ("references", "bench_references.py", ["--threads", "8", "--calls", "300"],
     prepare_references),
    ("progress_report", "bench_progress_report.py", ["--repeat", "1"], no_database),
    ("opendata", "bench_opendata.py", ["--repeat", "5"], prepare_opendata),
    ("csofunding", "bench_csofunding.py", ["--repeat", "15"], no_database),
    ("complaints", "bench_complaints.py",
     ["--complaints", str(ARGS.complaints), "--repeat", "20"], no_database),
    ("petitions_load", "bench_petitions_load.py",
     ["--signatures", str(ARGS.signatures), "--duration", "10", "--no-storm-hello"],
     no_database),
    ("pages", "bench_pages.py",
     ["--database", "ogp_bench_pages", "--seed-scale", str(ARGS.scale),
      "--duration", str(ARGS.page_seconds), "--warmup", "1"], no_database),
]  # fmt: skip

PETITIONS_ROW = re.compile(
    r"^(?P<label>.{36}) +(?P<conn>\d+) +(?P<rate>[\d.]+) +(?P<p50>[\d.]+) +(?P<p99>[\d.]+) +"
    r"(?P<non2xx>\d+)  (?P<target>.*?)(?: -> (?P<verdict>PASS|FAIL))?$"
)


def parse_petitions(out: str) -> dict:
    """bench_petitions_load.py's printed table (it has no --json flag)."""
    rows, hello = [], None
    for line in out.splitlines():
        m = PETITIONS_ROW.match(line)
        if not m:
            continue
        label = m["label"].strip()
        if label.startswith("hello view (ceiling)"):
            hello = float(m["rate"])
        if m["verdict"]:
            rows.append(
                _common.row(
                    f"{label} (req/s; p99 {m['p99']} ms)",
                    float(m["rate"]),
                    "req/s",
                    ceiling=f"hello {hello:.0f} req/s" if hello else "",
                    target=m["target"].strip(),
                    verdict=m["verdict"],
                )
            )
    if "reconciliation:" in out:
        exact = "reconciliation: exact" in out
        rows.append(
            _common.row("signatures reconciled", "exact" if exact else "NOT EXACT", "",
                        target="0 lost, 0 duplicated", verdict="PASS" if exact else "FAIL")
        )  # fmt: skip
    return {"bench": "petitions_load", "rows": rows}


def run(name, script, options, prepare) -> tuple[dict | None, int, float, str]:
    started = time.perf_counter()
    env = {**os.environ, **prepare()}
    if not env.get("DATABASE_URL"):
        env.pop("DATABASE_URL", None)
    for key in ("DEBUG",):
        env.pop(key, None)
    env["CELERY_BROKER_URL"] = ""
    command = [PY, str(ROOT / "bench" / script), *options]
    if name != "petitions_load":
        command.append("--json")
    print(f"== {name}: {' '.join(command[1:])}", flush=True)
    proc = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)  # noqa: S603
    out = proc.stdout
    log = Path(f"/tmp/ogp_bench_{name}.log")  # noqa: S108
    log.write_text(out + "\n--- stderr ---\n" + proc.stderr)
    summary = None
    if name == "petitions_load":
        summary = parse_petitions(out)
    else:
        for line in out.splitlines():
            if line.startswith(_common.JSON_PREFIX):
                summary = json.loads(line.removeprefix(_common.JSON_PREFIX))
    elapsed = time.perf_counter() - started
    print(f"   exit {proc.returncode} in {elapsed:.0f} s (output in {log})", flush=True)
    return summary, proc.returncode, elapsed, str(log)


def main() -> int:
    selected = [b for b in BENCHES if not ARGS.only or b[0] in ARGS.only]
    print(f"machine: {os.cpu_count()} cores, load average {_common.load_average()}")
    results = [(b[0], *run(*b)) for b in selected]
    print()
    header = (
        f"{'benchmark':<16} {'figure':<58} {'value':>12}  {'ceiling':<22} {'target':<28} verdict"
    )
    print(header)
    print("-" * len(header))
    failed = False
    for name, summary, code, _elapsed, log in results:
        if not summary or not summary.get("rows"):
            print(f"{name:<16} {'(no summary: see ' + log + ')':<58} {'':>12}  {'':<22} "
                  f"{'exit ' + str(code):<28} FAIL")  # fmt: skip
            failed = True
            continue
        for r in summary["rows"]:
            value = r["value"]
            shown = (
                "n/a" if value is None else f"{value:,}" if not isinstance(value, str) else value
            )
            shown = f"{shown} {r['unit']}".strip()
            print(
                f"{name:<16} {r['figure'][:58]:<58} {shown:>12}  {str(r['ceiling'])[:22]:<22} "
                f"{str(r['target'])[:28]:<28} {r['verdict']}"
            )
            failed |= r["verdict"] == "FAIL"
        if code not in (0, 1):
            failed = True
            print(f"{name:<16} {'(script error: see ' + log + ')':<58} exit {code}")
    print(f"load average at the end: {_common.load_average()}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
