import pytest
from django.urls import reverse

from commissioning.core.roles import STAFF_ROLES, Role
from tests.factories import make_totp_device

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:two-factor-setup")
VERIFY = reverse("accounts:two-factor-verify")


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_unverified_staff_without_an_authenticator_are_sent_to_set_up(client, make_user, role):
    client.force_login(make_user(role))
    response = client.get("/dashboard/?tab=1")
    assert response.status_code == 302
    assert response["Location"] == SETUP + "?next=%2Fdashboard%2F%3Ftab%3D1"


def test_unverified_staff_with_an_authenticator_are_sent_to_verify(client, make_user):
    user = make_user(Role.ADMIN)
    make_totp_device(user)
    client.force_login(user)
    response = client.get(reverse("accounts:user-list"))
    assert response["Location"] == VERIFY + "?next=%2Fusers%2F"


def test_a_post_is_stopped_too(client, make_user):
    user = make_user(Role.ADMIN)
    client.force_login(user)
    response = client.post(reverse("accounts:user-invite"), {"full_name": "X"})
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)


def test_unknown_addresses_are_stopped_too(client, make_user):
    client.force_login(make_user(Role.ADMIN))
    assert client.get("/no-such-page/")["Location"].startswith(SETUP)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/accessibility/",
        "/cookies/",
        "/privacy/",
        "/healthz",
        SETUP,
        reverse("accounts:signed-out"),
    ],
)
def test_public_pages_and_two_factor_pages_are_reachable(client, make_user, url):
    client.force_login(make_user(Role.ASSESSOR))
    response = client.get(url)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        # The home page sends signed-in people on; that is the page's own redirect.
        assert not response["Location"].startswith((SETUP, VERIFY))


def test_static_files_are_reachable(client, make_user):
    client.force_login(make_user(Role.ASSESSOR))
    response = client.get("/static/app.css")
    assert response.status_code != 302


def test_unverified_staff_can_sign_out(client, make_user):
    client.force_login(make_user(Role.FINANCE_OFFICER))
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:signed-out")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.CSP])
def test_providers_and_csp_users_need_no_second_factor(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get("/dashboard/").status_code == 200
    assert client.get(reverse("accounts:account")).status_code == 200


def test_verified_staff_pass(client, make_user, login):
    login(make_user(Role.PANEL_MEMBER))
    assert client.get("/dashboard/").status_code == 200


def test_anonymous_visitors_are_left_to_the_views(client):
    response = client.get("/dashboard/")
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_reset_device_ends_verification(client, make_user, login):
    user = make_user(Role.COMMISSIONING_OFFICER)
    login(user)
    user.totpdevice_set.all().delete()
    assert client.get("/dashboard/")["Location"].startswith(SETUP)


def test_static_addresses_are_exempt_even_when_whitenoise_does_not_answer():
    from commissioning.accounts.middleware import is_exempt

    assert is_exempt("/static/anything/at/all.js")
    assert not is_exempt("/users/")
