"""Forms for plan pages. They check what a person typed and say what is wrong in GOV.UK
style; rules about plans (dates in order, codes unique in a plan) live in services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.core.forms import GovukDateField, GovukRadioSelect

from .selectors import area_choices

DATE_HINT = _("For example, 1 4 2017")


class PlanForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("Policing area"),
        queryset=area_choices(),
        empty_label=_("Select an area"),
        error_messages={
            "required": _("Select the policing area"),
            "invalid_choice": _("Select the policing area"),
        },
    )
    title = forms.CharField(
        label=_("Title"),
        help_text=_("For example, Police and Crime Plan 2017–21"),
        max_length=250,
        error_messages={
            "required": _("Enter the plan's title"),
            "max_length": _("Title must be 250 characters or fewer"),
        },
    )
    # Error messages name the date by its label: "Start date must include a month".
    starts_on = GovukDateField(label=_("Start date"), help_text=DATE_HINT)
    ends_on = GovukDateField(label=_("End date"), help_text=_("For example, 31 3 2021"))
    summary = forms.CharField(
        label=_("Summary (optional)"),
        help_text=_("What the plan sets out to do, in a sentence or two"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    use_required_attribute = False

    def __init__(self, *args: Any, area_editable: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not area_editable:
            # Frameworks or revisions depend on where the plan is: see plan_update.
            del self.fields["area"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on <= starts_on:
            self.add_error("ends_on", _("The end date must be after the start date"))
        return cleaned


class PriorityForm(forms.Form):
    KIND_CHOICES = [
        ("priority", _("A priority")),
        ("theme", _("A cross-cutting theme")),
    ]

    kind = forms.ChoiceField(
        label=_("Is this a priority or a cross-cutting theme?"),
        choices=KIND_CHOICES,
        initial="priority",
        widget=GovukRadioSelect(
            hints={"theme": _("A theme that runs through every priority, like crime prevention")}
        ),
        error_messages={"required": _("Select whether this is a priority or a theme")},
    )
    code = forms.CharField(
        label=_("Code"),
        help_text=_("A short reference, for example VS or P3"),
        max_length=20,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={
            "required": _("Enter a code for the priority"),
            "max_length": _("Code must be 20 characters or fewer"),
        },
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={
            "required": _("Enter the priority's name"),
            "max_length": _("Name must be 200 characters or fewer"),
        },
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    use_required_attribute = False

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "code": data["code"],
            "name": data["name"],
            "description": data["description"],
            "is_cross_cutting": data["kind"] == "theme",
        }


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Key Performance Question"),
        help_text=_("For example, Are victims satisfied with the service they receive?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        error_messages={
            "required": _("Enter the question"),
            "max_length": _("Question must be 500 characters or fewer"),
        },
    )
    use_required_attribute = False


class ReviseForm(forms.Form):
    title = forms.CharField(
        label=_("Title of the revised plan"),
        help_text=_("You can change its dates, summary and priorities after it is made"),
        max_length=250,
        error_messages={
            "required": _("Enter the title of the revised plan"),
            "max_length": _("Title must be 250 characters or fewer"),
        },
    )
    use_required_attribute = False
