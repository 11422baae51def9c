"""Co-evaluation of the action plan (issue 9): see docs/transparency-coevaluation.md."""
