"""Models of the access to information and the action plan area (see its issue)."""
