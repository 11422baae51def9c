def ready() -> None:
    """Registrations with ogp_portal.core.registry (demo, personal data)."""
    from ogp_portal.core.registry import PersonalDataProvider, register_demo, register_personal_data

    from . import demo, personal_data

    register_demo("transparency-ati", demo.seed, order=110)
    register_personal_data(
        PersonalDataProvider("transparency_requests", personal_data.export, personal_data.anonymise)
    )
