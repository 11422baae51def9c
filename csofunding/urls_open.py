"""The 360Giving package outside the language prefixes, for machines:
`path("", include("csofunding.urls_open"))` in ogp_portal/urls.py gives
/csofunding/360giving.json."""

from django.urls import path

from . import views

urlpatterns = [
    path("csofunding/360giving.json", views.giving_package, name="csofunding-360giving"),
]
