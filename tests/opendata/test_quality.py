from datetime import date

import pytest

from opendata.models import QualityBand, band_for
from opendata.quality import DatasetFacts, ResourceFacts, assess, updated_on_schedule

TODAY = date(2026, 6, 30)
LONG = "x" * 200
GOOD = DatasetFacts(
    description=LONG,
    licence_open=True,
    resources=(ResourceFacts("CSV", "Columns: region, year, value in dirhams."),),
    frequency="P1M",
    last_update=date(2026, 6, 1),
    has_temporal_coverage=True,
    has_spatial_coverage=True,
)


def test_a_dataset_meeting_every_criterion_scores_100_with_nothing_to_improve():
    quality = assess(GOOD, TODAY)

    assert quality.score == 100
    assert quality.to_improve == []


def test_an_empty_dataset_scores_zero_and_lists_every_criterion_to_improve():
    quality = assess(DatasetFacts(), TODAY)

    assert quality.score == 0
    assert [c.key for c in quality.to_improve] == [
        "licence",
        "description",
        "resources",
        "open_formats",
        "documented",
        "up_to_date",
        "temporal",
        "spatial",
    ]
    assert all(str(c.hint) for c in quality.to_improve)


def test_weights_add_up_to_100():
    assert sum(c.weight for c in assess(GOOD, TODAY).criteria) == 100


@pytest.mark.parametrize(
    ("change", "lost", "score"),
    [
        ({"licence_open": False}, "licence", 85),
        ({"description": "x" * 199}, "description", 85),
        (
            {"resources": (ResourceFacts("XLSX", "Columns: region, year, value."),)},
            "open_formats",
            85,
        ),
        ({"resources": (ResourceFacts("CSV", "short"),)}, "documented", 90),
        ({"last_update": date(2026, 4, 1)}, "up_to_date", 86),
        ({"has_temporal_coverage": False}, "temporal", 92),
        ({"has_spatial_coverage": False}, "spatial", 92),
    ],
)
def test_each_criterion_costs_its_weight(change, lost, score):
    quality = assess(DatasetFacts(**{**GOOD.__dict__, **change}), TODAY)

    assert quality.score == score
    assert [c.key for c in quality.to_improve] == [lost]


def test_a_pdf_only_dataset_without_licence_misses_open_formats_and_licence():
    facts = DatasetFacts(
        description=LONG, resources=(ResourceFacts("PDF", "The annual report, 120 pages."),)
    )

    keys = {c.key for c in assess(facts, TODAY).to_improve}

    assert {"licence", "open_formats", "up_to_date"} <= keys
    assert "resources" not in keys and "documented" not in keys


def test_updated_on_schedule_allows_half_a_period_of_grace():
    assert updated_on_schedule("P1Y", date(2025, 1, 1), TODAY)  # 545 days <= 549
    assert not updated_on_schedule("P1Y", date(2024, 12, 1), TODAY)
    assert updated_on_schedule("P1D", date(2026, 6, 29), TODAY)
    assert not updated_on_schedule("P1D", date(2026, 6, 28), TODAY)
    assert not updated_on_schedule("unknown", date(2026, 6, 29), TODAY)
    assert updated_on_schedule("irregular", date(2020, 1, 1), TODAY)


def test_quality_bands():
    assert band_for(100) == band_for(80) == QualityBand.HIGH
    assert band_for(79) == band_for(50) == QualityBand.MEDIUM
    assert band_for(49) == band_for(0) == QualityBand.LOW


def test_a_stored_dataset_gets_its_score_from_its_metadata(good_dataset, poor_dataset):
    good_dataset.refresh_from_db()
    poor_dataset.refresh_from_db()

    assert good_dataset.quality_score == 100
    assert good_dataset.quality_band == QualityBand.HIGH
    assert poor_dataset.quality_score == 15  # resources present only
    assert {c.key for c in poor_dataset.assess().to_improve} >= {
        "licence",
        "open_formats",
        "description",
    }
