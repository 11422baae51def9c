from django.shortcuts import get_object_or_404, render

from .models import Administration


def administration_list(request):
    administrations = Administration.objects.active().select_related("region")
    return render(request, "directory/administration_list.html", {"administrations": administrations})


def administration_detail(request, slug):
    administration = get_object_or_404(Administration.objects.active(), slug=slug)
    return render(request, "directory/administration_detail.html", {"administration": administration})
