def ready() -> None:
    """Registrations with ogp_portal.core.registry (demo, personal data, exports)."""
    from django.db.models.signals import post_migrate

    from ogp_portal.core.registry import (
        PersonalDataProvider,
        PublicExport,
        register_demo,
        register_export,
        register_personal_data,
    )

    from . import demo, personal_data, scales
    from . import links as plan_links
    from .stats import milestone_progress_export

    post_migrate.connect(scales.on_post_migrate, dispatch_uid="transparency.plan.scales")
    register_demo("transparency-plan", demo.seed, order=120)
    # After every app's demo (opendata is 190): ideas, petitions and datasets that point to
    # commitments, through core.links.
    register_demo("transparency-links", demo.seed_links, order=200)
    plan_links.register()  # commitments and ideas in links across apps (core.links)
    register_personal_data(
        PersonalDataProvider(
            key="transparency-plan",
            export=personal_data.export,
            anonymise=personal_data.anonymise,
        )
    )
    register_export(
        PublicExport(
            key="action-plan-milestone-progress",
            app="transparency",
            title=milestone_progress_export.title,
            description=milestone_progress_export.description,
            build=milestone_progress_export.build,
            frequency="weekly",
            themes=("governance",),
        )
    )
