"""The public, anonymous API, mounted at /api/public/ (namespace "public_api"): published
records only (see policies)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .api import (
    PublicDecisionViewSet,
    PublicFrameworkViewSet,
    PublicLineList,
    PublicOutcomeViewSet,
    PublicSchemaView,
)

# SimpleRouter, not DefaultRouter: no browsable root view.
router = SimpleRouter()
router.register("frameworks", PublicFrameworkViewSet, basename="framework")
router.register("decisions", PublicDecisionViewSet, basename="decision")
router.register("consultation-outcomes", PublicOutcomeViewSet, basename="outcome")

app_name = "public_api"

urlpatterns = [
    path("schema/", PublicSchemaView.as_view(), name="schema"),
    path("frameworks/<int:pk>/lines/", PublicLineList.as_view(), name="framework-lines"),
    *router.urls,
]
