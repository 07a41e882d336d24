"""Models of the documents app (issue 5)."""
