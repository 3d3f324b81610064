"""The public transparency site, mounted at /transparency/ (namespace "publishing")."""

from django.urls import path, re_path

from .views.areas import AreaView, IndexView
from .views.decisions import DecisionView
from .views.frameworks import FrameworkDownloadView, FrameworkView
from .views.outcomes import OutcomeDownloadView

app_name = "publishing"

TABLE_NAMES = "funding-by-theme|itemised-budget|significant-changes|funding-sources"

urlpatterns = [
    path("", IndexView.as_view(), name="index"),
    path("<slug:area>/", AreaView.as_view(), name="area"),
    path("<slug:area>/frameworks/<int:pk>/", FrameworkView.as_view(), name="framework"),
    re_path(
        rf"^(?P<area>[-\w]+)/frameworks/(?P<pk>\d+)/(?P<table>{TABLE_NAMES})-(?P<year>\d{{4}})"
        r"\.(?P<fmt>csv|xlsx)$",
        FrameworkDownloadView.as_view(),
        name="framework-download",
    ),
    path("<slug:area>/decisions/<int:pk>/", DecisionView.as_view(), name="decision"),
    re_path(
        r"^(?P<area>[-\w]+)/consultations/(?P<slug>[-\w]+)/you-said-we-did\.(?P<fmt>csv|xlsx)$",
        OutcomeDownloadView.as_view(),
        name="outcome-download",
    ),
]
