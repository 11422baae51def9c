"""Petitions in the portal's cross-app links: a petition can say which commitment of the
action plan it is about, and the commitment's page lists it once it is public."""

from django.utils.translation import gettext_lazy as _

from ogp_portal.accounts.permissions import is_unscoped
from ogp_portal.core import links

from .models import Petition
from .permissions import can_edit_draft

COMMITMENT = "transparency.commitment"


def register() -> None:
    links.register_linkable(
        links.Linkable(
            label="petitions.petition",
            group=_("Petitions"),
            public=Petition.objects.public,
            title=lambda petition: petition.title,
            status=lambda petition: petition.get_status_display(),
            target=False,
            may_link_from=lambda user, petition: (
                is_unscoped(user) or can_edit_draft(user, petition)
            ),
            order=20,
        )
    )


def set_commitment(petition, commitment, *, actor) -> None:
    links.sync_links(
        petition,
        COMMITMENT,
        [commitment] if commitment else [],
        actor=actor,
        kind=links.Kind.ABOUT,
    )


def commitment_of(petition):
    found = links.linked_objects(petition, COMMITMENT, public_only=False)
    return found[0] if found else None
