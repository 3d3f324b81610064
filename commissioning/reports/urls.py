"""URLs of the reports app (mounted at /reports/)."""

from django.urls import URLPattern, URLResolver, path, re_path

from . import views

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.ReportListView.as_view(), name="list"),
    path("new/", views.ReportCreateView.as_view(), name="create"),
    path(
        "framework/<int:framework_pk>/",
        views.ReportListView.as_view(),
        name="framework",
    ),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="detail"),
    path("<int:pk>/details/", views.ReportDetailsEditView.as_view(), name="details"),
    path("<int:pk>/implications/", views.ReportTemplateView.as_view(), name="template"),
    path("<int:pk>/sections/<slug:key>/", views.ReportSectionView.as_view(), name="section"),
    path("<int:pk>/status/", views.ReportStatusView.as_view(), name="status"),
    path("<int:pk>/preview/", views.ReportPreviewView.as_view(), name="preview"),
    re_path(
        r"^(?P<pk>\d+)/download\.(?P<fmt>docx|pdf)$",
        views.ReportDownloadView.as_view(),
        name="download",
    ),
    path("<int:pk>/history/", views.ReportHistoryView.as_view(), name="history"),
]
