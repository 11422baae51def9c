"""Links across apps: a typed link between any two objects, without the apps importing each other.

Domain apps declare, from their AppConfig.ready(), which of their models may be a link's source
or target and how to label them (`register_linkable`), and the objects they can make for another
app (`register_factory`: opendata makes dataset requests, transparency makes consultation ideas).
Then:

- `create_link(source, target, actor=..., kind=...)` checks the registry and the actor's right,
  saves the link and records a timeline event on the source, in one transaction;
- `sync_links(source, "app.model", targets, ...)` makes a source's links to one model exactly
  the given targets (the dataset admin's commitments);
- `public_links(obj)` lists what an object is linked to, both ways, keeping only what the public
  may see (each model's `public()` queryset decides); `{% linked_items obj %}` renders it,
  grouped by app, and `as_dict()` is safe for the JSON API.

Labels come from the registered `title`, `url` and `status` functions: titles of public things
(a commitment, a dataset, an idea's title), never a person's name, email or phone.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import timeline
from .models import Link

# Factories one app offers to another (keys are the contract; the callables live in the app).
DATASET_REQUEST_FACTORY = "dataset_request"
CONSULTATION_IDEA_FACTORY = "consultation_idea"

EVENT_LINKED = "linked"
EVENT_UNLINKED = "unlinked"
EVENT_LABELS = {
    EVENT_LINKED: gettext_lazy("Linked to another page of the portal"),
    EVENT_UNLINKED: gettext_lazy("Link removed"),
}

Kind = Link.Kind


def _is_unscoped(user) -> bool:
    from ogp_portal.accounts.permissions import is_unscoped

    return is_unscoped(user)


@dataclass(frozen=True)
class Linkable:
    """How one model takes part in links.

    public():            the queryset of what the public may see (select_related as needed);
                         a link whose other end is not in it is not shown publicly.
    title(obj), url(obj), status(obj): the label; never personal data.
    may_link_from(user, obj): may this person link *from* obj (default: OGP staff);
    may_link_to(user, obj):   may this person link *to* obj (default: it is public, or OGP staff).
    """

    label: str  # "app_label.model_name"
    group: Any  # lazy plural, e.g. "Datasets"
    public: Callable[[], Any]
    title: Callable[[Any], str] = str
    url: Callable[[Any], str] = field(default=lambda obj: obj.get_absolute_url())
    status: Callable[[Any], str] = field(default=lambda obj: "")
    source: bool = True
    target: bool = True
    order: int = 100
    may_link_from: Callable[[Any, Any], bool] | None = None
    may_link_to: Callable[[Any, Any], bool] | None = None

    @property
    def app_label(self) -> str:
        return self.label.split(".", 1)[0]

    @property
    def model(self):
        from django.apps import apps

        return apps.get_model(self.label)

    def is_public(self, obj) -> bool:
        return self.public().filter(pk=obj.pk).exists()

    def allows_from(self, user, obj) -> bool:
        if self.may_link_from is not None:
            return bool(self.may_link_from(user, obj))
        return _is_unscoped(user)

    def allows_to(self, user, obj) -> bool:
        if self.may_link_to is not None:
            return bool(self.may_link_to(user, obj))
        return _is_unscoped(user) or self.is_public(obj)


@dataclass(frozen=True)
class LinkedItem:
    """One linked object as the public sees it."""

    app: str
    model: str
    group: Any
    title: str
    url: str
    status: str
    kind: str
    kind_label: Any
    direction: str  # "to" (obj links to it) or "from" (it links to obj)
    order: int = 100

    def as_dict(self) -> dict:
        return {
            "app": self.app,
            "type": self.model,
            "title": self.title,
            "url": self.url,
            "status": str(self.status),
            "kind": self.kind,
            "direction": self.direction,
        }


_linkables: dict[str, Linkable] = {}
_factories: dict[str, Callable] = {}


def _key(model_or_obj) -> str:
    return model_or_obj._meta.label_lower


def register_linkable(linkable: Linkable) -> None:
    _linkables[linkable.label.lower()] = linkable


def linkable_for(model_or_obj) -> Linkable | None:
    return _linkables.get(_key(model_or_obj))


def linkable(label: str) -> Linkable | None:
    return _linkables.get(label.lower())


def public_queryset(label: str):
    """The public objects of a registered model ("transparency.commitment"), for choice fields.

    An app can offer a choice of another app's objects without importing it; an unregistered
    label gives None (the other app is not installed).
    """
    entry = linkable(label)
    return entry.public() if entry else None


def register_factory(key: str, factory: Callable) -> None:
    _factories[key] = factory


def factory(key: str) -> Callable | None:
    """The callable another app registered under key, or None when that app is absent."""
    return _factories.get(key)


def _content_type(obj) -> ContentType:
    return ContentType.objects.get_for_model(obj, for_concrete_model=False)


def _describe(entry: Linkable, obj) -> str:
    return f"{entry.group}: {entry.title(obj)}"


# --- services -----------------------------------------------------------------------


@transaction.atomic
def create_link(source, target, *, actor, kind: str = Kind.RELATED, check: bool = True) -> Link:
    """Link source to target. ValidationError for an unregistered pair, a bad kind or a
    duplicate; PermissionDenied when the actor may not link from the source or to the target.

    check=False is for a service that has already checked its own transition (it made the
    target itself for this actor); the registry is always checked.
    """
    source_entry, target_entry = linkable_for(source), linkable_for(target)
    if source_entry is None or not source_entry.source:
        raise ValidationError(_("This kind of page cannot be linked from."))
    if target_entry is None or not target_entry.target:
        raise ValidationError(_("This kind of page cannot be linked to."))
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Unknown kind of link.")})
    if source.pk is None or target.pk is None:
        raise ValidationError(_("Save both pages before linking them."))
    if _key(source) == _key(target) and str(source.pk) == str(target.pk):
        raise ValidationError(_("A page cannot be linked to itself."))
    if check and not (
        source_entry.allows_from(actor, source) and target_entry.allows_to(actor, target)
    ):
        raise PermissionDenied
    try:
        with transaction.atomic():
            link = Link.objects.create(
                from_content_type=_content_type(source),
                from_object_id=str(source.pk),
                to_content_type=_content_type(target),
                to_object_id=str(target.pk),
                kind=kind,
                created_by=actor if getattr(actor, "pk", None) else None,
            )
    except IntegrityError:
        raise ValidationError(_("These pages are already linked.")) from None
    timeline.record(
        source,
        EVENT_LINKED,
        actor=actor,
        note=_describe(target_entry, target),
        public=False,
    )
    return link


@transaction.atomic
def remove_link(link: Link, *, actor) -> None:
    """Remove a link: OGP staff, or whoever may link from its source."""
    source = link.source
    entry = linkable_for(source) if source is not None else None
    if not (_is_unscoped(actor) or (entry and entry.allows_from(actor, source))):
        raise PermissionDenied
    target = link.target
    target_entry = linkable_for(target) if target is not None else None
    link.delete()
    if source is not None:
        timeline.record(
            source,
            EVENT_UNLINKED,
            actor=actor,
            note=_describe(target_entry, target) if target_entry else "",
            public=False,
        )


@transaction.atomic
def sync_links(source, label: str, targets: Iterable, *, actor, kind: str) -> tuple[int, int]:
    """Make source's links of this kind to model `label` exactly `targets`: (added, removed)."""
    entry = linkable(label)
    if entry is None:
        raise ValidationError(_("This kind of page cannot be linked to."))
    source_entry = linkable_for(source)
    if source_entry is None or not source_entry.allows_from(actor, source):
        raise PermissionDenied
    content_type = ContentType.objects.get_for_model(entry.model, for_concrete_model=False)
    current = {
        link.to_object_id: link
        for link in Link.objects.from_object(source).filter(to_content_type=content_type, kind=kind)
    }
    wanted = {str(t.pk): t for t in targets}
    added = removed = 0
    for pk, target in wanted.items():
        if pk not in current:
            create_link(source, target, actor=actor, kind=kind)
            added += 1
    for pk, link in current.items():
        if pk not in wanted:
            remove_link(link, actor=actor)
            removed += 1
    return added, removed


# --- reading --------------------------------------------------------------------------


def linked_objects(obj, label: str, *, kind: str | None = None, public_only: bool = True):
    """The objects of model `label` that obj links to (a list, in link order)."""
    entry = linkable(label)
    if entry is None:
        return []
    content_type = ContentType.objects.get_for_model(entry.model, for_concrete_model=False)
    links = Link.objects.from_object(obj).filter(to_content_type=content_type)
    if kind:
        links = links.filter(kind=kind)
    ids = list(links.values_list("to_object_id", flat=True))
    queryset = entry.public() if public_only else entry.model._default_manager.all()
    found = {str(o.pk): o for o in queryset.filter(pk__in=ids)}
    return [found[i] for i in ids if i in found]


def linking_objects(obj, label: str, *, kind: str | None = None, public_only: bool = True):
    """The objects of model `label` that link to obj."""
    entry = linkable(label)
    if entry is None:
        return []
    content_type = ContentType.objects.get_for_model(entry.model, for_concrete_model=False)
    links = Link.objects.to_object(obj).filter(from_content_type=content_type)
    if kind:
        links = links.filter(kind=kind)
    ids = list(links.values_list("from_object_id", flat=True))
    queryset = entry.public() if public_only else entry.model._default_manager.all()
    found = {str(o.pk): o for o in queryset.filter(pk__in=ids)}
    return [found[i] for i in ids if i in found]


def linked_from_many(objs, label: str, *, kind: str | None = None) -> dict:
    """{source pk (str): [public objects of model `label` it links to]} for a page of sources.

    Two queries whatever the number of sources (a list page).
    """
    objs = [o for o in objs if o.pk is not None]
    entry = linkable(label)
    if not objs or entry is None:
        return {}
    content_type = ContentType.objects.get_for_model(entry.model, for_concrete_model=False)
    links = Link.objects.filter(
        from_content_type=_content_type(objs[0]),
        from_object_id__in=[str(o.pk) for o in objs],
        to_content_type=content_type,
    ).order_by("created_at", "pk")
    if kind:
        links = links.filter(kind=kind)
    pairs = list(links.values_list("from_object_id", "to_object_id"))
    found = {str(o.pk): o for o in entry.public().filter(pk__in={t for _s, t in pairs})}
    result: dict[str, list] = defaultdict(list)
    for source_id, target_id in pairs:
        if target_id in found:
            result[source_id].append(found[target_id])
    return dict(result)


def public_links(obj) -> list[LinkedItem]:
    """What obj is linked to, both ways, that the public may see; API-safe.

    The other end of each link is loaded through its model's public() queryset, so hidden,
    private, draft or unpublished things, unregistered models and deleted objects are left out.
    One query for the links, one per model linked.
    """
    if obj is None or obj.pk is None:
        return []
    own_type = _content_type(obj)
    wanted: dict[int, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for link in Link.objects.touching(obj).order_by("created_at", "pk"):
        if link.from_content_type_id == own_type.pk and link.from_object_id == str(obj.pk):
            wanted[link.to_content_type_id][link.to_object_id].append((link.kind, "to"))
        else:
            wanted[link.from_content_type_id][link.from_object_id].append((link.kind, "from"))
    kind_labels = dict(Kind.choices)
    items: list[LinkedItem] = []
    for type_id, by_id in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        entry = linkable_for(model) if model is not None else None
        if entry is None:
            continue
        for other in entry.public().filter(pk__in=list(by_id)):
            for kind, direction in by_id[str(other.pk)]:
                items.append(
                    LinkedItem(
                        app=entry.app_label,
                        model=model._meta.model_name,
                        group=entry.group,
                        title=str(entry.title(other)),
                        url=entry.url(other),
                        status=entry.status(other),
                        kind=kind,
                        kind_label=kind_labels.get(kind, kind),
                        direction=direction,
                        order=entry.order,
                    )
                )
    items.sort(key=lambda i: (i.order, i.app, i.model, i.title))
    return items


def grouped(items: list[LinkedItem]) -> list[tuple[Any, list[LinkedItem]]]:
    """[(group label, items)] in registry order, for the template."""
    groups: dict[tuple, list[LinkedItem]] = {}
    for item in items:
        groups.setdefault((item.order, item.app, item.model, str(item.group)), []).append(item)
    return [(items[0].group, items) for _key, items in sorted(groups.items())]
