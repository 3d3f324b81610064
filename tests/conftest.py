"""Fixtures every test may use. Keep this small: data belongs in the test that needs it."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django import DjangoDbBlocker

from commissioning.accounts.models import User
from commissioning.core.roles import STAFF_ROLES, Role
from commissioning.demo.loader import load_demo
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
def _private_media(
    request: pytest.FixtureRequest, settings: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Uploaded documents go to a throwaway directory, never the developer's var/media."""
    if "demo_loaded" in request.fixturenames:
        return  # the shared demo's documents are in the module's own directory
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


# The demo loaded once per test module, for the tests that only read it. Loading the demo
# takes seconds (frameworks, the consultation's responses, PDFs); most demo tests only
# look at what it made. ``demo_loaded`` loads it once inside a transaction rolled back
# after the module; each test runs inside it in a savepoint of its own (pytest-django's
# usual per-test rollback), so a test's changes never reach the next. A module that uses
# it must not also hold tests that need an empty database.
@pytest.fixture(scope="module")
def demo_loaded(
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("demo-media")))
    with media, django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)
