"""Forms for Panel report pages. They read and check what was typed; the services
decide and write."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from commissioning.budgets.models import Framework
from commissioning.consultations.models import Consultation
from commissioning.core.forms import GovukDateField, GovukRadioSelect

from .defaults import DEFAULT_PANEL
from .models import ImplicationsTemplate, PanelReport

TEMPLATE_HINTS = {
    ImplicationsTemplate.STANDARD: _(
        "Financial, Legal, Equality Impact Assessment, Risks and impact, and Link to Police "
        "and Crime Plan, in the report itself."
    ),
    ImplicationsTemplate.DURHAM: _(
        "Finance, Staffing, Equality and Diversity, Accommodation, Crime and Disorder and "
        "eight more headings, as an appendix (Durham's Appendix 1)."
    ),
}
SECTION_MAX_LENGTH = 20_000


class FrameworkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Framework) -> str:
        return f"{obj.title} ({obj.area.short_name or obj.area.name})"


class ConsultationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Consultation) -> str:
        return obj.title


def _template_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Implications"),
        choices=ImplicationsTemplate.choices,
        widget=GovukRadioSelect(hints=TEMPLATE_HINTS),
        initial=ImplicationsTemplate.STANDARD,
        error_messages={"required": _("Select the implications to use")},
    )


class ReportCreateForm(forms.Form):
    framework = FrameworkChoiceField(
        label=_("Framework"),
        queryset=Framework.objects.none(),
        empty_label=_("Select a framework"),
        error_messages={"required": _("Select the framework the report is about")},
    )
    panel_name = forms.CharField(
        label=_("Panel"),
        max_length=200,
        initial=DEFAULT_PANEL,
        help_text=_("For example, Leicestershire Police and Crime Panel."),
        error_messages={"required": _("Enter the name of the panel")},
    )
    meeting_date = GovukDateField(
        label=_("Date of the meeting"),
        error_label=_("Date of the meeting"),
        help_text=_("For example, 3 2 2017"),
    )
    meeting_time = forms.CharField(
        label=_("Time of the meeting (optional)"),
        max_length=40,
        required=False,
        help_text=_("For example, 1:00pm."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    implications_template = _template_field()

    def __init__(self, *args: Any, frameworks: "QuerySet[Framework]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks  # type: ignore[attr-defined]


class ReportDetailsForm(forms.ModelForm):
    consultation = ConsultationChoiceField(
        label=_("Consultation reported on"),
        queryset=Consultation.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_("Its published comments and responses become an appendix of the report."),
    )

    class Meta:
        model = PanelReport
        fields = [
            "panel_name",
            "meeting_date",
            "meeting_time",
            "subject",
            "report_of",
            "consultation",
            "author_name",
            "author_role",
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_phone",
        ]
        field_classes = {"meeting_date": GovukDateField}
        help_texts = {
            "meeting_date": _("For example, 3 2 2017"),
            "report_of": _("For example, Police and Crime Commissioner."),
            "author_role": _("For example, Commissioning Manager, OPCC."),
        }
        error_messages = {
            "panel_name": {"required": _("Enter the name of the panel")},
            "subject": {"required": _("Enter the subject of the report")},
            "report_of": {"required": _("Enter whose report it is")},
            "contact_email": {
                "invalid": _("Enter an e-mail address in the correct format, like name@example.com")
            },
        }
        widgets = {
            "meeting_time": forms.TextInput(attrs={"class": "govuk-input--width-10"}),
            "contact_phone": forms.TextInput(
                attrs={"class": "govuk-input--width-20", "autocomplete": "off"}
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = Consultation.objects.filter(  # type: ignore[attr-defined]
            framework=self.instance.framework
        ).order_by("-closes_at", "title")

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SectionForm(forms.Form):
    body = forms.CharField(
        label=_("Paragraphs"),
        required=False,
        max_length=SECTION_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
    )


class TemplateForm(forms.Form):
    implications_template = _template_field()
