import pytest

from opendata.models import Licence, Theme
from opendata.vocabularies import ensure_vocabularies

from .factories import DatasetFactory, ResourceFactory

LONG_DESCRIPTION = (
    "Taux de remplissage quotidien des barrages du Royaume, par barrage et par bassin "
    "hydraulique, avec la capacité normale, la réserve du jour et la réserve de la même date "
    "l'année précédente. Source : direction de la recherche et de la planification de l'eau."
)


@pytest.fixture
def vocab(db):
    ensure_vocabularies()
    return {
        "themes": {t.slug: t for t in Theme.objects.all()},
        "licences": {lic.slug: lic for lic in Licence.objects.all()},
    }


@pytest.fixture
def good_dataset(vocab, administration_a):
    """A dataset of administration A meeting every quality criterion."""
    from django.utils import timezone

    dataset = DatasetFactory(
        slug="barrages-remplissage",
        title_fr="Taux de remplissage des barrages",
        title_ar="نسبة ملء السدود",
        title_en="Dam filling levels",
        description_fr=LONG_DESCRIPTION,
        publisher=administration_a,
        licence=vocab["licences"]["lo-ma"],
        frequency="P1D",
        temporal_start=timezone.localdate().replace(year=2015, month=1, day=1),
        is_national=True,
        contact_point="Direction de l'eau",
        themes=[vocab["themes"]["environment"]],
    )
    ResourceFactory(
        dataset=dataset,
        title="barrages.csv",
        format="CSV",
        description="Colonnes : barrage, bassin, capacité (Mm3), réserve (Mm3), date.",
    )
    dataset.refresh_quality()
    return dataset


@pytest.fixture
def poor_dataset(vocab, administration_b):
    dataset = DatasetFactory(
        slug="rapport-annuel",
        title_fr="Rapport annuel de la santé",
        title_ar="التقرير السنوي للصحة",
        title_en="Annual health report",
        publisher=administration_b,
        licence=vocab["licences"]["other-closed"],
        themes=[vocab["themes"]["health"]],
    )
    ResourceFactory(
        dataset=dataset, title="rapport.pdf", format="PDF", url="https://data.gov.ma/rapport.pdf"
    )
    dataset.refresh_quality()
    return dataset
