from typing import Any

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commissioning.core.views import PolicyView

from ..models import PoliceAndCrimePlan
from ..policies import plan_policy
from ..selectors import plan_get
from ..services import Direction


class PlanPageView(PolicyView):
    """Every plan page. People outside the OPCC get "not found" from all of them, the
    list included, rather than "forbidden": plans are none of their business here."""

    policy = plan_policy

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if plan_policy.hides_everything_from(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class PlanRecordView(PlanPageView):
    """A page about one plan (``pk`` in the URL); hidden or missing plans answer 404."""

    permission = "view"

    def get_plan(self) -> PoliceAndCrimePlan:
        return plan_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_editable_plan(self) -> PoliceAndCrimePlan:
        plan = self.get_plan()
        self.authorise(plan, "edit")
        return plan

    def record_context(self, plan: PoliceAndCrimePlan, current: str) -> dict[str, Any]:
        user = self.request.user
        tabs = [
            ("details", _("Details"), reverse("plans:detail", args=[plan.pk])),
            ("history", _("History"), reverse("plans:history", args=[plan.pk])),
        ]
        return {
            "plan": plan,
            "can_edit": plan_policy.can_edit(user, plan),
            "can_revise": plan_policy.can_revise(user, plan),
            "sub_navigation": [(label, href, key == current) for key, label, href in tabs],
        }


def parse_direction(value: str | None) -> Direction:
    """The "direction" of a Move up / Move down button; anything else is not a page."""
    if value == "up":
        return "up"
    if value == "down":
        return "down"
    raise Http404
