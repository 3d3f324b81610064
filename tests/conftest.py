"""Fixtures every test may use. Keep this small: data belongs in the test that needs it."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from commissioning.accounts.models import User
from commissioning.core.roles import STAFF_ROLES, Role
from tests.factories import OrganisationFactory, SubAreaFactory, UserFactory, make_totp_device


@pytest.fixture
def login(client: Client) -> Callable[[User], Client]:
    """Sign a user in on the test client; staff are signed in with two-factor verified."""

    def _login(user: User) -> Client:
        client.force_login(user)
        if user.role in STAFF_ROLES:
            device = TOTPDevice.objects.filter(
                user=user, confirmed=True
            ).first() or make_totp_device(user)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    return _login


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    """A user of the given role, with the organisation or CSP area that role needs."""

    def _make(role: Role = Role.COMMISSIONING_OFFICER, **kwargs: object) -> User:
        if role == Role.PROVIDER:
            kwargs.setdefault("organisation", OrganisationFactory())
        if role == Role.CSP:
            kwargs.setdefault("csp_area", SubAreaFactory())
        user: User = UserFactory(role=role, **kwargs)  # type: ignore[assignment]
        return user

    return _make


@pytest.fixture
def officer_client(make_user: Callable[..., User], login: Callable[[User], Client]) -> Client:
    return login(make_user(Role.COMMISSIONING_OFFICER))


@pytest.fixture
def opcc_admin_client(make_user: Callable[..., User], login: Callable[[User], Client]) -> Client:
    return login(make_user(Role.ADMIN))


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded documents go to a throwaway directory, never the developer's var/media."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
