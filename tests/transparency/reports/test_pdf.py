import io
import unicodedata

import pytest
from pypdf import PdfReader

from transparency.reports.builder import build_report_data
from transparency.reports.pdf import (
    BASE_URL,
    StaticFilesFetcher,
    render_html,
    render_pdf,
    static_url,
)

from .conftest import TITLES, TODAY

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    # Arabic comes out as presentation forms (shaped glyphs): NFKC maps them back to letters.
    return unicodedata.normalize("NFKC", text)


def _has(text: str, words: str) -> bool:
    # Right-to-left runs may be extracted in visual order: accept either order of characters.
    flat = "".join(text.split())
    wanted = "".join(words.split())
    return wanted in flat or wanted[::-1] in flat


def test_the_arabic_pdf_contains_the_arabic_commitment_titles(known_plan):
    pdf = render_pdf(build_report_data(known_plan, language="ar", today=TODAY))

    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    for number in (1, 2, 3):
        assert _has(text, TITLES[number]["ar"]), TITLES[number]["ar"]


def test_the_french_pdf_contains_the_french_commitment_titles(known_plan):
    pdf = render_pdf(build_report_data(known_plan, language="fr", today=TODAY))

    text = _text(pdf)
    for number in (1, 2, 3):
        assert TITLES[number]["fr"] in text
    assert "Transparence et services publics" in text


def test_the_arabic_report_is_laid_out_right_to_left(known_plan):
    html = render_html(build_report_data(known_plan, language="ar", today=TODAY))

    assert '<html lang="ar" dir="rtl">' in html
    assert 'class="report-rtl"' in html


def test_the_french_report_is_laid_out_left_to_right(known_plan):
    html = render_html(build_report_data(known_plan, language="fr", today=TODAY))

    assert '<html lang="fr" dir="ltr">' in html


def test_the_report_has_a_cover_contents_summary_and_a_section_per_commitment(known_plan):
    html = render_html(build_report_data(known_plan, language="en", today=TODAY))

    assert 'class="cover"' in html
    assert 'class="toc"' in html
    assert html.count('class="commitment"') == 3
    for number in (1, 2, 3):
        assert f'href="#commitment-{number}"' in html
    assert 'id="cocreation"' in html
    assert "81.2" in html  # theme 1's progress


def test_the_pdf_numbers_its_pages(known_plan):
    pdf = render_pdf(build_report_data(known_plan, language="fr", today=TODAY))

    reader = PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    assert pages >= 6  # cover, contents, summary, co-creation, three commitments
    assert f"2 / {pages}" in (reader.pages[1].extract_text() or "")


def test_the_report_finds_its_stylesheet_without_collectstatic(known_plan, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    html = render_html(build_report_data(known_plan, language="fr", today=TODAY))

    assert 'href="https://report.invalid/static/transparency/reports/report.css"' in html


def test_the_fetcher_serves_static_files_and_refuses_the_network():
    fetcher = StaticFilesFetcher.get()

    response = fetcher.fetch(static_url("transparency/reports/report.css"))
    assert b"@page" in response.read()
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.org/static/transparency/reports/report.css")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch(BASE_URL + "static/../../etc/passwd")
