"""What the service-line, category and funding pages share: the framework they belong
to (fetched and authorised once), the framework's page header, and turning a service's
``ValidationError`` into form errors."""

from typing import Any

from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from commissioning.core.money import Unit
from commissioning.core.roles import is_editor
from commissioning.core.years import FinancialYear, span_label, year_span

from ..models import Framework
from ..policies import framework_policy
from ..services import EDITABLE
from .frameworks_base import FrameworkRecordView

UNIT_NOTES: dict[str, str | Promise] = {
    Unit.PENCE: _("Amounts are shown in pounds and pence."),
    Unit.POUNDS: _("Amounts are rounded to the nearest pound."),
    Unit.THOUSANDS: _("Amounts are shown in thousands of pounds (£k), rounded."),
    Unit.MILLIONS: _("Amounts are shown in millions of pounds (£m) to three decimal places."),
}


class FrameworkPageView(FrameworkRecordView):
    """A page inside one framework that shows the framework's header and amounts."""

    framework: Framework

    def get_framework(self, *, edit: bool = False, detail: bool = False) -> Framework:
        framework = super().get_framework(detail=detail)
        if edit:
            self.require(framework_policy.can_edit(self.request.user, framework))
        self.framework = framework
        return framework

    def framework_context(self, framework: Framework) -> dict[str, Any]:
        years = year_span(framework.first_year, framework.last_year)
        return {
            "framework": framework,
            "years": years,
            "years_label": span_label(framework.first_year, framework.last_year),
            "unit": framework.display_unit,
            "unit_note": UNIT_NOTES.get(framework.display_unit, ""),
            "can_edit": framework_policy.can_edit(self.request.user, framework),
            "is_editor": is_editor(self.request.user),
            "framework_editable": framework.status in EDITABLE,
        }


def framework_years(framework: Framework) -> list[FinancialYear]:
    return year_span(framework.first_year, framework.last_year)


def get_in_framework(queryset: Any, framework: Framework, pk: Any) -> Any:
    """A record of this framework, or 404 (the same answer for another framework's)."""
    try:
        return queryset.get(framework=framework, pk=pk)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
