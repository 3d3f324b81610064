"""The decisions panel on the staff dashboard: records still to be signed or published."""

from django.http import HttpRequest
from django.utils.translation import gettext as _

from commissioning.core.dashboard import Panel, register

from .models import DecisionStatus
from .policies import decision_policy

SHOWN = 10


@register
def decisions_panel(request: HttpRequest) -> Panel | None:
    if not decision_policy.can_list(request.user):
        return None
    waiting = (
        decision_policy.visible(request.user)
        .filter(status__in=[DecisionStatus.DRAFT, DecisionStatus.SIGNED])
        .select_related("area", "framework")
        .order_by("status", "-decided_on", "reference")[:SHOWN]
    )
    return Panel(
        title=_("Decision records to sign or publish"),
        template="decisions/dashboard_panel.html",
        context={"decisions": list(waiting)},
        order=30,
    )
