from datetime import timedelta

import pytest
from django.urls import reverse

from commissioning.accounts import services
from commissioning.accounts.models import User
from commissioning.accounts.tokens import encode_uid, invitation_token_generator
from commissioning.core.roles import Role

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long and fresh passphrase"


@pytest.fixture
def invitee(make_user):
    admin = make_user(Role.ADMIN)
    return services.user_invite(
        actor=admin, email="ivy@opcc.example", full_name="Ivy Invitee", role=Role.ASSESSOR
    )


def _link(user, token=None):
    token = token or invitation_token_generator.make_token(user)
    return reverse("accounts:invitation-accept", args=[encode_uid(user), token])


def test_the_link_moves_the_token_out_of_the_address(client, invitee):
    response = client.get(_link(invitee))
    assert response.status_code == 302
    assert response["Location"] == _link(invitee, token="accept")
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Create a password for your account" in html
    assert "ivy@opcc.example" in html


def test_choosing_a_password_signs_in_and_staff_go_on_to_two_factor(client, invitee):
    url = client.get(_link(invitee))["Location"]
    response = client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == reverse("core:dashboard")
    invitee.refresh_from_db()
    assert invitee.check_password(NEW_PASSWORD)
    assert invitee.invitation_accepted_at is not None
    assert client.session["_auth_user_id"] == str(invitee.pk)
    assert client.get(response["Location"])["Location"].startswith(
        reverse("accounts:two-factor-setup")
    )


def test_a_provider_goes_straight_to_the_dashboard(client, make_user):
    admin = make_user(Role.ADMIN)
    provider = make_user(Role.PROVIDER)
    invitee = services.user_invite(
        actor=admin,
        email="pat@provider.example",
        full_name="Pat Provider",
        role=Role.PROVIDER,
        organisation=provider.organisation,
    )
    url = client.get(_link(invitee))["Location"]
    client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_a_weak_password_is_refused(client, invitee):
    url = client.get(_link(invitee))["Location"]
    response = client.post(url, {"new_password1": "ivyinvitee", "new_password2": "ivyinvitee"})
    assert response.status_code == 200
    assert response.context["form"].errors
    invitee.refresh_from_db()
    assert not invitee.has_usable_password()


def test_the_link_works_once(client, invitee):
    link = _link(invitee)
    url = client.get(link)["Location"]
    client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.post(reverse("accounts:logout"))
    response = client.get(link)
    assert "accounts/invitation_invalid.html" in [t.name for t in response.templates]


def test_an_expired_link_is_refused(client, invitee, settings, monkeypatch):
    link = _link(invitee)
    assert client.get(link).status_code == 302  # valid today
    now = invitation_token_generator._now
    late = timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(invitation_token_generator, "_now", lambda: now() + late)
    response = client.get(link)
    assert response.status_code == 200
    assert "This invitation link has expired or is not valid" in response.content.decode()


@pytest.mark.parametrize("token", ["nonsense", "c0ffee-0123456789abcdef0123"])
def test_an_invalid_token_is_refused(client, invitee, token):
    response = client.get(_link(invitee, token=token))
    assert "accounts/invitation_invalid.html" in [t.name for t in response.templates]


def test_an_unknown_user_is_refused(client):
    response = client.get(reverse("accounts:invitation-accept", args=["MTIzNDU2", "abc-def"]))
    assert "accounts/invitation_invalid.html" in [t.name for t in response.templates]


def test_the_accept_address_without_a_token_in_the_session_is_refused(client, invitee):
    response = client.get(_link(invitee, token="accept"))
    assert "accounts/invitation_invalid.html" in [t.name for t in response.templates]
    response = client.post(
        _link(invitee, token="accept"),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert not User.objects.get(pk=invitee.pk).has_usable_password()
