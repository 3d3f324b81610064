from django.urls import path

from . import views

app_name = "areas"

urlpatterns = [
    path("", views.PolicingAreaListView.as_view(), name="list"),
    # "new" is a reserved slug (services.RESERVED_SLUGS), so it never hides an area.
    path("new/", views.PolicingAreaCreateView.as_view(), name="create"),
    path("<slug:slug>/", views.PolicingAreaDetailView.as_view(), name="detail"),
    path("<slug:slug>/edit/", views.PolicingAreaEditView.as_view(), name="edit"),
    path("<slug:slug>/history/", views.PolicingAreaHistoryView.as_view(), name="history"),
    path(
        "<slug:slug>/sub-areas/new/",
        views.SubAreaCreateView.as_view(),
        name="sub-area-create",
    ),
    path(
        "<slug:slug>/sub-areas/<int:pk>/",
        views.SubAreaDetailView.as_view(),
        name="sub-area-detail",
    ),
    path(
        "<slug:slug>/sub-areas/<int:pk>/edit/",
        views.SubAreaEditView.as_view(),
        name="sub-area-edit",
    ),
    path(
        "<slug:slug>/sub-areas/<int:pk>/history/",
        views.SubAreaHistoryView.as_view(),
        name="sub-area-history",
    ),
    path("<slug:slug>/groups/new/", views.GroupCreateView.as_view(), name="group-create"),
    path("<slug:slug>/groups/<int:pk>/", views.GroupDetailView.as_view(), name="group-detail"),
    path(
        "<slug:slug>/groups/<int:pk>/edit/",
        views.GroupEditView.as_view(),
        name="group-edit",
    ),
    path(
        "<slug:slug>/groups/<int:pk>/history/",
        views.GroupHistoryView.as_view(),
        name="group-history",
    ),
]
