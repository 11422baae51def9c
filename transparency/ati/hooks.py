def ready() -> None:
    """Registrations with ogp_portal.core.registry (demo, personal data, exports)."""
