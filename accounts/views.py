from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language
from rest_framework.authtoken.models import Token

from accounts.models import User
from hearth.access import public

login = public(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html", redirect_authenticated_user=True
    )
)
logout = public(auth_views.LogoutView.as_view())


@public
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language, and remember it for a signed-in user."""
    response = set_language(request)
    code = request.POST.get("language", "")
    if request.user.is_authenticated and code in dict(
        request.user._meta.get_field("language").choices
    ):
        request.user.language = code
        request.user.save(update_fields=["language"])
    return response


@require_http_methods(["GET", "POST"])
def api_token(request: HttpRequest) -> HttpResponse:
    """Create, replace or revoke the user's API token. The key is shown once."""
    token = Token.objects.filter(user=request.user).first()
    new_key = None
    if request.method == "POST":
        if token:
            token.delete()
            token = None
        if request.POST.get("action") == "create":
            token = Token.objects.create(user=request.user)
            new_key = token.key
            messages.success(
                request,
                _("Your new token is shown below. Copy it now: it will not be shown again."),
            )
        else:
            messages.info(request, _("Your token is revoked."))
    return render(request, "accounts/api_token.html", {"token": token, "new_key": new_key})


class SettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "phone", "language", "daily_digest"]


@require_http_methods(["GET", "POST"])
def my_settings(request: HttpRequest) -> HttpResponse:
    """Your name, how to reach you (the on-call page shows your phone) and the daily e-mail."""
    form = SettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        response = redirect("accounts:settings")
        if form.cleaned_data["language"]:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, form.cleaned_data["language"])
        return response
    return render(request, "accounts/settings.html", {"form": form})
