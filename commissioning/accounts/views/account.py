"""The "Your account" page."""

from typing import Any, cast

from django.views.generic import TemplateView

from .. import selectors
from ..models import User
from ..policies import USER_POLICY
from .base import OwnAccountView


class AccountView(OwnAccountView, TemplateView):
    template_name = "accounts/account.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        own = User.objects.filter(pk=cast(int, self.request.user.pk))
        person = selectors.user_with_two_factor(queryset=own).get()
        context["person"] = person
        context["needs_two_factor"] = USER_POLICY.needs_two_factor(person)
        return context
