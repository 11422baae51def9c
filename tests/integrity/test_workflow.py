import pytest
from django.core.exceptions import PermissionDenied

from integrity import services
from integrity.models import Initiative
from ogp_portal.core.models import Notification, TimelineEvent

pytestmark = pytest.mark.django_db

State = Initiative.State


@pytest.fixture
def draft(make_initiative, administration_a):
    return make_initiative(lead_administration=administration_a)


def test_a_civil_servant_submits_their_administrations_draft(draft, civil_servant_a):
    services.submit(draft, actor=civil_servant_a)

    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED
    assert draft.submitted_by == civil_servant_a
    assert draft.submitted_at is not None
    event = TimelineEvent.objects.for_object(draft).get()
    assert (event.kind, event.from_status, event.to_status) == ("submitted", "draft", "submitted")
    assert not event.is_public


def test_a_civil_servant_cannot_submit_another_administrations_initiative(draft, civil_servant_b):
    with pytest.raises(PermissionDenied):
        services.submit(draft, actor=civil_servant_b)

    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_a_citizen_cannot_submit_an_initiative(draft, citizen):
    with pytest.raises(PermissionDenied):
        services.submit(draft, actor=citizen)


def test_a_moderator_publishes_a_submitted_initiative_and_the_submitter_is_told(
    draft, civil_servant_a, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    services.submit(draft, actor=civil_servant_a)

    with django_capture_on_commit_callbacks(execute=True):
        services.publish(draft, actor=moderator)

    draft.refresh_from_db()
    assert draft.state == State.PUBLISHED
    assert draft.published_at is not None
    assert Initiative.objects.public().get() == draft
    event = TimelineEvent.objects.for_object(draft).last()
    assert (event.kind, event.to_status, event.is_public) == ("published", "published", True)
    assert event.actor_role == "Moderator" or event.actor_role  # a role, never a name
    assert "Mourad" not in event.actor_role
    notification = Notification.objects.get(recipient=civil_servant_a)
    assert notification.template == "integrity/initiative_published"
    assert len(mailoutbox) == 1
    assert draft.title in mailoutbox[0].subject or draft.title_ar in mailoutbox[0].subject


def test_a_moderator_sends_an_initiative_back_with_a_comment(
    draft, civil_servant_a, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    services.submit(draft, actor=civil_servant_a)

    with django_capture_on_commit_callbacks(execute=True):
        services.send_back(draft, actor=moderator, comment="Add the end date, please.")

    draft.refresh_from_db()
    assert draft.state == State.RETURNED
    assert draft.review_comment == "Add the end date, please."
    assert not Initiative.objects.public().exists()
    assert "Add the end date, please." in mailoutbox[0].body


def test_sending_back_needs_a_comment(draft, civil_servant_a, moderator):
    services.submit(draft, actor=civil_servant_a)

    with pytest.raises(services.TransitionError):
        services.send_back(draft, actor=moderator, comment="   ")

    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED


def test_a_returned_initiative_can_be_submitted_again(draft, civil_servant_a, moderator):
    services.submit(draft, actor=civil_servant_a)
    services.send_back(draft, actor=moderator, comment="More detail.")

    services.submit(draft, actor=civil_servant_a)

    assert draft.state == State.SUBMITTED


def test_a_civil_servant_cannot_publish(draft, civil_servant_a):
    services.submit(draft, actor=civil_servant_a)

    with pytest.raises(PermissionDenied):
        services.publish(draft, actor=civil_servant_a)


def test_ogp_staff_may_publish(draft, civil_servant_a, ogp_staff):
    services.submit(draft, actor=civil_servant_a)

    services.publish(draft, actor=ogp_staff)

    assert draft.state == State.PUBLISHED


def test_a_draft_cannot_be_published_without_review(draft, moderator):
    with pytest.raises(services.TransitionError):
        services.publish(draft, actor=moderator)

    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_a_published_initiative_cannot_be_submitted_again(draft, civil_servant_a, moderator):
    services.submit(draft, actor=civil_servant_a)
    services.publish(draft, actor=moderator)

    with pytest.raises(services.TransitionError):
        services.submit(draft, actor=civil_servant_a)


def test_a_moderator_withdraws_a_published_initiative(draft, civil_servant_a, moderator):
    services.submit(draft, actor=civil_servant_a)
    services.publish(draft, actor=moderator)

    services.unpublish(draft, actor=moderator, comment="Outdated figures.")

    draft.refresh_from_db()
    assert draft.state == State.DRAFT
    assert draft.published_at is None
    assert not Initiative.objects.public().exists()


def test_indicator_progress_goes_towards_the_target_in_either_direction(make_initiative):
    initiative = make_initiative(
        indicators=[("up", 10, 80, 45), ("down", 24, 10, 17), ("unmeasured", 0, 5, None)]
    )

    up, down, unmeasured = initiative.indicators.all()

    assert up.progress_percent == 50
    assert down.progress_percent == 50
    assert unmeasured.progress_percent is None
