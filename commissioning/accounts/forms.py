"""Forms for the accounts pages. They check the shape of what was typed; the rules
(a provider needs an organisation, the last administrator stays) live in services."""

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from commissioning.areas.models import SubArea
from commissioning.core.forms import ConditionalRevealMixin, GovukRadioSelect
from commissioning.core.roles import ROLE_DESCRIPTIONS, Role
from commissioning.organisations.models import Organisation

from . import selectors

ROLE_HINTS: dict[Any, Any] = {role.value: text for role, text in ROLE_DESCRIPTIONS.items()}
EMAIL_INVALID = _("Enter an e-mail address in the correct format, like name@example.com")
PASSWORD_MISMATCH = _("Enter the same password in both fields")


class EmailAddressInput(forms.EmailInput):
    def __init__(self, autocomplete: str = "email") -> None:
        super().__init__(attrs={"autocomplete": autocomplete, "spellcheck": "false"})


class LoginForm(auth_forms.AuthenticationForm):
    """Django's form (it passes the request to authenticate(), which django-axes needs),
    with GOV.UK wording. The same message for a wrong password and an unknown address,
    so the form does not reveal who has an account."""

    username = auth_forms.UsernameField(
        label=_("E-mail address"),
        widget=EmailAddressInput(autocomplete="username"),
        error_messages={"required": _("Enter your e-mail address")},
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password")},
    )
    error_messages = {
        "invalid_login": _("Enter a correct e-mail address and password"),
        "inactive": _("Enter a correct e-mail address and password"),
    }


class CodeForm(forms.Form):
    """The 6-digit code from an authenticator app (rendered by hand in the template, for
    the GOV.UK "label as page heading" pattern)."""

    token = forms.CharField(
        label=_("Enter the 6-digit code from your authenticator app"),
        max_length=10,
        error_messages={"required": _("Enter the 6-digit code from your authenticator app")},
    )

    def clean_token(self) -> str:
        # People copy codes with spaces ("123 456"); accept them.
        token = "".join(self.cleaned_data["token"].split())
        if not (token.isdigit() and len(token) == 6):
            raise forms.ValidationError(_("The code must be 6 digits"))
        return token


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=EmailAddressInput(),
        error_messages={"required": _("Enter your e-mail address"), "invalid": EMAIL_INVALID},
    )


def _word_new_password_fields(form: forms.Form) -> None:
    """GOV.UK wording for Django's two new-password fields."""
    first, second = form.fields["new_password1"], form.fields["new_password2"]
    first.label = _("Create a password")
    first.help_text = _(
        "Use at least 12 characters. Do not use a common password or one that is "
        "similar to your name or e-mail address."
    )
    first.error_messages["required"] = _("Enter a password")
    second.label = _("Confirm your password")
    second.help_text = ""
    second.error_messages["required"] = _("Enter your password again")


class SetPasswordForm(auth_forms.SetPasswordForm):
    """Choosing a password after a reset link or an invitation."""

    error_messages = {"password_mismatch": PASSWORD_MISMATCH}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _word_new_password_fields(self)


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    error_messages = {
        "password_mismatch": PASSWORD_MISMATCH,
        "password_incorrect": _("Your current password is not correct"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _word_new_password_fields(self)
        self.fields["old_password"].label = _("Current password")
        self.fields["old_password"].error_messages["required"] = _("Enter your current password")


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class CspAreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.csp_name or obj.name
        return f"{name} ({obj.area.short_name})" if obj.area.short_name else name


class RoleScopeForm(ConditionalRevealMixin, forms.Form):
    """A role, and under the provider and CSP options (revealed when chosen) the one
    organisation or partnership that role is limited to."""

    conditional_reveal = {
        "role": {Role.PROVIDER.value: ["organisation"], Role.CSP.value: ["csp_area"]}
    }

    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        widget=GovukRadioSelect(hints=ROLE_HINTS),
        error_messages={
            "required": _("Select the user's role"),
            "invalid_choice": _("Select the user's role"),
        },
    )
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        help_text=_("They will see only this organisation's records."),
        queryset=Organisation.objects.none(),
        empty_label=_("Select an organisation"),
        error_messages={
            "required": _("Select the user's organisation"),
            "invalid_choice": _("Select an active organisation"),
        },
    )
    csp_area = CspAreaChoiceField(
        label=_("Community Safety Partnership"),
        help_text=_("They will see only this partnership's records."),
        queryset=SubArea.objects.none(),
        empty_label=_("Select a partnership"),
        error_messages={
            "required": _("Select the user's Community Safety Partnership"),
            "invalid_choice": _("Select a Community Safety Partnership"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = selectors.organisations_for_users()  # type: ignore[attr-defined]
        self.fields["csp_area"].queryset = selectors.csp_areas_for_users()  # type: ignore[attr-defined]


class InviteUserForm(RoleScopeForm):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        error_messages={"required": _("Enter the user's full name")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We will send the invitation to this address. It is also how they sign in."),
        max_length=254,
        widget=EmailAddressInput(autocomplete="off"),
        error_messages={"required": _("Enter the user's e-mail address"), "invalid": EMAIL_INVALID},
    )
    field_order = ["full_name", "email", "role", "organisation", "csp_area"]


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name or e-mail address"), required=False, max_length=200)
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("All roles")), *Role.choices], required=False
    )
