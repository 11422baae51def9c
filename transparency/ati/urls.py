from django.urls import path

from . import views

# Included in the single `transparency` namespace (transparency/urls.py).
urlpatterns = [
    path("requests/", views.request_list, name="request_list"),
    path("requests/new/", views.request_new, name="request_new"),
    path("requests/mine/", views.my_requests, name="request_mine"),
    path("requests/scorecard/", views.scorecard, name="request_scorecard"),
    path("requests/<str:reference>/", views.request_detail, name="request_detail"),
    path("requests/<str:reference>/follow/", views.request_follow, name="request_follow"),
    path(
        "requests/<str:reference>/open-data/",
        views.request_as_dataset,
        name="request_as_dataset",
    ),
    path("requests/<str:reference>/clarify/", views.request_clarify, name="request_clarify"),
    path(
        "requests/<str:reference>/complain/<str:level>/",
        views.request_appeal,
        name="request_appeal",
    ),
    path(
        "requests/<str:reference>/files/<int:pk>/",
        views.request_attachment,
        name="request_attachment",
    ),
]
