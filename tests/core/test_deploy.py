"""Production readiness: settings refuse to start without their secrets, static files
collect with hashed names, and every response carries the security headers."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def _production(env_overrides: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "commissioning.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_real_secret_key():
    result = _production({"DATABASE_URL": "postgres://u@localhost/db", "DJANGO_ALLOWED_HOSTS": "x"})
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_a_database():
    result = _production({"DJANGO_SECRET_KEY": "k" * 60, "DJANGO_ALLOWED_HOSTS": "x"})
    assert result.returncode != 0
    assert "Set DATABASE_URL" in result.stderr


def test_production_starts_with_its_settings():
    result = _production(
        {
            "DJANGO_SECRET_KEY": "k" * 60,
            "DATABASE_URL": "postgres://u@localhost/db",
            "DJANGO_ALLOWED_HOSTS": "commissioning.example",
        }
    )
    assert result.returncode == 0, result.stderr


def test_an_unknown_email_transport_is_refused():
    result = _production({"EMAIL_TRANSPORT": "pigeon", "DJANGO_SECRET_KEY": "k" * 60})
    assert "EMAIL_TRANSPORT must be one of" in result.stderr


def test_static_files_collect_with_hashed_names(tmp_path, settings):
    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--no-input", verbosity=0)
    paths = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert {"app.css", "govuk/all.bundle.js", "js/init.js"} <= set(paths)
    assert (tmp_path / paths["app.css"]).exists()


@pytest.mark.django_db
def test_security_headers_are_on_every_response(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_production_refuses_smtp_without_encryption():
    base = {
        "DJANGO_SECRET_KEY": "k" * 60,
        "DATABASE_URL": "postgres://u@localhost/db",
        "DJANGO_ALLOWED_HOSTS": "commissioning.example",
        "EMAIL_TRANSPORT": "smtp",
    }
    refused = _production(base)
    assert "Set EMAIL_USE_TLS or EMAIL_USE_SSL" in refused.stderr
    assert _production({**base, "EMAIL_USE_TLS": "true"}).returncode == 0
