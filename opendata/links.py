"""Open data in links across apps (ogp_portal.core.links).

Datasets are link sources: staff choose, in the dataset admin, the commitments of the action
plan a dataset serves. Dataset requests are link targets: another app (transparency, for a
refused information request) makes one through the "dataset request" factory registered here
and links it, without importing opendata.
"""

from django.utils.translation import gettext_lazy as _

from ogp_portal.accounts.permissions import is_unscoped
from ogp_portal.core import links

from . import services
from .models import Dataset, DatasetRequest
from .permissions import can_edit_dataset

DATASET = "opendata.dataset"
DATASET_REQUEST = "opendata.datasetrequest"
COMMITMENT = "transparency.commitment"  # declared by transparency; absent if not installed


def public_datasets():
    return Dataset.objects.published()


def public_dataset_requests():
    return DatasetRequest.objects.public()


def may_link_to_dataset_request(user, dataset_request) -> bool:
    """Its requester (who just filed it) or OGP staff."""
    return is_unscoped(user) or bool(
        getattr(user, "is_authenticated", False) and dataset_request.requester_id == user.pk
    )


def make_dataset_request(*, actor, title: str, description: str, administration) -> DatasetRequest:
    """The dataset-request factory: a request filed by actor to the administration."""
    return services.file_request(
        actor=actor, title=title[:200], description=description, publisher=administration
    )


def commitment_choices():
    """The public commitments staff may link a dataset to (None without transparency)."""
    return links.public_queryset(COMMITMENT)


def linked_commitments(dataset):
    return links.linked_objects(dataset, COMMITMENT, kind=links.Kind.SUPPORTS, public_only=False)


def set_commitments(dataset, commitments, *, actor):
    return links.sync_links(dataset, COMMITMENT, commitments, actor=actor, kind=links.Kind.SUPPORTS)


def register() -> None:
    links.register_linkable(
        links.Linkable(
            label=DATASET,
            group=_("Datasets"),
            public=public_datasets,
            title=lambda dataset: dataset.title,
            may_link_from=can_edit_dataset,
            target=False,
            order=50,
        )
    )
    links.register_linkable(
        links.Linkable(
            label=DATASET_REQUEST,
            group=_("Dataset requests"),
            public=public_dataset_requests,
            title=lambda dataset_request: dataset_request.title,
            status=lambda dataset_request: dataset_request.get_status_display(),
            source=False,
            may_link_to=may_link_to_dataset_request,
            order=60,
        )
    )
    links.register_factory(links.DATASET_REQUEST_FACTORY, make_dataset_request)
