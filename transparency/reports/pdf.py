"""The progress report as a PDF (WeasyPrint).

The HTML is ``templates/transparency/reports/progress_report.html`` rendered in the report's
language (``<html lang="ar" dir="rtl">`` for Arabic: Pango shapes it and lays it out right to
left). Its stylesheet and fonts are static files: WeasyPrint reads them through
``StaticFilesFetcher``, which answers from Django's static finders and refuses every other
URL, so building a report never touches the network.
"""

import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation

from .builder import ReportData

TEMPLATE = "transparency/reports/progress_report.html"
STYLESHEET = "transparency/reports/report.css"
# A host that cannot exist (RFC 2606): relative URLs in the HTML and CSS resolve against it.
BASE_URL = "https://report.invalid/"


class StaticFilesFetcher:
    """Lazily built WeasyPrint URL fetcher (weasyprint is imported only when a PDF is built)."""

    _class = None

    @classmethod
    def get(cls):
        if cls._class is None:
            from weasyprint.urls import URLFetcher, URLFetcherResponse

            static_prefix = "/" + settings.STATIC_URL.lstrip("/")
            host = urlsplit(BASE_URL).netloc

            class _Fetcher(URLFetcher):
                def fetch(self, url, headers=None):
                    parts = urlsplit(url)
                    if parts.scheme == "data":
                        return super().fetch(url, headers)
                    if parts.netloc != host or not parts.path.startswith(static_prefix):
                        raise ValueError(f"Reports load static files only, not {url}")
                    relative = unquote(parts.path[len(static_prefix) :])
                    try:
                        path = finders.find(relative)
                    except SuspiciousFileOperation:
                        path = None
                    if not path:
                        raise ValueError(f"No static file {relative}")
                    with open(path, "rb") as handle:
                        body = handle.read()
                    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": content_type})

            cls._class = _Fetcher
        return cls._class(fail_on_errors=False)


def static_url(path: str) -> str:
    """The URL the fetcher resolves to a static file. Not {% static %}: in production that names
    the hashed copy of the manifest storage, which the static finders do not know."""
    return BASE_URL + settings.STATIC_URL.strip("/") + "/" + path


def render_html(data: ReportData) -> str:
    with translation.override(data.language):
        return render_to_string(TEMPLATE, {"data": data, "stylesheet": static_url(STYLESHEET)})


def render_pdf(data: ReportData) -> bytes:
    from weasyprint import HTML

    html = render_html(data)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher.get()).write_pdf()
