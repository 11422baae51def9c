import io

import pytest
from django.core.management import call_command

from opendata.models import Dataset, DatasetRequest, PublisherProfile, Resource, Reuse

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory_and_accounts(monkeypatch):
    from ogp_portal.accounts import demo as accounts_demo
    from ogp_portal.core import registry

    monkeypatch.setattr(registry, "_exports", {})  # other apps' exports need their tables
    call_command("load_territories", stdout=io.StringIO())
    call_command("load_administrations", stdout=io.StringIO())
    accounts_demo.seed(io.StringIO())


def test_the_demo_is_realistic_and_idempotent(directory_and_accounts):
    from opendata.demo import seed

    seed(io.StringIO())
    counts = [
        m.objects.count() for m in (Dataset, Resource, Reuse, DatasetRequest, PublisherProfile)
    ]
    seed(io.StringIO())

    assert [
        m.objects.count() for m in (Dataset, Resource, Reuse, DatasetRequest, PublisherProfile)
    ] == counts
    assert 240 <= counts[0] <= 270
    assert Dataset.objects.values("publisher").distinct().count() >= 30
    assert Dataset.objects.filter(themes__isnull=False).values("themes").distinct().count() == 12
    assert set(Dataset.objects.values_list("quality_band", flat=True)) == {"low", "medium", "high"}
    assert 10 <= Reuse.objects.public().count() <= 13
    assert set(DatasetRequest.objects.values_list("status", flat=True)) == {
        "open",
        "planned",
        "published",
        "refused",
    }
    assert set(Resource.objects.values_list("format", flat=True)) >= {
        "CSV",
        "XLSX",
        "JSON",
        "PDF",
        "SHP",
        "API",
    }
