"""URLs of the decisions app (under /decisions/)."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "decisions"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.DecisionListView.as_view(), name="list"),
    path("new/", views.DecisionCreateView.as_view(), name="create"),
    path("<int:pk>/", views.DecisionDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.DecisionEditView.as_view(), name="edit"),
    path("<int:pk>/sign/", views.DecisionSignView.as_view(), name="sign"),
    path("<int:pk>/publish/", views.DecisionPublishView.as_view(), name="publish"),
    path("<int:pk>/delete/", views.DecisionDeleteView.as_view(), name="delete"),
    path("<int:pk>/history/", views.DecisionHistoryView.as_view(), name="history"),
    path("framework/<int:pk>/", views.FrameworkDecisionsView.as_view(), name="framework"),
]
