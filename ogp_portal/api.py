"""The public read-only JSON API under /api/v1/.

Each domain app may have an `api.py` with `register(router)` adding its viewsets;
viewsets use the app's FilterSets so the API filters like the list pages.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from rest_framework.routers import DefaultRouter


def build_router() -> DefaultRouter:
    router = DefaultRouter()
    for app in settings.DOMAIN_APPS:
        if find_spec(f"{app}.api") is not None:
            import_module(f"{app}.api").register(router)
    return router


router = build_router()
