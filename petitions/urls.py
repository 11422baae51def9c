from django.urls import path

from . import views

app_name = "petitions"

urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.create, name="create"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/count.json", views.count_json, name="count"),
    path("<str:reference>/sign/", views.sign, name="sign"),
    path("<str:reference>/edit/", views.edit, name="edit"),
    path("<str:reference>/committee/", views.committee, name="committee"),
    path("<str:reference>/submit/", views.submit, name="submit"),
    path("<str:reference>/file/", views.file, name="file"),
]
