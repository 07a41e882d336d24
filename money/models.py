"""Models of the money app (issue 5)."""
