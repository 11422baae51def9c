"""CSV and XLSX downloads shared by list pages, admin actions and reports.

CSV is UTF-8 with a byte-order mark so Excel opens Arabic correctly. Cells that
a spreadsheet would read as a formula (=, +, -, @, tab, carriage return) are
prefixed with a quote (OWASP "CSV injection").
"""

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime

from django.http import HttpResponse
from django.utils.text import get_valid_filename

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def escape_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _disposition(filename: str) -> str:
    return f'attachment; filename="{get_valid_filename(filename)}"'


def csv_bytes(headers: list, rows: Iterable[Iterable]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([escape_cell(h) for h in headers])
    for row in rows:
        writer.writerow([escape_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def csv_response(filename: str, headers: list, rows: Iterable[Iterable]) -> HttpResponse:
    response = HttpResponse(csv_bytes(headers, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(
        filename if filename.endswith(".csv") else f"{filename}.csv"
    )
    return response


def xlsx_bytes(
    headers: list, rows: Iterable[Iterable], *, sheet_title: str = "data", rtl: bool = False
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = get_valid_filename(sheet_title)[:31] or "data"
    sheet.sheet_view.rightToLeft = rtl
    sheet.append([escape_cell(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([escape_cell(v) for v in row])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, headers: list, rows: Iterable[Iterable], **kwargs) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(headers, rows, **kwargs), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = _disposition(
        filename if filename.endswith(".xlsx") else f"{filename}.xlsx"
    )
    return response


def export_response(
    fmt: str, filename: str, headers: list, rows: Iterable[Iterable], **kwargs
) -> HttpResponse:
    """fmt is "csv" or "xlsx"; anything else is a ValueError the caller turns into a 400."""
    if fmt == "csv":
        return csv_response(filename, headers, rows)
    if fmt == "xlsx":
        return xlsx_response(filename, headers, rows, **kwargs)
    raise ValueError(f"Unknown export format: {fmt!r}")
