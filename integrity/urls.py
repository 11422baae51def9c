from django.urls import path

from . import views

app_name = "integrity"

urlpatterns = [
    path("", views.index, name="index"),
    path("statistics/", views.statistics, name="statistics"),
    path("<int:pk>/", views.initiative_detail, name="initiative"),
    path(
        "<int:pk>/documents/<int:document_pk>/",
        views.initiative_document,
        name="document",
    ),
]
