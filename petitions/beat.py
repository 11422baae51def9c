"""Periodic tasks of the petitions app (merged into settings.CELERY_BEAT_SCHEDULE).

No Django imports here: settings reads this module. The counting interval comes from
the environment (PETITIONS_COUNT_INTERVAL, seconds, default 30); the counting window
and the count.json Cache-Control use the same value. The confirmation emails' batch task
runs every PETITIONS_CONFIRMATION_INTERVAL seconds (default 5).
"""

import os

from celery.schedules import crontab

COUNT_INTERVAL = int(os.environ.get("PETITIONS_COUNT_INTERVAL", "30"))
# Signers who are not signed in get their confirmation link from a batch task this often (s).
CONFIRMATION_INTERVAL = int(os.environ.get("PETITIONS_CONFIRMATION_INTERVAL", "5"))

SCHEDULE = {
    "petitions-count-new-signatures": {
        "task": "petitions.count_new_signatures",
        "schedule": COUNT_INTERVAL,
        "options": {"expires": COUNT_INTERVAL},
    },
    "petitions-send-signature-confirmations": {
        "task": "petitions.send_signature_confirmations",
        "schedule": CONFIRMATION_INTERVAL,
        "options": {"expires": CONFIRMATION_INTERVAL},
    },
    "petitions-recount-all": {
        "task": "petitions.recount_all",
        "schedule": crontab(hour=3, minute=15),
    },
    "petitions-expire-due": {
        "task": "petitions.expire_due",
        "schedule": crontab(hour=0, minute=5),
    },
    "petitions-erase-signer-data": {
        "task": "petitions.erase_signer_data",
        "schedule": crontab(hour=3, minute=45),
    },
    # Yesterday's unusual IP, network and email-domain clusters, for the moderators.
    "petitions-report-clusters": {
        "task": "petitions.report_clusters",
        "schedule": crontab(hour=2, minute=30),
    },
    # Reviewers of filed petitions whose admissibility ruling is near or past its deadline.
    "petitions-remind-reviewers": {
        "task": "petitions.remind_reviewers",
        "schedule": crontab(hour=8, minute=0),
    },
}
