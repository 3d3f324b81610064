"""Every view we route to is guarded by a permission policy.

The checker walks the whole URL configuration. A view of ours (its module under
``commissioning.``) must subclass :class:`PolicyView` and name a :class:`Policy`
instance; a view from a library may be routed only if it is listed below with a reason,
so that wiring ``auth_views.LoginView`` (or any unguarded view) straight into a urlconf
cannot slip through.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path
from django.urls.resolvers import RoutePattern
from django.views import View

from commissioning.core.api import PolicyAPIMixin
from commissioning.core.permissions import PUBLIC, Policy
from commissioning.core.views import PolicyView, PublicTemplateView

# Library views we route to on purpose, each with why it is safe unguarded.
ALLOWED_LIBRARY_VIEWS: dict[str, str] = {}


@dataclass(frozen=True)
class Route:
    path: str
    name: str | None
    callback: Any
    parameterless: bool

    @property
    def view_class(self) -> type | None:
        return getattr(self.callback, "view_class", None) or getattr(self.callback, "cls", None)

    @property
    def dotted(self) -> str:
        target = self.view_class or self.callback
        return f"{target.__module__}.{target.__qualname__}"


def iter_routes(
    patterns: list[Any] | None = None, prefix: str = "", parameterless: bool = True
) -> Iterator[Route]:
    """Every URL pattern, recursing into included urlconfs, with its full route."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        pattern = entry.pattern
        plain = isinstance(pattern, RoutePattern) and not pattern.converters
        route = prefix + str(pattern)
        if isinstance(entry, URLResolver):
            yield from iter_routes(entry.url_patterns, route, parameterless and plain)
        elif isinstance(entry, URLPattern):
            yield Route("/" + route, entry.name, entry.callback, parameterless and plain)


def policy_problems(routes: Iterator[Route] | list[Route]) -> list[str]:
    """Describe every route whose view is not guarded by a policy."""
    problems = []
    for route in routes:
        view_class = route.view_class
        ours = route.dotted.startswith("commissioning.")
        if not ours:
            if route.dotted not in ALLOWED_LIBRARY_VIEWS:
                problems.append(f"{route.path}: library view {route.dotted} has no policy")
            continue
        if view_class is None or not issubclass(view_class, PolicyView | PolicyAPIMixin):
            problems.append(
                f"{route.path}: {route.dotted} does not subclass PolicyView or PolicyAPIMixin"
            )
            continue
        policy = getattr(view_class, "policy", None)
        if not isinstance(policy, Policy):
            problems.append(f"{route.path}: {route.dotted}.policy is not a Policy instance")
    return problems


def is_guarded(route: Route) -> bool:
    return route.view_class is not None and issubclass(route.view_class, PolicyView)


def is_public(route: Route) -> bool:
    view_class = route.view_class
    assert view_class is not None
    return getattr(view_class, "policy", None) is PUBLIC or not getattr(
        view_class, "login_required", True
    )


def test_the_url_configuration_has_routes_to_check() -> None:
    routes = list(iter_routes())
    # Guard against a walker that silently finds nothing (and so passes everything).
    assert len(routes) >= 6
    assert {"/", "/healthz", "/dashboard/"} <= {route.path for route in routes}


def test_every_routed_view_is_guarded_by_a_policy() -> None:
    problems = policy_problems(iter_routes())
    assert not problems, "Views without a permission policy:\n" + "\n".join(problems)


# --- The checker itself catches the mistakes it exists for -----------------------------


class PlainView(View):
    pass


PlainView.__module__ = "commissioning.fake.views"


class NoPolicyView(PolicyView):
    pass


NoPolicyView.__module__ = "commissioning.fake.views"


class WrongPolicyView(PolicyView):
    policy = "staff"  # type: ignore[assignment]


WrongPolicyView.__module__ = "commissioning.fake.views"


class GoodView(PublicTemplateView):
    template_name = "core/home.html"


GoodView.__module__ = "commissioning.fake.views"


def _fake_urlconf() -> list[Any]:
    from django.contrib.auth import views as auth_views
    from django.urls import include

    nested: list[Any] = [
        path("plain/", PlainView.as_view(), name="plain"),
        path("<int:pk>/no-policy/", NoPolicyView.as_view(), name="no-policy"),
    ]
    return [
        path("good/", GoodView.as_view(), name="good"),
        path("wrong/", WrongPolicyView.as_view(), name="wrong"),
        path("login/", auth_views.LoginView.as_view(), name="login"),
        path("things/", include((nested, "things"))),
    ]


def test_checker_reports_views_without_a_policy() -> None:
    routes = list(iter_routes(_fake_urlconf()))
    problems = policy_problems(routes)
    assert problems == [
        "/wrong/: commissioning.fake.views.WrongPolicyView.policy is not a Policy instance",
        "/login/: library view django.contrib.auth.views.LoginView has no policy",
        "/things/plain/: commissioning.fake.views.PlainView does not subclass PolicyView or PolicyAPIMixin",
        "/things/<int:pk>/no-policy/: commissioning.fake.views.NoPolicyView.policy "
        "is not a Policy instance",
    ]


def test_walker_knows_which_routes_take_parameters() -> None:
    routes = {route.path: route.parameterless for route in iter_routes(_fake_urlconf())}
    assert routes["/things/plain/"] is True
    assert routes["/things/<int:pk>/no-policy/"] is False


# --- Anonymous visitors are sent to sign in ----------------------------------------------


def _private_parameterless_routes() -> list[Route]:
    return [
        route
        for route in iter_routes()
        if route.parameterless and is_guarded(route) and not is_public(route)
    ]


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in_from_every_private_page(client: Client) -> None:
    routes = _private_parameterless_routes()
    assert routes, "expected some private pages (the dashboard at least)"
    login_url = resolve_url(settings.LOGIN_URL)
    wrong = []
    for route in routes:
        response = client.get(route.path)
        location = response.headers.get("Location", "")
        if response.status_code != 302 or not location.startswith(login_url):
            wrong.append(f"{route.path} ({route.dotted}): {response.status_code} {location}")
    assert not wrong, "Private pages that do not send anonymous visitors to sign in:\n" + "\n".join(
        wrong
    )


@pytest.mark.django_db
def test_public_pages_answer_anonymous_visitors(client: Client) -> None:
    public = [
        route
        for route in iter_routes()
        if route.parameterless and is_guarded(route) and is_public(route)
    ]
    assert "/" in {route.path for route in public}
    for route in public:
        response = client.get(route.path)
        # Public pages answer; some (sign-out, the API schema) may redirect or refuse GET.
        assert response.status_code in {200, 302, 405}, route.path
