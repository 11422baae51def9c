"""Statistics on a known dataset: exact figures, small-cell suppression, exports, home card."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from complaints import analytics, services, stats
from complaints.models import Complaint, SnapshotRow
from ogp_portal.core.registry import public_exports
from tests.factories import ProvinceFactory, RegionFactory

pytestmark = pytest.mark.django_db
D = SnapshotRow.Dimension


def test_percentiles_interpolate_like_percentile_cont():
    assert analytics.percentile([], 0.5) is None
    assert analytics.percentile([4], 0.9) == 4
    assert analytics.percentile([1, 2, 3, 4], 0.5) == 2.5
    assert analytics.percentile(list(range(1, 11)), 0.9) == 9.1


@pytest.fixture
def dataset(file, ogp_staff, complaints_officer_a, administration_a, category_a, citizen):
    """Six complaints in region 01 (population 2,000,000) with known timings.

    forwarded after 2, 4, 6, 8, 10 days (one never forwarded); answered after 10, 20, 30, 70
    days (the 70-day one is late); ratings 5, 3 (one resolved); one reopened.
    """
    region = RegionFactory(code="01", population_2024=2_000_000)
    province = ProvinceFactory(region=region)
    now = timezone.now()
    received = now - datetime.timedelta(days=100)
    rows = [(2, 10), (4, 20), (6, 30), (8, 70), (10, None), (None, None)]
    complaints = []
    for forward_after, answer_after in rows:
        c = file(province=province, received_at=received, channel="web")
        if forward_after is not None:
            services.forward(
                c, actor=ogp_staff, administration=administration_a, category=category_a
            )
            Complaint.objects.filter(pk=c.pk).update(
                forwarded_at=received + datetime.timedelta(days=forward_after)
            )
            c.refresh_from_db()
        if answer_after is not None:
            services.answer(c, actor=complaints_officer_a, outcome="positive", text="Oui")
            when = received + datetime.timedelta(days=answer_after)
            Complaint.objects.filter(pk=c.pk).update(answered_at=when, first_answered_at=when)
            c.refresh_from_db()
        complaints.append(c)
    services.rate(complaints[0], actor=citizen, resolved=True, rating=5)
    services.rate(complaints[1], actor=citizen, resolved=False, rating=3)
    Complaint.objects.filter(pk=complaints[2].pk).update(reopened_count=1)
    return complaints


def test_the_snapshot_has_exact_figures(dataset, administration_a):
    snapshot = analytics.compute_snapshot()
    overall = snapshot.rows.get(dimension=D.OVERALL)
    assert overall.received == 6
    assert overall.forwarded == 5
    assert overall.answered == 4
    assert overall.answered_on_time == 3
    assert overall.on_time_share == 75.0
    assert overall.positive == 4
    assert overall.rated == 2
    assert overall.resolved == 1
    assert overall.rating_avg == 4.0
    assert overall.reopened == 1
    assert overall.reopen_rate == 25.0
    assert overall.days_to_forward_median == 6.0
    assert overall.days_to_forward_p90 == 9.2
    assert overall.days_to_answer_median == 25.0
    assert overall.days_to_answer_p90 == 58.0
    region = snapshot.rows.get(dimension=D.REGION)
    assert (region.key, region.received, region.per_100k) == ("01", 6, 0.3)
    administration = snapshot.rows.get(dimension=D.ADMINISTRATION)
    assert (administration.key, administration.received) == ("ministere-a", 5)
    assert administration.label_fr == "Ministère A"
    assert snapshot.rows.get(dimension=D.CHANNEL).key == "web"


def test_small_cells_are_suppressed_on_the_dashboard_and_in_exports(dataset, client, file):
    file(channel="phone", contact_phone="+212600000000")  # a group of one
    analytics.compute_snapshot()
    headers, rows = analytics.export_rows()
    keys = {(r[0], r[1]) for r in rows}
    assert ("channel", "web") in keys
    assert ("channel", "phone") not in keys
    with translation.override("fr"):
        page = client.get(reverse("complaints:index")).content.decode()
    assert "Ministère A" in page


def test_below_five_nothing_is_published(file, client):
    file()
    analytics.compute_snapshot()
    assert analytics.export_rows()[1] == []
    with translation.override("fr"):
        page = client.get(reverse("complaints:index"))
    assert page.context["overall"] is None


def test_csv_and_xlsx_of_the_aggregates(dataset, client):
    analytics.compute_snapshot()
    with translation.override("fr"):
        csv = client.get(reverse("complaints:statistics_export", kwargs={"fmt": "csv"}))
        xlsx = client.get(reverse("complaints:statistics_export", kwargs={"fmt": "xlsx"}))
    assert csv.status_code == 200
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("dimension,key,label,received")
    assert "overall,all" in text
    assert "salma" not in text.lower()
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"


def test_the_public_export_is_registered():
    export = next(e for e in public_exports() if e.key == "complaints-aggregates")
    assert export.app == "complaints"


def test_home_figures_come_from_the_snapshot(dataset):
    assert stats.figures()[0].value == 0
    analytics.compute_snapshot()
    figures = stats.figures()
    assert len(figures) == 3
    assert [f.value for f in figures] == [6, 75.0, 25]
    latest = stats.latest()
    assert len(latest) == 1
    assert "6" in latest[0].title


def test_the_analytics_task_computes_on_demand(dataset):
    from complaints.tasks import compute_analytics

    pk = compute_analytics.delay().get()
    assert SnapshotRow.objects.filter(snapshot_id=pk, dimension=D.OVERALL).get().received == 6
