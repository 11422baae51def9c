from django.urls import path

from . import views

app_name = "integrity"

urlpatterns = [
    path("", views.index, name="index"),
]
