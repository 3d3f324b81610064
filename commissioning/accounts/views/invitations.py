"""Accepting an invitation: the invited person chooses a password and is signed in."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext_lazy as _

from commissioning.core.permissions import PUBLIC
from commissioning.core.views import PolicyView

from .. import services
from ..forms import SetPasswordForm
from ..models import User
from ..tokens import invitation_user_from_token

# As Django's password reset does: the token moves from the address into the session
# at once, so it cannot leak through the Referer header or browser history.
TOKEN_SESSION_KEY = "_invitation_token"  # noqa: S105 - a session key's name
URL_TOKEN = "accept"  # noqa: S105 - stands in for the token in the address


class InvitationAcceptView(PolicyView):
    policy = PUBLIC
    login_required = False
    template_name = "accounts/invitation_accept.html"
    invalid_template_name = "accounts/invitation_invalid.html"

    invitee: User

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        uidb64, token = kwargs["uidb64"], kwargs["token"]
        if token != URL_TOKEN:
            if invitation_user_from_token(uidb64, token) is None:
                return render(request, self.invalid_template_name)
            request.session[TOKEN_SESSION_KEY] = token
            return redirect(request.path.replace(token, URL_TOKEN))
        invitee = invitation_user_from_token(uidb64, request.session.get(TOKEN_SESSION_KEY, ""))
        if invitee is None:
            return render(request, self.invalid_template_name)
        self.invitee = invitee
        return super().dispatch(request, *args, **kwargs)

    def _render(self, form: SetPasswordForm) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "invitee": self.invitee})

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self._render(SetPasswordForm(self.invitee))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = SetPasswordForm(self.invitee, request.POST)
        if form.is_valid():
            try:
                user = services.invitation_accept(
                    user=self.invitee, password=form.cleaned_data["new_password1"]
                )
            except ValidationError:
                return render(request, self.invalid_template_name)
            return self._sign_in(user)
        return self._render(form)

    def _sign_in(self, user: User) -> HttpResponse:
        self.request.session.pop(TOKEN_SESSION_KEY, None)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, _("Your password is set and you are signed in"))
        # Staff go on to set up two-factor: the middleware sends them there.
        return HttpResponseRedirect(resolve_url(settings.LOGIN_REDIRECT_URL))
