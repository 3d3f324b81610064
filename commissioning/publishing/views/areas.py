"""The list of areas with something published, and one area's publications."""

from django.http import HttpRequest, HttpResponse

from ..policies import public_areas
from ..selectors import area_page, areas_with_publications, with_public_links
from .base import PublicPage, breadcrumbs


class IndexView(PublicPage):
    policy = public_areas

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_page(
            "publishing/index.html",
            areas=list(areas_with_publications()),
            breadcrumbs=breadcrumbs(),
        )


class AreaView(PublicPage):
    policy = public_areas

    def get(self, request: HttpRequest, area: str) -> HttpResponse:
        page = area_page(self.get_area(area))
        with_public_links(page.decisions)
        return self.render_page(
            "publishing/area.html", area=page.area, page=page, breadcrumbs=breadcrumbs(page.area)
        )
