"""Public pages for consultations, mounted at /have-your-say/ (namespace "respond")."""

from django.urls import include, path

app_name = "respond"

urlpatterns = [
    path("", include("commissioning.consultations.views.respond_urls")),
]
