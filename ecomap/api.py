"""API endpoints of the ecomap app, registered on the /api/v1/ router by hearth.api."""


def register(router) -> None:
    """Register this app's viewsets on the API router."""
