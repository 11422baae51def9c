"""Information requests in links across apps (ogp_portal.core.links).

A refused request (or one whose information is not held) can become a request for an open
dataset: opendata registers a "dataset request" factory in core, this module calls it and
links the two. Transparency never imports opendata; without it the button is not shown.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ogp_portal.core import links, timeline
from transparency import actors
from transparency.models import InformationRequest

INFORMATION_REQUEST = "transparency.informationrequest"
DATASET_REQUEST = "opendata.datasetrequest"
EVENT_ASKED_AS_DATASET = "asked_as_dataset"
EVENT_LABELS = {
    EVENT_ASKED_AS_DATASET: gettext_lazy("Asked for as an open dataset"),
    **links.EVENT_LABELS,
}

S = InformationRequest.Status
# A refusal, explicit or by silence, or information the body says it does not hold.
CONVERTIBLE = (S.REFUSED, S.NOT_HELD, S.IMPLICITLY_REFUSED)
MAX_DESCRIPTION = 4000


def public_requests():
    return InformationRequest.objects.public()


def request_title(obj) -> str:
    # The reference and the subject, both on the public register; never the requester.
    return f"{obj.reference} — {obj.subject}"


def is_convertible(obj) -> bool:
    """Refused or not held (the body's answer, kept through later complaints), and public."""
    return not obj.is_private and (obj.status in CONVERTIBLE or obj.outcome in CONVERTIBLE)


def can_ask_as_dataset(user, obj) -> bool:
    """Any signed-in person (the requester or anyone else) on a public, refused request."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and is_convertible(obj)
        and links.factory(links.DATASET_REQUEST_FACTORY) is not None
    )


def dataset_requests_of(obj):
    """The dataset requests this request became, as the public may see them."""
    return links.linked_objects(obj, DATASET_REQUEST, kind=links.Kind.BECAME)


def _description(obj) -> str:
    intro = _(
        "Asked first as the access-to-information request %(reference)s, answered: %(outcome)s. "
        "Publishing these data as an open dataset would answer everyone who needs them."
    ) % {
        "reference": obj.reference,
        "outcome": InformationRequest.Status(obj.outcome or obj.status).label,
    }
    text = f"{obj.description.strip()}\n\n{intro}"
    return text[:MAX_DESCRIPTION]


@transaction.atomic
def ask_as_dataset(obj, *, actor):
    """Make a dataset request from a refused request (through opendata's factory) and link them.

    Returns (dataset_request, created). A request already followed up as a public dataset
    request is not asked twice: the existing one is returned.
    """
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    make = links.factory(links.DATASET_REQUEST_FACTORY)
    if make is None:
        raise ValidationError(_("Dataset requests are not available on this portal."))
    obj = InformationRequest.objects.select_for_update().get(pk=obj.pk)
    if not is_convertible(obj):
        raise ValidationError(
            _(
                "Only a public request that was refused, or whose information is not held, can "
                "become a dataset request."
            )
        )
    existing = dataset_requests_of(obj)
    if existing:
        return existing[0], False
    dataset_request = make(
        actor=actor,
        title=obj.subject,
        description=_description(obj),
        administration=obj.administration,
    )
    # The factory checked its own rules for this actor; the link is this service's transition.
    links.create_link(obj, dataset_request, actor=actor, kind=links.Kind.BECAME, check=False)
    timeline.record(obj, EVENT_ASKED_AS_DATASET, actor=actor, actor_role=actors.CITIZEN)
    return dataset_request, True


def register() -> None:
    links.register_linkable(
        links.Linkable(
            label=INFORMATION_REQUEST,
            group=gettext_lazy("Information requests"),
            public=public_requests,
            title=request_title,
            status=lambda obj: obj.get_status_display(),
            target=False,
            may_link_from=can_ask_as_dataset,
            order=40,
        )
    )
