"""Who may see and change the organisations register.

OPCC staff (including read-only Panel members and assessors) see every organisation;
editors add, change and merge them. A provider user sees only their own organisation's
page, read-only; a CSP user sees none. Anything hidden is reported as missing (404).
"""

from typing import Any

from django.db import models

from commissioning.core.permissions import Policy
from commissioning.core.roles import Role, has_role, is_editor, is_staff_role

from .models import Organisation


class OrganisationPolicy(Policy[Organisation]):
    model = Organisation

    def visible(self, user: Any) -> "models.QuerySet[Organisation]":
        manager = Organisation._default_manager
        if is_staff_role(user):
            return manager.all()
        if has_role(user, {Role.PROVIDER}) and user.organisation_id:
            return manager.filter(pk=user.organisation_id)
        return manager.none()

    def can_list(self, user: Any) -> bool:
        return is_staff_role(user)

    def can_create(self, user: Any) -> bool:
        return is_editor(user)

    def can_view(self, user: Any, obj: Organisation) -> bool:
        # Answered without a query: the rules depend only on the role and the pk.
        if is_staff_role(user):
            return True
        return bool(
            has_role(user, {Role.PROVIDER})
            and user.organisation_id
            and user.organisation_id == obj.pk
        )

    def can_view_internal(self, user: Any, obj: Organisation) -> bool:
        """Notes and the change history are the OPCC's working record, for staff only."""
        return is_staff_role(user)

    def can_edit(self, user: Any, obj: Organisation) -> bool:
        # A merged record is kept as it was, as evidence; changes go to the kept record.
        return is_editor(user) and not obj.is_merged

    def can_merge(self, user: Any) -> bool:
        # Which pairs may be merged is a rule of the register, not of the person:
        # merging.merge_problems says why a pair cannot, in words an officer can act on.
        return is_editor(user)

    def can_delete(self, user: Any, obj: Organisation) -> bool:
        # Organisations are merged or marked inactive, never deleted: other records
        # (grants, contracts, users) and the history refer to them.
        return False


organisation_policy = OrganisationPolicy()
