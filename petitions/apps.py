from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _default_thresholds(sender, **kwargs):
    from .thresholds import ensure_default_rules

    ensure_default_rules()


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions and motions")

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

        from . import data, demo, memo, stats  # noqa: F401 (memo: its signal receivers)

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
        register_demo("petitions", demo.seed, order=150)
        register_personal_data(
            PersonalDataProvider(
                key="petitions", export=data.export_personal_data, anonymise=data.anonymise
            )
        )
        register_export(
            PublicExport(
                key="petitions-signature-counts",
                app="petitions",
                title=_("Petition signature counts by region"),
                description=_(
                    "Valid signatures of every public petition and motion, per region of residence."
                ),
                build=data.build_counts_export,
                frequency="daily",
                themes=("participation",),
            )
        )
        # The thresholds table is data; it starts from the organic laws' numbers.
        post_migrate.connect(_default_thresholds, sender=self, dispatch_uid="petitions-thresholds")

        from . import panels

        panels.register()

        from . import links

        links.register()
