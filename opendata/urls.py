from django.urls import path

from . import dcat, views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("datasets/<slug:slug>/", views.dataset_detail, name="dataset"),
    path("datasets/<slug:slug>.<str:fmt>", dcat.dataset_rdf, name="dataset_rdf"),
    path(
        "datasets/<slug:slug>/resources/<int:pk>/download/",
        views.resource_download,
        name="resource_download",
    ),
    path("catalog.<str:fmt>", dcat.catalog, name="catalog"),
    path("publishers/", views.publisher_list, name="publishers"),
    path("kpis/", views.kpis_view, name="kpis"),
    path("reuses/", views.reuse_list, name="reuses"),
    path("reuses/new/", views.reuse_create, name="reuse_create"),
    path("reuses/<int:pk>/", views.reuse_detail, name="reuse"),
    path("reuses/<int:pk>/image/", views.reuse_image, name="reuse_image"),
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
]
