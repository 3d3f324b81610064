"""A published decision record: every field, and its documents."""

from django.http import HttpRequest, HttpResponse

from commissioning.decisions.models import Decision

from ..policies import public_decisions
from ..selectors import ANONYMOUS, documents_of, with_public_links
from .base import PublicPage, breadcrumbs


class DecisionView(PublicPage):
    policy = public_decisions

    def get(self, request: HttpRequest, area: str, pk: int) -> HttpResponse:
        place = self.get_area(area)
        decision = public_decisions.get_visible_or_404(
            ANONYMOUS,
            queryset=Decision.objects.select_related("framework", "consultation"),
            pk=pk,
            area=place,
        )
        with_public_links([decision])
        return self.render_page(
            "publishing/decision.html",
            area=place,
            decision=decision,
            documents=list(documents_of(decision=decision)),
            breadcrumbs=breadcrumbs(place, (decision.reference, None)),
        )
