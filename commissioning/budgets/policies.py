"""Who may see and change Commissioning Frameworks.

OPCC staff (including read-only Panel members and assessors) see every framework of
every area; editors (administrators, commissioning and finance officers) create and
change them, and only while a framework is a draft or out for consultation. Providers
and CSP users see no framework pages (404): what they may see of a framework is what
the public site publishes.
"""

from typing import Any

from django.db import models

from commissioning.core.permissions import Policy
from commissioning.core.roles import is_editor, is_staff_role

from .models import Framework
from .services import EDITABLE


class FrameworkPolicy(Policy[Framework]):
    model = Framework

    def visible(self, user: Any) -> "models.QuerySet[Framework]":
        if is_staff_role(user):
            return Framework._default_manager.all()
        return Framework._default_manager.none()

    def can_list(self, user: Any) -> bool:
        return is_staff_role(user)

    def can_create(self, user: Any) -> bool:
        return is_editor(user)

    def can_view(self, user: Any, obj: Framework) -> bool:
        return is_staff_role(user)

    def can_edit(self, user: Any, obj: Framework) -> bool:
        """Change the content (lines, categories, sources, narrative)."""
        return is_editor(user) and obj.status in EDITABLE

    def can_change_status(self, user: Any, obj: Framework) -> bool:
        return is_editor(user)

    def can_refresh(self, user: Any, obj: Framework) -> bool:
        return is_editor(user)

    def can_delete(self, user: Any, obj: Framework) -> bool:
        # Frameworks are kept as the record of what was decided; a draft is superseded
        # by a refresh rather than deleted.
        return False


framework_policy = FrameworkPolicy()
