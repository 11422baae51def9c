import csv
import io

import pytest
from openpyxl import load_workbook

from transparency.reports.builder import build_report_data
from transparency.reports.xlsx import render_csv, render_xlsx

from .conftest import TITLES, TODAY

pytestmark = pytest.mark.django_db


def _csv_rows(content: bytes):
    assert content.startswith(b"\xef\xbb\xbf")  # Excel reads Arabic only with the BOM
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_csv_has_one_row_per_commitment(known_plan):
    rows = _csv_rows(render_csv(build_report_data(known_plan, language="en", today=TODAY)))

    header, *body = rows
    assert header[:4] == ["Number", "OGP id", "Theme", "Title"]
    assert "Progress (%)" in header and "Off track" in header
    assert [row[0] for row in body] == ["1", "2", "3"]
    progress = header.index("Progress (%)")
    assert [row[progress] for row in body] == ["62.5", "100", "20"]
    assert body[0][header.index("Off track")] == "yes"
    assert body[0][header.index("Partners")] == "Ministry B"


def test_the_arabic_csv_carries_the_arabic_titles(known_plan):
    rows = _csv_rows(render_csv(build_report_data(known_plan, language="ar", today=TODAY)))

    assert [row[3] for row in rows[1:]] == [TITLES[n]["ar"] for n in (1, 2, 3)]


def test_the_xlsx_has_commitments_milestones_and_updates_sheets(known_plan):
    content = render_xlsx(build_report_data(known_plan, language="en", today=TODAY))

    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Commitments", "Milestones", "Updates"]
    commitments, milestones, updates = (book[name] for name in book.sheetnames)
    assert commitments.max_row == 4
    assert [c.value for c in milestones[1]][:4] == [
        "Commitment",
        "Commitment title",
        "Milestone",
        "Title",
    ]
    assert milestones.max_row == 6  # five milestones, the cancelled one included
    assert [c.value for c in updates[1]] == [
        "Commitment",
        "Commitment title",
        "Published",
        "Progress claimed (%)",
        "Text",
    ]
    assert updates.max_row == 6  # five published updates, no draft
    assert all(not sheet.sheet_view.rightToLeft for sheet in book.worksheets)


def test_the_arabic_xlsx_reads_right_to_left(known_plan):
    content = render_xlsx(build_report_data(known_plan, language="ar", today=TODAY))

    book = load_workbook(io.BytesIO(content))
    assert all(sheet.sheet_view.rightToLeft for sheet in book.worksheets)
    first = book.worksheets[0]
    assert [first.cell(row=r, column=4).value for r in (2, 3, 4)] == [
        TITLES[n]["ar"] for n in (1, 2, 3)
    ]


def test_spreadsheets_escape_cells_a_spreadsheet_would_run_as_formulas(known_plan):
    data = build_report_data(known_plan, language="fr", today=TODAY)

    book = load_workbook(io.BytesIO(render_xlsx(data)))
    # Sheets: commitments, milestones, updates (their names are in the report's language).
    milestones, updates = book.worksheets[1], book.worksheets[2]
    milestone_titles = [row[3] for row in milestones.iter_rows(min_row=2, values_only=True)]
    update_texts = [row[4] for row in updates.iter_rows(min_row=2, values_only=True)]
    assert "'=SUM(A1:A9)" in milestone_titles
    assert '\'=HYPERLINK("http://example.test","x")' in update_texts
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
