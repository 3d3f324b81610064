"""URLs of the documents app (under /documents/)."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "documents"

urlpatterns: list[URLPattern | URLResolver] = [
    path("framework/<int:pk>/", views.FrameworkDocumentsView.as_view(), name="framework"),
    path(
        "framework/<int:pk>/upload/",
        views.FrameworkUploadView.as_view(),
        name="framework-upload",
    ),
    path(
        "consultation/<int:pk>/",
        views.ConsultationDocumentsView.as_view(),
        name="consultation",
    ),
    path(
        "consultation/<int:pk>/upload/",
        views.ConsultationUploadView.as_view(),
        name="consultation-upload",
    ),
    path("decision/<int:pk>/", views.DecisionDocumentsView.as_view(), name="decision"),
    path("decision/<int:pk>/upload/", views.DecisionUploadView.as_view(), name="decision-upload"),
    path("<int:pk>/delete/", views.DocumentDeleteView.as_view(), name="delete"),
    path("<int:pk>/<str:filename>", views.DocumentDownloadView.as_view(), name="download"),
]
