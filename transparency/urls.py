from django.urls import path

from . import views
from .ati import urls as ati_urls
from .coeval import urls as coeval_urls
from .plan import urls as plan_urls
from .reports import urls as reports_urls

app_name = "transparency"

urlpatterns = [
    path("", views.index, name="index"),
    *ati_urls.urlpatterns,
    *plan_urls.urlpatterns,
    *reports_urls.urlpatterns,
    *coeval_urls.urlpatterns,
]
