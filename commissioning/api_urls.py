"""The API (read-only for now), described by OpenAPI 3 at /api/schema/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from commissioning.budgets.api import FrameworkViewSet
from commissioning.core.api import SchemaView

# SimpleRouter, not DefaultRouter: no unguarded browsable root view.
router = SimpleRouter()
router.register("frameworks", FrameworkViewSet, basename="framework")

app_name = "api"

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    *router.urls,
]
