"""Periodic tasks of the open data area (plain dict; read by settings)."""

from celery.schedules import crontab

SCHEDULE = {
    "opendata-publish-public-exports": {
        "task": "opendata.tasks.publish_public_exports",
        "schedule": crontab(hour=2, minute=30),
    },
}
