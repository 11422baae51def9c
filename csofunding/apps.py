from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CsofundingConfig(AppConfig):
    name = "csofunding"
    verbose_name = _("Public funding for associations")

    def ready(self):
        from ogp_portal.core.registry import Area, register_area

        from . import stats

        register_area(
            Area(
                key="csofunding",
                title=_("Public funding for associations"),
                summary=_(
                    "Find open calls for proposals and see which associations received public funds."
                ),
                url_name="csofunding:index",
                icon="bi-cash-coin",
                order=5,
                commitment=13,
                figures=stats.figures,
                latest=stats.latest,
            )
        )
