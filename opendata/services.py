"""Every state change of the open data area: reuses' moderation, dataset requests' answers,
publishers' adoption. Each validates the transition, saves, records a timeline event in
the same transaction and notifies after commit."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ogp_portal.core import timeline
from ogp_portal.core.notifications import notify

from .models import Dataset, DatasetRequest, PublisherProfile, Reuse
from .permissions import can_answer_request, can_moderate_reuses

# Timeline roles are stored as codes (core.timeline.record would freeze a lazy label in the
# language active when the event happened). Each code is its label's msgid, which ROLE_LABELS
# keeps in the catalogue: the page translates the stored value in its reader's language
# (templates/opendata/_request_timeline.html). Older rows hold the English label, the same.
ROLE_CITIZEN = "citizen"
ROLE_MODERATOR = "moderator"
ROLE_PUBLISHER = "publisher"
ROLE_LABELS = {
    ROLE_CITIZEN: gettext_lazy("citizen"),
    ROLE_MODERATOR: gettext_lazy("moderator"),
    ROLE_PUBLISHER: gettext_lazy("publisher"),
}


# --- reuses ------------------------------------------------------------------


@transaction.atomic
def submit_reuse(*, actor, type, title, description, url="", image=None, datasets=()) -> Reuse:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    datasets = list(datasets)
    if not datasets:
        raise ValidationError(_("Choose at least one dataset that this reuse uses."))
    reuse = Reuse.objects.create(
        type=type,
        title=title.strip(),
        description=description.strip(),
        url=url,
        image=image or "",
        submitted_by=actor,
    )
    reuse.datasets.set(datasets)
    timeline.record(
        reuse, "submitted", actor=actor, actor_role=ROLE_CITIZEN, to_status=reuse.status
    )
    return reuse


def _decide_reuse(reuse: Reuse, status: str, *, actor, note: str) -> Reuse:
    if not can_moderate_reuses(actor):
        raise PermissionDenied
    reuse = Reuse.objects.select_for_update().get(pk=reuse.pk)
    if reuse.status == status:
        raise ValidationError(_("This reuse already has that status."))
    previous = reuse.status
    reuse.status = status
    reuse.moderation_note = note
    fields = ["status", "moderation_note", "updated_at"]
    if status == Reuse.Status.PUBLISHED and reuse.published_at is None:
        reuse.published_at = timezone.now()
        fields.append("published_at")
    reuse.save(update_fields=fields)
    timeline.record(
        reuse,
        status,
        actor=actor,
        actor_role=ROLE_MODERATOR,
        from_status=previous,
        to_status=status,
        note=note,
        public=status == Reuse.Status.PUBLISHED,
    )
    if reuse.submitted_by_id:
        notify(
            reuse.submitted_by,
            "opendata/reuse_decided",
            {"title": reuse.title, "status": status, "note": note, "url": reuse.get_absolute_url()},
        )
    return reuse


@transaction.atomic
def publish_reuse(reuse: Reuse, *, actor, note: str = "") -> Reuse:
    return _decide_reuse(reuse, Reuse.Status.PUBLISHED, actor=actor, note=note)


@transaction.atomic
def reject_reuse(reuse: Reuse, *, actor, note: str) -> Reuse:
    if not note.strip():
        raise ValidationError(_("Say why the reuse is rejected."))
    return _decide_reuse(reuse, Reuse.Status.REJECTED, actor=actor, note=note.strip())


# --- dataset requests -------------------------------------------------------------

ALLOWED = {
    DatasetRequest.Status.OPEN: {
        DatasetRequest.Status.PLANNED,
        DatasetRequest.Status.PUBLISHED,
        DatasetRequest.Status.REFUSED,
    },
    DatasetRequest.Status.PLANNED: {DatasetRequest.Status.PUBLISHED, DatasetRequest.Status.REFUSED},
    DatasetRequest.Status.PUBLISHED: set(),
    DatasetRequest.Status.REFUSED: set(),
}


@transaction.atomic
def file_request(*, actor, title, description, publisher) -> DatasetRequest:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    dataset_request = DatasetRequest.objects.create(
        requester=actor, title=title.strip(), description=description.strip(), publisher=publisher
    )
    timeline.record(
        dataset_request, "filed", actor=actor, actor_role=ROLE_CITIZEN, to_status="open"
    )
    return dataset_request


def _answer(dataset_request, status, *, actor, answer, **changes) -> DatasetRequest:
    if not can_answer_request(actor, dataset_request):
        raise PermissionDenied
    dataset_request = DatasetRequest.objects.select_for_update().get(pk=dataset_request.pk)
    previous = dataset_request.status
    if status not in ALLOWED[previous]:
        raise ValidationError(
            _("A request that is %(status)s cannot become %(new)s.")
            % {
                "status": dataset_request.get_status_display(),
                "new": DatasetRequest.Status(status).label,
            }
        )
    dataset_request.status = status
    dataset_request.answer = answer.strip()
    dataset_request.answered_at = timezone.now()
    for name, value in changes.items():
        setattr(dataset_request, name, value)
    dataset_request.save(update_fields=["status", "answer", "answered_at", "updated_at", *changes])
    timeline.record(
        dataset_request,
        status,
        actor=actor,
        actor_role=ROLE_PUBLISHER,
        from_status=previous,
        to_status=status,
        note=dataset_request.answer,
    )
    if dataset_request.requester_id:
        notify(
            dataset_request.requester,
            "opendata/request_answered",
            {
                "title": dataset_request.title,
                "status": status,
                "answer": dataset_request.answer,
                "url": dataset_request.get_absolute_url(),
            },
        )
    return dataset_request


@transaction.atomic
def plan_request(dataset_request, *, actor, answer: str, planned_for=None) -> DatasetRequest:
    return _answer(
        dataset_request,
        DatasetRequest.Status.PLANNED,
        actor=actor,
        answer=answer,
        planned_for=planned_for,
    )


@transaction.atomic
def answer_with_dataset(
    dataset_request, *, actor, dataset: Dataset, answer: str = ""
) -> DatasetRequest:
    if dataset.publisher_id != dataset_request.publisher_id or not dataset.is_published:
        raise ValidationError(_("Link a published dataset of the administration asked."))
    return _answer(
        dataset_request,
        DatasetRequest.Status.PUBLISHED,
        actor=actor,
        answer=answer,
        dataset=dataset,
    )


@transaction.atomic
def refuse_request(dataset_request, *, actor, reason: str) -> DatasetRequest:
    if not reason.strip():
        raise ValidationError(_("Give the reason for the refusal."))
    return _answer(dataset_request, DatasetRequest.Status.REFUSED, actor=actor, answer=reason)


# --- publishers ---------------------------------------------------------------


@transaction.atomic
def set_adoption_status(
    profile: PublisherProfile, *, actor, status: str, data_officer_title: str = ""
) -> PublisherProfile:
    from ogp_portal.accounts.permissions import is_unscoped

    if not is_unscoped(actor):
        raise PermissionDenied
    if status == PublisherProfile.Status.COMMITTED and not (
        data_officer_title or profile.data_officer_title
    ):
        raise ValidationError(_("A committed administration names its data officer (the role)."))
    previous = profile.status
    profile.status = status
    if data_officer_title:
        profile.data_officer_title = data_officer_title
    if status != PublisherProfile.Status.NOT_ENGAGED and profile.joined_on is None:
        profile.joined_on = timezone.localdate()
    profile.save(update_fields=["status", "data_officer_title", "joined_on", "updated_at"])
    timeline.record(profile, "adoption_status", actor=actor, from_status=previous, to_status=status)
    return profile
