"""Test helpers of the tools app."""


def walk_ids(case) -> dict:
    """Ids of this app's records about ``case``, for the access walk (hearth/tests)."""
    return {}
