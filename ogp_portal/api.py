"""The public read-only JSON API under /api/v1/.

Each domain app may have an `api.py` with `register(router)` adding its viewsets;
viewsets use the app's FilterSets so the API filters like the list pages.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from rest_framework.routers import DefaultRouter


def build_router() -> DefaultRouter:
    from ogp_portal.directory import api as directory_api

    router = DefaultRouter()
    directory_api.register(router)  # the administrations, with every app's figures
    for app in settings.DOMAIN_APPS:
        if find_spec(f"{app}.api") is not None:
            import_module(f"{app}.api").register(router)
    return router


router = build_router()


# --- Documented errors ---------------------------------------------------------------
# Every operation can answer these; the schema says so once for all (drf-spectacular's
# postprocessing hook), so a client and schemathesis know every status the API may send.
ERROR_SCHEMAS = {
    "Error": {
        "type": "object",
        "description": "Why the request failed, in the language asked for (Accept-Language).",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "ValidationErrors": {
        "type": "object",
        "description": "Each query parameter that was not understood, with the reasons.",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    },
}


def _error(description: str, schema: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: 400, 404 and 429 on every operation."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(ERROR_SCHEMAS)
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault(
                "400",
                _error(
                    "A query parameter has a value the API does not accept.", "ValidationErrors"
                ),
            )
            responses.setdefault(
                "404", _error("No such object, or a page number past the last page.", "Error")
            )
            responses.setdefault("429", _error("Too many requests: wait and try again.", "Error"))
    return result
