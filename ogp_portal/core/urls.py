from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("data-protection/", views.privacy, name="privacy"),
    path(
        "report/<slug:app_label>/<slug:model_name>/<str:object_id>/",
        views.report_content,
        name="report",
    ),
]
