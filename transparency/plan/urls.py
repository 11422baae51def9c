from django.urls import path

from . import views

# Included in the single `transparency` namespace (transparency/urls.py).
urlpatterns = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<slug:slug>/", views.plan_detail, name="plan_detail"),
    path("plans/<slug:slug>/progress.csv", views.plan_progress_csv, name="plan_progress_csv"),
    path("plans/<slug:slug>/documents/<int:pk>/", views.plan_document, name="plan_document"),
    path("milestones/evidence/<int:pk>/", views.milestone_evidence, name="milestone_evidence"),
    path("plans/<slug:slug>/commitments/", views.commitment_list, name="commitment_list"),
    path(
        "plans/<slug:slug>/commitments/<int:number>/",
        views.commitment_detail,
        name="commitment_detail",
    ),
    path(
        "plans/<slug:slug>/commitments/<int:number>/comment/",
        views.commitment_comment,
        name="commitment_comment",
    ),
    path("consultations/", views.consultation_list, name="consultation_list"),
    path("consultations/<slug:slug>/", views.consultation_detail, name="consultation_detail"),
    path("consultations/<slug:slug>/propose/", views.idea_propose, name="idea_propose"),
    path("ideas/<int:pk>/support/", views.idea_support, name="idea_support"),
]
