"""The API's sign-in: a token for a user name and password, under the sign-in lockout."""

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import APIException
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.response import Response

from accounts.lockout import paused_message, paused_minutes
from accounts.models import User
from hearth.access import public


class SignInPaused(APIException):
    """429: too many failed sign-ins with this name from this address (the lockout)."""

    status_code = 429
    default_code = "sign_in_paused"

    def __init__(self, request):
        super().__init__(paused_message(request))
        minutes = paused_minutes(request)
        if minutes is not None:
            self.wait = minutes * 60  # DRF sends it as Retry-After


class TokenRequestSerializer(AuthTokenSerializer):
    """A user name no longer than a user name can be: a longer one belongs to nobody, and the
    lockout could not record the attempt (its column is that long)."""

    username = serializers.CharField(
        write_only=True, max_length=User._meta.get_field("username").max_length
    )


class TokenView(ObtainAuthToken):
    """POST username and password; answers {"token": "..."}. Failed attempts count towards
    the sign-in lockout, as on the sign-in page (django-axes, per name and address). Once it
    holds, every attempt — the right password or not, a known name or not — answers 429 with
    how long signing in is paused (and Retry-After), in the request's language; the password
    is not even checked, and the attempt restarts the pause."""

    permission_classes: list = []
    serializer_class = TokenRequestSerializer

    @extend_schema(
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField()}),
            400: OpenApiResponse(description="Unable to sign in with these credentials."),
            429: OpenApiResponse(
                description="Signing in is paused after too many failed attempts with this "
                "name (HEARTH_LOGIN_FAILURE_LIMIT), for HEARTH_LOGIN_COOLOFF_MINUTES after the "
                "last attempt: the message says how long, Retry-After in seconds."
            ),
        }
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            # Set by axes on this request when the attempt met (or made) the lockout.
            if getattr(request, "axes_locked_out", False):
                raise SignInPaused(request)
            raise APIValidationError(serializer.errors)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


urlpatterns = [path("auth/token/", public(TokenView.as_view()), name="api-token")]
