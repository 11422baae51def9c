import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from ogp_portal.core import moderation
from ogp_portal.core.models import ContentReport, ModerationCase, TimelineEvent
from tests.factories import UserFactory
from tests.testapp.models import Remark

pytestmark = pytest.mark.django_db


@pytest.fixture
def remark(db):
    return Remark.objects.create(text="Un commentaire sur l'engagement 6")


def reporters(n):
    return [UserFactory() for _ in range(n)]


def test_a_report_puts_content_in_the_queue(remark, citizen):
    moderation.report(remark, reporter=citizen, reason=ContentReport.Reason.SPAM)
    case = moderation.case_for(remark)
    assert case.status == ModerationCase.Status.PENDING
    assert case.report_count == 1
    assert list(moderation.queue()) == [case]
    remark.refresh_from_db()
    assert not remark.is_hidden


def test_one_person_reports_a_thing_once(remark, citizen):
    moderation.report(remark, reporter=citizen, reason=ContentReport.Reason.SPAM)
    with translation.override("en"), pytest.raises(ValidationError, match="already reported"):
        moderation.report(remark, reporter=citizen, reason=ContentReport.Reason.OFFENSIVE)
    assert moderation.case_for(remark).report_count == 1


def test_it_hides_content_automatically_at_the_threshold(remark, settings):
    settings.MODERATION_AUTO_HIDE_THRESHOLD = 3
    for person in reporters(2):
        moderation.report(remark, reporter=person, reason=ContentReport.Reason.OFFENSIVE)
    remark.refresh_from_db()
    assert not remark.is_hidden
    moderation.report(remark, reporter=UserFactory(), reason=ContentReport.Reason.OFFENSIVE)
    remark.refresh_from_db()
    case = moderation.case_for(remark)
    assert remark.is_hidden
    assert case.status == ModerationCase.Status.HIDDEN and case.auto_hidden
    assert (
        TimelineEvent.objects.for_object(remark)
        .filter(kind="auto_hidden", is_public=False)
        .exists()
    )


def test_a_moderator_can_restore_auto_hidden_content_and_it_stays(remark, moderator, settings):
    settings.MODERATION_AUTO_HIDE_THRESHOLD = 2
    for person in reporters(2):
        moderation.report(remark, reporter=person, reason=ContentReport.Reason.SPAM)
    case = moderation.keep(
        moderation.case_for(remark), actor=moderator, note="Legitimate criticism"
    )
    remark.refresh_from_db()
    assert not remark.is_hidden
    assert case.status == ModerationCase.Status.KEPT and case.decided_by == moderator
    # Later reports ask for another look but do not hide it again by themselves.
    for person in reporters(3):
        moderation.report(remark, reporter=person, reason=ContentReport.Reason.SPAM)
    remark.refresh_from_db()
    assert not remark.is_hidden
    assert moderation.case_for(remark).status == ModerationCase.Status.PENDING


def test_a_moderator_hides_content(remark, citizen, moderator):
    moderation.report(remark, reporter=citizen, reason=ContentReport.Reason.PERSONAL_DATA)
    moderation.hide(moderation.case_for(remark), actor=moderator, note="Contains a phone number")
    remark.refresh_from_db()
    assert remark.is_hidden
    assert not moderation.queue().exists()
    event = TimelineEvent.objects.for_object(remark).get(kind="moderation_hidden")
    assert event.actor == moderator and not event.is_public


def test_it_refuses_an_unknown_reason(remark, citizen):
    with pytest.raises(ValidationError):
        moderation.report(remark, reporter=citizen, reason="because")


def test_it_refuses_to_report_what_is_not_user_content(citizen, administration_a):
    with pytest.raises(ValidationError):
        moderation.report(administration_a, reporter=citizen, reason=ContentReport.Reason.SPAM)


def report_url(obj):
    return reverse("core:report", args=[obj._meta.app_label, obj._meta.model_name, obj.pk])


def test_the_report_page_needs_a_signed_in_person(client, remark):
    response = client.post(report_url(remark), {"reason": "spam"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert ContentReport.objects.count() == 0


def test_a_citizen_reports_through_the_page(client_for, citizen, remark):
    response = client_for(citizen).post(
        report_url(remark), {"reason": "spam", "text": "Pub", "next": "/ar/"}
    )
    assert response.status_code == 302 and response["Location"] == "/ar/"
    assert ContentReport.objects.get().reporter == citizen


def test_the_report_page_rejects_a_bad_reason_with_a_message(client_for, citizen, remark):
    response = client_for(citizen).post(report_url(remark), {"reason": "nonsense"})
    assert response.status_code == 400
    assert "انتق خياراً صحيحاً" in response.content.decode()  # Django's own Arabic message
    assert ContentReport.objects.count() == 0


def test_the_report_page_does_not_redirect_off_site(client_for, citizen, remark):
    response = client_for(citizen).post(
        report_url(remark), {"reason": "spam", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_the_report_page_404s_for_other_models(client_for, citizen, administration_a):
    response = client_for(citizen).post(report_url(administration_a), {"reason": "spam"})
    assert response.status_code == 404
