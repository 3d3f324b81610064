"""Who may see and change decision records.

OPCC staff see every decision record; editors draft, change, sign and publish them (a
draft only may be changed or deleted). Panel members and assessors read. Providers and
CSP users see no decision pages (404): published records are on the public site.
"""

from typing import Any

from django.db import models

from commissioning.core.permissions import Policy
from commissioning.core.roles import is_editor, is_staff_role

from .models import Decision, DecisionStatus


class DecisionPolicy(Policy[Decision]):
    model = Decision

    def visible(self, user: Any) -> "models.QuerySet[Decision]":
        if is_staff_role(user):
            return Decision._default_manager.all()
        return Decision._default_manager.none()

    def can_list(self, user: Any) -> bool:
        return is_staff_role(user)

    def can_create(self, user: Any) -> bool:
        return is_editor(user)

    def can_view(self, user: Any, obj: Decision) -> bool:
        return is_staff_role(user)

    def can_edit(self, user: Any, obj: Decision) -> bool:
        return is_editor(user) and obj.status == DecisionStatus.DRAFT

    def can_sign(self, user: Any, obj: Decision) -> bool:
        return is_editor(user) and obj.status == DecisionStatus.DRAFT

    def can_publish(self, user: Any, obj: Decision) -> bool:
        return is_editor(user) and obj.status == DecisionStatus.SIGNED

    def can_delete(self, user: Any, obj: Decision) -> bool:
        return is_editor(user) and obj.status == DecisionStatus.DRAFT


decision_policy = DecisionPolicy()
