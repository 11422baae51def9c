"""Every transition of the co-evaluation: assessments, windows, organisations, replies."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from ogp_portal.core.models import Notification, TimelineEvent
from transparency.coeval import services
from transparency.models import (
    Assessment,
    AssessmentReply,
    AssessmentWindow,
    OrganisationMembership,
)

from .conftest import JUSTIFICATION, PDF, PNG, close

pytestmark = pytest.mark.django_db


# --- One assessment per person per commitment per window --------------------------------


@pytest.fixture(autouse=True)
def english():
    """Services speak the active language; these tests read their messages in English."""
    with translation.override("en"):
        yield


def test_a_citizen_assesses_a_commitment_in_an_open_window(
    commitment_a, open_window, citizen, assess
):
    assessment = assess(commitment_a, citizen, open_window, "limited", "marginal")
    assert (assessment.completion.code, assessment.early_results.code) == ("limited", "marginal")
    assert assessment.author == citizen and assessment.name_display == "initials"
    assert TimelineEvent.objects.filter(kind="assessment_submitted").exists()


def test_a_second_assessment_in_the_same_window_is_refused_with_a_friendly_message(
    commitment_a, open_window, citizen, assess
):
    assess(commitment_a, citizen, open_window)
    with pytest.raises(ValidationError) as error:
        assess(commitment_a, citizen, open_window, "complete")
    assert "already assessed" in " ".join(error.value.messages)
    assert Assessment.objects.count() == 1


def test_the_database_refuses_a_duplicate_too(commitment_a, open_window, citizen, assess, levels):
    first = assess(commitment_a, citizen, open_window)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            window=open_window,
            commitment=commitment_a,
            author=citizen,
            completion=first.completion,
            early_results=first.early_results,
            justification=JUSTIFICATION,
        )


def test_the_same_person_assesses_again_in_another_window_and_another_commitment(
    plan, commitment_a, commitment_b, open_window, citizen, assess
):
    assess(commitment_a, citizen, open_window)
    assess(commitment_b, citizen, open_window)
    now = timezone.now()
    end_of_term = AssessmentWindow.objects.create(
        plan=plan,
        label_fr="Fin de mandat",
        label_ar="نهاية المدة",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=9),
    )
    assess(commitment_a, citizen, end_of_term)
    assert Assessment.objects.filter(author=citizen).count() == 3


def test_the_author_edits_the_assessment_while_the_window_is_open(
    commitment_a, open_window, citizen, assess, levels
):
    assessment = assess(commitment_a, citizen, open_window, "limited", links=["https://a.example"])
    services.update_assessment(
        assessment,
        actor=citizen,
        completion=levels["completion"]["substantial"],
        early_results=levels["early_results"]["major"],
        justification=JUSTIFICATION + " Update: the beta is online.",
        name_display="full",
        links=["https://b.example"],
    )
    assessment.refresh_from_db()
    assert assessment.completion.code == "substantial"
    assert assessment.name_display == "full"
    assert [e.url for e in assessment.evidence.all()] == ["https://b.example"]
    event = TimelineEvent.objects.get(kind="assessment_updated")
    assert (event.from_status, event.to_status) == ("limited", "substantial")


def test_someone_else_cannot_edit_an_assessment(
    commitment_a, open_window, citizen, people, assess, levels
):
    assessment = assess(commitment_a, citizen, open_window)
    with pytest.raises(PermissionDenied):
        services.update_assessment(
            assessment,
            actor=people[0],
            completion=levels["completion"]["complete"],
            early_results=levels["early_results"]["major"],
            justification=JUSTIFICATION,
            name_display="full",
        )


# --- Windows -------------------------------------------------------------------------------


def test_nobody_assesses_in_a_closed_window(commitment_a, closed_window, citizen, assess):
    with pytest.raises(ValidationError) as error:
        assess(commitment_a, citizen, closed_window)
    assert "closed" in " ".join(error.value.messages)


def test_a_window_not_yet_open_accepts_nothing(plan, commitment_a, citizen, assess):
    now = timezone.now()
    later = AssessmentWindow.objects.create(
        plan=plan,
        label_fr="Plus tard",
        label_ar="لاحقا",
        opens_at=now + datetime.timedelta(days=3),
        closes_at=now + datetime.timedelta(days=30),
    )
    with pytest.raises(ValidationError):
        assess(commitment_a, citizen, later)


def test_an_assessment_is_read_only_once_its_window_closed(
    commitment_a, open_window, citizen, assess, levels
):
    assessment = assess(commitment_a, citizen, open_window)
    close(open_window)
    with pytest.raises(ValidationError) as error:
        services.update_assessment(
            assessment,
            actor=citizen,
            completion=levels["completion"]["complete"],
            early_results=levels["early_results"]["major"],
            justification=JUSTIFICATION,
            name_display="full",
        )
    assert "closed" in " ".join(error.value.messages)
    assessment.refresh_from_db()
    assert assessment.completion.code == "limited"


def test_a_window_of_another_plan_is_refused(commitment_a, citizen, assess):
    from tests.transparency.plan.factories import ActionPlanFactory

    other = ActionPlanFactory(slug="other-plan")
    now = timezone.now()
    window = AssessmentWindow.objects.create(
        plan=other,
        label_fr="Autre",
        label_ar="أخرى",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        assess(commitment_a, citizen, window)


def test_the_window_label_follows_the_language(open_window):
    from django.utils import translation

    with translation.override("fr"):
        assert open_window.label == "Revue à mi-parcours"
    with translation.override("ar"):
        assert open_window.label == "مراجعة منتصف المدة"


# --- Bad input -----------------------------------------------------------------------------


def test_an_anonymous_visitor_cannot_assess(commitment_a, open_window, assess):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        assess(commitment_a, AnonymousUser(), open_window)


@pytest.mark.parametrize("text", ["", "Too short.", "x" * 3001])
def test_the_justification_is_required_within_limits(
    commitment_a, open_window, citizen, assess, text
):
    with pytest.raises(ValidationError) as error:
        assess(commitment_a, citizen, open_window, justification=text)
    assert "justification" in error.value.error_dict


def test_levels_must_come_from_the_right_irm_scale(commitment_a, open_window, citizen, levels):
    with pytest.raises(ValidationError) as error:
        services.submit_assessment(
            commitment_a,
            actor=citizen,
            window=open_window,
            completion=levels["early_results"]["major"],
            early_results=levels["completion"]["complete"],
            justification=JUSTIFICATION,
        )
    assert set(error.value.error_dict) == {"completion", "early_results"}


@pytest.mark.parametrize(
    "links",
    [
        ["javascript:alert(1)"],
        ["not a link"],
        ["ftp://files.example/x"],
        [f"https://e{i}.example" for i in range(6)],
    ],
)
def test_bad_links_are_refused(commitment_a, open_window, citizen, assess, links):
    with pytest.raises(ValidationError) as error:
        assess(commitment_a, citizen, open_window, links=links)
    assert "links" in error.value.error_dict


def test_a_pdf_and_a_png_are_kept_with_their_sniffed_type(
    commitment_a, open_window, citizen, assess
):
    files = [
        SimpleUploadedFile("rapport.pdf", PDF, content_type="application/pdf"),
        SimpleUploadedFile("capture.png", PNG, content_type="image/png"),
    ]
    assessment = assess(commitment_a, citizen, open_window, files=files)
    kept = list(assessment.evidence.exclude(file=""))
    assert [e.content_type for e in kept] == ["application/pdf", "image/png"]
    assert all("rapport" not in e.file.name for e in kept)  # stored under a random name


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("fake.pdf", b"MZ\x90\x00 this is a program"),
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("table.csv", b"a,b\n1,2\n"),
        ("note.docx", b"PK\x03\x04" + b"\x00" * 30),
    ],
)
def test_a_file_that_is_not_pdf_png_or_jpeg_by_its_content_is_refused(
    commitment_a, open_window, citizen, assess, name, content
):
    with pytest.raises(ValidationError) as error:
        assess(commitment_a, citizen, open_window, files=[SimpleUploadedFile(name, content)])
    assert "files" in error.value.error_dict
    assert not Assessment.objects.exists()


def test_a_file_over_5_mb_is_refused(commitment_a, open_window, citizen, assess):
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        assess(commitment_a, citizen, open_window, files=[big])
    assert "5 MB" in " ".join(error.value.error_dict["files"][0].messages)


def test_at_most_three_files(commitment_a, open_window, citizen, assess):
    files = [SimpleUploadedFile(f"{i}.pdf", PDF) for i in range(4)]
    with pytest.raises(ValidationError) as error:
        assess(commitment_a, citizen, open_window, files=files)
    assert "files" in error.value.error_dict


# --- Organisations -------------------------------------------------------------------------


def test_a_person_asks_to_speak_for_an_organisation_and_ogp_staff_are_told(citizen, ogp_staff):
    membership = services.request_organisation(
        actor=citizen,
        name="Réseau Transparence",
        registration_number=" r-2016 0042 ",
        website="https://reseau.example",
        role="Secrétaire générale",
    )
    assert membership.status == OrganisationMembership.Status.PENDING
    assert membership.organisation.registration_number == "R-2016 0042"
    assert not membership.organisation.is_verified
    told = Notification.objects.get(template="transparency/coeval/organisation_requested")
    assert told.recipient == ogp_staff
    assert TimelineEvent.objects.filter(kind="organisation_requested").exists()


def test_ogp_staff_verify_and_the_person_assesses_for_the_organisation(
    commitment_a, open_window, citizen, ogp_staff, assess
):
    membership = services.request_organisation(
        actor=citizen, name="Réseau", registration_number="R-1", role="Présidente"
    )
    with pytest.raises(ValidationError):  # not verified yet
        assess(commitment_a, citizen, open_window, organisation=membership.organisation)
    services.verify_membership(membership, actor=ogp_staff)
    membership.refresh_from_db()
    assert membership.status == "verified" and membership.decided_by == ogp_staff
    assert membership.organisation.is_verified
    notice = Notification.objects.get(template="transparency/coeval/organisation_decided")
    assert notice.recipient == citizen and notice.context["verified"] is True
    assessment = assess(commitment_a, citizen, open_window, organisation=membership.organisation)
    assert assessment.organisation == membership.organisation


def test_only_ogp_staff_verify(citizen, civil_servant_a, moderator):
    membership = services.request_organisation(
        actor=citizen, name="Réseau", registration_number="R-1", role="Présidente"
    )
    for outsider in (citizen, civil_servant_a, moderator):
        with pytest.raises(PermissionDenied):
            services.verify_membership(membership, actor=outsider)


def test_a_rejection_needs_a_reason_and_can_be_asked_again(citizen, ogp_staff):
    membership = services.request_organisation(
        actor=citizen, name="Réseau", registration_number="R-1", role="Présidente"
    )
    with pytest.raises(ValidationError):
        services.reject_membership(membership, actor=ogp_staff, reason=" ")
    services.reject_membership(membership, actor=ogp_staff, reason="Numéro inconnu.")
    membership.refresh_from_db()
    assert membership.status == "rejected"
    again = services.request_organisation(
        actor=citizen, name="Réseau", registration_number="R-1", role="Trésorière"
    )
    assert again.pk == membership.pk and again.status == "pending"


def test_asking_twice_while_pending_is_refused(citizen):
    services.request_organisation(
        actor=citizen, name="Réseau", registration_number="R-1", role="Présidente"
    )
    with pytest.raises(ValidationError):
        services.request_organisation(
            actor=citizen, name="Réseau", registration_number="r-1", role="Présidente"
        )


def test_a_withdrawn_verification_unmarks_the_assessments(
    commitment_a, open_window, citizen, ogp_staff, assess
):
    membership = services.request_organisation(
        actor=citizen, name="Réseau", registration_number="R-1", role="Présidente"
    )
    services.verify_membership(membership, actor=ogp_staff)
    assessment = assess(commitment_a, citizen, open_window, organisation=membership.organisation)
    services.reject_membership(membership, actor=ogp_staff, reason="Mandat terminé.")
    assessment.refresh_from_db()
    assert assessment.organisation is None


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("name", {"name": ""}),
        ("registration_number", {"registration_number": "  "}),
        ("role", {"role": ""}),
        ("website", {"website": "javascript:alert(1)"}),
    ],
)
def test_an_organisation_request_needs_its_fields(citizen, field, values):
    data = {"name": "Réseau", "registration_number": "R-1", "role": "Présidente", **values}
    with pytest.raises(ValidationError) as error:
        services.request_organisation(actor=citizen, **data)
    assert field in error.value.error_dict


# --- Reply of the lead administration ------------------------------------------------------


def test_the_lead_administration_replies_publicly(commitment_a, open_window, civil_servant_a):
    reply = services.reply_to_assessments(
        commitment_a,
        actor=civil_servant_a,
        window=open_window,
        text="Le tableau de bord sort en juin.",
    )
    assert reply.administration == commitment_a.lead_administration
    event = TimelineEvent.objects.get(kind="assessment_replied")
    assert event.note.startswith("Le tableau")
    again = services.reply_to_assessments(
        commitment_a, actor=civil_servant_a, window=open_window, text="Mise à jour."
    )
    assert again.pk == reply.pk and AssessmentReply.objects.get().text == "Mise à jour."


def test_another_administration_or_a_citizen_cannot_reply(
    commitment_a, open_window, civil_servant_b, citizen
):
    for outsider in (civil_servant_b, citizen):
        with pytest.raises(PermissionDenied):
            services.reply_to_assessments(
                commitment_a, actor=outsider, window=open_window, text="Nous répondons."
            )
    assert not AssessmentReply.objects.exists()


def test_ogp_staff_may_reply_and_an_empty_reply_is_refused(commitment_a, open_window, ogp_staff):
    with pytest.raises(ValidationError):
        services.reply_to_assessments(commitment_a, actor=ogp_staff, window=open_window, text=" ")
    services.reply_to_assessments(commitment_a, actor=ogp_staff, window=open_window, text="Oui.")


# --- Moderation ------------------------------------------------------------------------------


def test_three_reports_hide_an_assessment_until_a_moderator_decides(
    commitment_a, open_window, citizen, people, assess, moderator
):
    from ogp_portal.core import moderation

    assessment = assess(commitment_a, citizen, open_window)
    for reporter in people[:3]:
        services.report_assessment(assessment, reporter=reporter, reason="offensive")
    assessment.refresh_from_db()
    assert assessment.is_hidden
    case = moderation.queue().get()
    moderation.keep(case, actor=moderator)
    assessment.refresh_from_db()
    assert not assessment.is_hidden


def test_a_hidden_assessment_can_no_longer_be_edited(
    commitment_a, open_window, citizen, assess, levels
):
    assessment = assess(commitment_a, citizen, open_window)
    Assessment.objects.filter(pk=assessment.pk).update(is_hidden=True)
    with pytest.raises(ValidationError):
        services.update_assessment(
            assessment,
            actor=citizen,
            completion=levels["completion"]["complete"],
            early_results=levels["early_results"]["major"],
            justification=JUSTIFICATION,
            name_display="full",
        )


def test_one_report_per_person(commitment_a, open_window, citizen, people, assess):
    assessment = assess(commitment_a, citizen, open_window)
    services.report_assessment(assessment, reporter=people[0], reason="offensive")
    with pytest.raises(ValidationError):
        services.report_assessment(assessment, reporter=people[0], reason="offensive")


# --- Personal data ---------------------------------------------------------------------------


def test_the_personal_data_export_and_account_deletion(commitment_a, open_window, citizen, assess):
    from ogp_portal.accounts.services import delete_account
    from transparency.coeval import personal_data

    assessment = assess(commitment_a, citizen, open_window, name_display="full")
    services.request_organisation(
        actor=citizen, name="Réseau", registration_number="R-1", role="Présidente"
    )
    exported = personal_data.export(citizen)
    assert exported["assessments"][0]["justification"] == JUSTIFICATION
    assert exported["organisation_requests"][0]["role"] == "Présidente"
    delete_account(citizen)
    assessment.refresh_from_db()
    assert assessment.public_name == ""  # stays public, without a name
    assert not OrganisationMembership.objects.exists()
