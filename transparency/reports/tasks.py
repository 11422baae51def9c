"""Periodic and background tasks."""
