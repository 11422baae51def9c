"""Milestone progress as CSV: one format for export (admin, public plan page) and import (admin).

Columns (COLUMNS): plan, commitment_number, ogp_id, milestone_id, milestone_title, due_date,
status, progress, evidence_url.

On import, rows are matched on milestone_id. `status`, `progress` and `evidence_url` are
updated (a new link is added as evidence; several links are separated by spaces); plan,
commitment_number and due_date must match the milestone (they guard against pasting a row
into the wrong plan); ogp_id and milestone_title are for the reader and ignored. Every row is
checked first; one bad row and nothing is saved, each error naming its line. A civil servant
can only update their administration's milestones: others are "unknown" (their existence is
not revealed). Changes go through services.record_milestone_progress (timeline events).
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from ogp_portal.core.exports import csv_bytes
from ogp_portal.directory.imports import CsvFileError, RowError, decode_csv_bytes
from transparency.models import Milestone, MilestoneEvidence

from . import permissions, services

COLUMNS = [
    "plan",
    "commitment_number",
    "ogp_id",
    "milestone_id",
    "milestone_title",
    "due_date",
    "status",
    "progress",
    "evidence_url",
]
REQUIRED_COLUMNS = ["plan", "commitment_number", "milestone_id", "status", "progress"]

__all__ = ["COLUMNS", "CsvFileError", "ImportResult", "export_rows", "export_csv", "import_csv"]


def _evidence_urls(milestone) -> list[str]:
    return [e.url for e in milestone.evidence.all() if e.url]


def export_rows(milestones) -> list[list]:
    milestones = milestones.select_related("commitment__plan").prefetch_related("evidence")
    return [
        [
            m.commitment.plan.slug,
            m.commitment.number,
            m.commitment.ogp_id,
            m.pk,
            m.title,
            m.due_date.isoformat() if m.due_date else "",
            m.status,
            m.progress,
            " ".join(_evidence_urls(m)),
        ]
        for m in milestones.order_by(
            "commitment__plan__start_year", "commitment__number", "order", "pk"
        )
    ]


def export_csv(milestones) -> bytes:
    return csv_bytes(COLUMNS, export_rows(milestones))


@dataclass
class ImportResult:
    updated: int = 0
    unchanged: int = 0
    links_added: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _read(text: str):
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [(h or "").strip() for h in (reader.fieldnames or [])]
    if not header:
        return [], [RowError(0, _("The file is empty."))]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        return [], [
            RowError(0, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        ]
    reader.fieldnames = header
    rows = []
    try:
        for row in reader:
            if None in row:
                rows.append((reader.line_num, None))
                continue
            cleaned = {c: (row.get(c) or "").strip() for c in COLUMNS}
            if any(cleaned.values()):
                rows.append((reader.line_num, cleaned))
    except csv.Error as exc:
        return [], [RowError(reader.line_num, _("Unreadable CSV: %(error)s") % {"error": exc})]
    return rows, []


def _validate(rows, actor):
    """(errors, plans) where plans is a list of (line, milestone, status, progress, new_urls)."""
    errors, plans, seen = [], [], {}
    ids = [r["milestone_id"] for _l, r in rows if r and r["milestone_id"].isdigit()]
    allowed = {
        m.pk: m
        for m in permissions.milestones_editable_by(actor)
        .filter(pk__in=ids)
        .select_related("commitment__plan", "commitment__lead_administration")
        .prefetch_related("evidence")
    }
    url_validator = URLValidator(schemes=["http", "https"])
    for line, row in rows:
        if row is None:
            errors.append(RowError(line, _("This row has more cells than the header has columns.")))
            continue
        before = len(errors)

        def err(message, line=line):
            errors.append(RowError(line, message))

        for column in REQUIRED_COLUMNS:
            if not row[column]:
                err(_("“%(column)s” is required.") % {"column": column})
        if len(errors) > before:
            continue
        raw_id = row["milestone_id"]
        milestone = allowed.get(int(raw_id)) if raw_id.isdigit() else None
        if milestone is None:
            err(_("Unknown milestone %(id)s (or not one you may update).") % {"id": raw_id})
            continue
        if milestone.pk in seen:
            err(
                _("Milestone %(id)s is already on line %(line)d.")
                % {"id": raw_id, "line": seen[milestone.pk]}
            )
            continue
        seen[milestone.pk] = line
        if row["plan"] != milestone.commitment.plan.slug:
            err(
                _("Milestone %(id)s belongs to plan %(plan)s.")
                % {"id": raw_id, "plan": milestone.commitment.plan.slug}
            )
        if row["commitment_number"] != str(milestone.commitment.number):
            err(
                _("Milestone %(id)s belongs to commitment %(number)d.")
                % {"id": raw_id, "number": milestone.commitment.number}
            )
        if "due_date" in row and row["due_date"]:
            try:
                due = date.fromisoformat(row["due_date"])
            except ValueError:
                err(_("“due_date” must be a date such as 2026-06-30."))
            else:
                if due != milestone.due_date:
                    err(_("The due date cannot be changed by import; ask OGP staff."))
        status = row["status"]
        if status not in Milestone.Status.values:
            err(
                _("Unknown status “%(status)s”; use one of: %(choices)s.")
                % {"status": status, "choices": ", ".join(Milestone.Status.values)}
            )
        try:
            progress = int(row["progress"])
        except ValueError:
            progress = None
        if progress is None or not 0 <= progress <= 100:
            err(_("“progress” must be a whole number from 0 to 100."))
        elif status == Milestone.Status.COMPLETED and progress != 100:
            err(_("A completed milestone is at 100 percent."))
        urls = row["evidence_url"].split()
        for url in urls:
            try:
                url_validator(url)
            except ValidationError:
                err(_("“%(url)s” is not a web address (http or https).") % {"url": url[:100]})
        if len(errors) > before:
            continue
        known = set(_evidence_urls(milestone))
        new_urls = [u for u in dict.fromkeys(urls) if u not in known]
        plans.append((line, milestone, status, progress, new_urls))
    return errors, plans


def import_csv(data: bytes | str, *, actor) -> ImportResult:
    result = ImportResult()
    if not permissions.is_unscoped(actor) and not getattr(actor, "administration_id", None):
        raise PermissionDenied
    try:
        text = data if isinstance(data, str) else decode_csv_bytes(data)
    except CsvFileError as exc:
        result.errors.append(RowError(0, str(exc)))
        return result
    rows, errors = _read(text)
    if errors:
        result.errors = errors
        return result
    errors, plans = _validate(rows, actor)
    if errors:
        result.errors = errors
        return result
    try:
        with transaction.atomic():
            for line, milestone, status, progress, new_urls in plans:
                changed = (milestone.status, milestone.progress) != (status, progress)
                if changed:
                    try:
                        services.record_milestone_progress(
                            milestone, actor=actor, progress=progress, status=status
                        )
                    except ValidationError as exc:
                        result.errors.append(RowError(line, " ".join(exc.messages)))
                        continue
                for url in new_urls:
                    MilestoneEvidence.objects.create(milestone=milestone, title=url[:255], url=url)
                    result.links_added += 1
                if changed or new_urls:
                    result.updated += 1
                else:
                    result.unchanged += 1
            if result.errors:
                raise _Rollback
    except _Rollback:
        result.updated = result.unchanged = result.links_added = 0
    return result


class _Rollback(Exception):
    pass
