"""URLs of the publishing app."""

from django.urls import URLPattern, URLResolver

app_name = "publishing"

urlpatterns: list[URLPattern | URLResolver] = []
