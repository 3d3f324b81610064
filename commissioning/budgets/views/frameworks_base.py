"""What every page about one framework shares: fetch-and-authorise, and rendering with
the framework in the context."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import render

from commissioning.core.views import PolicyView

from ..models import Framework
from ..policies import framework_policy
from ..selectors import framework_detail


class FrameworkRecordView(PolicyView):
    """A page about one framework (``pk`` in the URL). A framework the user may not see
    answers 404, like a missing one; an action they may not take answers 403."""

    policy = framework_policy
    permission = "view"

    def visible(self) -> "QuerySet[Framework]":
        return framework_policy.visible(self.request.user)

    def get_framework(self, *, detail: bool = False) -> Framework:
        queryset = self.visible()
        try:
            if detail:
                return framework_detail(queryset=queryset, pk=self.kwargs["pk"])
            return queryset.select_related("area", "plan", "based_on").get(pk=self.kwargs["pk"])
        except Framework.DoesNotExist as exc:
            raise Http404 from exc

    def require(self, allowed: bool) -> None:
        if not allowed:
            raise PermissionDenied

    def editable_framework(self) -> Framework:
        """The framework, if the user may change its content (an editor, before final)."""
        framework = self.get_framework()
        self.require(framework_policy.can_edit(self.request.user, framework))
        return framework

    def render_page(
        self, template: str, framework: Framework, status: int = 200, **context: Any
    ) -> HttpResponse:
        context.setdefault("framework", framework)
        return render(self.request, template, context, status=status)


def add_service_errors(
    form: Any, error: ValidationError, aliases: dict[str, str | None] | None = None
) -> None:
    """Show a service's refusal on the form: each message against the field it names
    (``aliases`` maps a service's key to a form field), the rest as the form's own."""
    aliases = aliases or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages in error.message_dict.items():
        field = aliases.get(key, key)
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
