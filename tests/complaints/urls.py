"""The project's URLs plus Open311 at the root, as ogp_portal/urls.py will have them."""

from django.urls import include, path

from ogp_portal.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("open311/v2/", include("complaints.open311_urls")),
    *project_urlpatterns,
]
