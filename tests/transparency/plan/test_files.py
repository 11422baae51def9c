"""A plan's documents and its milestones' evidence files are served by views, as downloads,
only while the plan is public; the pages link to the views, never to /media/ (which
production does not serve)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from transparency.models import ActionPlan, MilestoneEvidence, PlanDocument

from .factories import ActionPlanFactory, CommitmentFactory, MilestoneFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% plan d'action\n"


@pytest.fixture
def plan(administration_a):
    return ActionPlanFactory(slug="2024-2027", start_year=2024, end_year=2027)


@pytest.fixture
def document(plan):
    document = PlanDocument(plan=plan, title="Plan d'action national")
    document.file.save("plan.pdf", ContentFile(PDF), save=True)
    return document


@pytest.fixture
def evidence(plan, administration_a):
    commitment = CommitmentFactory(plan=plan, number=1, lead_administration=administration_a)
    milestone = MilestoneFactory(commitment=commitment, progress=50, status="in_progress")
    evidence = MilestoneEvidence(milestone=milestone, title="Compte rendu de l'atelier")
    evidence.file.save("compte-rendu.pdf", ContentFile(PDF), save=True)
    return evidence


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def url_of(obj, lang="fr") -> str:
    with translation.override(lang):
        return obj.href


def test_a_plan_document_is_a_download_named_after_its_title(client, document):
    response = client.get(url_of(document))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Plan d\'action national.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == PDF


def test_a_milestone_evidence_file_is_a_download(client, evidence):
    response = client.get(url_of(evidence))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == PDF


def test_the_pages_link_to_the_views_and_never_to_media(client, plan, document, evidence):
    plan_page = client.get(f"/fr/transparency/plans/{plan.slug}/").content.decode()
    commitment_page = client.get(
        f"/fr/transparency/plans/{plan.slug}/commitments/1/"
    ).content.decode()

    assert f'href="{url_of(document)}"' in plan_page
    assert f'href="{url_of(evidence)}"' in commitment_page
    for page in (plan_page, commitment_page):
        assert "/media/" not in page
    assert document.file.name not in plan_page and evidence.file.name not in commitment_page


def test_the_api_gives_the_evidence_s_absolute_address(client, evidence):
    response = client.get("/api/v1/commitments/", {"plan": "2024-2027"})
    assert response.status_code == 200
    raw = response.content.decode()
    assert "/media/" not in raw
    assert reverse("transparency:milestone_evidence", kwargs={"pk": evidence.pk}) in raw


def test_a_draft_plan_s_files_are_not_found(client_for, civil_servant_a, plan, document, evidence):
    urls = [url_of(document), url_of(evidence)]
    ActionPlan.objects.filter(pk=plan.pk).update(status=ActionPlan.Status.DRAFT)

    for url in urls:
        assert client_for(civil_servant_a).get(url).status_code == 404


def test_a_document_asked_for_under_another_plan_is_not_found(client, document):
    other = ActionPlanFactory(slug="2021-2023", start_year=2021, end_year=2023)
    url = reverse("transparency:plan_document", kwargs={"slug": other.slug, "pk": document.pk})

    assert client.get(url).status_code == 404


def test_a_link_without_a_file_keeps_its_address_and_has_no_download(client, plan):
    linked = PlanDocument.objects.create(
        plan=plan, title="OGP", url="https://www.opengovpartnership.org/"
    )
    assert linked.href == "https://www.opengovpartnership.org/"
    url = reverse("transparency:plan_document", kwargs={"slug": plan.slug, "pk": linked.pk})
    assert client.get(url).status_code == 404


def test_a_file_missing_from_storage_is_not_found(client, document):
    document.file.storage.delete(document.file.name)

    assert client.get(url_of(document)).status_code == 404
