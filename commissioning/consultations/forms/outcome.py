"""Forms for "you said, we did": the office's response, publication, and redaction."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.budgets.models import NarrativeSection, ServiceLine
from commissioning.core.forms import ConditionalRevealMixin

from ..models import Consultation, Outcome


class OfficeResponseForm(forms.Form):
    """The response's words and outcome."""

    text = forms.CharField(
        label=_("Our response"),
        help_text=_("Published beside the comment, for example “Agreed. A glossary was added.”"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter the office’s response")},
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the outcome")},
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        self.consultation = consultation
        super().__init__(*args, **kwargs)


class FrameworkOfficeResponseForm(ConditionalRevealMixin, OfficeResponseForm):
    """For a consultation on a framework: where amendments were made, which part."""

    conditional_reveal = {
        "outcome": {Outcome.AMENDMENTS_MADE.value: ["changed_section", "changed_line"]}
    }

    changed_section = forms.ModelChoiceField(
        label=_("Section of the framework changed (optional)"),
        queryset=NarrativeSection.objects.none(),
        required=False,
    )
    changed_line = forms.ModelChoiceField(
        label=_("Service line changed (optional)"),
        queryset=ServiceLine.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, consultation=consultation, **kwargs)
        framework_id = consultation.framework_id
        section_field = cast(forms.ModelChoiceField, self.fields["changed_section"])
        line_field = cast(forms.ModelChoiceField, self.fields["changed_line"])
        section_field.queryset = NarrativeSection.objects.filter(framework=framework_id)
        line_field.queryset = ServiceLine.objects.filter(framework=framework_id).order_by(
            "category__order", "order", "pk"
        )


def office_response_form(
    consultation: Consultation, *args: Any, **kwargs: Any
) -> OfficeResponseForm:
    form_class = FrameworkOfficeResponseForm if consultation.framework_id else OfficeResponseForm
    return form_class(*args, consultation=consultation, **kwargs)


class RedactForm(forms.Form):
    redacted_text = forms.CharField(
        label=_("Text for publication"),
        help_text=_(
            "The comment with personal or offensive details removed, for example "
            "“[name removed]”. Leave blank to publish the comment as written."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    reason = forms.CharField(
        label=_("Why is it being redacted?"),
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter why the comment is being redacted")},
    )
