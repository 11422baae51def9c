"""The co-evaluation's events in a commitment's history, written in the reader's language.

The "contested" event keeps a note in the language of whoever triggered it; pages write it
again from its ContestedFlag (window, official progress and step, public median, count) in the
language of the page. Events without a flag (older ones) keep their stored note.
"""

from django.utils.translation import gettext as _

from transparency.models import ContestedFlag, IrmRating

from .aggregates import percent_number, scale_levels, step_label

CONTESTED = "assessment_contested"


def contested_note(flag: ContestedFlag, levels: list[IrmRating]) -> str:
    """levels: the completion scale in order (aggregates.scale_levels)."""
    step = flag.official_step
    official = levels[step].label if 0 <= step < len(levels) else ""
    return _(
        "Contested in “%(window)s”: official progress %(progress)s %% (%(official)s), "
        "public median %(median)s (%(count)d assessments)."
    ) % {
        "window": flag.window.label,
        "progress": percent_number(flag.official_progress),
        "official": official,
        "median": step_label(levels, flag.public_median),
        "count": flag.count,
    }


def describe_events(events):
    """Rewrite the notes of contested events in the active language (two queries when the
    history has any, none otherwise). Returns the events (a list)."""
    events = list(events)
    wanted = {event.pk: event for event in events if event.kind == CONTESTED}
    if not wanted:
        return events
    flags = ContestedFlag.objects.filter(event_id__in=list(wanted)).select_related("window")
    levels = None
    for flag in flags:
        if levels is None:
            levels = scale_levels(IrmRating.Scale.COMPLETION)
        wanted[flag.event_id].note = contested_note(flag, levels)
    return events
