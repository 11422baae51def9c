"""Progress reports of the action plan: CSV, XLSX and PDF."""
