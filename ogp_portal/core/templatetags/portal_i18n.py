"""Links to the page being read in another language, for the language switcher.

The switcher is a set of plain links (no form, no CSRF cookie, no JavaScript): each one is
the current address with its language prefix changed, /ar/... <-> /fr/... <-> /en/...,
query string kept.
"""

from django import template
from django.urls import reverse, translate_url
from django.utils import translation

register = template.Library()


def _home(lang_code: str) -> str:
    with translation.override(lang_code):
        return reverse("core:home")


@register.simple_tag(takes_context=True)
def url_in_language(context, lang_code: str) -> str:
    """This page's address in `lang_code`; that language's home page when it cannot be
    resolved (a 404 page, a page rendered without a request)."""
    request = context.get("request")
    if request is None:
        return _home(lang_code)
    full_path = request.get_full_path()
    translated = translate_url(full_path, lang_code)
    if translated == full_path and lang_code != translation.get_language():
        return _home(lang_code)
    return translated
