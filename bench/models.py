"""Models of the bench app (issue 6)."""
