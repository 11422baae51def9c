from celery.schedules import crontab

# Merged into transparency/beat.py by the lead.
SCHEDULE = {
    "transparency-plan-remind-off-track": {
        "task": "transparency.plan.remind_off_track",
        "schedule": crontab(hour=8, minute=0, day_of_week="mon"),
    },
}
