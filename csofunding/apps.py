from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CsofundingConfig(AppConfig):
    name = "csofunding"
    verbose_name = _("Public funding for associations")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .explorer import bump_cube_version
        from .models import Award

        post_save.connect(bump_cube_version, sender=Award, dispatch_uid="csofunding-cube-save")
        post_delete.connect(bump_cube_version, sender=Award, dispatch_uid="csofunding-cube-del")
        m2m_changed.connect(
            bump_cube_version,
            sender=Award.beneficiary_regions.through,
            dispatch_uid="csofunding-cube-regions",
        )
        from ogp_portal.core.registry import (
            Area,
            PersonalDataProvider,
            PublicExport,
            register_area,
            register_demo,
            register_export,
            register_personal_data,
        )

        from . import personal_data, stats
        from .demo import seed
        from .giving360 import FLAT_HEADERS, flat_rows

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
        register_demo("csofunding", seed, order=140)
        register_export(
            PublicExport(
                key="csofunding-awards-360giving",
                app="csofunding",
                title=_("Public funding awarded to associations"),
                description=_(
                    "Every published award and partnership convention of public funders to "
                    "associations: funder, association (registration number), amount in MAD, "
                    "date, sector, beneficiary regions (ISO 3166-2), disbursements. Also "
                    "published as a 360Giving data package."
                ),
                build=lambda: (FLAT_HEADERS, flat_rows()),
                frequency="daily",
                themes=("society", "economy"),
            )
        )
        register_personal_data(
            PersonalDataProvider(
                key="csofunding",
                export=personal_data.export,
                anonymise=personal_data.anonymise,
            )
        )

        from . import panels

        panels.register()
