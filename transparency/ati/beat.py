"""Periodic tasks of the ATI part (merged into settings.CELERY_BEAT_SCHEDULE). No Django imports."""

from celery.schedules import crontab

SCHEDULE = {
    "transparency-ati-implicit-refusals": {
        "task": "transparency.ati.record_implicit_refusals",
        "schedule": crontab(hour=0, minute=20),
    },
    "transparency-ati-deadline-reminders": {
        "task": "transparency.ati.send_deadline_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
}
