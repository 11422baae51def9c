from django.conf import settings
from django.utils.translation import get_language_bidi


def portal(request):
    return {
        "is_rtl": get_language_bidi(),
        "data_protection": settings.DATA_PROTECTION,
    }
