"""The service navigation: which sections a person sees depends on their role.

Sections are named by URL name, so core does not import the apps above it.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .roles import EXTERNAL_ROLES, STAFF_ROLES, Role, has_role


@dataclass(frozen=True)
class NavItem:
    text: str | Promise
    href: str
    current: bool
    active: bool


# (label, URL name, roles that see it, path prefix that marks it active)
_SECTIONS: list[tuple[Promise, str, frozenset[Role], str]] = [
    (_("Dashboard"), "core:dashboard", STAFF_ROLES | EXTERNAL_ROLES, "/dashboard"),
    (_("Frameworks"), "budgets:list", STAFF_ROLES, "/frameworks"),
    (_("Consultations"), "consultations:list", STAFF_ROLES, "/consultations"),
    (_("Decisions"), "decisions:list", STAFF_ROLES, "/decisions"),
    (_("Panel reports"), "reports:list", STAFF_ROLES, "/reports"),
    (_("Plans"), "plans:list", STAFF_ROLES, "/plans"),
    (_("Organisations"), "organisations:list", STAFF_ROLES, "/organisations"),
    (_("Areas"), "areas:list", STAFF_ROLES, "/areas"),
    (_("Users"), "accounts:user-list", frozenset({Role.ADMIN}), "/users"),
]
# For everyone, signed in or not: what the office has published.
_PUBLIC_SECTIONS: list[tuple[Promise, str, str]] = [
    (_("Published information"), "publishing:index", "/transparency"),
]


def navigation_for(request: HttpRequest) -> list[NavItem]:
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    if signed_in and has_role(user, STAFF_ROLES) and not _verified(user):
        # Until the second factor is entered, the only way on is the code page.
        return []
    sections = [(s[0], s[1], s[3]) for s in _SECTIONS if signed_in and has_role(user, s[2])]
    items = []
    for label, url_name, prefix in [*sections, *_PUBLIC_SECTIONS]:
        try:
            href = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append(
            NavItem(
                text=label,
                href=href,
                current=request.path == href,
                active=request.path.startswith(prefix),
            )
        )
    return items


def _verified(user: object) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified()) if callable(is_verified) else False
