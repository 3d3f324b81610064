"""Who may see and change consultations.

Staff see every consultation; editors build them, enter responses received on paper,
analyse and respond. Panel members and assessors read. Providers and CSP users see only
what the public sees. The public sees a consultation once it has opened (never while it is
forthcoming), and its responses only through the published outcome.
"""

from typing import Any

from django.db import models
from django.utils import timezone

from commissioning.core.permissions import Policy
from commissioning.core.roles import is_editor, is_staff_role

from .models import Consultation


class ConsultationPolicy(Policy[Consultation]):
    model = Consultation

    def visible(self, user: Any) -> "models.QuerySet[Consultation]":
        if is_staff_role(user):
            return Consultation._default_manager.all()
        return Consultation._default_manager.none()

    def can_list(self, user: Any) -> bool:
        return is_staff_role(user)

    def can_create(self, user: Any) -> bool:
        return is_editor(user)

    def can_view(self, user: Any, obj: Consultation) -> bool:
        return is_staff_role(user)

    def can_edit(self, user: Any, obj: Consultation) -> bool:
        return is_editor(user)

    def can_analyse(self, user: Any, obj: Consultation) -> bool:
        return is_editor(user)


class PublicConsultationPolicy(Policy[Consultation]):
    """The public pages: anyone, signed in or not."""

    model = Consultation

    def visible(self, user: Any) -> "models.QuerySet[Consultation]":
        return Consultation._default_manager.filter(opens_at__lte=timezone.now())

    def can_list(self, user: Any) -> bool:
        return True


consultation_policy = ConsultationPolicy()
public_consultation_policy = PublicConsultationPolicy()
