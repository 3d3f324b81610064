"""Framework pages. Each group of pages has its own URL module (one per area of work),
included here under the one "budgets" namespace."""

from django.urls import include, path

app_name = "budgets"

urlpatterns = [
    path("", include("commissioning.budgets.views.framework_urls")),
    path("", include("commissioning.budgets.views.line_urls")),
    path("", include("commissioning.budgets.views.report_urls")),
]
