import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from ogp_portal.core.models import Notification, TimelineEvent
from tests.factories import verified_user
from transparency.models import ActionPlan, Comment, Idea, IdeaSupport, Milestone, ProgressUpdate
from transparency.plan import services

from .factories import CommitmentFactory, ConsultationFactory, ThemeFactory

S = Milestone.Status


# --- Milestone progress ----------------------------------------------------------------


def test_the_lead_administration_records_milestone_progress_with_a_timeline_event(
    milestone_a, civil_servant_a
):
    services.record_milestone_progress(milestone_a, actor=civil_servant_a, progress=40)
    milestone_a.refresh_from_db()
    assert (milestone_a.progress, milestone_a.status) == (40, S.IN_PROGRESS)
    event = TimelineEvent.objects.get(kind="milestone_progress")
    assert event.object_id == str(milestone_a.commitment_id)
    assert (event.from_status, event.to_status) == (S.NOT_STARTED, S.IN_PROGRESS)
    assert event.is_public


def test_reaching_100_percent_completes_the_milestone(milestone_a, civil_servant_a):
    services.record_milestone_progress(milestone_a, actor=civil_servant_a, progress=100)
    assert milestone_a.status == S.COMPLETED


def test_a_milestone_cannot_be_completed_below_100_percent(milestone_a, civil_servant_a):
    with pytest.raises(ValidationError):
        services.record_milestone_progress(
            milestone_a, actor=civil_servant_a, progress=70, status=S.COMPLETED
        )


@pytest.mark.parametrize("bad", [-1, 101, "abc"])
def test_progress_outside_0_to_100_is_refused(milestone_a, civil_servant_a, bad):
    with pytest.raises(ValidationError):
        services.record_milestone_progress(milestone_a, actor=civil_servant_a, progress=bad)


def test_a_cancelled_milestone_keeps_its_status(milestone_a, ogp_staff):
    services.record_milestone_progress(
        milestone_a, actor=ogp_staff, progress=10, status=S.CANCELLED
    )
    assert milestone_a.status == S.CANCELLED


def test_another_administration_cannot_record_progress(milestone_a, civil_servant_b, citizen):
    for outsider in (civil_servant_b, citizen):
        with pytest.raises(PermissionDenied):
            services.record_milestone_progress(milestone_a, actor=outsider, progress=10)
    milestone_a.refresh_from_db()
    assert milestone_a.progress == 0


def test_an_unchanged_value_records_no_event(milestone_a, civil_servant_a):
    services.record_milestone_progress(milestone_a, actor=civil_servant_a, progress=0)
    assert not TimelineEvent.objects.exists()


# --- Progress updates ------------------------------------------------------------------


@pytest.fixture
def draft_update(commitment_a, civil_servant_a):
    return services.create_progress_update(
        commitment_a,
        actor=civil_servant_a,
        text="Training done in 12 regions.",
        progress_claimed=60,
    )


def test_a_progress_update_is_written_submitted_and_published(
    draft_update, civil_servant_a, ogp_staff
):
    assert draft_update.status == ProgressUpdate.Status.DRAFT
    services.submit_progress_update(draft_update, actor=civil_servant_a)
    assert draft_update.status == ProgressUpdate.Status.SUBMITTED
    assert Notification.objects.filter(
        recipient=ogp_staff, template="transparency/plan/update_submitted"
    ).exists()
    services.publish_progress_update(draft_update, actor=ogp_staff)
    draft_update.refresh_from_db()
    assert draft_update.status == ProgressUpdate.Status.PUBLISHED
    assert draft_update.published_at is not None
    assert draft_update.reviewed_by == ogp_staff
    assert ProgressUpdate.objects.published().get() == draft_update
    assert TimelineEvent.objects.filter(kind="update_published", is_public=True).exists()
    assert Notification.objects.filter(
        recipient=civil_servant_a, template="transparency/plan/update_published"
    ).exists()


def test_a_draft_cannot_be_published_directly(draft_update, ogp_staff):
    with pytest.raises(ValidationError):
        services.publish_progress_update(draft_update, actor=ogp_staff)


def test_civil_servants_cannot_publish_their_own_updates(draft_update, civil_servant_a):
    services.submit_progress_update(draft_update, actor=civil_servant_a)
    with pytest.raises(PermissionDenied):
        services.publish_progress_update(draft_update, actor=civil_servant_a)


def test_rejecting_an_update_needs_a_reason_and_it_can_be_resubmitted(
    draft_update, civil_servant_a, ogp_staff
):
    services.submit_progress_update(draft_update, actor=civil_servant_a)
    with pytest.raises(ValidationError):
        services.reject_progress_update(draft_update, actor=ogp_staff, reason="  ")
    services.reject_progress_update(draft_update, actor=ogp_staff, reason="Add the evidence link.")
    assert draft_update.status == ProgressUpdate.Status.REJECTED
    assert draft_update.review_note == "Add the evidence link."
    assert Notification.objects.filter(template="transparency/plan/update_rejected").exists()
    services.submit_progress_update(draft_update, actor=civil_servant_a)
    assert draft_update.status == ProgressUpdate.Status.SUBMITTED


def test_a_published_update_cannot_be_submitted_again(draft_update, civil_servant_a, ogp_staff):
    services.submit_progress_update(draft_update, actor=civil_servant_a)
    services.publish_progress_update(draft_update, actor=ogp_staff)
    with pytest.raises(ValidationError):
        services.submit_progress_update(draft_update, actor=civil_servant_a)
    with pytest.raises(ValidationError):
        services.reject_progress_update(draft_update, actor=ogp_staff, reason="late")


def test_only_the_lead_administration_writes_updates(commitment_a, civil_servant_b):
    with pytest.raises(PermissionDenied):
        services.create_progress_update(commitment_a, actor=civil_servant_b, text="x")


def test_an_empty_update_is_refused(commitment_a, civil_servant_a):
    with pytest.raises(ValidationError):
        services.create_progress_update(commitment_a, actor=civil_servant_a, text=" ")


# --- Comments --------------------------------------------------------------------------


def test_a_signed_in_person_comments_with_a_stance(commitment_a, citizen):
    comment = services.post_comment(
        commitment_a, actor=citizen, text="Good idea", stance=Comment.Stance.FOR
    )
    assert (comment.author, comment.stance, comment.parent) == (citizen, "for", None)


def test_anonymous_visitors_cannot_comment(commitment_a):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.post_comment(commitment_a, actor=AnonymousUser(), text="hi")


def test_replies_go_one_level_deep_only(commitment_a, citizen, civil_servant_a):
    top = services.post_comment(commitment_a, actor=citizen, text="Question?")
    reply = services.post_comment(commitment_a, actor=civil_servant_a, text="Answer", parent=top)
    assert reply.parent == top
    assert Notification.objects.filter(
        recipient=citizen, template="transparency/plan/comment_replied"
    ).exists()
    with pytest.raises(ValidationError):
        services.post_comment(commitment_a, actor=citizen, text="Reply to reply", parent=reply)


def test_a_reply_must_be_on_the_same_commitment(commitment_a, commitment_b, citizen):
    top = services.post_comment(commitment_b, actor=citizen, text="On B")
    with pytest.raises(ValidationError):
        services.post_comment(commitment_a, actor=citizen, text="On A", parent=top)


def test_empty_comments_and_unknown_stances_are_refused(commitment_a, citizen):
    with pytest.raises(ValidationError):
        services.post_comment(commitment_a, actor=citizen, text="   ")
    with pytest.raises(ValidationError):
        services.post_comment(commitment_a, actor=citizen, text="ok", stance="maybe")


def test_draft_plans_take_no_comments(citizen, administration_a):
    commitment = CommitmentFactory(
        plan__slug="draft",
        plan__status=ActionPlan.Status.DRAFT,
        lead_administration=administration_a,
    )
    with pytest.raises(ValidationError):
        services.post_comment(commitment, actor=citizen, text="hi")


@override_settings(MODERATION_AUTO_HIDE_THRESHOLD=3)
def test_a_comment_is_hidden_after_three_reports(commitment_a, citizen):
    comment = services.post_comment(commitment_a, actor=citizen, text="Spam spam")
    for n in range(3):
        reporter = verified_user(email=f"reporter{n}@example.test")
        services.report_content(comment, reporter=reporter, reason="spam")
    comment.refresh_from_db()
    assert comment.is_hidden
    assert list(Comment.objects.visible()) == []


def test_the_same_person_cannot_report_twice(commitment_a, citizen, moderator):
    comment = services.post_comment(commitment_a, actor=citizen, text="Hmm")
    services.report_content(comment, reporter=moderator, reason="spam")
    with pytest.raises(ValidationError):
        services.report_content(comment, reporter=moderator, reason="spam")


# --- Consultations and ideas -----------------------------------------------------------


@pytest.fixture
def idea(consultation, citizen):
    return services.propose_idea(
        consultation, actor=citizen, title="Open budgets", text="Publish budgets as open data."
    )


def test_citizens_propose_ideas_while_the_consultation_is_open(idea, citizen):
    assert (idea.author, idea.status) == (citizen, Idea.Status.SUBMITTED)
    assert TimelineEvent.objects.filter(kind="idea_proposed").exists()


def test_no_ideas_once_the_consultation_is_closed(plan, citizen):
    closed = ConsultationFactory(
        plan=plan,
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        services.propose_idea(closed, actor=citizen, title="t", text="x")


def test_an_idea_needs_a_title_text_and_a_theme_of_the_plan(consultation, citizen):
    other_theme = ThemeFactory()
    with pytest.raises(ValidationError) as error:
        services.propose_idea(consultation, actor=citizen, title="", text="", theme=other_theme)
    assert set(error.value.message_dict) == {"title", "text", "theme"}


def test_staff_open_and_close_a_consultation(plan, ogp_staff, citizen):
    c = ConsultationFactory(
        plan=plan,
        opens_at=timezone.now() + datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=30),
    )
    assert not c.is_open()
    with pytest.raises(PermissionDenied):
        services.open_consultation(c, actor=citizen)
    services.open_consultation(c, actor=ogp_staff)
    assert c.is_open()
    with pytest.raises(ValidationError):
        services.open_consultation(c, actor=ogp_staff)
    services.close_consultation(c, actor=ogp_staff)
    assert not c.is_open()
    with pytest.raises(ValidationError):
        services.close_consultation(c, actor=ogp_staff)


def test_a_person_supports_an_idea_once_and_can_withdraw(idea, civil_servant_a):
    services.support_idea(idea, actor=civil_servant_a)
    with pytest.raises(ValidationError):
        services.support_idea(idea, actor=civil_servant_a)
    assert IdeaSupport.objects.filter(idea=idea).count() == 1
    services.unsupport_idea(idea, actor=civil_servant_a)
    assert not IdeaSupport.objects.exists()
    with pytest.raises(ValidationError):
        services.unsupport_idea(idea, actor=civil_servant_a)


def test_authors_do_not_support_their_own_ideas(idea, citizen):
    with pytest.raises(ValidationError):
        services.support_idea(idea, actor=citizen)


@pytest.mark.parametrize("decision", [Idea.Status.ACCEPTED, Idea.Status.REJECTED])
def test_deciding_an_idea_needs_a_public_reason(idea, ogp_staff, citizen, decision):
    with pytest.raises(ValidationError):
        services.decide_idea(idea, actor=ogp_staff, decision=decision, response="")
    decided = services.decide_idea(idea, actor=ogp_staff, decision=decision, response="Because.")
    assert (decided.status, decided.response, decided.decided_by) == (
        decision,
        "Because.",
        ogp_staff,
    )
    assert TimelineEvent.objects.filter(
        kind="idea_decided", is_public=True, note="Because."
    ).exists()
    assert Notification.objects.filter(
        recipient=citizen, template="transparency/plan/idea_decided"
    ).exists()


def test_merging_an_idea_needs_the_commitment(idea, ogp_staff, commitment_a):
    with pytest.raises(ValidationError):
        services.decide_idea(idea, actor=ogp_staff, decision=Idea.Status.MERGED, response="Merged.")
    services.decide_idea(
        idea,
        actor=ogp_staff,
        decision=Idea.Status.MERGED,
        response="Merged.",
        merged_into=commitment_a,
    )
    idea.refresh_from_db()
    assert idea.merged_into == commitment_a


def test_an_idea_is_answered_only_once(idea, ogp_staff):
    services.decide_idea(
        idea, actor=ogp_staff, decision=Idea.Status.REJECTED, response="Out of scope."
    )
    with pytest.raises(ValidationError):
        services.decide_idea(idea, actor=ogp_staff, decision=Idea.Status.ACCEPTED, response="Oops")


def test_the_administration_concerned_may_merge_into_its_own_commitment_only(
    idea, civil_servant_a, civil_servant_b, commitment_a, citizen
):
    for actor in (citizen, civil_servant_b):
        with pytest.raises(PermissionDenied):
            services.decide_idea(
                idea,
                actor=actor,
                decision=Idea.Status.MERGED,
                response="x",
                merged_into=commitment_a,
            )
    with pytest.raises(PermissionDenied):
        services.decide_idea(
            idea, actor=civil_servant_a, decision=Idea.Status.REJECTED, response="x"
        )
    services.decide_idea(
        idea,
        actor=civil_servant_a,
        decision=Idea.Status.MERGED,
        response="Yes",
        merged_into=commitment_a,
    )


def test_the_weekly_task_reminds_lead_administrations_of_off_track_commitments(
    commitment_a, civil_servant_a, civil_servant_b
):
    from transparency.plan.tasks import remind_off_track

    from .factories import MilestoneFactory

    MilestoneFactory(
        commitment=commitment_a, due_date=datetime.date(2020, 1, 1), status=S.IN_PROGRESS
    )
    assert remind_off_track() == 1
    notification = Notification.objects.get(template="transparency/plan/off_track")
    assert notification.recipient == civil_servant_a
    assert str(commitment_a) in notification.context["commitments"]
