import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from transparency.models import Idea, Milestone, MilestoneEvidence, ProgressUpdate
from transparency.plan import services

pytestmark = pytest.mark.django_db

ADMIN = "/en/admin/transparency"


def change(model, obj):
    return f"{ADMIN}/{model}/{obj.pk}/change/"


def test_a_civil_servant_gets_404_on_another_administrations_commitment_and_milestone(
    client_for, civil_servant_a, commitment_a, commitment_b, milestone_a, milestone_b
):
    client = client_for(civil_servant_a)
    assert client.get(change("commitment", commitment_b)).status_code == 404
    assert client.get(change("milestone", milestone_b)).status_code == 404
    assert client.get(f"{ADMIN}/milestone/{milestone_b.pk}/history/").status_code == 404
    assert client.get(change("commitment", commitment_a)).status_code == 200
    assert client.get(change("milestone", milestone_a)).status_code == 200


def test_the_milestone_list_shows_only_their_own_milestones(
    client_for, civil_servant_a, milestone_a, milestone_b
):
    response = client_for(civil_servant_a).get(f"{ADMIN}/milestone/")
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [milestone_a]


def test_ogp_staff_see_every_milestone(client_for, ogp_staff, milestone_a, milestone_b):
    response = client_for(ogp_staff).get(f"{ADMIN}/milestone/")
    assert set(response.context["cl"].result_list) == {milestone_a, milestone_b}


def test_a_civil_servant_cannot_change_the_commitment_itself(
    client_for, civil_servant_a, commitment_a
):
    response = client_for(civil_servant_a).post(change("commitment", commitment_a), {})
    assert response.status_code == 403


def _milestone_post(milestone, **overrides):
    data = {
        "commitment": milestone.commitment_id,
        "title_ar": milestone.title_ar,
        "title_fr": milestone.title_fr,
        "title_en": milestone.title_en,
        "start_date": "2019-01-01",
        "due_date": milestone.due_date.isoformat(),
        "weight": 1,
        "status": milestone.status,
        "progress": milestone.progress,
        "order": 0,
        "evidence-TOTAL_FORMS": 0,
        "evidence-INITIAL_FORMS": 0,
        "evidence-MIN_NUM_FORMS": 0,
        "evidence-MAX_NUM_FORMS": 1000,
    }
    data.update(overrides)
    return data


def test_editing_progress_in_the_admin_goes_through_the_service(
    client_for, civil_servant_a, milestone_a
):
    response = client_for(civil_servant_a).post(
        change("milestone", milestone_a), _milestone_post(milestone_a, progress=55)
    )
    assert response.status_code == 302
    milestone_a.refresh_from_db()
    assert (milestone_a.progress, milestone_a.status) == (55, Milestone.Status.IN_PROGRESS)
    from ogp_portal.core.models import TimelineEvent

    assert TimelineEvent.objects.filter(kind="milestone_progress").count() == 1


def test_evidence_files_are_checked_by_content(client_for, civil_servant_a, milestone_a):
    fake_pdf = SimpleUploadedFile(
        "report.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf"
    )
    data = _milestone_post(
        milestone_a,
        **{
            "evidence-TOTAL_FORMS": 1,
            "evidence-0-title": "Report",
            "evidence-0-file": fake_pdf,
            "evidence-0-url": "",
        },
    )
    response = client_for(civil_servant_a).post(change("milestone", milestone_a), data)
    assert response.status_code == 200
    assert "does not match its type" in response.content.decode()
    assert not MilestoneEvidence.objects.exists()

    real_pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4 minimal", content_type="application/pdf")
    data["evidence-0-file"] = real_pdf
    response = client_for(civil_servant_a).post(change("milestone", milestone_a), data)
    assert response.status_code == 302
    assert MilestoneEvidence.objects.get().file.name.endswith(".pdf")


def test_civil_servants_write_updates_and_only_staff_can_publish(
    client_for, civil_servant_a, ogp_staff, commitment_a
):
    client = client_for(civil_servant_a)
    response = client.post(
        f"{ADMIN}/progressupdate/add/",
        {"commitment": commitment_a.pk, "text": "Done", "progress_claimed": 50},
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.author == civil_servant_a
    client.post(
        f"{ADMIN}/progressupdate/",
        {"action": "publish_selected", "_selected_action": [update.pk]},
    )
    update.refresh_from_db()
    assert update.status == ProgressUpdate.Status.DRAFT  # the action is not offered
    client.post(
        f"{ADMIN}/progressupdate/", {"action": "submit_selected", "_selected_action": [update.pk]}
    )
    update.refresh_from_db()
    assert update.status == ProgressUpdate.Status.SUBMITTED
    staff = client_for(ogp_staff)
    staff.post(
        f"{ADMIN}/progressupdate/", {"action": "publish_selected", "_selected_action": [update.pk]}
    )
    update.refresh_from_db()
    assert update.status == ProgressUpdate.Status.PUBLISHED


def test_a_civil_servant_cannot_write_an_update_on_another_administrations_commitment(
    client_for, civil_servant_a, commitment_b
):
    response = client_for(civil_servant_a).post(
        f"{ADMIN}/progressupdate/add/",
        {"commitment": commitment_b.pk, "text": "Sneaky", "progress_claimed": 50},
    )
    assert response.status_code == 200  # re-rendered: the commitment is not a valid choice
    assert not ProgressUpdate.objects.exists()


def test_staff_answer_an_idea_in_the_admin_and_the_reason_is_required(
    client_for, ogp_staff, consultation, citizen
):
    idea = services.propose_idea(consultation, actor=citizen, title="T", text="X")
    client = client_for(ogp_staff)
    response = client.post(change("idea", idea), {"status": "rejected", "response": ""})
    assert response.status_code == 200
    assert "Every answer needs a reason" in response.content.decode()
    response = client.post(
        change("idea", idea), {"status": "rejected", "response": "Already covered by law 31-13."}
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.status, idea.decided_by) == (Idea.Status.REJECTED, ogp_staff)


@pytest.mark.parametrize(
    "model",
    [
        "actionplan",
        "commitment",
        "milestone",
        "progressupdate",
        "idea",
        "comment",
        "consultation",
        "irmrating",
        "ogpvalue",
    ],
)
def test_every_admin_list_and_add_page_opens_for_ogp_staff(
    client_for, ogp_staff, milestone_a, consultation, model
):
    client = client_for(ogp_staff)
    assert client.get(f"{ADMIN}/{model}/").status_code == 200
    if model not in ("idea", "comment"):
        assert client.get(f"{ADMIN}/{model}/add/").status_code == 200


def test_the_change_pages_open_for_ogp_staff(
    client_for, ogp_staff, milestone_a, consultation, citizen, plan
):
    client = client_for(ogp_staff)
    idea = services.propose_idea(consultation, actor=citizen, title="T", text="X")
    comment = services.post_comment(milestone_a.commitment, actor=citizen, text="Hi")
    for model, obj in [
        ("actionplan", plan),
        ("commitment", milestone_a.commitment),
        ("milestone", milestone_a),
        ("idea", idea),
        ("comment", comment),
        ("consultation", consultation),
    ]:
        assert client.get(change(model, obj)).status_code == 200, model
    assert client.get(f"{ADMIN}/milestone/import-csv/").status_code == 200


def test_a_civil_servant_cannot_manage_plans_or_consultations(
    client_for, civil_servant_a, plan, consultation
):
    client = client_for(civil_servant_a)
    assert client.get(f"{ADMIN}/actionplan/add/").status_code == 403
    assert client.post(change("consultation", consultation), {}).status_code == 403
