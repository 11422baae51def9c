def register(router) -> None:
    """Add this part's viewsets to the public API router."""
