"""Staff pages for consultations, mounted at /consultations/ (namespace "consultations")."""

from django.urls import include, path

app_name = "consultations"

urlpatterns = [
    path("", include("commissioning.consultations.views.builder_urls")),
    path("", include("commissioning.consultations.views.analysis_urls")),
    path("", include("commissioning.consultations.views.outcome_urls")),
]
