def ready() -> None:
    """Registrations with ogp_portal.core.registry (demo, personal data, administration page)."""
    from django.utils.translation import gettext_lazy as _

    from ogp_portal.core.registry import (
        AdministrationPanel,
        PersonalDataProvider,
        register_administration_panel,
        register_demo,
        register_personal_data,
    )

    from . import demo, personal_data, stats

    register_demo("transparency-ati", demo.seed, order=110)
    register_personal_data(
        PersonalDataProvider("transparency_requests", personal_data.export, personal_data.anonymise)
    )
    register_administration_panel(
        AdministrationPanel(
            key="transparency-requests",
            title=_("Access-to-information requests"),
            template="transparency/ati/_administration_panel.html",
            context=lambda administration: {
                "card": stats.scorecard_for(administration),
                "administration": administration,
            },
            order=10,
        )
    )
