def ready() -> None:
    """Registrations with ogp_portal.core.registry (demo, personal data, public export); the
    administration page's panel is in transparency/panels.py."""
    from django.utils.translation import gettext_lazy as _

    from ogp_portal.core.registry import (
        PersonalDataProvider,
        PublicExport,
        register_demo,
        register_export,
        register_personal_data,
    )

    from . import demo, personal_data, stats

    register_demo("transparency-ati", demo.seed, order=110)
    register_personal_data(
        PersonalDataProvider("transparency_requests", personal_data.export, personal_data.anonymise)
    )
    register_export(
        PublicExport(
            key="transparency-request-statistics",
            app="transparency",
            title=_("Access-to-information requests by public body"),
            description=_(
                "Requests received under Law 31-13 by each public body, answered on time, median "
                "working days to answer, pending, overdue and appeals to the head. Counts only."
            ),
            build=stats.statistics_export,
        )
    )
