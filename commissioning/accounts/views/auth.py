"""Signing in and out and resetting a password: Django's views with GOV.UK templates."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from commissioning.core.permissions import PUBLIC
from commissioning.core.views import PolicyView, PublicTemplateView

from .. import forms, services
from .base import OwnAccountView


class LoginView(PolicyView, auth_views.LoginView):
    policy = PUBLIC
    login_required = False
    form_class = forms.LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class LogoutView(PolicyView, auth_views.LogoutView):  # type: ignore[misc]  # stubs: dispatch types
    """POST only (Django 5); then the "You have signed out" page (LOGOUT_REDIRECT_URL)."""

    policy = PUBLIC
    login_required = False


class SignedOutView(PublicTemplateView):
    template_name = "accounts/signed_out.html"


class PasswordResetView(PolicyView, auth_views.PasswordResetView):
    policy = PUBLIC
    login_required = False
    form_class = forms.PasswordResetForm
    template_name = "registration/password_reset_form.html"
    subject_template_name = "registration/password_reset_subject.txt"
    email_template_name = "registration/password_reset_email.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def get_extra_email_context(self) -> dict[str, Any]:
        # Links use the configured public address, never the request's Host header.
        return {
            "site_url": settings.SITE_URL,
            "service_name": settings.SERVICE_NAME,
            "expiry_days": settings.PASSWORD_RESET_TIMEOUT // (60 * 60 * 24),
        }

    def form_valid(self, form: Any) -> HttpResponse:
        self.extra_email_context = self.get_extra_email_context()
        return super().form_valid(form)


class PasswordResetDoneView(PolicyView, auth_views.PasswordResetDoneView):
    policy = PUBLIC
    login_required = False
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(PolicyView, auth_views.PasswordResetConfirmView):
    policy = PUBLIC
    login_required = False
    form_class = forms.SetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form: Any) -> HttpResponse:
        # Through the service, so the History tab records the reset.
        services.user_set_password(
            user=form.user,
            password=form.cleaned_data["new_password1"],
            reason=str(_("Password reset by e-mail link")),
        )
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetCompleteView(PolicyView, auth_views.PasswordResetCompleteView):
    policy = PUBLIC
    login_required = False
    template_name = "registration/password_reset_complete.html"


class PasswordChangeView(OwnAccountView, auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: Any) -> HttpResponse:
        user = services.user_set_password(
            user=form.user,
            password=form.cleaned_data["new_password1"],
            reason=str(_("Password changed")),
        )
        # Keep this session signed in; other sessions of the same person end.
        update_session_auth_hash(self.request, user)
        messages.success(self.request, _("Your password has been changed"))
        return HttpResponseRedirect(self.get_success_url())
