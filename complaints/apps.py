from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints about public services")

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

        from . import analytics, demo, personal_data, stats

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
        register_demo("complaints", demo.seed, order=160)
        register_export(
            PublicExport(
                key="complaints-aggregates",
                app="complaints",
                title=_("Complaints about public services: aggregate statistics"),
                description=_(
                    "Volumes, response times, share answered within the deadline, satisfaction "
                    "and reopen rate by administration, category, region, channel, kind and month. "
                    "Groups under 5 complaints are left out."
                ),
                build=analytics.export_rows,
                frequency="daily",
                themes=("government",),
            )
        )
        register_personal_data(
            PersonalDataProvider(
                key="complaints",
                export=personal_data.export,
                anonymise=personal_data.anonymise,
            )
        )

        from . import panels

        panels.register()
        from . import links  # links across apps (core.links)

        links.register()
