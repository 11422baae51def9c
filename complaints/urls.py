from django.urls import path, re_path

from . import staff_views, views

app_name = "complaints"

urlpatterns = [
    path("", views.index, name="index"),
    re_path(r"^statistics\.(?P<fmt>csv|xlsx)$", views.statistics_export, name="statistics_export"),
    path("staff/", staff_views.dashboard, name="staff_dashboard"),
    re_path(
        r"^staff/statistics\.(?P<fmt>csv|xlsx)$", staff_views.dashboard_export, name="staff_export"
    ),
    path("staff/topics/<int:pk>/idea/", staff_views.topic_to_idea, name="staff_topic_to_idea"),
    path("staff/<slug:slug>/", staff_views.administration, name="staff_administration"),
    re_path(
        r"^staff/(?P<slug>[-\w]+)/statistics\.(?P<fmt>csv|xlsx)$",
        staff_views.administration_export,
        name="staff_administration_export",
    ),
    path("new/", views.file_complaint, name="file"),
    path("new/categories/", views.category_options, name="category_options"),
    path("new/administrations/", views.administration_options, name="administration_options"),
    path("new/communes/", views.commune_options, name="commune_options"),
    path("mine/", views.mine, name="mine"),
    path("filed/<str:token>/", views.filed, name="filed"),
    path("track/<str:token>/", views.track, name="track"),
    path("track/<str:token>/rate/", views.track_rate, name="track_rate"),
    path("track/<str:token>/reopen/", views.track_reopen, name="track_reopen"),
    path("track/<str:token>/message/", views.track_message, name="track_message"),
    path(
        "track/<str:token>/attachments/<int:pk>/",
        views.tracked_attachment,
        name="tracked_attachment",
    ),
    path("attachments/<int:pk>/", views.staff_attachment, name="staff_attachment"),
]
