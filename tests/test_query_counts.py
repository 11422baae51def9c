"""Query counts pinned per public page (issue 8, scale): lists constant, details bounded.

Each list page is requested with 3 objects of its kind, then with 20 (the demo's objects,
trimmed to 3, then clones of the first with fresh unique fields and the same relations):
the number of queries must not change. Each detail page stays under a fixed maximum.
The data comes from the apps' demo seeders (directory and accounts first).
"""

import pytest
from django.core.management import call_command
from django.db import connection, models
from django.db.models import ProtectedError
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def _seed(*keys):
    with translation.override("fr"):
        call_command(
            "seed_demo",
            "--only",
            "directory",
            "accounts",
            *keys,
            stdout=open("/dev/null", "w"),  # noqa: SIM115
        )


def _queries(path: str) -> int:
    client = Client()
    client.get(path)  # warm caches that the first request of a process fills
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(ctx.captured_queries)


def _clone(obj, n: int) -> None:
    """n copies of obj: unique char fields suffixed, same foreign keys and many-to-many."""
    model = type(obj)
    m2m = {f.name: list(getattr(obj, f.name).all()) for f in model._meta.many_to_many}
    for i in range(n):
        copy = model.objects.get(pk=obj.pk)
        copy.pk = None
        copy.id = None
        if hasattr(copy, "_state"):
            copy._state.adding = True
        for field in model._meta.concrete_fields:
            if field.unique and not field.primary_key:
                value = getattr(copy, field.attname)
                if isinstance(field, models.CharField | models.SlugField) and value:
                    setattr(copy, field.attname, f"{value[: field.max_length - 6]}-q{i:03d}")
                elif isinstance(field, models.UUIDField):
                    import uuid

                    setattr(copy, field.attname, uuid.uuid4())
                elif value is not None and not isinstance(field, models.CharField):
                    setattr(copy, field.attname, None)
        model.objects.bulk_create([copy])
        copy = model.objects.order_by("-pk").first()
        for name, related in m2m.items():
            getattr(copy, name).set(related)


def _trim(queryset, keep: int = 3):
    """Keep `keep` objects of the public queryset; returns the first."""
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    assert len(pks) >= 1, "the demo has objects of this kind"
    extra = queryset.model.objects.filter(pk__in=pks[keep:])
    try:
        extra.delete()
    except ProtectedError:
        queryset.model.objects.filter(pk__in=pks[keep:]).update(**_hide_fields(queryset.model))
    first = queryset.model.objects.get(pk=pks[0])
    if len(pks) < keep:
        _clone(first, keep - len(pks))
    return first


def _hide_fields(model) -> dict:
    names = {f.name for f in model._meta.concrete_fields}
    if "is_published" in names:
        return {"is_published": False}
    if "is_hidden" in names:
        return {"is_hidden": True}
    raise AssertionError(f"cannot trim {model.__name__}")


def _assert_constant(url: str, queryset) -> None:
    first = _trim(queryset)
    assert queryset.count() == 3
    with_3 = _queries(url)
    _clone(first, 17)
    assert queryset.count() == 20
    with_20 = _queries(url)
    assert with_3 == with_20, f"{url}: {with_3} queries with 3 objects, {with_20} with 20"


# --- lists: (seeders, url name, queryset of what the page lists) -----------------------------


def _awards():
    from csofunding.models import Award

    return Award.objects.published()


def _calls():
    from csofunding.models import Award, Call

    Award.objects.all().delete()  # awards protect their calls: the list is about calls

    return Call.objects.public() if hasattr(Call.objects, "public") else Call.objects.all()


def _associations():
    from csofunding.models import Association, Award

    Award.objects.all().delete()  # awards protect their associations

    return Association.objects.all()


def _initiatives():
    from integrity.models import Initiative

    return Initiative.objects.public()


def _datasets():
    from opendata.models import Dataset

    return Dataset.objects.published()


def _reuses():
    from opendata.models import Reuse

    return Reuse.objects.public() if hasattr(Reuse.objects, "public") else Reuse.objects.all()


def _dataset_requests():
    from opendata.models import DatasetRequest

    manager = DatasetRequest.objects
    return manager.public() if hasattr(manager, "public") else manager.all()


def _information_requests():
    from transparency.models import InformationRequest

    return InformationRequest.objects.public()


def _petitions():
    from petitions.models import Petition

    return Petition.objects.public()


LISTS = [
    (["csofunding"], "csofunding:awards", _awards),
    (["csofunding"], "csofunding:calls", _calls),
    (["csofunding"], "csofunding:associations", _associations),
    (["integrity"], "integrity:index", _initiatives),
    (["opendata"], "opendata:index", _datasets),
    (["opendata"], "opendata:reuses", _reuses),
    (["opendata"], "opendata:requests", _dataset_requests),
    (["transparency-ati"], "transparency:request_list", _information_requests),
    (["petitions"], "petitions:index", _petitions),
]


@pytest.mark.parametrize(
    ("seeders", "name", "queryset"), LISTS, ids=[name for _s, name, _q in LISTS]
)
def test_a_list_page_runs_as_many_queries_with_20_objects_as_with_3(seeders, name, queryset):
    _seed(*seeders)
    _assert_constant(reverse(name), queryset())


# --- details: (seeders, url name, kwargs from the first public object, maximum) ---------------


def _detail_kwargs(name):
    from csofunding.models import Association, Award, Call
    from integrity.models import Initiative
    from opendata.models import Dataset
    from petitions.models import Petition
    from transparency.models import InformationRequest

    if name == "csofunding:award":
        return {"reference": Award.objects.published().order_by("pk").first().reference}
    if name == "csofunding:call":
        return {"reference": Call.objects.order_by("pk").first().reference}
    if name == "csofunding:association":
        return {"slug": Association.objects.order_by("pk").first().slug}
    if name == "integrity:initiative":
        return {"pk": Initiative.objects.public().order_by("pk").first().pk}
    if name == "opendata:dataset":
        return {"slug": Dataset.objects.published().order_by("pk").first().slug}
    if name == "transparency:request_detail":
        return {"reference": InformationRequest.objects.public().order_by("pk").first().reference}
    if name == "petitions:detail":
        return {"reference": Petition.objects.public().order_by("pk").first().reference}
    raise AssertionError(name)


# Maxima: the counts measured when the pins were written, with a little room.
DETAILS = [
    (["csofunding"], "csofunding:award", 30),
    (["csofunding"], "csofunding:call", 30),
    (["csofunding"], "csofunding:association", 30),
    (["integrity"], "integrity:initiative", 30),
    (["opendata"], "opendata:dataset", 40),
    (["transparency-ati"], "transparency:request_detail", 40),
    (["petitions"], "petitions:detail", 40),
]


@pytest.mark.parametrize(
    ("seeders", "name", "maximum"), DETAILS, ids=[name for _s, name, _m in DETAILS]
)
def test_a_detail_page_stays_under_its_query_budget(seeders, name, maximum):
    _seed(*seeders)
    url = reverse(name, kwargs=_detail_kwargs(name))
    count = _queries(url)
    assert count <= maximum, f"{url}: {count} queries (budget {maximum})"
