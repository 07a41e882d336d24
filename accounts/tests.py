"""Sign-in: Argon2 hashing, lockout after repeated failures, API tokens, language choice."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from hearth import testing as t

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[1]


def test_production_hashes_passwords_with_argon2():
    # The tests swap in a fast hasher (conftest); the settings module itself uses Argon2.
    from hearth import settings as hearth_settings

    assert hearth_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_signing_in_is_locked_after_five_failures(client, world):
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": "alice", "password": "wrong"})
    response = client.post(url, {"username": "alice", "password": "correct horse battery"})
    assert response.status_code == 429
    assert "Signing in is paused" in response.content.decode()


def test_the_sign_in_page_says_how_long_signing_in_is_paused_in_the_readers_language(client):
    """Issue 12 §3: the web form and the API say the same, for a name that exists or not."""
    url = reverse("accounts:login")
    for username in ("alice-nobody", "bob-nobody"):
        for _ in range(6):
            response = client.post(
                url, {"username": username, "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="fr"
            )
        assert response.status_code == 429
        assert "La connexion est suspendue pendant 30 minutes" in response.content.decode()


def test_a_correct_sign_in_reaches_the_caseload(client, world):
    response = client.post(
        reverse("accounts:login"),
        {"username": "alice", "password": "correct horse battery"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("cases:my_caseload")


def test_an_api_token_is_issued_for_a_correct_password_only(client, world):
    url = reverse("api-token")
    assert client.post(url, {"username": "alice", "password": "nope"}).status_code == 400
    token = client.post(url, {"username": "alice", "password": "correct horse battery"}).json()
    response = client.get(
        reverse("person-list"), headers={"Authorization": f"Token {token['token']}"}
    )
    assert [p["id"] for p in response.json()["results"]] == [world.p_icm.pk]


def test_a_revoked_token_no_longer_works(client, world):
    client.force_login(world.alice)
    client.post(reverse("accounts:api_token"), {"action": "create"})
    from rest_framework.authtoken.models import Token

    key = Token.objects.get(user=world.alice).key
    client.post(reverse("accounts:api_token"), {"action": "revoke"})
    client.logout()
    response = client.get(reverse("person-list"), headers={"Authorization": f"Token {key}"})
    assert response.status_code == 401


def test_the_chosen_language_is_remembered_for_the_user(client, world):
    client.force_login(world.alice)
    client.post(reverse("accounts:language"), {"language": "da", "next": "/caseload/"})
    world.alice.refresh_from_db()
    assert world.alice.language == "da"
    response = client.get(reverse("cases:my_caseload"))
    assert response.headers["Content-Language"] == "da"
    assert "<h1>Min sagsstamme</h1>" in response.content.decode()


def test_the_api_schema_is_generated_and_documents_the_lifecycle(client, world):
    client.force_login(world.alice)
    schema = client.get(reverse("api-schema"), headers={"Accept": "application/json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/cases/{id}/close/" in paths
    assert "/api/v1/persons/" in paths
    assert client.get(reverse("api-docs")).status_code == 200


def test_production_settings_pass_the_deployment_checks():
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("HEARTH_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env |= {
        "HEARTH_SECRET_KEY": "x" * 60 + "-a-long-random-production-secret-key",
        "HEARTH_ALLOWED_HOSTS": "hearth.example.org",
        "DJANGO_SETTINGS_MODULE": "hearth.settings",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, sys; sys.modules.pop('pytest', None);"
            "from django.core.management import execute_from_command_line;"
            "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level',"
            " 'WARNING'])",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_user_without_memberships_sees_nobody(client):
    admin = t.make_user(username="root")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    assert client.get(reverse("person-list")).json()["count"] == 0


def _fail_on_the_api(client, username: str, times: int) -> None:
    for _ in range(times):
        client.post(reverse("api-token"), {"username": username, "password": "wrong"})


def test_the_api_says_signing_in_is_paused_and_for_how_long(client, world, settings):
    _fail_on_the_api(client, "alice", settings.AXES_FAILURE_LIMIT)
    response = client.post(
        reverse("api-token"), {"username": "alice", "password": "correct horse battery"}
    )
    assert response.status_code == 429
    assert response.json() == {
        "detail": "Signing in is paused for 30 minutes: there were too many failed attempts "
        "with this name. Try again after that, or ask your administrator."
    }
    assert response["Retry-After"] == "1800"


def test_the_pause_is_the_cool_off_of_the_settings_in_minutes(client, world, settings):
    settings.AXES_COOLOFF_TIME = 1 / 60  # hours, as HEARTH_LOGIN_COOLOFF_MINUTES=1 gives
    _fail_on_the_api(client, "alice", settings.AXES_FAILURE_LIMIT)
    response = client.post(reverse("api-token"), {"username": "alice", "password": "wrong"})
    assert response.json()["detail"].startswith("Signing in is paused for 1 minute:")
    assert response["Retry-After"] == "60"


def test_a_locked_unknown_name_gets_the_same_answer_as_a_locked_account(client, world, settings):
    _fail_on_the_api(client, "alice", settings.AXES_FAILURE_LIMIT)
    _fail_on_the_api(client, "nobody-by-this-name", settings.AXES_FAILURE_LIMIT)
    answers = [
        client.post(reverse("api-token"), {"username": name, "password": "wrong"})
        for name in ("alice", "nobody-by-this-name")
    ]
    known, unknown = ((a.status_code, a.json(), a["Retry-After"]) for a in answers)
    assert known == unknown
    assert known[0] == 429


def test_a_name_locked_on_the_sign_in_page_gets_no_token_from_the_api(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"})
    response = client.post(
        reverse("api-token"), {"username": "alice", "password": "correct horse battery"}
    )
    assert response.status_code == 429
    assert "token" not in response.json()


def test_the_pause_is_told_in_the_requests_language_never_the_accounts(client, world, settings):
    from django.utils import translation

    from accounts.lockout import paused_message

    world.alice.language = "da"  # the account's own choice would tell that the name exists
    world.alice.save()
    _fail_on_the_api(client, "alice", settings.AXES_FAILURE_LIMIT)
    body = {"username": "alice", "password": "wrong"}
    french = client.post(reverse("api-token"), body, headers={"Accept-Language": "fr"})
    assert french["Content-Language"] == "fr"
    with translation.override("fr"):
        assert french.json()["detail"] == paused_message()
    plain = client.post(reverse("api-token"), body)
    assert plain["Content-Language"] == "en"
    assert plain.json()["detail"].startswith("Signing in is paused for 30 minutes")


def test_a_user_name_longer_than_any_is_refused_and_not_counted(client, world):
    from axes.models import AccessAttempt

    name = "x" * 151  # longer than any user name; the lockout's column could not hold 256
    response = client.post(reverse("api-token"), {"username": name, "password": "wrong"})
    assert response.status_code == 400
    assert "username" in response.json()
    assert not AccessAttempt.objects.exists()
