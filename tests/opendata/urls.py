"""The project's URLs plus the open data machine interfaces at the root (until the lead
includes opendata.ckan_urls in ogp_portal/urls.py)."""

from django.urls import include, path

from ogp_portal.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("", include("opendata.ckan_urls")), *project_urlpatterns]
