"""The home page, the information pages and the GOV.UK error pages."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from commissioning import urls as project_urls
from commissioning.accounts.models import User
from commissioning.core import errors
from commissioning.core.permissions import Policy
from commissioning.core.roles import Role
from commissioning.core.views import PolicyView

pytestmark = pytest.mark.django_db


def test_home_page_invites_anonymous_visitors_to_sign_in(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Commissioning for Police and Crime Commissioners" in html
    assert 'href="/accounts/login/"' in html
    assert "govuk-button--start" in html


@pytest.mark.parametrize("role", [Role.COMMISSIONING_OFFICER, Role.PROVIDER])
def test_home_page_sends_signed_in_people_to_their_dashboard(
    make_user: Callable[..., User], login: Callable[[User], Client], role: Role
) -> None:
    client = login(make_user(role))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"


@pytest.mark.parametrize(
    ("path", "title", "content"),
    [
        ("/accessibility/", "Accessibility statement", "Web Content Accessibility Guidelines"),
        ("/cookies/", "Cookies", "sessionid"),
        ("/privacy/", "Privacy notice", "lawful basis"),
    ],
)
def test_information_pages_have_their_content(
    client: Client, path: str, title: str, content: str
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<title>{title} – PCC Commissioning</title>" in html
    assert content in html
    assert html.count("<h1") == 1


def test_information_pages_are_linked_from_every_page_footer(client: Client) -> None:
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="govuk-footer">') :]
    for href in ("/accessibility/", "/cookies/", "/privacy/"):
        assert re.search(rf'<a\s+class="govuk-footer__link"\s+href="{href}"', footer)


def test_missing_page_is_a_gov_uk_page_not_found(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Page not found – PCC Commissioning</title>" in html
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in html
    assert "If you typed the web address, check it is correct." in html
    # Rendered in the service's layout, not Django's bare debug-free page.
    assert "govuk-footer" in html


# A urlconf of its own (this module) so that a refused action can be requested.
class _NobodyPolicy(Policy[User]):
    model = User


class _RefusingView(PolicyView):
    policy = _NobodyPolicy()

    def get(self, request: HttpRequest) -> HttpResponse:
        raise AssertionError("the policy should have refused before the view ran")


urlpatterns = [
    path("refused/", _RefusingView.as_view()),
    *project_urls.urlpatterns,
]
handler403 = project_urls.handler403
handler404 = project_urls.handler404


@pytest.mark.urls("tests.core.test_pages")
def test_refused_action_is_a_gov_uk_403_page(
    make_user: Callable[..., User], login: Callable[[User], Client]
) -> None:
    client = login(make_user(Role.PANEL_MEMBER))
    response = client.get("/refused/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "<title>You cannot do that – PCC Commissioning</title>" in html
    assert "You do not have permission to do that" in html
    assert 'href="/dashboard/"' in html


def test_project_routes_errors_to_the_gov_uk_pages() -> None:
    assert project_urls.handler403 == "commissioning.core.errors.permission_denied"
    assert project_urls.handler404 == "commissioning.core.errors.page_not_found"
    assert project_urls.handler500 == "commissioning.core.errors.server_error"


def test_server_error_page_renders_without_the_database(
    django_assert_num_queries: Any,
) -> None:
    with django_assert_num_queries(0):
        response = errors.server_error(HttpRequest())
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
