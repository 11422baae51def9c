"""Open311 GeoReport v2, outside the language prefixes: include at the root of ogp_portal/urls.py
as path("open311/v2/", include("complaints.open311_urls"))."""

from django.urls import re_path

from . import open311

app_name = "open311"

FMT = r"(?P<fmt>json|xml)"

urlpatterns = [
    re_path(rf"^discovery\.{FMT}$", open311.discovery, name="discovery"),
    re_path(rf"^services\.{FMT}$", open311.service_list, name="services"),
    re_path(rf"^services/(?P<code>[-\w]+)\.{FMT}$", open311.service_definition, name="service"),
    re_path(rf"^requests\.{FMT}$", open311.request_list, name="requests"),
    re_path(rf"^requests/(?P<request_id>[-\w]+)\.{FMT}$", open311.request_detail, name="request"),
    re_path(rf"^tokens/(?P<token>[-\w]+)\.{FMT}$", open311.token_detail, name="token"),
    # Anything else (no format, an unknown format or resource): the spec's error body, in XML
    # when the path asked for .xml, never the site's HTML 404 page.
    re_path(rf"^(?P<path>.*)\.{FMT}$", open311.not_found, name="not_found_fmt"),
    re_path(r"^(?P<path>.*)$", open311.not_found, name="not_found"),
]
