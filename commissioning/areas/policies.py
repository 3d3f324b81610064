"""Who may see and change policing areas, sub-areas and groups of sub-areas.

Areas are reference data: every member of staff may read them, editors keep the
sub-areas and groups up to date, and only an administrator creates or renames a
policing area. Outside the office, a Community Safety Partnership user may see the
one sub-area their partnership covers (their dashboard links to it) and nothing
else; a provider user sees no area pages at all. Anything hidden answers 404.
"""

from typing import Any

from django.db.models import QuerySet

from commissioning.core.permissions import Policy
from commissioning.core.roles import Role, has_role, is_admin, is_editor, is_staff_role

from .models import PolicingArea, SubArea, SubAreaGroup


class PolicingAreaPolicy(Policy[PolicingArea]):
    model = PolicingArea

    def visible(self, user: Any) -> QuerySet[PolicingArea]:
        if is_staff_role(user):
            return PolicingArea.objects.all()
        return PolicingArea.objects.none()

    def can_list(self, user: Any) -> bool:
        return is_staff_role(user)

    def can_create(self, user: Any) -> bool:
        return is_admin(user)

    def can_edit(self, user: Any, obj: PolicingArea) -> bool:
        return is_admin(user)

    def can_view_history(self, user: Any, obj: PolicingArea) -> bool:
        return is_staff_role(user)


class SubAreaPolicy(Policy[SubArea]):
    model = SubArea

    def visible(self, user: Any) -> QuerySet[SubArea]:
        if is_staff_role(user):
            return SubArea.objects.all()
        if has_role(user, {Role.CSP}) and user.csp_area_id is not None:
            return SubArea.objects.filter(pk=user.csp_area_id)
        return SubArea.objects.none()

    def can_list(self, user: Any) -> bool:
        return is_staff_role(user)

    def can_create(self, user: Any) -> bool:
        return is_editor(user)

    def can_edit(self, user: Any, obj: SubArea) -> bool:
        return is_editor(user)

    def can_view_history(self, user: Any, obj: SubArea) -> bool:
        # The audit trail names OPCC staff; it is for the office, not for partners.
        return is_staff_role(user)


class SubAreaGroupPolicy(Policy[SubAreaGroup]):
    model = SubAreaGroup

    def visible(self, user: Any) -> QuerySet[SubAreaGroup]:
        if is_staff_role(user):
            return SubAreaGroup.objects.all()
        return SubAreaGroup.objects.none()

    def can_list(self, user: Any) -> bool:
        return is_staff_role(user)

    def can_create(self, user: Any) -> bool:
        return is_editor(user)

    def can_edit(self, user: Any, obj: SubAreaGroup) -> bool:
        return is_editor(user)

    def can_view_history(self, user: Any, obj: SubAreaGroup) -> bool:
        return is_staff_role(user)


policing_area_policy = PolicingAreaPolicy()
sub_area_policy = SubAreaPolicy()
sub_area_group_policy = SubAreaGroupPolicy()
