import io

import pytest

from integrity import demo
from integrity.models import Initiative, Sector
from tests.factories import AdministrationFactory

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_initiatives_once(civil_servant_a):
    for slug in ("mtnra", "inpplc", "ministere-sante", "ministere-justice", "cour-des-comptes"):
        AdministrationFactory(slug=slug)

    demo.seed(io.StringIO())
    first = Initiative.objects.count()
    demo.seed(io.StringIO())

    assert first == Initiative.objects.count() > 15
    assert Initiative.objects.public().exists()
    assert Initiative.objects.filter(state=Initiative.State.RETURNED).exists()
    assert Sector.objects.filter(slug="health", name_ar="الصحة").exists()
    sample = Initiative.objects.public().first()
    assert sample.title_ar and sample.title_fr and sample.title_en
    assert sample.indicators.count() == 2


def test_a_civil_servants_data_lists_their_submissions_and_anonymising_keeps_the_initiative(
    make_initiative, administration_a, civil_servant_a
):
    from integrity import personal_data

    initiative = make_initiative(
        Initiative.State.SUBMITTED,
        lead_administration=administration_a,
        submitted_by=civil_servant_a,
    )

    exported = personal_data.export(civil_servant_a)
    personal_data.anonymise(civil_servant_a)

    assert exported["submitted_initiatives"][0]["id"] == initiative.pk
    initiative.refresh_from_db()
    assert initiative.submitted_by is None
