"""Models of the integrity initiatives area (see its issue)."""
