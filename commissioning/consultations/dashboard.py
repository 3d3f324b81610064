"""The consultations panel on the staff dashboard: what is open, and what awaits its
analysis or its published outcome."""

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _

from commissioning.core.dashboard import Panel, register

from .models import ConsultationStatus, ResponseStatus
from .policies import consultation_policy

SHOWN = (
    ConsultationStatus.FORTHCOMING,
    ConsultationStatus.OPEN,
    ConsultationStatus.CLOSED,
    ConsultationStatus.ANALYSING,
)


@register
def consultations_panel(request: HttpRequest) -> Panel | None:
    if not consultation_policy.can_list(request.user):
        return None
    consultations = (
        consultation_policy.visible(request.user)
        .filter(outcome_published_at__isnull=True)
        .select_related("area")
        .annotate(
            response_count=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED))
        )
        .order_by("closes_at", "title")[:10]
    )
    return Panel(
        title=_("Consultations in progress"),
        template="consultations/dashboard_panel.html",
        context={"consultations": [c for c in consultations if c.status in SHOWN]},
        order=20,
    )
