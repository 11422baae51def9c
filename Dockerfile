# The OGP Morocco portal: one image for the web processes, the Celery worker and beat.
#
#   docker build -t ogp-portal .
#   docker compose up -d          # see docs/deployment.md
#
# The image holds the code, its dependencies, compiled translations and the static
# files (collected at build time, served by whitenoise). It holds no secret and no
# data: SECRET_KEY, DATABASE_URL and the rest come from the environment at run time.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=ogp_portal.settings \
    MEDIA_ROOT=/data/media \
    WEB_CONCURRENCY=3

# gettext: compilemessages. Pango and the Noto fonts: PDF reports (weasyprint) in
# Arabic, French and Tifinagh. libpq comes with psycopg[binary].
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        gettext \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-noto-core \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 1000 ogp \
    && useradd --system --uid 1000 --gid ogp --home-dir /home/ogp --create-home --shell /usr/sbin/nologin ogp

WORKDIR /app

# Dependencies first, in their own layer: it is rebuilt only when pyproject.toml changes.
# The project declares no importable package (`packages = []`), so installing it
# installs exactly its dependencies; the code runs from /app.
RUN python -m venv "$VIRTUAL_ENV"
COPY pyproject.toml ./
RUN pip install --upgrade pip \
    && pip install . \
    && rm -rf build ./*.egg-info

COPY . .

# Translations and static files are built into the image. The key below only lets
# the settings load for these two commands; it is never used to sign anything.
RUN DEBUG=0 SECRET_KEY=build-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz \
        python manage.py compilemessages --ignore=.venv -v 0 \
    && DEBUG=0 SECRET_KEY=build-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz \
        python manage.py collectstatic --noinput -v 0 \
    && test -f staticfiles/staticfiles.json \
    && mkdir -p "$MEDIA_ROOT" \
    && chown -R ogp:ogp "$MEDIA_ROOT"

USER ogp

EXPOSE 8000

# Workers: WEB_CONCURRENCY (gunicorn reads it). The same image runs the Celery
# worker and beat with another command (see docker-compose.yml).
CMD ["gunicorn", "ogp_portal.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--access-logfile", "-", \
     "--timeout", "60", \
     "--graceful-timeout", "30", \
     "--max-requests", "2000", \
     "--max-requests-jitter", "200"]
