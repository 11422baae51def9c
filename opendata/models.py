"""Models of the open data area (see its issue)."""
