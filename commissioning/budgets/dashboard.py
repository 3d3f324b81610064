"""The frameworks panel on the dashboard: what is in progress, with its status."""

from django.db.models import Count
from django.http import HttpRequest
from django.utils.translation import gettext as _

from commissioning.core.dashboard import Panel, register

from .models import FrameworkStatus
from .policies import framework_policy

IN_PROGRESS = (FrameworkStatus.DRAFT, FrameworkStatus.CONSULTATION, FrameworkStatus.FINAL)


@register
def frameworks_panel(request: HttpRequest) -> Panel | None:
    if not framework_policy.can_list(request.user):
        return None
    frameworks = (
        framework_policy.visible(request.user)
        .filter(status__in=IN_PROGRESS)
        .select_related("area")
        .annotate(line_count=Count("lines"))
        .order_by("consultation_closes_on", "-first_year", "title")[:10]
    )
    return Panel(
        title=_("Frameworks in progress"),
        template="budgets/dashboard_panel.html",
        context={
            "frameworks": list(frameworks),
            "can_create": framework_policy.can_create(request.user),
        },
        order=10,
    )
