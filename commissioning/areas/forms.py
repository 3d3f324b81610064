"""Forms for areas. They only turn what was typed into values; the services decide
whether the values make a valid record (see services.py)."""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from commissioning.core.forms import GovukCheckboxSelectMultiple, GovukRadioSelect

from .models import PolicingArea, SubArea, SubAreaGroup
from .services import EARLIEST_POPULATION_YEAR, latest_population_year


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError next to the fields it names."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class PolicingAreaForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For example, Leicester, Leicestershire and Rutland"),
        error_messages={"required": _("Enter the name of the policing area")},
    )
    short_name = forms.CharField(
        label=_("Short name"),
        max_length=20,
        help_text=_("For example, LLR"),
        error_messages={"required": _("Enter a short name, for example LLR")},
    )
    slug = forms.SlugField(
        label=_("Slug"),
        max_length=50,
        help_text=_(
            "Used in web addresses. Lower-case letters, numbers and hyphens only, for example llr"
        ),
        error_messages={
            "required": _("Enter a slug for web addresses, for example llr"),
            "invalid": _("Enter a slug using only lower-case letters, numbers and hyphens"),
        },
    )
    force_name = forms.CharField(
        label=_("Police force"),
        max_length=200,
        required=False,
        help_text=_("For example, Leicestershire Police"),
    )

    @classmethod
    def initial_for(cls, area: PolicingArea) -> dict[str, Any]:
        return {field: getattr(area, field) for field in cls.base_fields}


class SubAreaForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For example, Charnwood Borough"),
        error_messages={"required": _("Enter the name of the area")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of area"),
        choices=SubArea.Kind.choices,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select the kind of area")},
    )
    parent = forms.ModelChoiceField(
        label=_("County it lies in"),
        queryset=SubArea.objects.none(),
        required=False,
        empty_label=_("Not in a county"),
        help_text=_("Only for a district or borough."),
        error_messages={"invalid_choice": _("Select a county from the list")},
    )
    is_csp_area = forms.TypedChoiceField(
        label=_("Is this a Community Safety Partnership area?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=GovukRadioSelect(inline=True),
        help_text=_("Whether a Community Safety Partnership covers exactly this area."),
        error_messages={
            "required": _("Select yes if a Community Safety Partnership covers this area")
        },
    )
    csp_name = forms.CharField(
        label=_("Name of the partnership"),
        max_length=200,
        required=False,
        help_text=_("Only if it is a Community Safety Partnership area."),
    )
    population = forms.IntegerField(
        label=_("Population"),
        required=False,
        # No min_value: the service checks the range, so that every mistake in the
        # form is reported at once rather than this one first.
        help_text=_("A whole number, for example 179600. Leave empty if not known."),
        error_messages={"invalid": _("Enter the population as a whole number, like 179600")},
    )
    population_year = forms.IntegerField(
        label=_("Year of the population estimate"),
        required=False,
        help_text=_("For example, 2016 for the mid-2016 estimate."),
        error_messages={"invalid": _("Enter the year as 4 digits, like 2016")},
    )
    population_source = forms.CharField(
        label=_("Source of the population estimate"),
        max_length=300,
        required=False,
        help_text=_("For example, ONS mid-year population estimates."),
    )

    def __init__(self, *args: Any, area: PolicingArea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = cast(forms.ModelChoiceField, self.fields["parent"])
        parent.queryset = SubArea.objects.filter(area=area, kind=SubArea.Kind.COUNTY).order_by(
            "name"
        )
        kind = cast(GovukRadioSelect, self.fields["kind"].widget)
        kind.hints = {
            SubArea.Kind.UNITARY: gettext("A single-tier council area, such as Leicester City"),
            SubArea.Kind.COUNTY: gettext("A county council area, with districts or boroughs in it"),
            SubArea.Kind.DISTRICT: gettext("A district or borough council area within a county"),
        }
        year = self.fields["population_year"]
        year.help_text = _("For example, 2016. Between %(first)s and %(last)s.") % {
            "first": EARLIEST_POPULATION_YEAR,
            "last": latest_population_year(),
        }
        self.fields["population"].widget.attrs.update({"inputmode": "numeric"})
        year.widget.attrs.update({"inputmode": "numeric"})

    @classmethod
    def initial_for(cls, sub_area: SubArea) -> dict[str, Any]:
        initial = {field: getattr(sub_area, field) for field in cls.base_fields}
        initial["parent"] = sub_area.parent_id
        initial["is_csp_area"] = "yes" if sub_area.is_csp_area else "no"
        return initial


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: SubArea) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class SubAreaGroupForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For example, Leicestershire and Rutland"),
        error_messages={"required": _("Enter the name of the group")},
    )
    members = MemberChoiceField(
        label=_("Areas in the group"),
        queryset=SubArea.objects.none(),
        widget=GovukCheckboxSelectMultiple(small=True),
        help_text=_("Select at least two areas."),
        error_messages={
            "required": _("Select at least two areas"),
            "invalid_choice": _("Select areas from the list"),
        },
    )

    def __init__(self, *args: Any, area: PolicingArea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = cast(forms.ModelMultipleChoiceField, self.fields["members"])
        members.queryset = self.member_choices(area)

    @staticmethod
    def member_choices(area: PolicingArea) -> QuerySet[SubArea]:
        return SubArea.objects.filter(area=area).order_by("name")

    @classmethod
    def initial_for(cls, group: SubAreaGroup) -> dict[str, Any]:
        return {"name": group.name, "members": [member.pk for member in group.members.all()]}
