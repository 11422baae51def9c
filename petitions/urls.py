from django.urls import path

from . import staff_views, views

app_name = "petitions"

urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("my-region/", views.my_region, name="my_region"),
    path("new/", views.create, name="create"),
    path("similar/", views.similar, name="similar"),
    path("altcha/challenge/", views.altcha_challenge, name="altcha_challenge"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # Reviewers of the addressee, moderators and OGP staff only.
    path("paper-scans/<int:pk>/", staff_views.paper_scan, name="paper_scan"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/count.json", views.count_json, name="count"),
    path("<str:reference>/attachments/<int:pk>/", views.attachment, name="attachment"),
    path("<str:reference>/response-document/", views.response_document, name="response_document"),
    path("<str:reference>/sign/", views.sign, name="sign"),
    path("<str:reference>/signed/", views.signed, name="signed"),
    path("<str:reference>/resend/", views.resend, name="resend"),
    path("<str:reference>/edit/", views.edit, name="edit"),
    path("<str:reference>/committee/", views.committee, name="committee"),
    path("<str:reference>/submit/", views.submit, name="submit"),
    path("<str:reference>/file/", views.file, name="file"),
    path("<str:reference>/withdraw/", views.withdraw, name="withdraw"),
    path("<str:reference>/paper/", views.paper, name="paper"),
    # Moderators and OGP staff only.
    path("<str:reference>/remove/", staff_views.remove, name="remove"),
    path("<str:reference>/signatures/", staff_views.signatures, name="signatures"),
]
