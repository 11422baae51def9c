"""Transparency: plan."""
