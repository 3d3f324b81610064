"""Who may see and change Police and Crime Plans.

A plan is the OPCC's own strategy document: OPCC staff (including read-only Panel
members and assessors) see every plan of every area; editors (administrators,
commissioning and finance officers) add, change and revise plans, their priorities and
their Key Performance Questions. Providers and CSP users see no plan pages at all: not
even the list answers them with anything but "not found" (what they may read of a plan
is what the public site publishes).
"""

from typing import Any

from django.db import models

from commissioning.core.permissions import Policy
from commissioning.core.roles import is_editor, is_staff_role

from .models import PoliceAndCrimePlan


class PlanPolicy(Policy[PoliceAndCrimePlan]):
    model = PoliceAndCrimePlan

    def visible(self, user: Any) -> "models.QuerySet[PoliceAndCrimePlan]":
        if is_staff_role(user):
            return PoliceAndCrimePlan._default_manager.all()
        return PoliceAndCrimePlan._default_manager.none()

    def hides_everything_from(self, user: Any) -> bool:
        """Signed-in people outside the OPCC: every plan page answers 404 to them."""
        return bool(user.is_authenticated) and not is_staff_role(user)

    def can_list(self, user: Any) -> bool:
        return is_staff_role(user)

    def can_create(self, user: Any) -> bool:
        return is_editor(user)

    def can_view(self, user: Any, obj: PoliceAndCrimePlan) -> bool:
        # Answered without a query: every staff member sees every plan.
        return is_staff_role(user)

    def can_edit(self, user: Any, obj: PoliceAndCrimePlan) -> bool:
        """Change the plan, its priorities and its Key Performance Questions."""
        return is_editor(user)

    def can_revise(self, user: Any, obj: PoliceAndCrimePlan) -> bool:
        return is_editor(user)

    def can_delete(self, user: Any, obj: PoliceAndCrimePlan) -> bool:
        # Plans are revised, never deleted: frameworks and their history point at them.
        return False


plan_policy = PlanPolicy()
