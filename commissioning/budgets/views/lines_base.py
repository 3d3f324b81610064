"""What the service-line, category and funding pages share: the framework they belong
to (fetched and authorised once), the framework's page header, and turning a service's
``ValidationError`` into form errors."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from commissioning.core.money import Unit
from commissioning.core.roles import is_editor
from commissioning.core.views import PolicyView
from commissioning.core.years import FinancialYear, span_label, year_span

from ..models import Framework
from ..policies import framework_policy
from ..services import EDITABLE

UNIT_NOTES: dict[str, str | Promise] = {
    Unit.PENCE: _("Amounts are shown in pounds and pence."),
    Unit.POUNDS: _("Amounts are rounded to the nearest pound."),
    Unit.THOUSANDS: _("Amounts are shown in thousands of pounds (£k), rounded."),
    Unit.MILLIONS: _("Amounts are shown in millions of pounds (£m) to three decimal places."),
}


class FrameworkPageView(PolicyView):
    """A page inside one framework (``pk`` in the URL). Missing and hidden frameworks
    answer 404; changing one needs ``framework_policy.can_edit`` (an editor, and a
    framework that is still a draft or out for consultation)."""

    policy = framework_policy
    permission = "view"
    framework: Framework

    def get_framework(self, *, edit: bool = False) -> Framework:
        queryset = Framework.objects.select_related("area", "plan")
        framework = framework_policy.get_visible_or_404(
            self.request.user, queryset=queryset, pk=self.kwargs["pk"]
        )
        if edit:
            self.authorise(framework, "edit")
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


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, aliases: dict[str, str | None] | None = None
) -> None:
    """Show a service's refusal on the form: each message against the field it names
    (``aliases`` maps a service's key to a form field), the rest as the form's own."""
    aliases = aliases or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages in error.message_dict.items():
        field = aliases.get(key, key)
        if field not in form.fields:
            field = None
        for message in messages:
            form.add_error(field, message)
