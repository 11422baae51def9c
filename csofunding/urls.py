from django.urls import path

from . import views

app_name = "csofunding"

urlpatterns = [
    path("", views.index, name="index"),
    path("calls/", views.call_list, name="calls"),
    path("calls/<slug:reference>/", views.call_detail, name="call"),
    path("calls/<slug:reference>/documents/<int:pk>/", views.call_document, name="call_document"),
    path("awards/", views.award_list, name="awards"),
    path("awards/<slug:reference>/", views.award_detail, name="award"),
    path("awards/<slug:reference>/convention/", views.award_convention, name="award_convention"),
    path("associations/", views.association_list, name="associations"),
    path("associations/<slug:slug>/", views.association_detail, name="association"),
    path("funders/", views.funder_list, name="funders"),
    path("funders/<slug:slug>/", views.funder_detail, name="funder"),
    path("360giving.json", views.giving_package, name="360giving"),
    path("alerts/", views.alerts_subscribe, name="alerts"),
    path("alerts/challenge/", views.altcha_challenge, name="altcha_challenge"),
    path("alerts/done/", views.alerts_done, name="alerts_done"),
    path("alerts/confirm/<str:token>/", views.alerts_confirm, name="alerts_confirm"),
    path("alerts/unsubscribe/<str:token>/", views.alerts_unsubscribe, name="alerts_unsubscribe"),
]
