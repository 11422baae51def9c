def ready() -> None:
    """Registrations: demo data, personal data, and the progress report's voices section."""
    from ogp_portal.core.registry import PersonalDataProvider, register_demo, register_personal_data
    from transparency.reports.builder import register_voices_provider

    from . import demo, personal_data, report

    register_demo("transparency-coeval", demo.seed, order=125)
    register_personal_data(
        PersonalDataProvider(
            key="transparency-coeval",
            export=personal_data.export,
            anonymise=personal_data.anonymise,
        )
    )
    register_voices_provider(report.voices)
