"""Transparency: ati."""
