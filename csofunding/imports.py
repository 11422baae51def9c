"""Import awards from a CSV or XLSX file in the admin.

Every row is checked before anything is written: one bad row and nothing is saved,
and each error names its line. A civil servant imports only their administration's
awards. Rows are matched on `reference`: an existing reference is refused (awards are
published once; corrections go through the admin form).
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils.translation import gettext as _

from ogp_portal.accounts.permissions import is_unscoped
from ogp_portal.directory.imports import CsvFileError, decode_csv_bytes
from ogp_portal.directory.models import Administration, Region

from .models import Association, Award, Call, Disbursement, Programme, Sector

COLUMNS = [
    "reference",
    "funder_slug",
    "association_registration_number",
    "title",
    "amount_mad",
    "in_kind_mad",
    "award_date",
    "duration_months",
    "sector_code",
    "region_codes",
    "call_reference",
    "programme_code",
    "disbursements",
]
REQUIRED_COLUMNS = [
    "reference",
    "funder_slug",
    "association_registration_number",
    "title",
    "amount_mad",
    "award_date",
    "sector_code",
    "region_codes",
]
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}
        return self.message


@dataclass
class ImportResult:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _money(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _read_rows(text: str):
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
                rows.append((reader.line_num, {"__extra__": True}))
                continue
            cleaned = {c: (row.get(c) or "").strip() for c in COLUMNS}
            if any(cleaned.values()):
                rows.append((reader.line_num, cleaned))
    except csv.Error as exc:
        return [], [RowError(reader.line_num, _("Unreadable CSV: %(error)s") % {"error": exc})]
    if len(rows) > MAX_ROWS:
        return [], [RowError(0, _("At most %(max)d rows per file.") % {"max": MAX_ROWS})]
    return rows, []


def _parse(rows, user):
    """Validated rows as dicts of model values, and the errors."""
    errors: list[RowError] = []
    funders = {a.slug: a for a in Administration.objects.all()}
    allowed = None if is_unscoped(user) else getattr(user, "administration_id", None)
    associations = {a.registration_number: a for a in Association.objects.all()}
    sectors = {s.code: s for s in Sector.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    calls = {c.reference: c for c in Call.objects.select_related("programme")}
    programmes = {p.code: p for p in Programme.objects.all()}
    existing = set(Award.objects.values_list("reference", flat=True))
    seen: dict[str, int] = {}
    parsed = []

    for line, row in rows:
        if row.get("__extra__"):
            errors.append(RowError(line, _("This row has more cells than the header has columns.")))
            continue
        row_errors = []

        def err(message, _errors=row_errors, _line=line):
            _errors.append(RowError(_line, message))

        for column in REQUIRED_COLUMNS:
            if not row[column]:
                err(_("“%(column)s” is required.") % {"column": column})
        ref = row["reference"]
        if ref:
            try:
                validate_slug(ref)
            except ValidationError:
                err(
                    _("“%(ref)s” is not a valid reference (letters, digits, hyphens).")
                    % {"ref": ref}
                )
            if ref in existing:
                err(_("An award with reference “%(ref)s” already exists.") % {"ref": ref})
            if ref in seen:
                err(
                    _("Reference “%(ref)s” already appears on line %(other)d.")
                    % {"ref": ref, "other": seen[ref]}
                )
            else:
                seen[ref] = line
        if len(row["title"]) > Award._meta.get_field("title").max_length:
            err(_("“title” is too long."))
        funder = funders.get(row["funder_slug"])
        if row["funder_slug"] and funder is None:
            err(_("Unknown funder “%(slug)s”.") % {"slug": row["funder_slug"]})
        elif funder and allowed is not None and funder.pk != allowed:
            err(_("You may only import your own administration's awards."))
        association = associations.get(row["association_registration_number"])
        if row["association_registration_number"] and association is None:
            err(
                _("Unknown association registration number “%(number)s”.")
                % {"number": row["association_registration_number"]}
            )
        amount = _money(row["amount_mad"]) if row["amount_mad"] else None
        if row["amount_mad"] and (amount is None or amount <= 0):
            err(_("“amount_mad” must be a positive amount."))
        in_kind = _money(row["in_kind_mad"]) if row["in_kind_mad"] else Decimal("0")
        if in_kind is None or in_kind < 0:
            err(_("“in_kind_mad” must be a positive amount or empty."))
        awarded_on = _date(row["award_date"]) if row["award_date"] else None
        if row["award_date"] and awarded_on is None:
            err(_("“award_date” must be a date written YYYY-MM-DD."))
        duration = 12
        if row["duration_months"]:
            if not row["duration_months"].isdigit() or not 1 <= int(row["duration_months"]) <= 120:
                err(_("“duration_months” must be a whole number from 1 to 120."))
            else:
                duration = int(row["duration_months"])
        sector = sectors.get(row["sector_code"])
        if row["sector_code"] and sector is None:
            err(_("Unknown sector “%(code)s”.") % {"code": row["sector_code"]})
        region_list = []
        for code in filter(None, (c.strip() for c in row["region_codes"].split(";"))):
            code = code.removeprefix("MA-").zfill(2)
            if code not in regions:
                err(_("Unknown region code “%(code)s”.") % {"code": code})
            else:
                region_list.append(regions[code])
        call = None
        if row["call_reference"]:
            call = calls.get(row["call_reference"])
            if call is None:
                err(_("Unknown call “%(ref)s”.") % {"ref": row["call_reference"]})
            elif funder and call.programme.funder_id != funder.pk:
                err(_("This call belongs to another funder."))
        programme = None
        if row["programme_code"]:
            programme = programmes.get(row["programme_code"])
            if programme is None:
                err(_("Unknown programme “%(code)s”.") % {"code": row["programme_code"]})
            elif funder and programme.funder_id != funder.pk:
                err(_("This programme belongs to another funder."))
            elif call and call.programme_id != programme.pk:
                err(_("This call belongs to another programme."))
        disbursements = []
        for part in filter(None, (p.strip() for p in row["disbursements"].split(";"))):
            day_text, _sep, amount_text = part.partition(":")
            day, paid = _date(day_text.strip()), _money(amount_text.strip())
            if day is None or paid is None or paid <= 0:
                err(
                    _("Disbursement “%(part)s” must be written YYYY-MM-DD:amount.") % {"part": part}
                )
            else:
                disbursements.append((day, paid))
        if amount and disbursements and sum(p for _d, p in disbursements) > amount:
            err(_("The disbursements add up to more than the amount awarded."))
        errors.extend(row_errors)
        if not row_errors:
            parsed.append(
                {
                    "award": Award(
                        reference=ref,
                        funder=funder,
                        association=association,
                        title=row["title"],
                        amount=amount,
                        in_kind_value=in_kind,
                        awarded_on=awarded_on,
                        duration_months=duration,
                        sector=sector,
                        call=call,
                        programme=programme or (call.programme if call else None),
                    ),
                    "regions": region_list,
                    "disbursements": disbursements,
                }
            )
    return parsed, errors


class XlsxFileError(ValueError):
    """The upload is not a readable XLSX workbook."""


def read_xlsx(data: bytes):
    """The first sheet of an XLSX workbook as (line, cleaned row) pairs, like _read_rows:
    line numbers are the sheet's row numbers. Raises XlsxFileError when unreadable."""
    from openpyxl import load_workbook

    if not data.startswith(b"PK\x03\x04"):
        raise XlsxFileError(_("This file is not an XLSX spreadsheet."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        values = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2))
        workbook.close()
    except Exception as exc:  # noqa: BLE001 - any failure of openpyxl: not a workbook
        raise XlsxFileError(_("This file is not an XLSX spreadsheet.")) from exc
    return values


def _cell_text(column: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and column == "region_codes":
        # A spreadsheet turns 01 into the number 1.
        return f"{value:02d}"
    return str(value).strip()


def _xlsx_rows(values):
    if not values or not any(v is not None for v in values[0]):
        return [], [RowError(0, _("The file is empty."))]
    header = [str(h).strip() if h is not None else "" for h in values[0]]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        return [], [
            RowError(0, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        ]
    rows = []
    for number, cells in enumerate(values[1:], start=2):
        if any(v not in (None, "") for v in cells[len(header) :]):
            rows.append((number, {"__extra__": True}))
            continue
        by_name = dict(zip(header, cells, strict=False))
        cleaned = {c: _cell_text(c, by_name.get(c)) for c in COLUMNS}
        if any(cleaned.values()):
            rows.append((number, cleaned))
    if len(rows) > MAX_ROWS:
        return [], [RowError(0, _("At most %(max)d rows per file.") % {"max": MAX_ROWS})]
    return rows, []


def import_awards_xlsx(values, *, user) -> ImportResult:
    """Import the rows of read_xlsx(); the same checks, report and all-or-nothing as CSV."""
    rows, errors = _xlsx_rows(values)
    return _import_rows(rows, errors, user=user)


def import_awards(text: str, *, user) -> ImportResult:
    rows, errors = _read_rows(text)
    return _import_rows(rows, errors, user=user)


def _import_rows(rows, errors, *, user) -> ImportResult:
    if errors:
        return ImportResult(errors=errors)
    if not rows:
        return ImportResult(errors=[RowError(0, _("The file has no rows."))])
    parsed, errors = _parse(rows, user)
    if errors:
        return ImportResult(errors=errors)
    with transaction.atomic():
        for item in parsed:
            award = item["award"]
            award.save()
            award.beneficiary_regions.set(item["regions"])
            Disbursement.objects.bulk_create(
                Disbursement(award=award, paid_on=day, amount=paid)
                for day, paid in item["disbursements"]
            )
    return ImportResult(created=len(parsed))


def import_awards_file(data: bytes, *, user) -> ImportResult:
    try:
        text = decode_csv_bytes(data)
    except CsvFileError as exc:
        return ImportResult(errors=[RowError(0, str(exc))])
    return import_awards(text, user=user)
