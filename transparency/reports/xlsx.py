"""The progress report as spreadsheets: CSV (one row per commitment) and XLSX (three sheets,
and a fourth with what citizens say when the plan has a co-evaluation window). With a window,
the CSV adds the public view: count, median, contested and the distribution (one column per
IRM level, completion then "did it open government?"), as the PDF shows.

Cells go through ``ogp_portal.core.exports.escape_cell`` (formula injection), like every
other export of the portal; the CSV is ``core.exports.csv_bytes`` itself.
"""

import io
from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext as _

from ogp_portal.core.exports import csv_bytes, escape_cell

from .builder import ReportData

Table = tuple[str, list, Iterable[Iterable]]  # (sheet title, headers, rows)


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _percent(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def commitment_table(data: ReportData) -> Table:
    headers = [
        _("Number"),
        _("OGP id"),
        _("Theme"),
        _("Title"),
        _("Lead administration"),
        _("Partners"),
        _("Start"),
        _("End"),
        _("Progress (%)"),
        _("Milestones"),
        _("Completed milestones"),
        _("Off track"),
        _("IRM potential for results"),
        _("IRM completion"),
        _("IRM early results"),
        _("Last published update"),
    ]
    rows = [
        [
            c.number,
            c.ogp_id,
            c.theme_name,
            c.title,
            c.lead,
            "; ".join(c.partners),
            c.start_date,
            c.end_date,
            _percent(c.progress),
            c.counted_milestones,
            c.completed_milestones,
            _yes_no(c.off_track),
            *(irm.rating_label for irm in c.irm),
            c.updates[0].published_at.date() if c.updates and c.updates[0].published_at else None,
        ]
        for c in data.commitments
    ]
    return _("Commitments"), headers, rows


def milestone_table(data: ReportData) -> Table:
    headers = [
        _("Commitment"),
        _("Commitment title"),
        _("Milestone"),
        _("Title"),
        _("Start"),
        _("Due"),
        _("Weight"),
        _("Status"),
        _("Progress (%)"),
        _("Late"),
        _("Evidence"),
    ]
    rows = [
        [
            c.number,
            c.title,
            m.position,
            m.title,
            m.start_date,
            m.due_date,
            m.weight,
            m.status_label,
            m.progress,
            _yes_no(m.late),
            m.evidence_count,
        ]
        for c, m in data.milestone_rows()
    ]
    return _("Milestones"), headers, rows


def update_table(data: ReportData) -> Table:
    headers = [
        _("Commitment"),
        _("Commitment title"),
        _("Published"),
        _("Progress claimed (%)"),
        _("Text"),
    ]
    rows = [
        [
            c.number,
            c.title,
            u.published_at.date() if u.published_at else None,
            u.progress_claimed,
            u.text,
        ]
        for c, u in data.update_rows()
    ]
    return _("Updates"), headers, rows


def _sheet_title(title: str, used: set) -> str:
    # Excel: at most 31 characters, none of []:*?/\ ; unique in the workbook.
    cleaned = "".join(ch for ch in title if ch not in "[]:*?/\\").strip()[:31] or "sheet"
    candidate, n = cleaned, 2
    while candidate.lower() in used:
        candidate = f"{cleaned[:28]} {n}"
        n += 1
    used.add(candidate.lower())
    return candidate


def sheets_xlsx_bytes(tables: list[Table], *, rtl: bool = False) -> bytes:
    """A workbook with one sheet per (title, headers, rows), like core.exports.xlsx_bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set = set()
    for title, headers, rows in tables:
        sheet = workbook.create_sheet(_sheet_title(title, used))
        sheet.sheet_view.rightToLeft = rtl
        sheet.append([escape_cell(h) for h in headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            sheet.append([escape_cell(v) for v in row])
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _voices_by_number(data: ReportData) -> dict:
    """Commitment number -> the public assessment item (co-evaluation), when there is one."""
    return {
        item["number"]: item
        for section in data.voices
        for item in section.items
        if "number" in item
    }


def render_csv(data: ReportData) -> bytes:
    with translation.override(data.language):
        _title, headers, rows = commitment_table(data)
        voices = _voices_by_number(data)
        if voices:
            from transparency.coeval.report import distribution_columns, distribution_values

            # One row per commitment: the public view in more columns, the distribution last
            # (one column per IRM level, completion then "did it open government?").
            columns = distribution_columns()
            headers = [
                *headers,
                _("Public assessments"),
                _("Public completion (median)"),
                _("Contested"),
                *(header for header, _key, _code in columns),
            ]
            rows = [
                [
                    *row,
                    voices.get(row[0], {}).get("count", 0),
                    voices.get(row[0], {}).get("median") or "",
                    _yes_no(voices.get(row[0], {}).get("contested", False)),
                    *distribution_values(voices.get(row[0], {}), columns),
                ]
                for row in rows
            ]
        return csv_bytes(headers, rows)


def render_xlsx(data: ReportData) -> bytes:
    with translation.override(data.language):
        tables = [commitment_table(data), milestone_table(data), update_table(data)]
        if _voices_by_number(data):
            from transparency.coeval.report import voices_table

            tables.append(voices_table(data))
        return sheets_xlsx_bytes(tables, rtl=data.rtl)
