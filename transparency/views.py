from django.shortcuts import render

from ogp_portal.core.registry import areas


def index(request):
    area = next(a for a in areas() if a.key == "transparency")
    return render(request, "core/area_index.html", {"area": area, "figures": area.figures()})
