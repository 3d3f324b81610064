"""Only the public API, at its real address: what the public schema describes."""

from django.urls import include, path

urlpatterns = [path("api/public/", include("commissioning.publishing.api_urls"))]
