from django.urls import path

from . import views

# Included in the single `transparency` namespace (transparency/urls.py).
urlpatterns = [
    path(
        "plans/<slug:slug>/commitments/<int:number>/assessments/",
        views.commitment_assessments,
        name="coeval_commitment",
    ),
    path(
        "plans/<slug:slug>/commitments/<int:number>/assessments/assess/",
        views.assess,
        name="coeval_assess",
    ),
    path(
        "plans/<slug:slug>/commitments/<int:number>/assessments/reply/",
        views.reply,
        name="coeval_reply",
    ),
    path("assessments/evidence/<int:pk>/", views.evidence_file, name="coeval_evidence"),
    path("organisations/", views.organisations, name="coeval_organisations"),
]
