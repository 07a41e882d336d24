"""Models of the directory app (issue 5)."""
