"""The published outcome for the public: what people said and what the office did,
shown only once the outcome is published (404 before)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from commissioning.core.views import PolicyView

from ..models import ResponseStatus
from ..outcomes import published_groups
from ..policies import public_consultation_policy


class OutcomePublicView(PolicyView):
    policy = public_consultation_policy
    login_required = False
    template_name = "consultations/outcome/public.html"

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        consultation = public_consultation_policy.get_visible_or_404(
            request.user, slug=slug, outcome_published_at__isnull=False
        )
        groups = published_groups(consultation)
        received = consultation.responses.filter(status=ResponseStatus.SUBMITTED).count()
        return render(
            request,
            self.template_name,
            {"consultation": consultation, "groups": groups, "received": received},
        )
