"""The portal's URLconf plus the two ceiling views of the petitions load benchmark.

ogp_portal.urls uses i18n_patterns, which only works in a root URLconf, so its patterns are
appended rather than include()d.
"""

from django.urls import path

from ogp_portal.urls import urlpatterns as portal_urlpatterns

from . import benchviews

urlpatterns = [
    path("bench/hello", benchviews.hello, name="bench-hello"),
    path("bench/insert", benchviews.insert_only, name="bench-insert"),
    *portal_urlpatterns,
]
