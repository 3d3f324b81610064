"""Permission policy plumbing.

Each domain declares one policy (a subclass of :class:`Policy`) that answers, for a
user: which records they may see (``visible``), and whether they may create, view or
edit one. List pages, detail pages and the API all ask the same policy, so a rule is
written once. A record a user may not see is reported as missing (404), never as
forbidden (403): a provider must not learn that another provider's record exists.
"""

from typing import Any, Generic, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404

M = TypeVar("M", bound=models.Model)


class Policy(Generic[M]):
    model: type[M]

    def visible(self, user: Any) -> "models.QuerySet[M]":
        """Records the user may see. Subclasses narrow this; the default is none."""
        return self.model._default_manager.none()

    def can_list(self, user: Any) -> bool:
        return False

    def can_create(self, user: Any) -> bool:
        return False

    def can_view(self, user: Any, obj: M) -> bool:
        return self.visible(user).filter(pk=obj.pk).exists()

    def can_edit(self, user: Any, obj: M) -> bool:
        return False

    def can_delete(self, user: Any, obj: M) -> bool:
        return False

    def get_visible_or_404(
        self, user: Any, queryset: "models.QuerySet[M] | None" = None, **lookup: Any
    ) -> M:
        """Fetch-and-authorise: the same 404 whether the record is missing or hidden."""
        qs = self.visible(user)
        if queryset is not None:
            qs = queryset & qs
        try:
            return qs.get(**lookup)
        except ObjectDoesNotExist as exc:
            raise Http404 from exc


class PublicPolicy(Policy[Any]):
    """For pages anyone may see (static pages, health check, public site)."""

    def can_list(self, user: Any) -> bool:
        return True


PUBLIC = PublicPolicy()
