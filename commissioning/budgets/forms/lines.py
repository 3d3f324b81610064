"""Forms for service lines and budget categories. They only collect and check answers;
the rules (ring-fences, sub-areas of the framework's area, editable status) live in
:mod:`commissioning.budgets.services`."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.areas.models import SubArea, SubAreaGroup
from commissioning.core.forms import (
    GovukCheckboxSelectMultiple,
    GovukDateField,
    GovukRadioSelect,
    MoneyField,
)
from commissioning.core.years import FinancialYear, year_span
from commissioning.organisations.models import Organisation
from commissioning.plans.models import Priority

from ..models import BudgetCategory, Footnote, Framework, Mechanism, ReachScope, ServiceLine

MECHANISM_HINTS = {
    Mechanism.DIRECT: _("The Commissioner tenders or contracts with a provider."),
    Mechanism.CO_COMMISSIONING: _(
        "Another commissioner, such as a council, contracts; the Commissioner contributes "
        "match funds or support in kind."
    ),
    Mechanism.PARTNERSHIP: _(
        "Allocated to Community Safety Partnerships towards their community safety plans "
        "(the Partnership Locality Fund)."
    ),
    Mechanism.GRANT: _("A grant to the voluntary and community sector."),
}


def cost_field_name(year: FinancialYear) -> str:
    return f"cost_{year.start_year}"


class ServiceLineForm(forms.Form):
    """Add or change a line. One cost box per year of the framework.

    The organisation's description and the reach's sub-areas and group are not drawn
    inside the radio option they belong to (GOV.UK's conditional reveal): GOV.UK
    Frontend marks a revealing radio with ``aria-expanded``, which ARIA does not allow
    on radios (govuk-frontend#979), and these pages must be axe-clean. Each follows
    the question it belongs to, says when it applies, and :meth:`clean` uses it only
    then.
    """

    name = forms.CharField(
        label=_("Service name"),
        max_length=300,
        error_messages={"required": _("Enter the service name")},
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=BudgetCategory.objects.none(),
        widget=GovukRadioSelect,
        empty_label=None,
        error_messages={"required": _("Select the category")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Delivery organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not yet confirmed"),
        help_text=_("An organisation in the register, or “Not yet confirmed”."),
    )
    organisation_text = forms.CharField(
        label=_("If not yet confirmed, describe it (optional)"),
        max_length=300,
        required=False,
        help_text=_(
            "For example: Various – to be confirmed via strategic commissioning review. "
            "Leave blank to show “To be confirmed”."
        ),
    )
    provision = forms.CharField(
        label=_("Provision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the service provides."),
    )
    reach_scope = forms.ChoiceField(
        label=_("Geographical reach"),
        choices=ReachScope.choices,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select the geographical reach")},
    )
    reach_sub_areas = forms.ModelMultipleChoiceField(
        label=_("Sub-areas"),
        queryset=SubArea.objects.none(),
        required=False,
        widget=GovukCheckboxSelectMultiple(small=True),
        help_text=_("If the service reaches one or more sub-areas."),
    )
    reach_group = forms.ModelChoiceField(
        label=_("Group of sub-areas"),
        queryset=SubAreaGroup.objects.none(),
        required=False,
        empty_label=_("Choose a group"),
        help_text=_("If the service reaches a group of sub-areas."),
    )
    reach_partial = forms.BooleanField(
        label=_("Part of the area only"),
        required=False,
        help_text=_("Reaches only part of the area chosen, as “Sub - Leicestershire”."),
    )
    mechanism = forms.ChoiceField(
        label=_("Funding mechanism"),
        choices=Mechanism.choices,
        widget=GovukRadioSelect(hints=MECHANISM_HINTS),
        error_messages={"required": _("Select the funding mechanism")},
    )
    contract_end_date = GovukDateField(
        label=_("Contract end date (optional)"),
        error_label=_("Contract end date"),
        required=False,
        help_text=_("If the contract ends during the year. For example, 30 9 2017"),
    )
    intention_code = forms.RegexField(
        label=_("Commissioning intention (optional)"),
        regex=r"^[A-Za-z]{1,5}\d{1,6}$",
        max_length=20,
        required=False,
        help_text=_("For example CI012."),
        error_messages={"invalid": _("Enter a commissioning intention code like CI012")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
    )
    footnote = forms.ModelChoiceField(
        label=_("Footnote (optional)"),
        queryset=Footnote.objects.none(),
        required=False,
        empty_label=_("No footnote"),
        help_text=_("A note shown under the table, marked next to the cost."),
    )

    def __init__(
        self, *args: Any, framework: Framework, line: ServiceLine | None = None, **kwargs: Any
    ) -> None:
        if line is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_for(line)
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.years = year_span(framework.first_year, framework.last_year)
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)  # noqa: S101 - for the type checker
        category.queryset = framework.categories.order_by("order", "name")
        if line is not None:
            category.label = _("Category")
            category.help_text = _("Choose another category to move the line to it.")
        organisations = Organisation.objects.filter(is_active=True, merged_into__isnull=True)
        if line is not None and line.organisation_id:
            # Keep a line's organisation choosable even if it has since been made inactive.
            organisations = organisations | Organisation.objects.filter(pk=line.organisation_id)
        self._queryset("organisation", organisations.order_by("name"))
        self._queryset("reach_sub_areas", framework.area.sub_areas.order_by("name"))
        self._queryset("reach_group", framework.area.groups.order_by("name"))
        self._queryset("footnote", framework.footnotes.order_by("marker"))
        reach = self.fields["reach_scope"]
        assert isinstance(reach, forms.ChoiceField)  # noqa: S101 - for the type checker
        reach.choices = [
            (
                ReachScope.AREA,
                _("The whole area (%(area)s)") % {"area": framework.area.short_name},
            ),
            (ReachScope.SUB_AREAS, ReachScope.SUB_AREAS.label),
            (ReachScope.GROUP, ReachScope.GROUP.label),
        ]
        for year in self.years:
            self.fields[cost_field_name(year)] = MoneyField(
                label=_("Cost in %(year)s") % {"year": year},
                required=False,
            )
        if not framework.footnotes.exists():
            del self.fields["footnote"]

    def _queryset(self, name: str, queryset: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - for the type checker
        field.queryset = queryset

    @property
    def cost_fields(self) -> list[forms.BoundField]:
        return [self[cost_field_name(year)] for year in self.years]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        scope = cleaned.get("reach_scope")
        if scope == ReachScope.SUB_AREAS and not cleaned.get("reach_sub_areas"):
            if "reach_sub_areas" not in self.errors:
                self.add_error("reach_sub_areas", _("Select the sub-areas the service reaches"))
        elif scope != ReachScope.SUB_AREAS:
            cleaned["reach_sub_areas"] = []
            self.errors.pop("reach_sub_areas", None)
        if scope == ReachScope.GROUP and not cleaned.get("reach_group"):
            if "reach_group" not in self.errors:
                self.add_error(
                    "reach_group", _("Select the group of sub-areas the service reaches")
                )
        elif scope != ReachScope.GROUP:
            cleaned["reach_group"] = None
            self.errors.pop("reach_group", None)
        names = [cost_field_name(year) for year in self.years]
        if not any(name in self.errors for name in names) and all(
            cleaned.get(name) is None for name in names
        ):
            self.add_error(names[0], _("Enter the cost for at least one year"))
        return cleaned

    def costs(self) -> dict[FinancialYear, Decimal | None]:
        return {year: self.cleaned_data.get(cost_field_name(year)) for year in self.years}

    def line_fields(self) -> dict[str, Any]:
        """What the services take: the model's fields, then costs and sub-areas apart."""
        data = self.cleaned_data
        organisation = data["organisation"]
        fields = {
            "name": data["name"].strip(),
            "category": data["category"],
            "organisation": organisation,
            # A description is for a provider not yet confirmed; a chosen one replaces it.
            "organisation_text": "" if organisation else data["organisation_text"].strip(),
            "provision": data["provision"].strip(),
            "reach_scope": data["reach_scope"],
            "reach_group": data["reach_group"],
            "reach_partial": data["reach_partial"],
            "mechanism": data["mechanism"],
            "contract_end_date": data["contract_end_date"],
            "intention_code": data["intention_code"].strip().upper(),
        }
        if "footnote" in self.fields:
            fields["footnote"] = data["footnote"]
        return fields


def initial_for(line: ServiceLine) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "name": line.name,
        "category": line.category_id,
        "organisation": line.organisation_id,
        "organisation_text": line.organisation_text,
        "provision": line.provision,
        "reach_scope": line.reach_scope,
        "reach_sub_areas": [sub_area.pk for sub_area in line.reach_sub_areas.all()],
        "reach_group": line.reach_group_id,
        "reach_partial": line.reach_partial,
        "mechanism": line.mechanism,
        "contract_end_date": line.contract_end_date,
        "intention_code": line.intention_code,
        "footnote": line.footnote_id,
    }
    for cost in line.costs.all():
        initial[cost_field_name(cost.year)] = cost.amount
    return initial


class PriorityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Priority) -> str:
        return f"{obj.code} – {obj.name}" if obj.code else obj.name


class BudgetCategoryForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For example: Victims, Vulnerable, Prevention, Cross cutting."),
        error_messages={"required": _("Enter the category's name")},
    )
    order = forms.IntegerField(
        label=_("Position (optional)"),
        required=False,
        min_value=0,
        max_value=32767,
        help_text=_(
            "Categories are shown in this order, lowest first. Leave blank to add it last."
        ),
        error_messages={
            "invalid": _("Enter the position as a whole number, like 3"),
            "min_value": _("Enter a position of 0 or more"),
            "max_value": _("Enter a position of 32767 or less"),
        },
    )
    priorities = PriorityChoiceField(
        label=_("Plan priorities"),
        queryset=Priority.objects.none(),
        required=False,
        widget=GovukCheckboxSelectMultiple,
        help_text=_("Select the priorities of the Police and Crime Plan this category serves."),
    )

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if framework.plan_id is None:
            del self.fields["priorities"]
            return
        priorities = self.fields["priorities"]
        assert isinstance(priorities, forms.ModelMultipleChoiceField)  # noqa: S101
        priorities.queryset = Priority.objects.filter(plan=framework.plan_id)
