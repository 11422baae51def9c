from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        from ogp_portal.core.registry import (
            Area,
            PersonalDataProvider,
            register_area,
            register_demo,
            register_personal_data,
        )

        from . import personal_data, stats
        from .demo import seed

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
        # After the other apps (190) so that their public exports are registered.
        register_demo("opendata", seed, order=190)
        register_personal_data(
            PersonalDataProvider("opendata", personal_data.export, personal_data.anonymise)
        )
        from . import links  # links across apps (core.links)

        links.register()

        from . import panels

        panels.register()
