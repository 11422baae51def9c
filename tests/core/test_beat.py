"""Every periodic task in the beat schedule names a task the workers know."""

from django.conf import settings

from ogp_portal.celery import app


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert names, "the beat schedule is empty"
    missing = sorted(name for name in names if name not in app.tasks)
    assert missing == []


def test_every_beat_entry_has_a_schedule():
    for key, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry.get("schedule") is not None, key
