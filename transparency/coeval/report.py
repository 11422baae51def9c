"""The progress report's "what citizens and civil society say" section (issue 9).

``voices(plan, commitments, language)`` is registered with
transparency.reports.builder.register_voices_provider: one item per commitment with the
distribution of the public's completion and "did it open government?" ratings, the median,
organisations apart, the contested flag and the lead administration's reply. Aggregates and
the administration's reply only: no name of any person.

Each item also carries the figures as plain values (``number``, ``count``, ``organisations``,
``completion``, ``median``, ``official_progress``, ``official``, ``contested``) and
``voices_table(data)`` turns them into a (title, headers, rows) table in the shape of
transparency/reports/xlsx.py's tables, for the CSV and XLSX renderers.
"""

from django.utils import translation
from django.utils.translation import gettext as _

from transparency.reports.builder import VoicesSection

from .aggregates import current_window, percent_number, scale_levels, views_for_progress


def plain_percent(value) -> int | float:
    """60.0 -> 60 in the spreadsheets; 62.5 stays."""
    value = round(float(value or 0), 1)
    return int(value) if value.is_integer() else value


def _distribution_text(distribution) -> str:
    return " · ".join(f"{row.level.label}: {row.count}" for row in distribution.rows)


def _item(section, views) -> dict:
    lines = [
        _("Completion: %(distribution)s. Median: %(median)s.")
        % {
            "distribution": _distribution_text(views.completion),
            "median": views.completion.median_label or _("no assessment"),
        },
        _("Did it open government? %(distribution)s. Median: %(median)s.")
        % {
            "distribution": _distribution_text(views.early_results),
            "median": views.early_results.median_label or _("no assessment"),
        },
    ]
    if views.organisations_count:
        lines.append(
            _("Organisations (%(count)d): completion median %(median)s.")
            % {
                "count": views.organisations_count,
                "median": views.completion_organisations.median_label,
            }
        )
    lines.append(
        _("Official progress: %(progress)s %% (%(level)s on the IRM completion scale).")
        % {
            "progress": percent_number(views.official_progress),
            "level": views.official_level.label if views.official_level else "",
        }
    )
    if views.contested:
        lines.append(
            _(
                "Contested: the public median differs from the official account by two steps or more."
            )
        )
    if views.reply:
        lines.append(
            _("Reply of %(administration)s: %(text)s")
            % {"administration": views.reply.administration, "text": views.reply.text}
        )
    meta = _("%(count)d assessments") % {"count": views.count}
    if views.contested:
        contested = _("Contested")
        meta = f"{meta} · {contested}"
    return {
        "label": f"{section.number}. {section.title}",
        "text": "\n".join(lines),
        "meta": meta,
        "number": section.number,
        "count": views.count,
        "organisations": views.organisations_count,
        "completion": {row.level.code: row.count for row in views.completion.rows},
        "early_results": {row.level.code: row.count for row in views.early_results.rows},
        "median": views.completion.median_label,
        "official_progress": plain_percent(views.official_progress),
        "official": views.official_level.label if views.official_level else "",
        "contested": views.contested,
        "reply": views.reply.text if views.reply else "",
    }


def voices(plan, commitments, language) -> VoicesSection | None:
    """The section for the plan's current window (open, else latest); None without a window."""
    window = current_window(plan)
    if window is None:
        return None
    with translation.override(language):
        views = views_for_progress(plan, window, [(c, c.progress) for c in commitments])
        items = [_item(c, views[c.pk]) for c in commitments]
        contested = sum(1 for item in items if item["contested"])
        return VoicesSection(
            title=_("Public assessment: %(window)s") % {"window": window.label},
            intro=_(
                "Signed-in citizens and verified organisations assessed each commitment on the "
                "IRM scales, from %(opens)s to %(closes)s: %(count)d assessments, "
                "%(contested)d contested commitments. A commitment is contested when the median "
                "of at least %(minimum)d assessments differs by two steps or more from its "
                "official progress placed on the completion scale (0 %% not started, 1-49 %% "
                "limited, 50-99 %% substantial, 100 %% complete)."
            )
            % {
                "opens": window.opens_at.date().isoformat(),
                "closes": window.closes_at.date().isoformat(),
                "count": sum(item["count"] for item in items),
                "contested": contested,
                "minimum": next(iter(views.values())).min_assessments if views else 0,
            },
            items=items,
        )


def distribution_columns() -> list[tuple[str, str, str]]:
    """One column per IRM level, completion then "did it open government?", as the PDF's
    distribution: [(header, item key, level code)] in the active language."""
    from transparency.models import IrmRating

    columns = []
    for level in scale_levels(IrmRating.Scale.COMPLETION):
        header = _("Completion: %(level)s") % {"level": level.label}
        columns.append((header, "completion", level.code))
    for level in scale_levels(IrmRating.Scale.EARLY_RESULTS):
        header = _("Did it open government? %(level)s") % {"level": level.label}
        columns.append((header, "early_results", level.code))
    return columns


def distribution_values(item: dict, columns) -> list[int]:
    """The number of assessments per level of one voices item, in distribution_columns order."""
    return [item.get(key, {}).get(code, 0) for _header, key, code in columns]


def voices_table(data):
    """(title, headers, rows) of every voices item, for the report's CSV and XLSX."""
    with translation.override(data.language):
        columns = distribution_columns()
        headers = [
            _("Number"),
            _("Commitment"),
            _("Assessments"),
            _("Organisations"),
            _("Public completion (median)"),
            _("Official progress (%)"),
            _("Official completion"),
            _("Contested"),
            *(header for header, _key, _code in columns),
            _("Reply of the lead administration"),
        ]
        rows = []
        for section in data.voices:
            for item in section.items:
                if "number" not in item:
                    continue
                rows.append(
                    [
                        item["number"],
                        item["label"],
                        item["count"],
                        item["organisations"],
                        item["median"],
                        item["official_progress"],
                        item["official"],
                        _("yes") if item["contested"] else _("no"),
                        *distribution_values(item, columns),
                        item["reply"],
                    ]
                )
        return _("What citizens say"), headers, rows
