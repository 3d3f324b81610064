"""The service navigation: each role sees the sections it may use, and the section of
the current page is marked."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory

from commissioning.accounts.models import User
from commissioning.core.navigation import navigation_for
from commissioning.core.roles import Role

pytestmark = pytest.mark.django_db

STAFF_SECTIONS = [
    "Dashboard",
    "Frameworks",
    "Consultations",
    "Decisions",
    "Panel reports",
    "Plans",
    "Organisations",
    "Areas",
]
PUBLIC = "Published information"


def _labels(rf: RequestFactory, user: object, path: str = "/dashboard/") -> list[str]:
    request = rf.get(path)
    _verify(user)
    request.user = user  # type: ignore[assignment]
    return [str(item.text) for item in navigation_for(request)]


def _verify(user: object) -> None:
    """As django-otp's middleware does once the person has entered their code."""
    user.is_verified = lambda: True  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.ADMIN, [*STAFF_SECTIONS, "Users", PUBLIC]),
        (Role.COMMISSIONING_OFFICER, [*STAFF_SECTIONS, PUBLIC]),
        (Role.FINANCE_OFFICER, [*STAFF_SECTIONS, PUBLIC]),
        (Role.ASSESSOR, [*STAFF_SECTIONS, PUBLIC]),
        (Role.PANEL_MEMBER, [*STAFF_SECTIONS, PUBLIC]),
        (Role.PROVIDER, ["Dashboard", PUBLIC]),
        (Role.CSP, ["Dashboard", PUBLIC]),
    ],
)
def test_sections_shown_per_role(
    rf: RequestFactory, make_user: Callable[..., User], role: Role, expected: list[str]
) -> None:
    assert _labels(rf, make_user(role)) == expected


def test_anonymous_visitors_see_only_the_published_information(rf: RequestFactory) -> None:
    assert _labels(rf, AnonymousUser(), "/transparency/") == [PUBLIC]


def test_inactive_staff_get_no_staff_sections(
    rf: RequestFactory, make_user: Callable[..., User]
) -> None:
    assert _labels(rf, make_user(Role.ADMIN, is_active=False)) == [PUBLIC]


def test_the_current_section_is_marked(rf: RequestFactory, make_user: Callable[..., User]) -> None:
    request = rf.get("/organisations/")
    request.user = make_user(Role.COMMISSIONING_OFFICER)
    _verify(request.user)
    items = {str(item.text): item for item in navigation_for(request)}
    organisations = items["Organisations"]
    assert (organisations.href, organisations.current, organisations.active) == (
        "/organisations/",
        True,
        True,
    )
    assert (items["Dashboard"].current, items["Dashboard"].active) == (False, False)

    # A page inside a section (an organisation's page) marks it active, not current.
    request = rf.get("/organisations/42/")
    request.user = make_user(Role.COMMISSIONING_OFFICER)
    _verify(request.user)
    items = {str(item.text): item for item in navigation_for(request)}
    assert (items["Organisations"].current, items["Organisations"].active) == (False, True)


def test_navigation_is_rendered_with_the_current_page_marked(
    make_user: Callable[..., User], login: Callable[[User], Client]
) -> None:
    client = login(make_user(Role.ADMIN))
    html = client.get("/dashboard/").content.decode()
    assert 'href="/dashboard/" aria-current="page"' in html
    assert 'href="/users/"' in html
    assert 'href="/organisations/"' in html


def test_provider_page_shows_no_staff_sections(
    make_user: Callable[..., User], login: Callable[[User], Client]
) -> None:
    client = login(make_user(Role.PROVIDER))
    html = client.get("/dashboard/").content.decode()
    assert 'href="/dashboard/"' in html
    assert 'href="/organisations/"' not in html
    assert 'href="/users/"' not in html


def test_unverified_staff_see_no_sections_until_they_enter_their_code(make_user, client):
    from django.urls import reverse

    officer = make_user(Role.COMMISSIONING_OFFICER)
    client.force_login(officer)  # signed in, but no second factor yet
    html = client.get(reverse("accounts:two-factor-setup")).content.decode()
    assert 'href="/organisations/"' not in html
    assert "Your account" not in html
    assert "Sign out" in html


def test_anonymous_visitors_are_offered_sign_in_never_sign_out(client: Client) -> None:
    html = client.get("/transparency/").content.decode()
    assert 'href="/transparency/"' in html
    assert "Sign in" in html
    assert "Sign out" not in html
    assert "Your account" not in html
