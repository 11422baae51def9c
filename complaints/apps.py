from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints about public services")

    def ready(self):
        from ogp_portal.core.registry import Area, register_area

        from . import stats

        register_area(
            Area(
                key="complaints",
                title=_("Complaints about public services"),
                summary=_(
                    "Report a problem, an observation or a suggestion about a public service and follow it."
                ),
                url_name="complaints:index",
                icon="bi-megaphone",
                order=3,
                commitment=10,
                figures=stats.figures,
                latest=stats.latest,
            )
        )
