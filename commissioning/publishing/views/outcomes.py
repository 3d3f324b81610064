"""The published "you said, we did" table of a consultation, as CSV or XLSX."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from commissioning.consultations.exports import filename, outcome_table, render_table

from ..downloads import CONTENT_TYPES
from ..policies import public_outcomes
from ..selectors import ANONYMOUS
from .base import PublicPage


class OutcomeDownloadView(PublicPage):
    policy = public_outcomes

    def get(self, request: HttpRequest, area: str, slug: str, fmt: str) -> HttpResponse:
        place = self.get_area(area)
        consultation = public_outcomes.get_visible_or_404(ANONYMOUS, slug=slug, area=place)
        content = render_table(
            outcome_table(consultation),
            fmt,
            _("You said, we did"),
            widths=(8, 24, 60, 24, 60),
        )
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = (
            f'attachment; filename="{filename(consultation, "you-said-we-did", fmt)}"'
        )
        return response
