"""The minimal journey, run on whatever database DATABASE_URL names (SQLite in `make test`,
the zero-set-up database of `make run`): migrate, load the demo data, sign in through the
real forms (CSRF enforced, two-factor included), see the dashboard.

pytest-django applies every migration when it creates the test database, so a migration
that only works on PostgreSQL fails here.
"""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from commissioning.accounts.models import User
from commissioning.core.roles import STAFF_ROLES

pytestmark = [pytest.mark.smoke, pytest.mark.django_db]

DEMO_PASSWORD = "demo-password-2017"  # README.md: every demo account shares it
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _csrf(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "the form has no CSRF token"
    return match.group(1)


def _current_code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return str(code).zfill(device.digits)


def _sign_in(client: Client, email: str) -> str:
    """Sign in through the real forms; return the dashboard's HTML."""
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    response = client.post(
        "/accounts/login/",
        {"username": email, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": _csrf(page.text)},
        follow=True,
    )
    assert response.status_code == 200
    user = User.objects.get(email=email)
    if user.role in STAFF_ROLES:
        assert response.redirect_chain[-1][0].startswith("/accounts/two-factor/verify/")
        response = client.post(
            response.redirect_chain[-1][0],
            {"token": _current_code(user), "csrfmiddlewaretoken": _csrf(response.text)},
            follow=True,
        )
    assert response.redirect_chain[-1][0] == "/dashboard/", response.redirect_chain
    assert response.status_code == 200
    return response.text


@pytest.fixture
def demo(db: None) -> None:
    call_command("load_demo", verbosity=0)


def test_migrations_ran_on_the_configured_database() -> None:
    # Reported so the run's log shows which database the smoke tests used.
    assert connection.vendor in {"sqlite", "postgresql"}
    assert "accounts_user" in connection.introspection.table_names()


def test_demo_data_loads_and_has_an_account_for_every_role(demo: None) -> None:
    roles = set(User.objects.values_list("role", flat=True))
    assert roles >= STAFF_ROLES
    assert {"provider", "csp"} <= roles


def test_demo_data_can_be_loaded_again(demo: None) -> None:
    # `make run` loads it on every start.
    users = User.objects.count()
    call_command("load_demo", verbosity=0)
    assert User.objects.count() == users


def test_home_page(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "Sign in" in response.text


def test_officer_signs_in_with_two_factor_and_sees_the_dashboard(demo: None) -> None:
    client = Client(enforce_csrf_checks=True)
    html = _sign_in(client, "officer@demo.example")
    assert "Welcome," in html
    # Signed in, the home page leads to the dashboard, and the register opens.
    assert client.get("/").headers["Location"] == "/dashboard/"
    assert client.get("/organisations/").status_code == 200


def test_provider_signs_in_and_sees_the_dashboard(demo: None) -> None:
    client = Client(enforce_csrf_checks=True)
    html = _sign_in(client, "provider@demo.example")
    assert "Your organisation&#x27;s details" in html or "Your organisation's details" in html
