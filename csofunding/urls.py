from django.urls import path

from . import views

app_name = "csofunding"

urlpatterns = [
    path("", views.index, name="index"),
]
