"""Models of the referrals app (issue 5)."""
