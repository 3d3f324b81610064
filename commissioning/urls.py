from django.urls import include, path

from commissioning.core.views import HealthView

urlpatterns = [
    path("healthz", HealthView.as_view(), name="healthz"),
    path("", include("commissioning.core.urls")),
    path("", include("commissioning.accounts.urls")),
    path("organisations/", include("commissioning.organisations.urls")),
    path("areas/", include("commissioning.areas.urls")),
    path("plans/", include("commissioning.plans.urls")),
    path("frameworks/", include("commissioning.budgets.urls")),
    path("consultations/", include("commissioning.consultations.urls")),
    path("have-your-say/", include("commissioning.consultations.public_urls")),
    path("decisions/", include("commissioning.decisions.urls")),
    path("documents/", include("commissioning.documents.urls")),
    path("reports/", include("commissioning.reports.urls")),
    path("transparency/", include("commissioning.publishing.urls")),
    path("api/public/", include("commissioning.publishing.api_urls")),
    path("api/", include("commissioning.api_urls")),
]

handler404 = "commissioning.core.errors.page_not_found"
handler403 = "commissioning.core.errors.permission_denied"
handler500 = "commissioning.core.errors.server_error"
