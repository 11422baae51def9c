"""Periodic tasks of complaints (merged into settings.CELERY_BEAT_SCHEDULE). No Django imports."""

from celery.schedules import crontab

SCHEDULE = {
    "complaints-deadline-reminders": {
        "task": "complaints.send_deadline_reminders",
        "schedule": crontab(hour=7, minute=10),
    },
    "complaints-nightly-analytics": {
        "task": "complaints.compute_analytics",
        "schedule": crontab(hour=2, minute=30),
    },
}
