"""Screenshots of the main pages, for looking at them: desktop and 390 px phone, Arabic and French.

    DEBUG=1 .venv/bin/python manage.py runserver 127.0.0.1:8124 &
    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8124 docs/screenshots /ar/ /fr/ /ar/directory/

Uses Debian's Chromium (/usr/bin/chromium); never downloads a browser.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def main(base: str, out: str, paths: list[str]) -> None:
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for width, label in ((1280, "desktop"), (390, "phone")):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in paths:
                page.goto(base + path)
                name = path.strip("/").replace("/", "-") or "root"
                page.screenshot(path=str(target / f"{name}-{label}.png"), full_page=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
