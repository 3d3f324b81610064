"""Setting up and using an authenticator app (TOTP) as a second factor, for staff."""

from typing import Any

import django_otp
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from commissioning.core.views import PolicyView

from .. import qr, selectors, services
from ..forms import CodeForm
from ..models import User
from ..policies import USER_POLICY
from .base import is_verified, safe_next_url

# The key being set up waits in the session until the person proves they have it, so
# nothing is saved for a set-up that is abandoned half-way.
SETUP_KEY_SESSION_KEY = "accounts_totp_setup_key"


class TwoFactorView(PolicyView):
    policy = USER_POLICY
    permission = "two-factor"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not USER_POLICY.needs_two_factor(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def _signed_in(self, request: HttpRequest, device: Any) -> HttpResponse:
        # A new session key at each step up in privilege, as at sign-in.
        request.session.cycle_key()
        django_otp.login(request, device)
        return redirect(safe_next_url(request))

    def _with_next(self, url_name: str) -> HttpResponse:
        """Redirect to the other two-factor page, keeping ``next``."""
        response = redirect(url_name)
        if self.request.GET.get("next"):
            response["Location"] += "?" + self.request.GET.urlencode()
        return response


class TwoFactorSetupView(TwoFactorView):
    template_name = "accounts/two_factor_setup.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if isinstance(user, User) and USER_POLICY.needs_two_factor(user):
            if is_verified(request):
                return redirect(safe_next_url(request, default="accounts:account"))
            # Someone with an authenticator must use it: a stolen password alone must
            # not be enough to register a new one.
            if selectors.has_confirmed_totp_device(user=user):
                return self._with_next("accounts:two-factor-verify")
        return super().dispatch(request, *args, **kwargs)

    def _key(self) -> str:
        key = self.request.session.get(SETUP_KEY_SESSION_KEY)
        if not key:
            key = random_hex(20)
            self.request.session[SETUP_KEY_SESSION_KEY] = key
        return str(key)

    def _render(self, form: CodeForm) -> HttpResponse:
        key = self._key()
        url = qr.otpauth_url(
            key_hex=key, account=self.request.user.get_username(), issuer=settings.OTP_TOTP_ISSUER
        )
        context = {
            "form": form,
            "qr_code": qr.qr_code_svg(
                url, title=str(_("QR code to add this service to your authenticator app"))
            ),
            "secret": qr.secret_for_manual_entry(key),
            "next": safe_next_url(self.request),
        }
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(CodeForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                device = services.totp_device_confirm(
                    user=request.user,  # type: ignore[arg-type]
                    key_hex=self._key(),
                    token=form.cleaned_data["token"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                del request.session[SETUP_KEY_SESSION_KEY]
                messages.success(request, _("Two-factor authentication is set up"))
                return self._signed_in(request, device)
        return self._render(form)


class TwoFactorVerifyView(TwoFactorView):
    template_name = "accounts/two_factor_verify.html"

    device: TOTPDevice

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if isinstance(user, User) and USER_POLICY.needs_two_factor(user):
            if is_verified(request):
                return redirect(safe_next_url(request))
            device = selectors.confirmed_totp_device(user=user)
            if device is None:
                return self._with_next("accounts:two-factor-setup")
            self.device = device
        return super().dispatch(request, *args, **kwargs)

    def _render(self, form: CodeForm) -> HttpResponse:
        context = {"form": form, "next": safe_next_url(self.request)}
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(CodeForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CodeForm(request.POST)
        if form.is_valid():
            # django-otp doubles the wait after each wrong code (1, 2, 4 ... seconds).
            allowed, details = self.device.verify_is_allowed()
            if not allowed:
                form.add_error("token", self._throttled_message(details))
            elif django_otp.verify_token(
                request.user, self.device.persistent_id, form.cleaned_data["token"]
            ):
                return self._signed_in(request, self.device)
            else:
                form.add_error("token", services.WRONG_CODE)
        return self._render(form)

    @staticmethod
    def _throttled_message(details: dict[str, Any] | None) -> str:
        locked_until = (details or {}).get("locked_until")
        seconds = 1
        if locked_until is not None:
            seconds = max(1, int((locked_until - timezone.now()).total_seconds()) + 1)
        return ngettext(
            "You have entered too many incorrect codes. Wait %(count)d second and try again",
            "You have entered too many incorrect codes. Wait %(count)d seconds and try again",
            seconds,
        ) % {"count": seconds}
