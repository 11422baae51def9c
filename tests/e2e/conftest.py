"""Browser tests: pytest-playwright driving Debian's Chromium against pytest-django's live server.

Run them with `make e2e`. The browser is /usr/bin/chromium from Debian's package
(`apt-get install chromium`); Playwright never downloads one here.
"""

import os

import pytest
from django.urls import reverse
from django.utils import translation

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make (factories, reading the outbox's users) are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Every test in this folder is a browser test: `make test` skips them, `make e2e` runs them."""
    # tryfirst: the marks must be on before `-m e2e` / `-m "not e2e"` deselects.
    here = os.path.dirname(__file__) + os.sep
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (see .ci/run)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        # Root in a container needs --no-sandbox; the rest keeps Chromium off the
        # network, which this machine's closed network refuses anyway.
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A desktop viewport, so that the navigation bar is not collapsed behind a toggler.
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each journey starts with empty rate-limit counters, even with a shared Redis cache (CI)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _page_timeouts(request):
    if "page" in request.fixturenames:
        page = request.getfixturevalue("page")
        page.set_default_timeout(10_000)
        page.set_default_navigation_timeout(20_000)


@pytest.fixture
def url(live_server):
    """url("core:home", lang="fr") -> the live server's absolute URL of that view in that language."""

    def _url(view_name: str, *args, lang: str = "ar", query: str = "", **kwargs) -> str:
        with translation.override(lang):
            path = reverse(view_name, args=args or None, kwargs=kwargs or None)
        return f"{live_server.url}{path}{'?' + query if query else ''}"

    return _url
