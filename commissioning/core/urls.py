from django.urls import path

from . import pages

app_name = "core"

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("dashboard/", pages.DashboardView.as_view(), name="dashboard"),
    path("accessibility/", pages.AccessibilityView.as_view(), name="accessibility"),
    path("cookies/", pages.CookiesView.as_view(), name="cookies"),
    path("privacy/", pages.PrivacyView.as_view(), name="privacy"),
]
