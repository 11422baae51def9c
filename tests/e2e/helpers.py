"""Small helpers shared by the browser tests."""

import re
from urllib.parse import urlsplit

from django.utils import translation


def in_language(lang: str, message) -> str:
    """A message as the server renders it in `lang` (same process, same catalogues)."""
    with translation.override(lang):
        return str(translation.gettext(message) if isinstance(message, str) else message)


def path_of(page_url: str) -> str:
    return urlsplit(page_url).path


def exact(text: str) -> re.Pattern:
    """A pattern matching `text` as a whole accessible name, ignoring case and outer spaces."""
    return re.compile(rf"^\s*{re.escape(text)}\s*$", re.IGNORECASE)


def field(page_or_locator, label: str):
    """The form control labelled `label`, allowing for a required-field marker ("Email *")."""
    return page_or_locator.get_by_label(re.compile(rf"^\s*{re.escape(label)}(\s*\*)?\s*$"))
