"""Transparency: access-to-information requests (Law 31-13)."""
