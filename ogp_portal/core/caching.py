"""Whole-page caching of the heaviest public pages, for anonymous visitors only.

Pages that aggregate a whole app (the home page's figures, the requests scorecard, an
administration's page across every app, the comparison of administrations) cost seconds on
national volumes. What an anonymous visitor sees there is the same for everyone and may be a
minute old, so it is cached per address (language prefix and query string included) for
PUBLIC_PAGE_CACHE_SECONDS. Signed-in users and anything but GET/HEAD always get the live page.
"""

from functools import lru_cache, wraps

from django.conf import settings
from django.views.decorators.cache import cache_page


def anonymous_page_cache(view):
    @lru_cache(maxsize=4)
    def cached_view(timeout):
        # Built once per timeout (the setting rarely changes), not on every request.
        return cache_page(timeout, key_prefix="public-page")(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        timeout = getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 60)
        if not timeout or request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        return cached_view(timeout)(request, *args, **kwargs)

    return wrapper
