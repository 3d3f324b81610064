"""Service lines, budget categories and funding sources of a framework."""

from django.urls import path

from .categories import CategoryAddView, CategoryDeleteView, CategoryEditView, CategoryListView
from .funding import FundingTabView, SourceAddView, SourceDeleteView, SourceEditView
from .lines import LineDetailView, LineHistoryView, LinesTabView
from .lines_edit import LineAddView, LineDeleteView, LineEditView, LineMoveView
from .lines_funding import LineFundingView

urlpatterns = [
    path("<int:pk>/lines/", LinesTabView.as_view(), name="lines"),
    path("<int:pk>/lines/add/", LineAddView.as_view(), name="line-add"),
    path("<int:pk>/lines/<int:line_pk>/", LineDetailView.as_view(), name="line-detail"),
    path("<int:pk>/lines/<int:line_pk>/edit/", LineEditView.as_view(), name="line-edit"),
    path("<int:pk>/lines/<int:line_pk>/delete/", LineDeleteView.as_view(), name="line-delete"),
    path("<int:pk>/lines/<int:line_pk>/move/", LineMoveView.as_view(), name="line-move"),
    path("<int:pk>/lines/<int:line_pk>/funding/", LineFundingView.as_view(), name="line-funding"),
    path("<int:pk>/lines/<int:line_pk>/history/", LineHistoryView.as_view(), name="line-history"),
    path("<int:pk>/categories/", CategoryListView.as_view(), name="categories"),
    path("<int:pk>/categories/add/", CategoryAddView.as_view(), name="category-add"),
    path(
        "<int:pk>/categories/<int:category_pk>/edit/",
        CategoryEditView.as_view(),
        name="category-edit",
    ),
    path(
        "<int:pk>/categories/<int:category_pk>/delete/",
        CategoryDeleteView.as_view(),
        name="category-delete",
    ),
    path("<int:pk>/funding/", FundingTabView.as_view(), name="funding"),
    path("<int:pk>/funding/add/", SourceAddView.as_view(), name="source-add"),
    path("<int:pk>/funding/<int:source_pk>/edit/", SourceEditView.as_view(), name="source-edit"),
    path(
        "<int:pk>/funding/<int:source_pk>/delete/",
        SourceDeleteView.as_view(),
        name="source-delete",
    ),
]
