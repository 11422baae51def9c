"""Reviewers' deadline reminders, the long-queue notice and "petitions in my region"."""

import datetime

from django.utils import timezone

from ogp_portal.core.models import Notification, TimelineEvent
from petitions import services
from petitions.models import Petition

from .conftest import draft, form_committee


def filed(petition, agent):
    services.mark_goal_reached(petition)
    return services.file_petition(Petition.objects.get(pk=petition.pk), actor=agent)


def test_reviewers_are_reminded_when_the_ruling_is_near_then_weekly_when_overdue(
    citizen, reviewer, reviewer_b, national_petition
):
    petition = filed(national_petition, citizen)
    assert petition.decision_due_on == timezone.localdate() + datetime.timedelta(days=60)
    reminders = Notification.objects.filter(template="petitions/review_reminder")
    today = timezone.localdate()
    assert services.remind_reviewers(today) == 0  # 60 days ahead: nothing yet
    near = petition.decision_due_on - datetime.timedelta(days=5)
    assert services.remind_reviewers(near) == 1
    reminder = reminders.get()
    assert reminder.recipient == reviewer  # not reviewer_b: another authority
    assert reminder.context["overdue"] is False and reminder.context["days"] == 5
    assert services.remind_reviewers(near + datetime.timedelta(days=1)) == 0  # not daily
    late = petition.decision_due_on + datetime.timedelta(days=3)
    assert services.remind_reviewers(late) == 1
    assert reminders.count() == 2 and reminders.latest("pk").context["overdue"] is True
    assert TimelineEvent.objects.filter(kind="reviewers_reminded").count() == 2


def test_a_ruled_petition_is_not_reminded(citizen, reviewer, national_petition):
    petition = filed(national_petition, citizen)
    services.rule_admissibility(petition, actor=reviewer, admissible=True)
    late = petition.decision_due_on + datetime.timedelta(days=3)
    assert services.remind_reviewers(late) == 0


def test_a_reminder_is_rendered_in_the_reviewer_s_language(citizen, reviewer, national_petition):
    from ogp_portal.core.notifications import render_notification

    petition = filed(national_petition, citizen)
    services.remind_reviewers(petition.decision_due_on + datetime.timedelta(days=2))
    subject, body = render_notification(
        Notification.objects.get(template="petitions/review_reminder")
    )
    assert petition.reference in subject and petition.title in body and "/admin/" in body


def test_the_reminder_task_is_wired(settings):
    from petitions import tasks

    assert tasks.remind_reviewers() == 0


def test_a_long_moderation_queue_shows_a_public_notice(
    client, citizen, head_of_government, settings
):
    settings.PETITIONS_MODERATION_QUEUE_NOTICE = 1
    for i in range(2):
        petition = draft(citizen, head_of_government, title=f"Pétition {i}")
        form_committee(petition, citizen)
        services.submit_for_moderation(petition, actor=citizen)
    notice = "Many petitions are awaiting moderation"
    assert notice in client.get("/en/petitions/").content.decode()
    settings.PETITIONS_MODERATION_QUEUE_NOTICE = 2
    assert notice not in client.get("/en/petitions/").content.decode()


def test_petitions_in_my_region_lists_local_petitions_and_remembers_the_choice(
    client, national_petition, regional_petition, region
):
    listing = client.get("/fr/petitions/").content.decode()
    assert "/fr/petitions/my-region/" in listing
    first = client.get("/fr/petitions/my-region/")
    assert first.status_code == 200 and regional_petition.title not in first.content.decode()
    chosen = client.get("/fr/petitions/my-region/", {"region": region.code}).content.decode()
    assert regional_petition.title in chosen and national_petition.title not in chosen
    again = client.get("/fr/petitions/my-region/").content.decode()  # from the session
    assert regional_petition.title in again
    assert "private" in client.get("/fr/petitions/my-region/")["Cache-Control"]


def test_a_signer_s_region_comes_from_their_latest_signature(
    client_for, civil_servant_a, regional_petition, provinces
):
    services.sign(
        regional_petition,
        user=civil_servant_a,
        cin="AB123456",
        region=provinces[0].region,
        province=provinces[0],
    )
    page = client_for(civil_servant_a).get("/ar/petitions/my-region/").content.decode()
    assert regional_petition.title in page


def test_an_unknown_region_re_renders_the_chooser(client, regional_petition):
    response = client.get("/fr/petitions/my-region/", {"region": "99"})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert regional_petition.title not in response.content.decode()
