"""Settings of the petitions load benchmark (bench/bench_petitions_load.py).

The production settings, read from the same environment variables (the script sets them),
plus a URLconf that adds the two ceiling views of bench/benchviews.py. Nothing else changes,
so the ceilings and the signing form are served by the same gunicorn process with the same
middleware.
"""

from ogp_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bench_urls"
