"""Periodic tasks of the funding area (merged into CELERY_BEAT_SCHEDULE by settings)."""

SCHEDULE = {
    "csofunding-send-pending-call-alerts": {
        "task": "csofunding.tasks.send_pending_call_alerts",
        "schedule": 60 * 60,  # hourly
    },
}
