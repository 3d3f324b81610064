from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commissioning.core.views import PolicyView

from ..models import Organisation
from ..policies import organisation_policy
from ..selectors import organisation_get


class OrganisationRecordView(PolicyView):
    """A page about one organisation (``pk`` in the URL), hidden ones answering 404."""

    policy = organisation_policy
    permission = "view"

    def get_organisation(self) -> Organisation:
        return organisation_get(user=self.request.user, pk=self.kwargs["pk"])

    def record_context(self, organisation: Organisation, current: str) -> dict[str, Any]:
        user = self.request.user
        context: dict[str, Any] = {
            "organisation": organisation,
            "can_edit": organisation_policy.can_edit(user, organisation),
            "can_merge": organisation_policy.can_merge(user) and not organisation.is_merged,
            "can_view_internal": organisation_policy.can_view_internal(user, organisation),
            "can_list": organisation_policy.can_list(user),
        }
        if context["can_view_internal"]:
            tabs = [
                ("details", _("Details"), reverse("organisations:detail", args=[organisation.pk])),
                ("history", _("History"), reverse("organisations:history", args=[organisation.pk])),
            ]
            context["sub_navigation"] = [(label, href, key == current) for key, label, href in tabs]
        return context
