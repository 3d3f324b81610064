"""Who may see and change Police and Crime Panel reports.

OPCC staff (including read-only Panel members and assessors) see, preview and download
every report; editors (administrators, commissioning and finance officers) create and
change them while they are drafts. Providers and CSP users see none (404).
"""

from typing import Any

from django.db import models

from commissioning.core.permissions import Policy
from commissioning.core.roles import is_editor, is_staff_role

from .models import PanelReport, ReportStatus


class PanelReportPolicy(Policy[PanelReport]):
    model = PanelReport

    def visible(self, user: Any) -> "models.QuerySet[PanelReport]":
        if is_staff_role(user):
            return PanelReport._default_manager.all()
        return PanelReport._default_manager.none()

    def can_list(self, user: Any) -> bool:
        return is_staff_role(user)

    def can_create(self, user: Any) -> bool:
        return is_editor(user)

    def can_view(self, user: Any, obj: PanelReport) -> bool:
        return is_staff_role(user)

    def can_edit(self, user: Any, obj: PanelReport) -> bool:
        return is_editor(user) and obj.status == ReportStatus.DRAFT

    def can_change_status(self, user: Any, obj: PanelReport) -> bool:
        return is_editor(user)

    def can_delete(self, user: Any, obj: PanelReport) -> bool:
        return False


panel_report_policy = PanelReportPolicy()
