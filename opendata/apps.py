from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        from ogp_portal.core.registry import Area, register_area

        from . import stats

        register_area(
            Area(
                key="opendata",
                title=_("Open data"),
                summary=_("Find, request and reuse the datasets that administrations publish."),
                url_name="opendata:index",
                icon="bi-database",
                order=6,
                commitment=4,
                figures=stats.figures,
                latest=stats.latest,
            )
        )
