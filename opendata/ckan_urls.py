"""Machine interfaces of the open data area, at the site root (no language prefix, no
redirect): CKAN's action API at /api/3/action/<name> and /api/action/<name> (the path
ckanapi uses), and the DCAT-AP catalogue. Include in ogp_portal/urls.py outside
i18n_patterns: `path("", include("opendata.ckan_urls"))`."""

from django.urls import path

from . import ckan, dcat

urlpatterns = [
    path("api/3/action/<str:name>", ckan.action, name="ckan-action-3"),
    path("api/action/<str:name>", ckan.action, name="ckan-action"),
    path("catalog.<str:fmt>", dcat.catalog, name="dcat-catalog"),
    path("dataset/<slug:slug>.<str:fmt>", dcat.dataset_rdf, name="dcat-dataset"),
]
