"""The public, anonymous API: published records only (see policies)."""

from django.urls import URLPattern, URLResolver

app_name = "public_api"

urlpatterns: list[URLPattern | URLResolver] = []
