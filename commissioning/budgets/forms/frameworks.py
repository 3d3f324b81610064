"""Forms for framework pages: create, edit, lifecycle, refresh, budgets, narrative and
footnotes. Forms only read and check what was typed; the services decide and write."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from commissioning.areas.models import PolicingArea
from commissioning.core.forms import (
    GovukDateField,
    GovukRadioSelect,
    MoneyField,
)
from commissioning.core.money import Unit
from commissioning.core.years import FinancialYear, year_span
from commissioning.plans.models import PoliceAndCrimePlan

from ..models import Framework, FrameworkStatus

DEFAULT_CATEGORIES = "Victims\nVulnerable\nPrevention\nCross cutting"
SECTION_MAX_LENGTH = 10_000
S = FrameworkStatus


class FinancialYearFormField(forms.Field):
    """A financial year typed as "2017/18" (also 2017-18, 2017/2018, 17/18)."""

    widget = forms.TextInput(attrs={"class": "govuk-input--width-5"})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("For example, 2017/18"))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return str(value) if isinstance(value, FinancialYear) else value

    def to_python(self, value: Any) -> FinancialYear | None:
        text = str(value or "").strip()
        if not text:
            return None
        return FinancialYear.parse(text)


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PoliceAndCrimePlan) -> str:
        return f"{obj.title} ({obj.area.short_name})"


def _plans() -> Any:
    return PoliceAndCrimePlan.objects.select_related("area").order_by("area__name", "-starts_on")


class FrameworkFilterForm(forms.Form):
    """The list page's filters (GET)."""

    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=PolicingArea.objects.order_by("name"),
        required=False,
        empty_label=_("All areas"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *S.choices],
        required=False,
    )

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class FrameworkCreateForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=PolicingArea.objects.order_by("name"),
        error_messages={"required": _("Select the area")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=250,
        help_text=_("For example, Commissioning Framework 2017/18"),
        error_messages={"required": _("Enter a title")},
    )
    first_year = FinancialYearFormField(
        label=_("First financial year"),
        error_messages={"required": _("Enter the first financial year")},
    )
    last_year = FinancialYearFormField(
        label=_("Last financial year (optional)"),
        required=False,
        help_text=_("Leave empty for a framework covering one year. For example, 2018/19"),
    )
    plan = PlanChoiceField(
        label=_("Police and Crime Plan (optional)"),
        queryset=_plans(),
        required=False,
        empty_label=_("None yet"),
        help_text=_("The plan whose priorities the framework's categories serve."),
    )
    categories = forms.CharField(
        label=_("Budget categories to start with (optional)"),
        required=False,
        initial=DEFAULT_CATEGORIES,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One on each line. You can add, rename and remove categories later."),
    )
    budget = MoneyField(
        label=_("Stated commissioning budget for the first year (optional)"),
        required=False,
        help_text=_("The total the framework states it will spend, for example £4,668,717"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan_field = self.fields["plan"]
        assert isinstance(plan_field, forms.ModelChoiceField)  # noqa: S101 - for mypy
        plan_field.queryset = _plans()

    def clean_categories(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["categories"].splitlines()]
        names = [name for name in names if name]
        seen: set[str] = set()
        for name in names:
            if name.casefold() in seen:
                raise ValidationError(
                    _("Enter each category once: %(name)s is there twice") % {"name": name}
                )
            if len(name) > 200:
                raise ValidationError(_("Enter category names of 200 characters or fewer"))
            seen.add(name.casefold())
        return names

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and last < first:
            self.add_error(
                "last_year", _("The last financial year must be the same as or after the first")
            )
        area, plan = data.get("area"), data.get("plan")
        if area and plan and plan.area_id != area.pk:
            self.add_error(
                "plan", _("Choose a Police and Crime Plan for %(area)s") % {"area": area}
            )
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        budget: Decimal | None = data["budget"]
        return {
            "area": data["area"],
            "title": data["title"].strip(),
            "first_year": data["first_year"],
            "last_year": data["last_year"] or data["first_year"],
            "plan": data["plan"],
            "categories": data["categories"],
            "budgets": {} if budget is None else {data["first_year"]: budget},
        }


class FrameworkEditForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=250, error_messages={"required": _("Enter a title")}
    )
    plan = PlanChoiceField(
        label=_("Police and Crime Plan (optional)"),
        queryset=PoliceAndCrimePlan.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    display_unit = forms.ChoiceField(
        label=_("Show amounts in"),
        choices=Unit.choices,
        widget=GovukRadioSelect,
        help_text=_("Amounts are kept to the penny; this only changes how they are shown."),
    )
    consultation_closes_on = GovukDateField(
        label=_("Consultation closes"),
        required=False,
        help_text=_("For example, 27 3 2017"),
    )

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "title": framework.title,
                "plan": framework.plan_id,
                "display_unit": framework.display_unit,
                "consultation_closes_on": framework.consultation_closes_on,
            },
        )
        super().__init__(*args, **kwargs)
        plan_field = self.fields["plan"]
        assert isinstance(plan_field, forms.ModelChoiceField)  # noqa: S101 - for mypy
        plan_field.queryset = _plans().filter(area=framework.area_id)
        if framework.status != S.CONSULTATION:
            # The closing date is set when the consultation starts (status page).
            del self.fields["consultation_closes_on"]
        else:
            self.fields["consultation_closes_on"].required = True
            self.fields["consultation_closes_on"].error_messages["required"] = _(
                "Enter the date the consultation closes"
            )

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["title"] = data["title"].strip()
        return data


STATUS_HINTS = {
    S.DRAFT: _("The content can be changed again. Nobody outside the office sees a draft."),
    S.CONSULTATION: _(
        "Stakeholders and the public are asked for their views until the closing date. "
        "The content can still be changed."
    ),
    S.FINAL: _(
        "Responses have been considered and changes made. The content can no longer be "
        "changed: start a refresh to make a new version."
    ),
    S.PUBLISHED: _(
        "Published on the website. This supersedes the published version it was refreshed from."
    ),
    S.SUPERSEDED: _("A later version has replaced it."),
}


class StatusForm(forms.Form):
    """The next status, and the closing date when that is "out for consultation".

    The date is shown below the statuses rather than revealed under the consultation
    option: GOV.UK Frontend marks a revealing radio with aria-expanded, which ARIA does
    not allow on radios (govuk-frontend#979), and these pages must be axe-clean."""

    to = forms.ChoiceField(
        label=_("Change the status to"),
        widget=GovukRadioSelect(hints=STATUS_HINTS),
        error_messages={"required": _("Select the new status")},
    )
    closes_on = GovukDateField(
        label=_("If it goes out for consultation: the date the consultation closes"),
        required=False,
        help_text=_("For example, 27 3 2017"),
    )

    def __init__(self, *args: Any, choices: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        to_field = self.fields["to"]
        assert isinstance(to_field, forms.ChoiceField)  # noqa: S101 - for mypy
        to_field.choices = [(value, S(value).label) for value in choices]
        if S.CONSULTATION not in choices:
            del self.fields["closes_on"]
        else:
            closes_on = self.fields["closes_on"]
            assert isinstance(closes_on, GovukDateField)  # noqa: S101 - for mypy
            # Messages name it shortly: "The closing date must be a real date".
            closes_on.error_label = gettext("The closing date")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("to") == S.CONSULTATION:
            if data.get("closes_on") is None and "closes_on" not in self.errors:
                self.add_error("closes_on", _("Enter the date the consultation closes"))
        else:
            # A date typed for another status is not used.
            data.pop("closes_on", None)
            if "closes_on" in self.errors:
                del self.errors["closes_on"]
        return data


class RefreshForm(forms.Form):
    title = forms.CharField(
        label=_("Title of the new version"),
        max_length=250,
        error_messages={"required": _("Enter a title for the new version")},
    )
    first_year = FinancialYearFormField(
        label=_("First financial year"),
        error_messages={"required": _("Enter the first financial year")},
        help_text=_(
            "The same years make version %(version)s of this framework; later years start "
            "next year's framework from this one's last year. For example, 2018/19"
        ),
    )
    last_year = FinancialYearFormField(
        label=_("Last financial year (optional)"),
        required=False,
        help_text=_("Leave empty for a framework covering one year. For example, 2018/19"),
    )

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "title": framework.title,
                "first_year": framework.first_year,
                "last_year": framework.last_year,
            },
        )
        super().__init__(*args, **kwargs)
        field = self.fields["first_year"]
        field.help_text = str(field.help_text) % {"version": framework.version + 1}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and last < first:
            self.add_error(
                "last_year", _("The last financial year must be the same as or after the first")
            )
        return data


def budget_field_name(year: FinancialYear) -> str:
    return f"budget_{year.start_year}"


class BudgetForm(forms.Form):
    """The stated commissioning budget, one amount for each year of the framework."""

    def __init__(
        self,
        *args: Any,
        framework: Framework,
        current: dict[FinancialYear, Decimal],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.years = year_span(framework.first_year, framework.last_year)
        for year in self.years:
            already_set = year in current
            self.fields[budget_field_name(year)] = MoneyField(
                label=_("Commissioning budget for %(year)s") % {"year": year},
                # A budget once stated can be changed but not emptied.
                required=already_set,
                initial=current.get(year),
                error_messages={
                    "required": _("Enter the commissioning budget for %(year)s") % {"year": year}
                },
            )

    def amounts(self) -> dict[FinancialYear, Decimal]:
        return {
            year: amount
            for year in self.years
            if (amount := self.cleaned_data.get(budget_field_name(year))) is not None
        }


class SectionForm(forms.Form):
    heading = forms.CharField(
        label=_("Heading"),
        max_length=200,
        help_text=_("For example, Foreword, Background or Value for money"),
        error_messages={"required": _("Enter a heading")},
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=SECTION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Write in Markdown: a blank line between paragraphs, ## for a subheading, "
            "* at the start of a line for a bullet, [words](https://…) for a link."
        ),
        error_messages={
            "max_length": _("Text must be %(limit_value)d characters or fewer"),
        },
    )


class FootnoteForm(forms.Form):
    marker = forms.CharField(
        label=_("Marker"),
        max_length=5,
        help_text=_("The sign that follows an amount, for example * or †"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={"required": _("Enter a marker")},
    )
    text = forms.CharField(
        label=_("Note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the note")},
    )
