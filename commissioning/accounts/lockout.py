"""django-axes hooks.

E-mail addresses sign in without regard to case, so failed attempts must be counted the
same way: otherwise "Pat@x" and "pat@x" would each get their own five tries. Set
``AXES_USERNAME_CALLABLE = "commissioning.accounts.lockout.axes_username"``.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        value = getattr(request, "data", request.POST).get(field)
    return str(value or "").strip().lower()
