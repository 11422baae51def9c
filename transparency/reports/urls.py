from django.urls import path

from . import views

urlpatterns = [
    path("reports/", views.report_index, name="report_index"),
    path("reports/build/", views.report_build, name="report_build"),
    path("reports/recent/", views.report_recent, name="report_recent"),
    path("reports/<int:pk>/download/", views.report_download, name="report_download"),
]
