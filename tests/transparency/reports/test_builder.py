import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from transparency.reports import builder
from transparency.reports.builder import VoicesSection, build_report_data
from transparency.reports.sample import sample_plan

from .conftest import TITLES, TODAY

pytestmark = pytest.mark.django_db


def test_it_rolls_progress_up_from_weighted_milestones(known_plan):
    data = build_report_data(known_plan, language="en", today=TODAY)

    by_number = {c.number: c for c in data.commitments}
    assert [c.number for c in data.commitments] == [1, 2, 3]
    assert by_number[1].progress == 62.5
    assert by_number[2].progress == 100  # the cancelled milestone does not count
    assert by_number[3].progress == 20
    assert data.progress == 60.8


def test_it_summarises_each_theme(known_plan):
    data = build_report_data(known_plan, language="en", today=TODAY)

    summary = [
        (t.name, t.progress, t.commitment_count, t.off_track_count, t.completed_count)
        for t in data.themes
    ]
    assert summary == [
        ("Transparency and public services", 81.2, 2, 1, 1),
        ("Citizen participation", 20, 1, 0, 0),
    ]


def test_it_flags_commitments_with_a_late_milestone_as_off_track(known_plan):
    data = build_report_data(known_plan, language="en", today=TODAY)

    assert [c.number for c in data.commitments if c.off_track] == [1]
    assert data.off_track_count == 1
    first = data.commitments[0]
    assert [m.late for m in first.milestones] == [False, True]
    assert (first.counted_milestones, first.completed_milestones) == (2, 1)


def test_it_counts_milestones_without_the_cancelled_ones(known_plan):
    data = build_report_data(known_plan, language="en", today=TODAY)

    assert data.milestone_count == 4
    assert data.completed_milestones == 2


def test_it_shows_lead_partners_dates_and_irm_ratings(known_plan):
    data = build_report_data(known_plan, language="fr", today=TODAY)

    first = data.commitments[0]
    assert first.lead == "Ministère A"
    assert first.partners == ["Ministère B"]
    assert (first.start_date.year, first.end_date.year) == (2021, 2023)
    assert [(irm.rating_label) for irm in first.irm] == ["", "Substantiel", ""]
    assert first.problem == "Un problème"


def test_it_keeps_only_published_updates_newest_first_and_three_in_the_pdf(known_plan):
    data = build_report_data(known_plan, language="fr", today=TODAY)

    first = data.commitments[0]
    assert [u.text for u in first.updates] == [
        "Mise à jour 4",
        "Mise à jour 3",
        "Mise à jour 2",
        "Mise à jour 1",
    ]
    assert [u.text for u in first.latest_updates] == [
        "Mise à jour 4",
        "Mise à jour 3",
        "Mise à jour 2",
    ]
    assert all("Brouillon" not in u.text for _c, u in data.update_rows())


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_it_reads_titles_in_the_report_language(known_plan, language):
    data = build_report_data(known_plan, language=language, today=TODAY)

    assert [c.title for c in data.commitments] == [TITLES[n][language] for n in (1, 2, 3)]
    assert data.rtl is (language == "ar")


def test_it_counts_co_creation(known_plan):
    figures = build_report_data(known_plan, language="en", today=TODAY).cocreation

    assert figures.consultations == 1
    assert (figures.ideas, figures.accepted, figures.rejected, figures.merged) == (2, 1, 1, 0)
    assert figures.participants == 3  # two authors, one more supporter; the commenter proposed
    assert figures.comments == 1


def test_it_leaves_co_creation_out_when_there_was_none(db):
    plan = sample_plan(commitments=2, milestones=4)

    assert build_report_data(plan, language="fr").cocreation is None


def test_it_runs_the_same_number_of_queries_whatever_the_plan_size(db):
    small = sample_plan(slug="small", commitments=2, milestones=4)
    large = sample_plan(slug="large", commitments=22, milestones=150)

    with CaptureQueriesContext(connection) as small_queries:
        build_report_data(small, language="ar")
    with CaptureQueriesContext(connection) as large_queries:
        data = build_report_data(large, language="ar")

    assert len(data.commitments) == 22
    assert sum(len(c.milestones) for c in data.commitments) == 150
    # No co-creation: two counts only; one more asks for a co-evaluation window.
    assert len(large_queries) == len(small_queries) == 9


def test_it_gathers_a_plan_with_co_creation_in_eleven_queries(
    known_plan, django_assert_num_queries
):
    with django_assert_num_queries(11):
        build_report_data(known_plan, language="fr", today=TODAY)


def test_it_adds_sections_from_registered_voices_providers(known_plan, monkeypatch):
    monkeypatch.setattr(builder, "_voices_providers", [])

    def provider(plan, commitments, language):
        return VoicesSection(title="Ce que disent les citoyens", items=[{"text": "Très utile"}])

    builder.register_voices_provider(provider)
    builder.register_voices_provider(lambda plan, commitments, language: None)

    data = build_report_data(known_plan, language="fr", today=TODAY)

    assert [v.title for v in data.voices] == ["Ce que disent les citoyens"]
