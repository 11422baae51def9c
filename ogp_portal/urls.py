from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from ogp_portal.api import router as api_router
from ogp_portal.core import views as core_views

# The admin signs in through allauth (rate limits, verified email, MFA).
admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.healthz, name="healthz"),
    # Machine interfaces stay outside the language prefixes.
    path("api/v1/", include((api_router.urls, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI from the drf-spectacular-sidecar files, its start-up script a separate file:
    # nothing from a CDN, nothing inline for the CSP to block.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path("open311/v2/", include("complaints.open311_urls")),
    path("", include("csofunding.urls_open")),
    # CKAN action API (/api/3/action/<name>, /api/action/<name>) and DCAT-AP catalogues.
    path("", include("opendata.ckan_urls")),
]

urlpatterns += i18n_patterns(
    path("", include("ogp_portal.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("ogp_portal.accounts.urls")),
    path("directory/", include("ogp_portal.directory.urls")),
    path("transparency/", include("transparency.urls")),
    path("petitions/", include("petitions.urls")),
    path("integrity/", include("integrity.urls")),
    path("complaints/", include("complaints.urls")),
    path("funding/", include("csofunding.urls")),
    path("opendata/", include("opendata.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "ogp_portal.core.views.page_not_found"
handler500 = "ogp_portal.core.views.server_error"
