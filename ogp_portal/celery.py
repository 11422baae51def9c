"""Celery application: Redis broker when configured, eager otherwise (see settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogp_portal.settings")

app = Celery("ogp_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
