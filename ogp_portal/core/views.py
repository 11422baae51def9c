from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .registry import areas


def home(request):
    cards = [{"area": area, "figures": area.figures(), "latest": area.latest(3)} for area in areas()]
    return render(request, "core/home.html", {"cards": cards})


def privacy(request):
    return render(request, "core/privacy.html")


@never_cache
def healthz(request):
    """For load balancers and compose healthchecks: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
