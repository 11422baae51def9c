"""Timeline events: services call record() in the same transaction as the change."""

from django.contrib.contenttypes.models import ContentType

from .models import TimelineEvent


def record(
    obj,
    kind: str,
    *,
    actor=None,
    actor_role: str = "",
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    public: bool = True,
) -> TimelineEvent:
    return TimelineEvent.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        kind=kind,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_role=str(actor_role),
        from_status=from_status or "",
        to_status=to_status or "",
        note=note,
        is_public=public,
    )


def events_for(obj, *, public_only: bool = True):
    qs = TimelineEvent.objects.for_object(obj)
    return qs.public() if public_only else qs
