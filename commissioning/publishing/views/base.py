"""What every public page shares: no sign-in, a public policy, the area from the URL."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from commissioning.areas.models import PolicingArea
from commissioning.core.views import PolicyView

from ..policies import public_areas
from ..selectors import ANONYMOUS


class PublicPage(PolicyView):
    """A page of the transparency site. Anything not published answers 404."""

    login_required = False
    permission = "list"

    def get_area(self, slug: str) -> PolicingArea:
        return public_areas.get_visible_or_404(ANONYMOUS, slug=slug)

    def render_page(self, template: str, **context: Any) -> HttpResponse:
        return render(self.request, template, context)


def breadcrumbs(
    area: PolicingArea | None = None, *current: tuple[str, str | None]
) -> list[tuple[str, str | None]]:
    """Home > Published information > the area > ...; the last item (no link) is this page."""
    items: list[tuple[str, str | None]] = [
        (_("Home"), reverse("core:home")),
        (_("Published information"), reverse("publishing:index")),
    ]
    if area is not None:
        items.append((area.name, reverse("publishing:area", args=[area.slug])))
    items.extend(current)
    if not current:
        text, _href = items[-1]
        items[-1] = (text, None)
    return items
