from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="list"),
    path("add/", views.OrganisationCreateView.as_view(), name="create"),
    path("<int:pk>/", views.OrganisationDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.OrganisationEditView.as_view(), name="edit"),
    path("<int:pk>/history/", views.OrganisationHistoryView.as_view(), name="history"),
    path("<int:pk>/contacts/add/", views.ContactAddView.as_view(), name="contact-add"),
    path(
        "<int:pk>/contacts/<int:contact_pk>/edit/",
        views.ContactEditView.as_view(),
        name="contact-edit",
    ),
    path(
        "<int:pk>/contacts/<int:contact_pk>/remove/",
        views.ContactDeleteView.as_view(),
        name="contact-delete",
    ),
    path("<int:pk>/merge/", views.MergeView.as_view(), name="merge"),
    path(
        "<int:pk>/merge/<int:duplicate_pk>/",
        views.MergeConfirmView.as_view(),
        name="merge-confirm",
    ),
]
