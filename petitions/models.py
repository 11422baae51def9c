"""Models of the petitions and motions area (see its issue)."""
