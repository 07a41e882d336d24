"""Models of the feedback app (issue 6)."""
