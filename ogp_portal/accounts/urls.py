from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/download/", views.download_my_data, name="download"),
    path("my-data/delete/", views.delete_my_account, name="delete"),
]
