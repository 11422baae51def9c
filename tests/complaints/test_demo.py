"""The demo: realistic, idempotent and fast."""

import datetime
import time

import pytest
from django.utils import timezone

from complaints import demo
from complaints.models import AnalyticsSnapshot, Complaint, SnapshotRow

pytestmark = pytest.mark.django_db


class _Out:
    def __init__(self):
        self.lines = []

    def write(self, line):
        self.lines.append(line)


def test_the_demo_is_realistic_idempotent_and_fast():
    from ogp_portal.accounts import demo as accounts_demo
    from ogp_portal.directory import demo as directory_demo

    directory_demo.seed(_Out())

    accounts_demo.seed(_Out())
    started = time.monotonic()
    demo.seed(_Out())
    elapsed = time.monotonic() - started
    assert elapsed < 20
    count = Complaint.objects.count()
    assert count == demo.DEMO_COUNT
    assert set(Complaint.objects.values_list("status", flat=True)) == set(Complaint.Status.values)
    assert set(Complaint.objects.values_list("channel", flat=True)) == set(Complaint.Channel.values)
    assert Complaint.objects.filter(rating__isnull=False).exists()
    assert Complaint.objects.filter(reopened_count__gt=0).exists()
    officer_cases = Complaint.objects.filter(administration__slug="ministere-sante")
    assert officer_cases.exists()
    assert AnalyticsSnapshot.objects.count() == 1
    demo.seed(_Out())
    assert Complaint.objects.count() == count


def _seed_all():
    from ogp_portal.accounts import demo as accounts_demo
    from ogp_portal.directory import demo as directory_demo

    directory_demo.seed(_Out())
    accounts_demo.seed(_Out())
    demo.seed(_Out())


def _assert_categories_imply_their_administration():
    with_category = Complaint.objects.filter(category__isnull=False).select_related("category")
    assert with_category.exists()
    for complaint in with_category:
        assert complaint.administration_id == complaint.category.administration_id, complaint


def test_every_demo_complaint_with_a_category_has_that_categorys_administration(client):
    _seed_all()
    _assert_categories_imply_their_administration()
    # Open311 requests always name their service: never without an administration.
    open311 = Complaint.objects.filter(channel=Complaint.Channel.OPEN311)
    assert open311.exists()
    assert not open311.filter(administration__isnull=True).exists()
    assert not open311.filter(category__isnull=True).exists()
    # Some complaints still await triage with no administration chosen, hence no category.
    unsorted = Complaint.objects.filter(administration__isnull=True)
    assert unsorted.exists()
    assert set(unsorted.values_list("status", flat=True)) == {Complaint.Status.RECEIVED}
    assert not unsorted.filter(category__isnull=False).exists()
    assert not unsorted.filter(province__isnull=True, region__isnull=False).exists()
    # Open311 shows an agency for every demo request that has a service.
    start = (timezone.now() - datetime.timedelta(days=400)).isoformat()
    for request in client.get("/open311/v2/requests.json", {"start_date": start}).json():
        if request["service_code"]:
            assert request["agency_responsible"], request


def test_per_category_totals_add_up_to_per_administration_totals():
    _seed_all()
    snapshot = AnalyticsSnapshot.objects.latest()
    rows = snapshot.rows.all()
    categories = [r for r in rows if r.dimension == SnapshotRow.Dimension.CATEGORY]
    for row in rows.filter(dimension=SnapshotRow.Dimension.ADMINISTRATION):
        in_categories = [c for c in categories if c.parent == row.key]
        assert sum(c.received for c in in_categories) == row.received, row.key
        assert sum(c.answered for c in in_categories) == row.answered, row.key


def test_seeding_again_repairs_demo_complaints_filed_without_their_categorys_administration():
    _seed_all()
    broken = list(
        Complaint.objects.filter(category__isnull=False, channel="open311")[:3].values_list(
            "pk", flat=True
        )
    )
    Complaint.objects.filter(pk__in=broken).update(administration=None)
    demo.seed(_Out())
    _assert_categories_imply_their_administration()
    assert Complaint.objects.count() == demo.DEMO_COUNT
