"""Models of the complaints about public services area (see its issue)."""
