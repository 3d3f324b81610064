"""API plumbing: the same permission policies as the pages.

Every API view of ours mixes in :class:`PolicyAPIMixin` and names its domain's policy;
the queryset comes from ``policy.visible(user)``, so a record hidden from a person on the
pages is missing (404) in the API too. The policy-enforcement test accepts these views
alongside :class:`~commissioning.core.views.PolicyView`.
"""

from typing import Any, ClassVar

from django.db.models import QuerySet
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request

from .permissions import PUBLIC, Policy
from .roles import is_staff_role


class PolicyPermission(BasePermission):
    """Lists need ``can_list``; single records are filtered by ``visible`` (so 404).
    Staff must have entered their second factor, as on the pages."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if is_staff_role(user) and not _verified(user):
            return False
        return bool(view.policy.can_list(user))


def _verified(user: Any) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified()) if callable(is_verified) else False


class PolicyAPIMixin:
    policy: ClassVar[Policy[Any]]
    permission_classes: Any = [PolicyPermission]

    def base_queryset(self) -> "QuerySet[Any]":
        request: Request = self.request  # type: ignore[attr-defined]
        return self.policy.visible(request.user)


class SchemaView(PolicyAPIMixin, SpectacularAPIView):
    """The OpenAPI 3 description of the API: public, as the API's shape is no secret."""

    policy = PUBLIC
    permission_classes = [AllowAny]
