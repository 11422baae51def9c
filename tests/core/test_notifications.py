import pytest
from django.core import mail

from ogp_portal.core import sms
from ogp_portal.core.models import Notification
from ogp_portal.core.notifications import notify
from ogp_portal.core.tasks import retry_failed_notifications

pytestmark = pytest.mark.django_db


@pytest.fixture
def locmem_sms(settings):
    settings.SMS_BACKEND = "ogp_portal.core.sms.LocmemSmsBackend"
    sms.outbox.clear()
    return sms.outbox


def test_it_sends_email_only_after_the_transaction_commits(
    citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notify(
            citizen, "accounts/account_deleted", {"name": "Salma", "date": "2026-11-27"}
        )
    assert len(mail.outbox) == 0
    assert len(callbacks) == 1
    callbacks[0]()
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert mail.outbox[0].to == [citizen.email]


def test_it_writes_in_the_recipients_language(citizen, django_capture_on_commit_callbacks):
    citizen.preferred_language = "fr"
    citizen.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(citizen, "accounts/account_deleted", {"name": "Salma", "date": "2026-11-27"})
    assert "supprimé" in mail.outbox[0].subject


def test_it_sends_sms_through_the_configured_backend(
    citizen, locmem_sms, django_capture_on_commit_callbacks
):
    citizen.phone = "+212600000001"
    citizen.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(citizen, "accounts/account_deleted", {"date": "2026-11-27"}, channel="sms")
    assert locmem_sms == [{"to": "+212600000001", "body": locmem_sms[0]["body"]}]
    assert "2026-11-27" in locmem_sms[0]["body"]


def test_it_skips_people_without_an_address(citizen):
    assert notify(citizen, "accounts/account_deleted", {}, channel="sms") is None
    assert Notification.objects.count() == 0


def test_it_records_a_failure_and_retries_it(citizen, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.core.test_notifications.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(
            citizen, "accounts/account_deleted", {"name": "S", "date": "2026-11-27"}
        )
    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert "SMTP down" in notification.error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert retry_failed_notifications() == 1
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 2


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("SMTP down")
