"""The home page, the dashboard and the service's information pages."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.generic import TemplateView

from .dashboard import panels_for
from .views import AuthenticatedPolicy, PolicyView, PublicTemplateView


class HomeView(PublicTemplateView):
    template_name = "core/home.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return redirect("core:dashboard")
        return super().get(request, *args, **kwargs)


class DashboardView(PolicyView, TemplateView):
    policy = AuthenticatedPolicy()
    template_name = "core/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(panels=panels_for(self.request), **kwargs)


class AccessibilityView(PublicTemplateView):
    template_name = "core/accessibility.html"


class CookiesView(PublicTemplateView):
    template_name = "core/cookies.html"


class PrivacyView(PublicTemplateView):
    template_name = "core/privacy.html"
