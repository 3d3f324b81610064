"""Staff must prove a second factor before they see any page but a few.

Runs after django-otp's OTPMiddleware, which gives ``request.user.is_verified()``.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from . import selectors
from .policies import USER_POLICY

# Pages an unverified staff member may still reach: the two-factor pages themselves,
# signing out, and the public information pages every visitor may read.
EXEMPT_URL_NAMES = frozenset(
    {
        "accounts:two-factor-setup",
        "accounts:two-factor-verify",
        "accounts:logout",
        "accounts:signed-out",
        "core:home",
        "core:accessibility",
        "core:cookies",
        "core:privacy",
        "healthz",
    }
)


def is_exempt(path: str) -> bool:
    if path.startswith(settings.STATIC_URL):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        # Unknown addresses get the two-factor page too: nothing is shown unverified.
        return False
    return match.view_name in EXEMPT_URL_NAMES


class RequireTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            USER_POLICY.needs_two_factor(user)
            and not getattr(user, "is_verified", lambda: False)()
            and not is_exempt(request.path_info)
        ):
            return self._redirect(request)
        return self.get_response(request)

    def _redirect(self, request: HttpRequest) -> HttpResponse:
        has_device = selectors.has_confirmed_totp_device(user=request.user)  # type: ignore[arg-type]
        url_name = "accounts:two-factor-verify" if has_device else "accounts:two-factor-setup"
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse(url_name)}?{query}")
