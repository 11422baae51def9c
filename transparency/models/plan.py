"""The national action plan, progress and co-creation."""
