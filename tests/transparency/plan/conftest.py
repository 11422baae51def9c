import pytest

from transparency.plan import scales

from .factories import ActionPlanFactory, CommitmentFactory, ConsultationFactory, MilestoneFactory


@pytest.fixture
def plan(db):
    return ActionPlanFactory(slug="2018-2020", start_year=2018, end_year=2020)


@pytest.fixture
def commitment_a(plan, administration_a):
    return CommitmentFactory(plan=plan, number=1, lead_administration=administration_a)


@pytest.fixture
def commitment_b(plan, administration_b):
    return CommitmentFactory(plan=plan, number=2, lead_administration=administration_b)


@pytest.fixture
def milestone_a(commitment_a):
    return MilestoneFactory(commitment=commitment_a)


@pytest.fixture
def milestone_b(commitment_b):
    return MilestoneFactory(commitment=commitment_b)


@pytest.fixture
def consultation(plan):
    return ConsultationFactory(plan=plan, slug="plan-2021-2023")


@pytest.fixture
def reference_data(db):
    scales.ensure_reference_data()
