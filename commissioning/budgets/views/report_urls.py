"""Summaries, charts, comparisons, import and export of one framework."""

from django.urls import URLPattern, path, re_path

from .compare import CompareView, LinkLinesView
from .exports import ExportView
from .imports import ImportPreviewView, ImportView
from .summary import SummaryView

urlpatterns: list[URLPattern] = [
    path("<int:pk>/summary/", SummaryView.as_view(), name="summary"),
    path("<int:pk>/compare/", CompareView.as_view(), name="compare"),
    path("<int:pk>/compare/link/", LinkLinesView.as_view(), name="link-lines"),
    path("<int:pk>/import/", ImportView.as_view(), name="import"),
    path("<int:pk>/import/<int:import_pk>/", ImportPreviewView.as_view(), name="import-preview"),
    re_path(r"^(?P<pk>\d+)/export\.(?P<fmt>csv|xlsx)$", ExportView.as_view(), name="export"),
]
