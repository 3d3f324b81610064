"""The roles a person can hold. Defined here, below every app, so that each domain's
permission policy can ask about a role without importing the accounts app."""

from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("OPCC administrator")
    COMMISSIONING_OFFICER = "commissioning_officer", _("Commissioning officer")
    FINANCE_OFFICER = "finance_officer", _("Finance officer")
    ASSESSOR = "assessor", _("Assessor")
    PANEL_MEMBER = "panel_member", _("Police and Crime Panel member")
    PROVIDER = "provider", _("Provider user")
    CSP = "csp", _("Community Safety Partnership user")


# Staff work inside the OPCC (or scrutinise it, read-only) and must use two-factor.
STAFF_ROLES = frozenset(
    {
        Role.ADMIN,
        Role.COMMISSIONING_OFFICER,
        Role.FINANCE_OFFICER,
        Role.ASSESSOR,
        Role.PANEL_MEMBER,
    }
)
# Staff who may change commissioning records (Panel members only read).
EDITOR_ROLES = frozenset({Role.ADMIN, Role.COMMISSIONING_OFFICER, Role.FINANCE_OFFICER})
# Roles scoped to one record outside the OPCC.
EXTERNAL_ROLES = frozenset({Role.PROVIDER, Role.CSP})

ROLE_DESCRIPTIONS = {
    Role.ADMIN: _("Manages users and reference data, and can do everything an officer can."),
    Role.COMMISSIONING_OFFICER: _("Builds frameworks, consultations, grants and contracts."),
    Role.FINANCE_OFFICER: _("Maintains budgets, funding sources and payments."),
    Role.ASSESSOR: _("Scores grant applications and reviews monitoring returns."),
    Role.PANEL_MEMBER: _("Reads commissioning records to scrutinise the Commissioner."),
    Role.PROVIDER: _("Sees and updates only their own organisation's records."),
    Role.CSP: _("Sees and updates only their Community Safety Partnership's records."),
}


class RoleHolder(Protocol):
    """What a policy needs to know about a person (the accounts app's User)."""

    is_authenticated: bool
    is_active: bool
    role: str
    organisation_id: int | None
    csp_area_id: int | None


def has_role(user: object, roles: frozenset[Role] | set[Role]) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and getattr(user, "role", None) in roles
    )


def is_staff_role(user: object) -> bool:
    return has_role(user, STAFF_ROLES)


def is_editor(user: object) -> bool:
    return has_role(user, EDITOR_ROLES)


def is_admin(user: object) -> bool:
    return has_role(user, {Role.ADMIN})
