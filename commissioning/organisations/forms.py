"""Forms for the organisations register. They check what a person typed and say what is
wrong in GOV.UK style; the rules about the register itself live in services."""

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from .identifiers import normalise_charity_number, normalise_company_number
from .models import Contact, Organisation

EMAIL_INVALID = _("Enter an e-mail address in the correct format, like name@example.org")
WEBSITE_INVALID = _(
    "Enter a website address in the correct format, like https://www.example.org.uk"
)

ORGANISATION_FIELDS = [
    "name",
    "kind",
    "charity_number",
    "company_number",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "website",
    "email",
    "phone",
    "notes",
]


class OrganisationSearchForm(forms.Form):
    """The filter on the list page (GET, so results can be bookmarked and shared)."""

    q = forms.CharField(
        label=_("Search"),
        help_text=_("Name, charity number, company number or org-id, like GB-CHC-1234567"),
        required=False,
        max_length=200,
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[("", _("All types")), *Organisation.Kind.choices],
        required=False,
    )
    include_inactive = forms.BooleanField(
        label=_("Include merged and inactive organisations"), required=False
    )
    use_required_attribute = False

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {"q": "", "kind": "", "include_inactive": False}
        return {
            "q": self.cleaned_data["q"],
            "kind": self.cleaned_data["kind"],
            "include_inactive": self.cleaned_data["include_inactive"],
        }


def _formfield(field: Any, **kwargs: Any) -> Any:
    # Django 5.2 warns when a URL form field is built without a scheme to assume, even
    # one the form then replaces; say https, as Django 6 will.
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class OrganisationForm(forms.ModelForm):
    formfield_callback = _formfield
    website = forms.URLField(
        label=_("Website (optional)"),
        help_text=_("For example, https://www.example.org.uk"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": WEBSITE_INVALID},
    )

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        labels = {
            "name": _("Name"),
            "kind": _("Type of organisation"),
            "charity_number": _("Charity number (optional)"),
            "company_number": _("Company number (optional)"),
            "address_line_1": _("Address line 1 (optional)"),
            "address_line_2": _("Address line 2 (optional)"),
            "town": _("Town or city (optional)"),
            "postcode": _("Postcode (optional)"),
            "email": _("General e-mail address (optional)"),
            "phone": _("Telephone (optional)"),
            "notes": _("Notes (optional)"),
        }
        help_texts = {
            "name": _("The organisation's full name, as registered"),
            "notes": _("For OPCC staff only; providers do not see these"),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "name": {"required": _("Enter the organisation's name")},
            "kind": {"required": _("Select the type of organisation")},
            "email": {"invalid": EMAIL_INVALID},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # No "---------" choice among the radios.
        self.fields["kind"].choices = Organisation.Kind.choices  # type: ignore[attr-defined]
        self.fields["email"].widget.attrs.setdefault("autocomplete", "email")
        self.fields["phone"].widget.attrs.setdefault("autocomplete", "tel")
        self.fields["website"].widget.attrs.setdefault("autocomplete", "url")
        self.fields["postcode"].widget.attrs.setdefault("autocomplete", "postal-code")

    def validate_unique(self) -> None:
        # The service checks for clashing identifiers and names the record that has them,
        # which the model constraint's message cannot.
        return

    def clean_charity_number(self) -> str:
        return normalise_charity_number(self.cleaned_data.get("charity_number", ""))

    def clean_company_number(self) -> str:
        return normalise_company_number(self.cleaned_data.get("company_number", ""))


class OrganisationCreateForm(OrganisationForm):
    same_name_confirmed = forms.BooleanField(
        label=_("Yes, this is a different organisation with the same name"),
        required=False,
    )


class OrganisationEditForm(OrganisationForm):
    is_active = forms.TypedChoiceField(
        label=_("Is the organisation still operating?"),
        help_text=_("Inactive organisations are hidden from the list unless you ask for them"),
        choices=[("True", _("Yes")), ("False", _("No"))],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if the organisation is still operating")},
    )

    class Meta(OrganisationForm.Meta):
        fields = [*ORGANISATION_FIELDS, "is_active"]


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "job_title", "email", "phone", "is_primary"]
        labels = {
            "name": _("Full name"),
            "job_title": _("Job title (optional)"),
            "email": _("E-mail address (optional)"),
            "phone": _("Telephone (optional)"),
            "is_primary": _("This is the organisation's main contact"),
        }
        help_texts = {
            "is_primary": _("An organisation has one main contact; this replaces any other"),
        }
        error_messages = {
            "name": {"required": _("Enter the contact's full name")},
            "email": {"invalid": EMAIL_INVALID},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.setdefault("autocomplete", "off")


class MergeSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for the duplicate record"),
        help_text=_("Name, charity number, company number or org-id"),
        required=False,
        max_length=200,
    )
    use_required_attribute = False
