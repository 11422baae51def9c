"""Links across apps, open data side: staff choose in the dataset admin the commitments a dataset
serves; the commitment's public page lists the dataset while it is published."""

import pytest

from ogp_portal.core.models import Link
from opendata.models import Dataset
from tests.transparency.plan.factories import ActionPlanFactory, CommitmentFactory
from transparency.models import ActionPlan

pytestmark = pytest.mark.django_db

CHANGELIST = "/en/admin/opendata/dataset/"


@pytest.fixture
def commitment(administration_b):
    plan = ActionPlanFactory(slug="2018-2020")
    return CommitmentFactory(
        plan=plan, number=4, title_en="Open data", title_fr="Données ouvertes", title_ar="البيانات"
    )


def _payload(vocab, administration, **extra):
    data = {
        "slug": "budget-eau",
        "title_ar": "ميزانية الماء",
        "title_fr": "Budget de l'eau",
        "title_en": "Water budget",
        "description_ar": "",
        "description_fr": "",
        "description_en": "",
        "publisher": administration.pk,
        "is_published": "on",
        "frequency": "P1Y",
        "licence": vocab["licences"]["cc-by"].pk,
        "themes": [vocab["themes"]["health"].pk],
        "modified_0": "2026-01-01",
        "modified_1": "10:00:00",
        "resources-TOTAL_FORMS": "0",
        "resources-INITIAL_FORMS": "0",
        "resources-MIN_NUM_FORMS": "0",
        "resources-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_a_civil_servant_links_a_dataset_to_commitments_and_the_commitment_page_shows_it(
    client_for, client, civil_servant_a, administration_a, vocab, commitment
):
    staff = client_for(civil_servant_a)
    response = staff.post(
        f"{CHANGELIST}add/", _payload(vocab, administration_a, commitments=[commitment.pk])
    )
    assert response.status_code == 302
    dataset = Dataset.objects.get(slug="budget-eau")
    link = Link.objects.get()
    assert (link.source, link.target, link.kind) == (dataset, commitment, Link.Kind.SUPPORTS)

    change = staff.get(f"{CHANGELIST}{dataset.pk}/change/")
    assert change.context["adminform"].form["commitments"].value() == [commitment.pk]

    client.logout()
    page = client.get(commitment.get_absolute_url().replace("/ar/", "/en/")).content.decode()
    assert "Water budget" in page and dataset.get_absolute_url().replace("/ar/", "/en/") in page
    dataset_page = client.get(f"/en/opendata/datasets/{dataset.slug}/")
    assert "Open data" in dataset_page.content.decode()


def test_removing_a_commitment_in_the_admin_removes_the_link(
    client_for, civil_servant_a, administration_a, vocab, commitment
):
    staff = client_for(civil_servant_a)
    staff.post(f"{CHANGELIST}add/", _payload(vocab, administration_a, commitments=[commitment.pk]))
    dataset = Dataset.objects.get(slug="budget-eau")

    response = staff.post(
        f"{CHANGELIST}{dataset.pk}/change/", _payload(vocab, administration_a, commitments=[])
    )

    assert response.status_code == 302
    assert not Link.objects.exists()


def test_commitments_of_a_draft_plan_are_not_offered(
    client_for, civil_servant_a, vocab, commitment
):
    draft = ActionPlanFactory(slug="2030-2032", status=ActionPlan.Status.DRAFT)
    hidden = CommitmentFactory(plan=draft, number=1)

    form = client_for(civil_servant_a).get(f"{CHANGELIST}add/").context["adminform"].form
    choices = list(form.fields["commitments"].queryset)
    assert commitment in choices and hidden not in choices


def test_an_unpublished_dataset_is_not_shown_on_the_commitment_page(
    client, client_for, ogp_staff, civil_servant_a, administration_a, vocab, commitment
):
    client_for(civil_servant_a).post(
        f"{CHANGELIST}add/",
        _payload(vocab, administration_a, commitments=[commitment.pk], is_published=""),
    )
    assert Link.objects.count() == 1
    client.logout()
    page = client.get(commitment.get_absolute_url().replace("/ar/", "/en/")).content.decode()
    assert "Water budget" not in page
