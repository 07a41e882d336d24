"""Models of the economics app (issue 6)."""
