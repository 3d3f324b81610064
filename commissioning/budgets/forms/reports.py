"""Forms of the report pages: the summary's unit and year, the comparison's choice of
framework and years, linking two lines by hand, and importing a spreadsheet."""

import hashlib
from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from commissioning.core.forms import GovukRadioSelect
from commissioning.core.money import Unit
from commissioning.core.years import FinancialYear
from commissioning.organisations.models import Organisation

from ..models import BudgetImport, Framework, ServiceLine
from ..spreadsheets.importing import AS_TEXT, CREATE, UnknownOrganisation


def _year_choices(years: list[FinancialYear]) -> list[tuple[str, str]]:
    return [(str(year), str(year)) for year in years]


def _year(value: str) -> FinancialYear:
    return FinancialYear.parse(value)


class SummaryOptionsForm(forms.Form):
    """How the Summary tab shows its figures. Submitted by GET; an invalid or missing
    choice falls back to the framework's own unit and first year."""

    unit = forms.ChoiceField(
        label=_("Show amounts in"),
        choices=Unit.choices,
        widget=GovukRadioSelect(small=True),
    )
    year = forms.TypedChoiceField(label=_("Financial year"), coerce=_year)

    def __init__(self, *args: Any, years: list[FinancialYear], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year: Any = self.fields["year"]
        year.choices = _year_choices(years)
        if len(years) == 1:
            self.fields["year"].widget = forms.HiddenInput()


class CompareForm(forms.Form):
    """Which framework and years to compare this one with (submitted by GET)."""

    year = forms.TypedChoiceField(
        label=_("Year of this framework"),
        coerce=_year,
        error_messages={"invalid_choice": _("Select a year this framework covers")},
    )
    other_year = forms.TypedChoiceField(
        label=_("Year of the other framework"),
        coerce=_year,
        error_messages={"invalid_choice": _("Select a year of the other framework")},
    )

    def __init__(
        self,
        *args: Any,
        frameworks: list[Framework],
        years: list[FinancialYear],
        other_years: list[FinancialYear],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.frameworks = {framework.pk: framework for framework in frameworks}
        # "with" is a Python keyword, so the field is added here rather than declared.
        # Its choices come from the frameworks already fetched, not from a queryset.
        self.fields = {
            "with": forms.TypedChoiceField(
                label=_("Compare with"),
                choices=[(f.pk, _framework_label(f)) for f in frameworks],
                coerce=int,
                error_messages={"invalid_choice": _("Select a framework to compare with")},
            ),
            **self.fields,
        }
        year: Any = self.fields["year"]
        other_year: Any = self.fields["other_year"]
        year.choices = _year_choices(years)
        if len(years) == 1:
            year.widget = forms.HiddenInput()
        other_year.choices = _year_choices(other_years)

    def clean_with(self) -> Framework:
        return self.frameworks[self.cleaned_data["with"]]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        other: Framework | None = cleaned.get("with")
        other_year: FinancialYear | None = cleaned.get("other_year")
        if (
            other is not None
            and other_year is not None
            and not other.first_year <= other_year <= other.last_year
        ):
            self.add_error(
                "other_year",
                _("Select a year that %(framework)s covers (%(first)s to %(last)s)")
                % {"framework": other, "first": other.first_year, "last": other.last_year},
            )
        return cleaned


def _framework_label(framework: Framework) -> str:
    return _("%(title)s (version %(version)s, %(status)s)") % {
        "title": framework.title,
        "version": framework.version,
        "status": framework.get_status_display().lower(),
    }


class LinkLinesForm(forms.Form):
    """Say that a line of this framework is the same service as a line of the other."""

    this_line = forms.ModelChoiceField(
        label=_("Service line in this framework"),
        queryset=ServiceLine.objects.none(),
        empty_label=_("Choose a service line"),
        error_messages={"required": _("Select a service line in this framework")},
    )
    other_line = forms.ModelChoiceField(
        label=_("The same service in the other framework"),
        queryset=ServiceLine.objects.none(),
        empty_label=_("Choose a service line"),
        error_messages={"required": _("Select the same service in the other framework")},
    )
    other = forms.IntegerField(widget=forms.HiddenInput)
    year = forms.CharField(widget=forms.HiddenInput)
    other_year = forms.CharField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        framework: Framework,
        other: Framework | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        this_line: Any = self.fields["this_line"]
        other_line: Any = self.fields["other_line"]
        this_line.queryset = framework.lines.select_related("category").order_by(
            "category__order", "category__name", "order", "pk"
        )
        this_line.label_from_instance = _line_label
        if other is not None:
            other_line.label = _("The same service in %(framework)s") % {"framework": other}
            other_line.queryset = other.lines.select_related("category").order_by(
                "category__order", "category__name", "order", "pk"
            )
            other_line.label_from_instance = _line_label


def _line_label(line: ServiceLine) -> str:
    return f"{line.category.name}: {line.name}"


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Upload a file"),
        help_text=_("A CSV or XLSX file, smaller than 5MB."),
        error_messages={"required": _("Select a CSV or XLSX file")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        # Checked before the file is read into memory or stored.
        if upload.size > BudgetImport.MAX_BYTES:
            raise forms.ValidationError(_("The selected file must be smaller than 5MB"))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("The selected file must be a CSV or XLSX"))
        if upload.size == 0:
            raise forms.ValidationError(_("The selected file is empty"))
        return upload


class CorrectedFileForm(ImportUploadForm):
    """The upload box under a file's problems. It carries the problems as its own errors,
    so that the error summary lists every one, each linking to the box for the
    corrected file."""

    def __init__(self, *, problems: list[str], **kwargs: Any) -> None:
        # Bound (to nothing) so that its errors count, but never cleaned.
        super().__init__(data={}, files=MultiValueDict(), **kwargs)
        self._errors = ErrorDict()
        self.cleaned_data: dict[str, Any] = {}
        for problem in problems:
            self.add_error(None, problem)


def organisation_field_name(key: str) -> str:
    """A form field name for an unknown organisation's key: stable for the same name, so
    that a choice cannot land on another organisation if the list changes meanwhile."""
    return "organisation_" + hashlib.sha256(key.encode()).hexdigest()[:12]


class ImportConfirmForm(forms.Form):
    """One question per organisation the register does not have: use a suggested
    organisation, add it to the register, or keep its name as text."""

    def __init__(self, *args: Any, unknown: dict[str, UnknownOrganisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unknown = unknown
        for key, organisation in unknown.items():
            choices: list[tuple[str, str]] = [
                (str(suggestion.pk), suggestion.name) for suggestion in organisation.suggestions
            ]
            choices.append(
                (
                    CREATE,
                    gettext("Add %(name)s to the organisations register")
                    % {"name": organisation.name},
                )
            )
            choices.append(
                (AS_TEXT, gettext("Keep %(name)s as text") % {"name": organisation.name})
            )
            rows = ", ".join(str(row) for row in organisation.rows)
            self.fields[organisation_field_name(key)] = forms.ChoiceField(
                label=gettext("Which organisation is ‘%(name)s’?") % {"name": organisation.name},
                help_text=gettext("Named in row %(rows)s.") % {"rows": rows}
                if len(organisation.rows) == 1
                else gettext("Named in rows %(rows)s.") % {"rows": rows},
                choices=choices,
                widget=GovukRadioSelect(
                    dividers={CREATE: gettext("or")} if organisation.suggestions else {}
                ),
                error_messages={
                    "required": gettext("Select what to do with %(name)s")
                    % {"name": organisation.name}
                },
            )

    def organisation_choices(self) -> dict[str, Organisation | str]:
        """The choices in the form :func:`apply_import` takes."""
        result: dict[str, Organisation | str] = {}
        for key, organisation in self.unknown.items():
            value = self.cleaned_data[organisation_field_name(key)]
            if value in (CREATE, AS_TEXT):
                result[key] = value
            else:
                result[key] = next(o for o in organisation.suggestions if str(o.pk) == value)
        return result
