"""Forms for decision record pages. Forms read and check what was typed; the services
decide (areas match, references are unique, signing needs a date and a name)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.areas.models import PolicingArea
from commissioning.budgets.models import Framework
from commissioning.consultations.models import Consultation
from commissioning.core.forms import GovukDateField, GovukRadioSelect

from .models import Decision, DecisionStatus

MARKDOWN_HINT = _("You can use Markdown: a blank line between paragraphs, * for a list.")


class DecisionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *DecisionStatus.choices],
        required=False,
    )

    def status_filter(self) -> str:
        return str(self.cleaned_data.get("status") or "") if self.is_valid() else ""


class FrameworkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Framework) -> str:
        return f"{obj.title} ({obj.area.short_name})"


class ConsultationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Consultation) -> str:
        return f"{obj.title} ({obj.area.short_name})"


class DecisionForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=PolicingArea.objects.order_by("name"),
        error_messages={"required": _("Select the area")},
    )
    reference = forms.CharField(
        label=_("Reference"),
        max_length=40,
        help_text=_("For example, PCC/2017/004. Each reference is used once in an area."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        error_messages={"required": _("Enter the reference")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=250,
        help_text=_("For example, Commissioning Framework 2017/18"),
        error_messages={"required": _("Enter a title")},
    )
    decision = forms.CharField(
        label=_("The decision"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=MARKDOWN_HINT,
        error_messages={"required": _("Enter the decision")},
    )
    reasons = forms.CharField(
        label=_("Reasons for the decision"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=MARKDOWN_HINT,
        error_messages={"required": _("Enter the reasons for the decision")},
    )
    financial_implications = forms.CharField(
        label=_("Financial implications (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MARKDOWN_HINT,
    )
    legal_implications = forms.CharField(
        label=_("Legal implications (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MARKDOWN_HINT,
    )
    decided_on = GovukDateField(
        label=_("Date of decision (optional until signing)"),
        error_label=_("Date of decision"),
        required=False,
        help_text=_("For example, 27 2 2017"),
    )
    decided_by = forms.CharField(
        label=_("Decided by (optional until signing)"),
        max_length=200,
        required=False,
        help_text=_("Name and role, for example Lord Willy Bach, Police and Crime Commissioner"),
    )
    significant_public_interest = forms.TypedChoiceField(
        label=_("Is the decision of significant public interest?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=GovukRadioSelect(inline=True),
        error_messages={
            "required": _("Select yes if the decision is of significant public interest")
        },
    )
    framework = FrameworkChoiceField(
        label=_("Framework decided on (optional)"),
        queryset=Framework.objects.select_related("area").order_by("area__name", "-first_year"),
        required=False,
        empty_label=_("None"),
    )
    consultation = ConsultationChoiceField(
        label=_("Consultation decided on (optional)"),
        queryset=Consultation.objects.select_related("area").order_by("area__name", "-opens_at"),
        required=False,
        empty_label=_("None"),
    )

    def __init__(self, *args: Any, instance: Decision | None = None, **kwargs: Any) -> None:
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "area": instance.area_id,
                    "reference": instance.reference,
                    "title": instance.title,
                    "decision": instance.decision,
                    "reasons": instance.reasons,
                    "financial_implications": instance.financial_implications,
                    "legal_implications": instance.legal_implications,
                    "decided_on": instance.decided_on,
                    "decided_by": instance.decided_by,
                    "significant_public_interest": "yes"
                    if instance.significant_public_interest
                    else "no",
                    "framework": instance.framework_id,
                    "consultation": instance.consultation_id,
                },
            )
        super().__init__(*args, **kwargs)
        if instance is not None:
            # A record stays in its area: the reference is unique within it.
            del self.fields["area"]

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("reference", "title", "decided_by"):
            if name in data:
                data[name] = data[name].strip()
        return data


class ConfirmForm(forms.Form):
    """A confirmation page's form: nothing to fill in, only the POST and its token."""
