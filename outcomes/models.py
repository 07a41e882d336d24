"""Models of the outcomes app (issue 6)."""
