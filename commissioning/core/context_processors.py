from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .navigation import navigation_for


def service(request: HttpRequest) -> dict[str, Any]:
    return {
        "SERVICE_NAME": settings.SERVICE_NAME,
        "FEEDBACK_EMAIL": settings.DEFAULT_FROM_EMAIL,
        "service_navigation": navigation_for(request),
    }
