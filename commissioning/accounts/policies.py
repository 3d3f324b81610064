"""Who may see and manage people's accounts.

Administrators list, invite and change users. Everyone else may see only their own
account, on the "Your account" page; any other user's page answers 404.
"""

from typing import Any

from django.db import models

from commissioning.core.permissions import Policy
from commissioning.core.roles import STAFF_ROLES, is_admin

from .models import User


class UserPolicy(Policy[User]):
    model = User

    def visible(self, user: Any) -> "models.QuerySet[User]":
        """The user directory (the users/ pages): administrators only."""
        if is_admin(user):
            return User.objects.all()
        return User.objects.none()

    def can_list(self, user: Any) -> bool:
        return is_admin(user)

    def can_create(self, user: Any) -> bool:
        return is_admin(user)

    def can_view(self, user: Any, obj: User) -> bool:
        # Checked without a query: one's own account, or any account for an administrator.
        if not (getattr(user, "is_authenticated", False) and user.is_active):
            return False
        return is_admin(user) or obj.pk == user.pk

    def can_edit(self, user: Any, obj: User) -> bool:
        return is_admin(user)

    def can_view_own_account(self, user: Any) -> bool:
        return bool(getattr(user, "is_authenticated", False) and user.is_active)

    def needs_two_factor(self, user: Any) -> bool:
        """Staff must sign in with a second factor; providers and CSP users need not."""
        return bool(
            getattr(user, "is_authenticated", False) and user.is_active and user.role in STAFF_ROLES
        )


USER_POLICY = UserPolicy()
