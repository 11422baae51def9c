from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.administration_list, name="index"),
    path("compare/", views.administration_compare, name="compare"),
    path("a/<slug:slug>/", views.administration_detail, name="administration"),
    path("regions/", views.region_list, name="regions"),
    path("regions/<str:code>/", views.region_detail, name="region"),
]
