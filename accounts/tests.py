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
