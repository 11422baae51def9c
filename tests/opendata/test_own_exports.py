import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from ogp_portal.core import registry
from ogp_portal.core.registry import PublicExport
from opendata.models import Dataset
from opendata.own_exports import PORTAL_PUBLISHER_SLUG, publish_public_exports

pytestmark = pytest.mark.django_db

ROWS = [["Rabat-Salé-Kénitra", 12], ["Oriental", 3]]


@pytest.fixture
def fake_export(monkeypatch, vocab):
    rows = list(ROWS)
    export = PublicExport(
        key="testapp-petition-counts",
        app="testapp",
        title="Petitions by region",
        description="Number of petitions filed in each region.",
        build=lambda: (["region", "petitions"], list(rows)),
        frequency="daily",
        themes=("government",),
    )
    # Only the fake export: the real apps' exports need their own tables.
    monkeypatch.setattr(registry, "_exports", {export.key: export})
    return rows


def read_csv(dataset):
    resource = dataset.resources.get()
    with resource.file.open("rb") as handle:
        return resource, list(csv.reader(io.StringIO(handle.read().decode("utf-8-sig"))))


def test_a_registered_export_becomes_a_dataset_of_the_portal_with_a_csv(fake_export, settings):
    [dataset] = publish_public_exports()

    assert dataset.publisher.slug == PORTAL_PUBLISHER_SLUG
    assert dataset.export_key == "testapp-petition-counts"
    assert dataset.title_en == "Petitions by region"
    assert dataset.frequency == "P1D"
    assert list(dataset.themes.values_list("slug", flat=True)) == ["government"]
    resource, rows = read_csv(dataset)
    assert rows == [["region", "petitions"], ["Rabat-Salé-Kénitra", "12"], ["Oriental", "3"]]
    assert resource.format == "CSV"
    assert resource.size == Path(resource.file.path).stat().st_size
    assert Path(resource.file.path).is_relative_to(Path(settings.MEDIA_ROOT) / "opendata")
    assert dataset.quality_score >= 80


def test_a_second_run_updates_the_same_dataset_and_file(fake_export):
    [first] = publish_public_exports()
    first_modified = first.resources.get().last_modified
    fake_export.append(["Souss-Massa", 7])

    [second] = publish_public_exports()

    assert second.pk == first.pk
    assert Dataset.objects.filter(export_key="testapp-petition-counts").count() == 1
    resource, rows = read_csv(second)
    assert rows[-1] == ["Souss-Massa", "7"]
    assert resource.last_modified > first_modified
    assert len(list(Path(resource.file.path).parent.iterdir())) == 1


def test_a_failing_export_does_not_stop_the_others(monkeypatch, vocab, fake_export):
    def broken():
        raise RuntimeError("table missing")

    bad = PublicExport(
        key="testapp-broken", app="testapp", title="Broken", description="", build=broken
    )
    monkeypatch.setitem(registry._exports, bad.key, bad)

    published = publish_public_exports()

    assert [d.export_key for d in published] == ["testapp-petition-counts"]


def test_the_management_command_and_the_task_publish_the_exports(fake_export):
    from opendata.tasks import publish_public_exports as task

    call_command("publish_portal_exports", stdout=io.StringIO())
    assert task.delay().get() == 1
    assert Dataset.objects.filter(export_key__isnull=False).count() == 1


def test_the_nightly_schedule_names_the_task():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["opendata-publish-public-exports"]
    assert entry["task"] == "opendata.tasks.publish_public_exports"
