from datetime import date

import pytest

from opendata import kpis, stats
from tests.factories import AdministrationFactory

from .factories import DatasetFactory


def test_the_target_doubles_the_december_2021_baseline():
    assert (kpis.BASELINE_DATASETS, kpis.BASELINE_PUBLISHERS) == (203, 22)
    assert (kpis.TARGET_DATASETS, kpis.TARGET_PUBLISHERS) == (406, 44)


def test_progress_counts_the_share_of_the_promised_growth():
    progress = kpis.progress(304, 203, 406)

    assert progress.percent_of_growth == 49
    assert progress.percent_of_target == 74
    assert not progress.reached
    assert kpis.progress(150, 203, 406).percent_of_growth == 0
    assert kpis.progress(500, 203, 406).percent_of_growth == 100
    assert kpis.progress(406, 203, 406).reached


def test_cumulative_counts_at_each_year_end():
    dates = [date(2020, 5, 1), date(2021, 12, 31), date(2022, 1, 1), None, date(2024, 3, 3)]

    assert kpis.cumulative_by_year(dates, [2021, 2022, 2023, 2024]) == [
        (2021, 2),
        (2022, 3),
        (2023, 3),
        (2024, 4),
    ]


@pytest.mark.django_db
def test_commitment_kpis_count_published_datasets_and_publishers():
    a, b = AdministrationFactory(), AdministrationFactory()
    DatasetFactory(publisher=a, issued=date(2021, 6, 1))
    DatasetFactory(publisher=a, issued=date(2023, 6, 1))
    DatasetFactory(publisher=b, issued=date(2024, 6, 1))
    DatasetFactory(publisher=b, issued=date(2020, 6, 1), is_published=False)

    data = stats.commitment_kpis(today=date(2024, 12, 31))

    assert data["datasets"].value == 3
    assert data["publishers"].value == 2
    assert data["datasets_by_year"] == [(2021, 1), (2022, 1), (2023, 2), (2024, 3)]
    assert data["publishers_by_year"] == [(2021, 1), (2022, 1), (2023, 1), (2024, 2)]


@pytest.mark.django_db
def test_the_home_card_has_three_figures(good_dataset):
    figures = stats.figures()

    assert len(figures) == 3
    assert [f.value for f in figures] == [1, 1, 0]
    assert stats.latest(3)[0].url == good_dataset.get_absolute_url()
