"""Staff pages for "you said, we did", the downloads, and moderation (namespace
"consultations"). The public outcome page is routed in respond_urls.py
(``<slug>/outcome/``, name "outcome") to views.outcome_public.OutcomePublicView."""

from django.urls import URLPattern, path, re_path

from .exports import AnalysisExportView, OutcomeExportView, ResponsesExportView
from .moderation import CommentRedactView
from .outcome import OutcomeView, PublishOutcomeView
from .outcome_responses import (
    OfficeResponseApproveView,
    OfficeResponseCreateView,
    OfficeResponseDeleteView,
    OfficeResponseUpdateView,
)

urlpatterns: list[URLPattern] = [
    path("<int:pk>/outcome/", OutcomeView.as_view(), name="outcome"),
    path("<int:pk>/outcome/publish/", PublishOutcomeView.as_view(), name="outcome-publish"),
    path(
        "<int:pk>/outcome/responses/new/",
        OfficeResponseCreateView.as_view(),
        name="outcome-response-create",
    ),
    path(
        "<int:pk>/outcome/responses/<int:response_pk>/",
        OfficeResponseUpdateView.as_view(),
        name="outcome-response-update",
    ),
    path(
        "<int:pk>/outcome/responses/<int:response_pk>/delete/",
        OfficeResponseDeleteView.as_view(),
        name="outcome-response-delete",
    ),
    path(
        "<int:pk>/outcome/responses/<int:response_pk>/approve/",
        OfficeResponseApproveView.as_view(),
        name="outcome-response-approve",
    ),
    path(
        "<int:pk>/comments/<int:comment_pk>/redact/",
        CommentRedactView.as_view(),
        name="comment-redact",
    ),
    re_path(
        r"^(?P<pk>\d+)/export/responses\.(?P<fmt>csv|xlsx)$",
        ResponsesExportView.as_view(),
        name="response-export",
    ),
    re_path(
        r"^(?P<pk>\d+)/export/analysis\.(?P<fmt>csv|xlsx)$",
        AnalysisExportView.as_view(),
        name="analyst-export",
    ),
    re_path(
        r"^(?P<pk>\d+)/export/outcome\.(?P<fmt>csv|xlsx|docx)$",
        OutcomeExportView.as_view(),
        name="outcome-export",
    ),
]
