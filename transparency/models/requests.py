"""Access-to-information requests (Law 31-13)."""
