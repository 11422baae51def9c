"""A petition can say which commitment it is about; the commitment lists it once public."""

import pytest

from ogp_portal.core import links
from ogp_portal.core.models import Link
from petitions import links as petition_links
from petitions.models import Petition

from .conftest import draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_petition(citizen, head_of_government):
    return draft(citizen, head_of_government)


@pytest.fixture
def commitment(db):
    from tests.transparency.plan.factories import CommitmentFactory
    from transparency.models import ActionPlan

    commitment = CommitmentFactory()
    ActionPlan.objects.filter(pk=commitment.plan_id).update(status=ActionPlan.Status.IN_PROGRESS)
    return commitment


def test_the_agent_links_a_draft_to_a_commitment_and_it_shows_once_public(
    draft_petition, commitment, citizen
):
    petition_links.set_commitment(draft_petition, commitment, actor=citizen)

    assert petition_links.commitment_of(draft_petition) == commitment
    # A draft is not public: the commitment's page does not list it yet.
    assert draft_petition not in links.linking_objects(commitment, "petitions.petition")
    Petition.objects.filter(pk=draft_petition.pk).update(status=Petition.Status.COLLECTING)
    assert [p.pk for p in links.linking_objects(commitment, "petitions.petition")] == [
        draft_petition.pk
    ]


def test_choosing_no_commitment_removes_the_link(draft_petition, commitment, citizen):
    petition_links.set_commitment(draft_petition, commitment, actor=citizen)
    petition_links.set_commitment(draft_petition, None, actor=citizen)

    assert not Link.objects.exists()


def test_someone_else_cannot_link_a_draft(draft_petition, commitment, civil_servant_b):
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied or ValidationError
        petition_links.set_commitment(draft_petition, commitment, actor=civil_servant_b)
    assert not Link.objects.exists()
