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
    close(open_window)  # a plan has one window at a time: the next opens when it closed
    end_of_term = AssessmentWindow(
        plan=plan,
        label_fr="Fin de mandat",
        label_ar="نهاية المدة",
        opens_at=open_window.closes_at,
        closes_at=timezone.now() + datetime.timedelta(days=9),
    )
    end_of_term.full_clean()
    end_of_term.save()
    assess(commitment_a, citizen, end_of_term)
    assert Assessment.objects.filter(author=citizen).count() == 3


# --- One assessment per organisation per commitment per window ---------------------------


@pytest.fixture
def network(citizen, people, ogp_staff):
    """An organisation two people speak for (citizen and people[0]), both verified."""
    for person, role in ((citizen, "Présidente"), (people[0], "Trésorier")):
        membership = services.request_organisation(
            actor=person, name="Réseau Transparence", registration_number="R-7", role=role
        )
        services.verify_membership(membership, actor=ogp_staff)
    return membership.organisation


def test_a_second_member_cannot_assess_again_in_the_organisation_s_name(
    commitment_a, open_window, citizen, people, network, assess
):
    assess(commitment_a, citizen, open_window, organisation=network)
    with pytest.raises(ValidationError) as error:
        assess(commitment_a, people[0], open_window, "complete", organisation=network)
    message = " ".join(error.value.message_dict["organisation"])
    assert "Réseau Transparence has already assessed this commitment in this window" in message
    assert "Only the member who submitted that assessment can edit it" in message
    assert Assessment.objects.count() == 1


def test_the_other_member_still_assesses_in_their_own_name_and_the_organisation_counts_once(
    commitment_a, open_window, citizen, people, network, assess
):
    from transparency.coeval.aggregates import commitment_views

    assess(commitment_a, citizen, open_window, organisation=network)
    assess(commitment_a, people[0], open_window, "complete")
    views = commitment_views(commitment_a, open_window)
    assert (views.count, views.organisations_count) == (2, 1)


def test_the_organisation_assesses_each_commitment_once(
    commitment_a, commitment_b, open_window, citizen, people, network, assess
):
    assess(commitment_a, citizen, open_window, organisation=network)
    assess(commitment_b, people[0], open_window, organisation=network)
    assert Assessment.objects.filter(organisation=network).count() == 2


def test_a_member_cannot_move_an_own_assessment_onto_the_organisation_s(
    commitment_a, open_window, citizen, people, network, assess, levels
):
    assess(commitment_a, citizen, open_window, organisation=network)
    own = assess(commitment_a, people[0], open_window)
    with pytest.raises(ValidationError) as error:
        services.update_assessment(
            own,
            actor=people[0],
            completion=levels["completion"]["limited"],
            early_results=levels["early_results"]["marginal"],
            justification=JUSTIFICATION,
            name_display="initials",
            organisation=network,
        )
    assert "already assessed" in " ".join(error.value.message_dict["organisation"])
    own.refresh_from_db()
    assert own.organisation is None


def test_the_member_who_submitted_edits_the_organisation_s_assessment(
    commitment_a, open_window, citizen, network, assess, levels
):
    assessment = assess(commitment_a, citizen, open_window, organisation=network)
    services.update_assessment(
        assessment,
        actor=citizen,
        completion=levels["completion"]["substantial"],
        early_results=levels["early_results"]["major"],
        justification=JUSTIFICATION,
        name_display="full",
        organisation=network,
    )
    assessment.refresh_from_db()
    assert assessment.completion.code == "substantial" and assessment.organisation == network


def test_the_database_refuses_a_second_assessment_of_one_organisation(
    commitment_a, open_window, citizen, people, network, assess
):
    first = assess(commitment_a, citizen, open_window, organisation=network)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            window=open_window,
            commitment=commitment_a,
            author=people[0],
            completion=first.completion,
            early_results=first.early_results,
            justification=JUSTIFICATION,
            organisation=network,
        )


def test_the_migration_keeps_the_first_assessment_of_an_organisation_and_frees_the_others(
    commitment_a, open_window, citizen, people, network, assess
):
    from importlib import import_module

    from django.apps import apps
    from django.db import connection

    first = assess(commitment_a, citizen, open_window, organisation=network)
    second = assess(commitment_a, people[0], open_window)
    # A database from before the constraint (dropped in this test's transaction only).
    with connection.cursor() as cursor:
        cursor.execute('DROP INDEX "assessment_once_per_organisation_per_window"')
    Assessment.objects.filter(pk=second.pk).update(organisation=network)

    migration = import_module("transparency.migrations.0004_one_assessment_per_organisation")
    migration.keep_one_per_organisation(apps, None)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.organisation, second.organisation) == (network, None)
    assert Assessment.objects.count() == 2


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


# --- Windows never overlap within a plan --------------------------------------------------


def _window(plan, opens, closes, label="Autre fenêtre"):
    return AssessmentWindow(
        plan=plan, label_fr=label, label_ar="نافذة أخرى", opens_at=opens, closes_at=closes
    )


@pytest.mark.parametrize(
    "opens_days, closes_days",
    [
        (-10, -1),  # starts before, ends inside the open window (-5 .. +20 days)
        (10, 40),  # starts inside, ends after
        (-2, 2),  # inside
        (-30, 60),  # around
    ],
)
def test_a_window_overlapping_another_of_the_same_plan_is_refused(
    plan, open_window, opens_days, closes_days
):
    now = timezone.now()
    window = _window(
        plan, now + datetime.timedelta(days=opens_days), now + datetime.timedelta(days=closes_days)
    )
    with pytest.raises(ValidationError) as error:
        window.full_clean()
    message = " ".join(error.value.messages)
    assert "overlaps “Mid-term review”" in message
    assert "one assessment window at a time" in message


def test_windows_back_to_back_or_of_another_plan_are_accepted(plan, open_window):
    from tests.transparency.plan.factories import ActionPlanFactory

    _window(
        plan, open_window.closes_at, open_window.closes_at + datetime.timedelta(days=30)
    ).full_clean()
    _window(
        plan, open_window.opens_at - datetime.timedelta(days=9), open_window.opens_at
    ).full_clean()
    other = ActionPlanFactory(slug="other-plan")
    _window(other, open_window.opens_at, open_window.closes_at).full_clean()


def test_a_window_edited_does_not_overlap_itself(open_window, closed_window):
    open_window.closes_at += datetime.timedelta(days=10)
    open_window.full_clean()
    closed_window.closes_at = open_window.opens_at + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        closed_window.full_clean()


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
