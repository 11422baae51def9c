from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrityConfig(AppConfig):
    name = "integrity"
    verbose_name = _("Integrity initiatives")

    def ready(self):
        from ogp_portal.core.registry import (
            Area,
            PersonalDataProvider,
            PublicExport,
            register_area,
            register_demo,
            register_export,
            register_personal_data,
        )

        from . import demo, personal_data, stats
        from .exports import open_data_table

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
        register_demo("integrity", demo.seed, order=130)
        register_export(
            PublicExport(
                key="integrity-initiatives",
                app="integrity",
                title=_("Integrity initiatives of the administrations"),
                description=_(
                    "Every published initiative of the integrity initiatives bank: lead "
                    "administration, partners, sector, theme, type of challenge, scope, regions, "
                    "status and dates."
                ),
                build=open_data_table,
                themes=("integrity", "anti-corruption"),
            )
        )
        register_personal_data(
            PersonalDataProvider(
                key="integrity",
                export=personal_data.export,
                anonymise=personal_data.anonymise,
            )
        )

        from . import panels

        panels.register()
