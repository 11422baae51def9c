"""Every transition of an information request and its guards, with real 2026 holiday dates."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ogp_portal.core.models import Notification, TimelineEvent
from transparency.ati import services
from transparency.models import InformationRequest, RequestAppeal

from .conftest import CIN

pytestmark = pytest.mark.django_db
Status = InformationRequest.Status
D = datetime.date


def events(obj):
    return list(TimelineEvent.objects.for_object(obj).values_list("kind", flat=True))


def test_a_request_gets_a_reference_and_20_working_days_across_eid_al_fitr(file_request):
    req = file_request()
    assert req.reference.startswith("ATI-2026-")
    assert req.status == Status.SUBMITTED
    # Monday 16 March 2026: Eid al-Fitr (Friday 20) and the weekends are not counted.
    assert req.due_date == D(2026, 4, 14)
    explanation = req.deadline().explain()
    assert "20 working days" in explanation
    assert "Eid al-Fitr" in explanation
    assert events(req) == ["submitted"]


def test_the_cin_is_kept_with_its_keyed_hash(file_request):
    req = file_request(cin=" ab 123456 ")
    assert req.cin == CIN
    assert len(req.cin_hash) == 64 and CIN not in req.cin_hash
    assert req.masked_cin == "AB••••56"


def test_filing_tells_the_bodys_officers(file_request, officer_a, officer_b):
    req = file_request()
    to_officers = Notification.objects.filter(template="transparency/ati/request_received")
    assert list(to_officers.values_list("recipient", flat=True)) == [officer_a.pk]
    assert req.followers.count() == 1


def test_an_anonymous_person_cannot_file_on_the_web(file_request):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ValidationError):
        file_request(actor=AnonymousUser())


def test_an_urgent_claim_runs_on_3_working_days_until_decided(file_request, officer_a):
    req = file_request(is_urgent=True, urgency_justification="A patient's life depends on it.")
    assert req.urgency == InformationRequest.Urgency.PENDING
    assert req.due_date == D(2026, 3, 19)
    services.decline_urgency(req, actor=officer_a, reason="No risk to anyone's life.")
    assert req.urgency == InformationRequest.Urgency.DECLINED
    assert req.due_date == D(2026, 4, 14)
    with pytest.raises(ValidationError):
        services.accept_urgency(req, actor=officer_a)


def test_accepting_urgency_keeps_the_3_day_deadline(file_request, officer_a):
    req = file_request(
        is_urgent=True, urgency_justification="Detained person.", received_on=D(2026, 3, 19)
    )
    services.accept_urgency(req, actor=officer_a)
    # Thursday 19 March: Eid (Friday 20), the weekend, then 23, 24, 25.
    assert req.due_date == D(2026, 3, 25)
    assert "urgency_accepted" in events(req)


def test_urgency_needs_a_justification(file_request):
    with pytest.raises(ValidationError):
        file_request(is_urgent=True, urgency_justification="  ")


def test_declining_urgency_needs_a_reason(file_request, officer_a):
    req = file_request(is_urgent=True, urgency_justification="Life at risk.")
    with pytest.raises(ValidationError):
        services.decline_urgency(req, actor=officer_a, reason="")


def test_the_officer_acknowledges_and_the_requester_is_told(file_request, officer_a, citizen):
    req = file_request()
    Notification.objects.all().delete()
    services.acknowledge(req, actor=officer_a, note="Received.")
    req.refresh_from_db()
    assert req.status == Status.ACKNOWLEDGED
    message = Notification.objects.get(recipient=citizen)
    assert message.template == "transparency/ati/request_event"
    assert message.context["event"] == "acknowledged"
    event = TimelineEvent.objects.for_object(req).last()
    assert (event.from_status, event.to_status) == ("submitted", "acknowledged")
    assert event.actor_role == "information_officer"  # a code, named by the page


def test_acknowledging_twice_is_refused(file_request, officer_a):
    req = file_request()
    services.acknowledge(req, actor=officer_a)
    with pytest.raises(ValidationError):
        services.acknowledge(req, actor=officer_a)


def test_an_officer_of_another_body_cannot_act(file_request, officer_b):
    req = file_request()
    with pytest.raises(ValidationError):
        services.acknowledge(req, actor=officer_b)
    req.refresh_from_db()
    assert req.status == Status.SUBMITTED


def test_a_civil_servant_without_the_officer_role_cannot_act(file_request, civil_servant_a):
    req = file_request()
    with pytest.raises(ValidationError):
        services.answer(req, actor=civil_servant_a, text="Here it is.")


def test_ogp_staff_may_act_on_any_request(file_request, ogp_staff):
    req = file_request()
    services.acknowledge(req, actor=ogp_staff)
    assert req.status == Status.ACKNOWLEDGED


def test_one_extension_of_20_working_days_with_a_reason(file_request, officer_a):
    req = file_request()
    with pytest.raises(ValidationError):
        services.extend(req, actor=officer_a, reason="", on=D(2026, 4, 1))
    services.extend(req, actor=officer_a, reason="Third party consulted.", on=D(2026, 4, 1))
    # 14 April + 20 working days, not counting Labour Day (Friday 1 May).
    assert req.due_date == D(2026, 5, 13)
    assert req.status == Status.EXTENDED
    assert "Labour Day" in req.deadline().explain() or "Labor Day" in req.deadline().explain()
    with pytest.raises(ValidationError):
        services.extend(req, actor=officer_a, reason="Again.", on=D(2026, 4, 2))


def test_an_extension_after_the_deadline_is_refused(file_request, officer_a):
    req = file_request()
    with pytest.raises(ValidationError):
        services.extend(req, actor=officer_a, reason="Too late.", on=D(2026, 4, 15))


def test_clarification_stops_and_restarts_the_deadline(file_request, officer_a, citizen):
    req = file_request()
    services.request_clarification(req, actor=officer_a, question="Which year?")
    assert req.status == Status.CLARIFICATION_REQUESTED
    assert not req.is_open
    services.provide_clarification(req, actor=citizen, text="2025.", on=D(2026, 4, 1))
    assert req.status == Status.ACKNOWLEDGED
    assert req.deadline_start == D(2026, 4, 1)
    assert req.due_date == services.add_working_days(D(2026, 4, 1), 20).due


def test_only_the_requester_answers_a_clarification(file_request, officer_a, civil_servant_b):
    req = file_request()
    services.request_clarification(req, actor=officer_a, question="Which year?")
    with pytest.raises(ValidationError):
        services.provide_clarification(req, actor=civil_servant_b, text="2025.")


def test_a_full_answer_with_a_pdf(file_request, officer_a):
    req = file_request()
    pdf = SimpleUploadedFile("budget.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    reply = services.answer(req, actor=officer_a, text="Attached.", files=[pdf], on=D(2026, 4, 10))
    assert req.status == Status.ANSWERED
    assert req.outcome == Status.ANSWERED
    assert req.answered_on == D(2026, 4, 10)
    attachment = reply.attachments.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(b"%PDF-1.4\n%%EOF\n")


def test_a_partial_answer_says_what_was_withheld(file_request, officer_a):
    req = file_request()
    with pytest.raises(ValidationError):
        services.answer(req, actor=officer_a, text="Part.", partial=True)
    services.answer(
        req, actor=officer_a, text="Part.", partial=True, redaction_note="Names removed."
    )
    assert req.status == Status.PARTIALLY_ANSWERED


def test_a_disguised_upload_is_rejected_and_nothing_is_saved(file_request, officer_a):
    req = file_request()
    fake = SimpleUploadedFile(
        "report.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf"
    )
    with pytest.raises(ValidationError):
        services.answer(req, actor=officer_a, text="Attached.", files=[fake])
    req.refresh_from_db()
    assert req.status == Status.SUBMITTED
    assert not req.answers.exists()


def test_an_oversized_upload_is_rejected(file_request, officer_a, settings):
    req = file_request()
    big = SimpleUploadedFile(
        "big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), content_type="application/pdf"
    )
    with pytest.raises(ValidationError, match="10 MB"):
        services.answer(req, actor=officer_a, text="Attached.", files=[big])


def test_a_refusal_needs_a_ground_and_reasons(file_request, officer_a, grounds):
    req = file_request()
    with pytest.raises(ValidationError):
        services.refuse(req, actor=officer_a, ground=None, reason="Private.")
    with pytest.raises(ValidationError):
        services.refuse(req, actor=officer_a, ground=grounds["private-life"], reason=" ")
    services.refuse(req, actor=officer_a, ground=grounds["private-life"], reason="Named people.")
    assert req.status == Status.REFUSED
    assert req.refusal_ground.code == "private-life"


def test_information_not_held_needs_an_explanation(file_request, officer_a):
    req = file_request()
    with pytest.raises(ValidationError):
        services.mark_not_held(req, actor=officer_a, note="")
    services.mark_not_held(req, actor=officer_a, note="We do not produce these figures.")
    assert req.status == Status.NOT_HELD


def test_a_transfer_moves_the_request_and_restarts_the_deadline(
    file_request, officer_a, officer_b, administration_a, administration_b
):
    req = file_request()
    with pytest.raises(ValidationError):
        services.transfer(req, actor=officer_a, to_administration=administration_a, reason="x")
    services.transfer(
        req,
        actor=officer_a,
        to_administration=administration_b,
        reason="Their data.",
        on=D(2026, 4, 1),
    )
    assert req.status == Status.TRANSFERRED
    assert req.administration == administration_b
    assert req.transferred_from == administration_a
    assert req.due_date == services.add_working_days(D(2026, 4, 1), 20).due
    # The new body's officer takes it from here; the old one no longer can.
    with pytest.raises(ValidationError):
        services.acknowledge(req, actor=officer_a)
    services.acknowledge(req, actor=officer_b)
    assert req.status == Status.ACKNOWLEDGED


def test_implicit_refusal_only_after_the_deadline(file_request, citizen):
    req = file_request()
    with pytest.raises(ValidationError):
        services.record_implicit_refusal(req, today=D(2026, 4, 14))
    Notification.objects.all().delete()
    services.record_implicit_refusal(req, today=D(2026, 4, 15))
    assert req.status == Status.IMPLICITLY_REFUSED
    message = Notification.objects.get(recipient=citizen)
    assert message.template == "transparency/ati/request_implicitly_refused"
    # 20 working days from the deadline (14 April) to complain to the head.
    assert message.context["appeal_until"] == "2026-05-13"


def test_the_appeal_path_head_then_cdai(file_request, officer_a, ogp_staff, citizen):
    req = file_request()
    services.answer(req, actor=officer_a, text="Partial data.", on=D(2026, 4, 10))
    appeal = services.appeal_to_head(req, actor=citizen, grounds="Incomplete.", on=D(2026, 4, 20))
    assert req.status == Status.APPEAL_HEAD
    assert appeal.reply_due == services.add_working_days(D(2026, 4, 20), 15).due
    # The CDAI only after the head's decision (or its reply being overdue).
    with pytest.raises(ValidationError):
        services.appeal_to_cdai(req, actor=citizen, grounds="Still.", on=D(2026, 4, 21))
    services.record_head_decision(
        req, actor=officer_a, outcome="dismissed", decision="Complete.", on=D(2026, 5, 4)
    )
    with pytest.raises(ValidationError):
        services.record_head_decision(
            req, actor=officer_a, outcome="upheld", decision="Changed mind.", on=D(2026, 5, 5)
        )
    # 30 calendar days after the decision: 3 June is the last day.
    with pytest.raises(ValidationError):
        services.appeal_to_cdai(req, actor=citizen, grounds="Late.", on=D(2026, 6, 4))
    services.appeal_to_cdai(req, actor=citizen, grounds="I disagree.", on=D(2026, 6, 3))
    assert req.status == Status.APPEAL_CDAI
    with pytest.raises(ValidationError):
        services.close(req, actor=officer_a)  # the CDAI has not decided yet
    with pytest.raises(ValidationError):
        services.record_cdai_decision(req, actor=officer_a, outcome="upheld", decision="Give it.")
    services.record_cdai_decision(req, actor=ogp_staff, outcome="upheld", decision="Give it.")
    services.close(req, actor=officer_a, note="Given after the CDAI's decision.")
    assert req.status == Status.CLOSED
    assert req.outcome == Status.ANSWERED
    assert list(req.appeals.values_list("level", flat=True)) == [
        RequestAppeal.Level.HEAD,
        RequestAppeal.Level.CDAI,
    ]
    assert events(req) == [
        "submitted",
        "answered",
        "appeal_head",
        "head_decision",
        "appeal_cdai",
        "cdai_decision",
        "closed",
    ]


def test_the_cdai_can_be_asked_once_the_heads_reply_is_overdue(file_request, officer_a, citizen):
    req = file_request()
    services.answer(req, actor=officer_a, text="Data.", on=D(2026, 4, 10))
    appeal = services.appeal_to_head(req, actor=citizen, grounds="Incomplete.", on=D(2026, 4, 20))
    after = appeal.reply_due + datetime.timedelta(days=1)
    services.appeal_to_cdai(req, actor=citizen, grounds="No reply.", on=after)
    assert req.status == Status.APPEAL_CDAI


def test_the_head_can_be_asked_only_within_20_working_days(file_request, officer_a, citizen):
    req = file_request()
    services.answer(req, actor=officer_a, text="Data.", on=D(2026, 4, 10))
    window = services.appeal_head_window(req)
    with pytest.raises(ValidationError):
        services.appeal_to_head(
            req, actor=citizen, grounds="Late.", on=window.due + datetime.timedelta(days=1)
        )
    services.appeal_to_head(req, actor=citizen, grounds="In time.", on=window.due)


def test_no_complaint_before_an_answer_and_not_by_a_stranger(
    file_request, officer_a, civil_servant_b
):
    req = file_request()
    with pytest.raises(ValidationError):
        services.appeal_to_head(req, actor=req.requester, grounds="Too early.")
    services.answer(req, actor=officer_a, text="Data.")
    with pytest.raises(ValidationError):
        services.appeal_to_head(req, actor=civil_servant_b, grounds="Not mine.")


def test_closing_needs_an_outcome(file_request, officer_a):
    req = file_request()
    with pytest.raises(ValidationError):
        services.close(req, actor=officer_a)
    services.mark_not_held(req, actor=officer_a, note="Not ours.")
    services.close(req, actor=officer_a)
    assert req.status == Status.CLOSED and req.closed_on is not None


def test_followers_hear_of_every_event(file_request, officer_a, citizen, moderator):
    req = file_request()
    services.follow(req, actor=moderator)
    Notification.objects.all().delete()
    services.acknowledge(req, actor=officer_a)
    assert set(Notification.objects.values_list("recipient", flat=True)) == {
        citizen.pk,
        moderator.pk,
    }
    services.unfollow(req, actor=moderator)
    Notification.objects.all().delete()
    services.start_work(req, actor=officer_a)
    assert set(Notification.objects.values_list("recipient", flat=True)) == {citizen.pk}


def test_a_private_request_cannot_be_followed_by_others(file_request, moderator):
    req = file_request(is_private=True)
    with pytest.raises(ValidationError):
        services.follow(req, actor=moderator)


def test_staff_record_a_request_received_by_post(
    officer_a, administration_a, administration_b, civil_servant_a
):
    req = services.submit_request(
        actor=officer_a,
        administration=administration_a,
        channel=InformationRequest.Channel.POST,
        requester_name="Ahmed by post",
        postal_address="BP 12, Rabat",
        subject="Paper request",
        description="Sent by post.",
        received_on=D(2026, 3, 16),
    )
    assert req.channel == "post" and req.requester is None
    assert events(req) == ["recorded"]
    with pytest.raises(ValidationError):
        services.submit_request(
            actor=officer_a,
            administration=administration_b,
            channel=InformationRequest.Channel.COUNTER,
            requester_name="X",
            subject="S",
            description="D",
        )
    with pytest.raises(ValidationError):
        services.submit_request(
            actor=civil_servant_a,
            administration=administration_a,
            channel=InformationRequest.Channel.EMAIL,
            requester_name="X",
            subject="S",
            description="D",
        )
