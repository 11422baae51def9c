from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrityConfig(AppConfig):
    name = "integrity"
    verbose_name = _("Integrity initiatives")

    def ready(self):
        from ogp_portal.core.registry import Area, register_area

        from . import stats

        register_area(
            Area(
                key="integrity",
                title=_("Integrity initiatives"),
                summary=_(
                    "Browse what administrations do against corruption, by sector, theme and challenge."
                ),
                url_name="integrity:index",
                icon="bi-shield-check",
                order=4,
                commitment=7,
                figures=stats.figures,
                latest=stats.latest,
            )
        )
