"""Complaints in links across apps (ogp_portal.core.links).

A topic that keeps growing can be proposed, by OGP staff, as an idea of the action plan's
open consultation. Transparency registers the "consultation idea" factory in core; this module
calls it and links the topic to the idea, without importing transparency. Only the topic's
aggregate figures go into the idea (its top words, its month, its growth and count), never a
complaint's text.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ogp_portal.accounts.permissions import is_unscoped
from ogp_portal.core import links
from ogp_portal.core.models import Link

from . import analytics
from .models import SnapshotTopic

TOPIC = "complaints.snapshottopic"
IDEA = "transparency.idea"  # declared by transparency
MAX_TERMS = 6


def can_propose_topic(user) -> bool:
    """OGP staff (they run the consultations on the action plan)."""
    return is_unscoped(user)


def proposable_topic(pk):
    """A growing topic of the latest snapshot, or None (older snapshots are history)."""
    snapshot = analytics.latest_snapshot()
    if snapshot is None:
        return None
    return snapshot.topics.filter(pk=pk, growing=True).first()


def ideas_of(topics) -> dict:
    """{topic pk (str): [ideas]} for topics, counting a topic with the same words found on
    an earlier night as the same topic (the snapshot is recomputed every night)."""
    topics = list(topics)
    if not topics:
        return {}
    same = {}
    for earlier in SnapshotTopic.objects.filter(
        script__in={t.script for t in topics}, growing=True
    ).only("pk", "script", "terms"):
        same.setdefault((earlier.script, tuple(earlier.terms)), []).append(earlier)
    related = {t.pk: same.get((t.script, tuple(t.terms)), [t]) for t in topics}
    by_earlier = links.linked_from_many(
        [e for group in related.values() for e in group], IDEA, kind=links.Kind.BECAME
    )
    result = {}
    for topic in topics:
        ideas = []
        for earlier in related[topic.pk]:
            for idea in by_earlier.get(str(earlier.pk), []):
                if idea not in ideas:
                    ideas.append(idea)
        result[str(topic.pk)] = ideas
    return result


def idea_text(topic) -> tuple[str, str]:
    """(title, text) of the idea: the topic's top words and figures only."""
    terms = ", ".join(topic.terms[:MAX_TERMS])
    title = _("Growing complaints about: %(terms)s") % {"terms": ", ".join(topic.terms[:3])}
    script = SnapshotTopic.Script(topic.script).label
    text = _(
        "The complaints received through the portal show a growing theme, described by these "
        "words: %(terms)s. In %(month)s it was found in %(count)d complaints (%(script)s), and "
        "its share of complaints rose by %(growth)s points on the month before. OGP staff "
        "propose that the action plan takes it up: what should the government commit to?"
    ) % {
        "terms": terms,
        "month": topic.month,
        "count": topic.this_month,
        "script": script,
        "growth": topic.growth,
    }
    return title, text


@transaction.atomic
def propose_topic_as_idea(topic, *, actor):
    """Turn a growing topic into an idea of the open consultation and link them.

    Returns (idea, created); ValidationError (with a message for staff) when no consultation
    is open or the action plan is not installed.
    """
    if not can_propose_topic(actor):
        raise PermissionDenied
    topic = SnapshotTopic.objects.select_for_update().get(pk=topic.pk)  # one idea per click race
    if not topic.growing:
        raise ValidationError(_("Only a growing topic can be proposed as an idea."))
    existing = ideas_of([topic]).get(str(topic.pk))
    if existing:
        return existing[0], False
    make = links.factory(links.CONSULTATION_IDEA_FACTORY)
    if make is None:
        raise ValidationError(_("Consultations on the action plan are not available."))
    title, text = idea_text(topic)
    idea = make(actor=actor, title=title, text=text)
    links.create_link(topic, idea, actor=actor, kind=Link.Kind.BECAME)
    return idea, True


def register() -> None:
    links.register_linkable(
        links.Linkable(
            label=TOPIC,
            group=gettext_lazy("Complaint topics"),
            # Topics are staff statistics: never shown as a link on a public page.
            public=SnapshotTopic.objects.none,
            title=lambda topic: ", ".join(topic.terms[:3]),
            url=lambda topic: "",
            target=False,
            may_link_from=lambda user, topic: can_propose_topic(user),
        )
    )
