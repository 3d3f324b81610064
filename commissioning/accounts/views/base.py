from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from commissioning.core.views import PolicyView

from ..policies import USER_POLICY


def is_verified(request: HttpRequest) -> bool:
    """Whether this session has passed two-factor (django-otp's OTPMiddleware adds
    ``is_verified`` to the user)."""
    return bool(getattr(request.user, "is_verified", lambda: False)())


def safe_next_url(request: HttpRequest, default: str = settings.LOGIN_REDIRECT_URL) -> str:
    """The ``next`` address if it points into this site, otherwise ``default``."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(default)


class OwnAccountView(PolicyView):
    """Pages about the signed-in person's own account."""

    policy = USER_POLICY
    permission = "own-account"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Anonymous visitors fall through to PolicyView, which sends them to sign in.
        if request.user.is_authenticated and not USER_POLICY.can_view_own_account(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)
