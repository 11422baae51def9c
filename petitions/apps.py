from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions and motions")

    def ready(self):
        from ogp_portal.core.registry import Area, register_area

        from . import stats

        register_area(
            Area(
                key="petitions",
                title=_("Petitions and motions"),
                summary=_(
                    "Propose and sign national and local petitions and legislative motions, and follow the answers."
                ),
                url_name="petitions:index",
                icon="bi-pen",
                order=2,
                commitment=15,
                figures=stats.figures,
                latest=stats.latest,
            )
        )
