"""Base views. Every view in the product inherits :class:`PolicyView` (directly or through
these classes) and names the policy that guards it; a test walks the URL configuration
and fails for any view that does not."""

from typing import Any, ClassVar

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Model
from django.http import HttpRequest, JsonResponse
from django.http.response import HttpResponseBase
from django.views import View
from django.views.generic import TemplateView

from .permissions import PUBLIC, Policy
from .roles import is_staff_role


class PolicyView(AccessMixin, View):
    """A view guarded by a domain policy.

    ``permission`` names what the view does: "list" and "create" are checked before
    the view runs; views acting on one record call :meth:`get_authorised_object`.
    """

    policy: ClassVar[Policy[Any]]
    permission: ClassVar[str] = "list"
    login_required: ClassVar[bool] = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if self.login_required and not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.permission == "list" and not self.policy.can_list(request.user):
            raise PermissionDenied
        if self.permission == "create" and not self.policy.can_create(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def authorise(self, obj: Model, action: str) -> None:
        """Check an action on a record the user can already see (403 if not allowed)."""
        allowed = {
            "view": lambda: True,
            "edit": lambda: self.policy.can_edit(self.request.user, obj),
            "delete": lambda: self.policy.can_delete(self.request.user, obj),
        }[action]()
        if not allowed:
            raise PermissionDenied


class PublicTemplateView(PolicyView, TemplateView):
    policy = PUBLIC
    login_required = False


class StaffPolicy(Policy[Any]):
    """Pages for OPCC staff only (the dashboard)."""

    def can_list(self, user: Any) -> bool:
        return is_staff_role(user)


class AuthenticatedPolicy(Policy[Any]):
    """Pages for anyone signed in (their own dashboard, their own account)."""

    def can_list(self, user: Any) -> bool:
        return bool(user.is_authenticated and user.is_active)


class HealthView(PolicyView):
    """Liveness and readiness for the load balancer: 200 only if the database answers."""

    policy = PUBLIC
    login_required = False

    def get(self, request: HttpRequest) -> JsonResponse:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except Exception:  # any database failure means "not ready"
            return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
        return JsonResponse({"status": "ok", "database": "ok"})
