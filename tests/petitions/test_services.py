import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ogp_portal.core.models import Notification, TimelineEvent
from petitions import services
from petitions.models import CommitteeMember, Petition
from tests.factories import verified_user

from .conftest import draft, form_committee

Status = Petition.Status


def test_a_draft_gets_a_pet_reference_and_its_author_as_agent(citizen, head_of_government):
    petition = draft(citizen, head_of_government)
    assert petition.reference.startswith("PET-")
    assert petition.status == Status.DRAFT
    agent = petition.committee.get()
    assert agent.role == CommitteeMember.Role.AGENT and agent.accepted_at


def test_inviting_a_member_emails_a_link_and_forms_the_committee(citizen, head_of_government):
    petition = draft(citizen, head_of_government)
    services.invite_member(petition, actor=citizen, email="Nadia@Example.test")
    petition.refresh_from_db()
    assert petition.status == Status.COMMITTEE_FORMING
    sent = Notification.objects.get(template="petitions/committee_invitation")
    assert sent.address == "nadia@example.test"
    assert "/invitation/" in sent.context["accept_url"]


def test_only_the_agent_can_invite(citizen, head_of_government, moderator):
    petition = draft(citizen, head_of_government)
    with pytest.raises(PermissionDenied):
        services.invite_member(petition, actor=moderator, email="x@example.test")


def test_an_invitation_is_accepted_only_by_its_addressee(citizen, head_of_government):
    petition = draft(citizen, head_of_government)
    member = services.invite_member(petition, actor=citizen, email="nadia@example.test")
    intruder = verified_user(email="other@example.test")
    with pytest.raises(ValidationError):
        services.accept_invitation(member, actor=intruder)
    nadia = verified_user(email="nadia@example.test")
    services.accept_invitation(member, actor=nadia, show_name=True)
    member.refresh_from_db()
    assert member.user == nadia and member.accepted_at and member.show_name


def test_submission_needs_five_verified_members_with_agent_and_deputy(citizen, head_of_government):
    petition = draft(citizen, head_of_government)
    with pytest.raises(ValidationError):
        services.submit_for_moderation(petition, actor=citizen)
    form_committee(petition, citizen, n=3)
    assert services.committee_problems(petition)
    with pytest.raises(ValidationError):
        services.submit_for_moderation(petition, actor=citizen)
    form_committee(petition, citizen, n=0)
    person = verified_user(email="fifth@example.test")
    member = services.invite_member(petition, actor=citizen, email=person.email)
    services.accept_invitation(member, actor=person)
    assert services.committee_problems(petition) == []
    services.submit_for_moderation(petition, actor=citizen)
    assert petition.status == Status.SUBMITTED


def test_submission_needs_every_admissibility_confirmation(citizen, head_of_government):
    petition = draft(citizen, head_of_government, confirms_no_court_case=False)
    form_committee(petition, citizen)
    with pytest.raises(ValidationError):
        services.submit_for_moderation(petition, actor=citizen)


def test_moderator_publishes_with_the_threshold_and_collection_end(national_petition):
    assert national_petition.status == Status.COLLECTING
    assert national_petition.required_signatures == 4000
    assert national_petition.collection_ends_on
    assert national_petition.counts.confirmed == 0
    kinds = list(TimelineEvent.objects.for_object(national_petition).values_list("kind", flat=True))
    assert kinds[-2:] == ["submitted", "published"]


def test_regional_petition_is_published_with_its_band_and_province_minimum(regional_petition):
    # Population 5.1 M: over 3 M -> 500, 5% per province -> 25.
    assert regional_petition.required_signatures == 500
    assert regional_petition.per_province_minimum == 25


def test_a_citizen_cannot_publish(citizen, head_of_government):
    petition = draft(citizen, head_of_government)
    form_committee(petition, citizen)
    services.submit_for_moderation(petition, actor=citizen)
    with pytest.raises(PermissionDenied):
        services.publish(petition, actor=citizen)


def test_moderator_rejects_with_a_coded_reason_and_a_text(citizen, head_of_government, moderator):
    petition = draft(citizen, head_of_government)
    form_committee(petition, citizen)
    services.submit_for_moderation(petition, actor=citizen)
    with pytest.raises(ValidationError):
        services.reject(petition, actor=moderator, reason="duplicate", note="  ")
    services.reject(petition, actor=moderator, reason="duplicate", note="Voir PET-2026-000001.")
    petition.refresh_from_db()
    assert petition.status == Status.REJECTED
    assert petition.rejection_reason == "duplicate"
    assert Notification.objects.filter(template="petitions/rejected", recipient=citizen).exists()


def test_filing_review_decision_and_response(national_petition, citizen, reviewer):
    services.mark_goal_reached(national_petition)
    national_petition.refresh_from_db()
    services.file_petition(national_petition, actor=citizen)
    assert national_petition.status == Status.FILED and national_petition.decision_due_on
    services.start_review(national_petition, actor=reviewer)
    services.rule_admissibility(national_petition, actor=reviewer, admissible=True)
    services.publish_response(national_petition, actor=reviewer, text="La réponse officielle.")
    national_petition.refresh_from_db()
    assert national_petition.status == Status.ANSWERED
    assert national_petition.answered_at and national_petition.closed_at


def test_a_reviewer_of_another_authority_cannot_rule(national_petition, citizen, reviewer_b):
    services.mark_goal_reached(national_petition)
    national_petition.refresh_from_db()
    services.file_petition(national_petition, actor=citizen)
    with pytest.raises(PermissionDenied):
        services.start_review(national_petition, actor=reviewer_b)


def test_inadmissibility_needs_reasons(national_petition, citizen, reviewer):
    services.mark_goal_reached(national_petition)
    national_petition.refresh_from_db()
    services.file_petition(national_petition, actor=citizen)
    with pytest.raises(ValidationError):
        services.rule_admissibility(national_petition, actor=reviewer, admissible=False)
    services.rule_admissibility(
        national_petition, actor=reviewer, admissible=False, note="Affaire en justice."
    )
    assert national_petition.status == Status.INADMISSIBLE


def test_filing_before_the_goal_is_refused(national_petition, citizen):
    with pytest.raises(services.TransitionError):
        services.file_petition(national_petition, actor=citizen)


def test_collection_past_its_end_expires(national_petition):
    import datetime

    Petition.objects.filter(pk=national_petition.pk).update(
        collection_ends_on=datetime.date(2020, 1, 1)
    )
    assert services.expire_due() == 1
    national_petition.refresh_from_db()
    assert national_petition.status == Status.EXPIRED and national_petition.closed_at
