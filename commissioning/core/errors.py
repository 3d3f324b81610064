"""GOV.UK-style error pages (https://design-system.service.gov.uk/patterns/page-not-found-pages/)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the database may be the thing that failed.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
