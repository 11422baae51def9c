"""Models of the public funding for associations area (see its issue)."""
