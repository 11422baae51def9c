"""The demo: realistic, idempotent and fast."""

import time

import pytest

from complaints import demo
from complaints.models import AnalyticsSnapshot, Complaint

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
