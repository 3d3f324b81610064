"""Frameworks, their lifecycle, versions, stated budgets, narrative and footnotes
(paths relative to /frameworks/, names in the "budgets" namespace)."""

from django.urls import path

from .frameworks import (
    FrameworkCreateView,
    FrameworkDetailView,
    FrameworkEditView,
    FrameworkListView,
)
from .frameworks_history import FrameworkHistoryView
from .frameworks_lifecycle import (
    FrameworkBudgetView,
    FrameworkRefreshView,
    FrameworkStatusView,
    FrameworkVersionsView,
)
from .frameworks_narrative import (
    FootnoteAddView,
    FootnoteDeleteView,
    FootnoteEditView,
    FootnoteListView,
    SectionAddView,
    SectionDeleteView,
    SectionEditView,
    SectionListView,
    SectionMoveView,
)

urlpatterns = [
    path("", FrameworkListView.as_view(), name="list"),
    path("new/", FrameworkCreateView.as_view(), name="create"),
    path("<int:pk>/", FrameworkDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", FrameworkEditView.as_view(), name="edit"),
    path("<int:pk>/status/", FrameworkStatusView.as_view(), name="status"),
    path("<int:pk>/refresh/", FrameworkRefreshView.as_view(), name="refresh"),
    path("<int:pk>/versions/", FrameworkVersionsView.as_view(), name="versions"),
    path("<int:pk>/budget/", FrameworkBudgetView.as_view(), name="budgets"),
    path("<int:pk>/history/", FrameworkHistoryView.as_view(), name="history"),
    path("<int:pk>/sections/", SectionListView.as_view(), name="sections"),
    path("<int:pk>/sections/add/", SectionAddView.as_view(), name="section-add"),
    path(
        "<int:pk>/sections/<int:section_pk>/edit/",
        SectionEditView.as_view(),
        name="section-edit",
    ),
    path(
        "<int:pk>/sections/<int:section_pk>/move/",
        SectionMoveView.as_view(),
        name="section-move",
    ),
    path(
        "<int:pk>/sections/<int:section_pk>/delete/",
        SectionDeleteView.as_view(),
        name="section-delete",
    ),
    path("<int:pk>/footnotes/", FootnoteListView.as_view(), name="footnotes"),
    path("<int:pk>/footnotes/add/", FootnoteAddView.as_view(), name="footnote-add"),
    path(
        "<int:pk>/footnotes/<int:footnote_pk>/edit/",
        FootnoteEditView.as_view(),
        name="footnote-edit",
    ),
    path(
        "<int:pk>/footnotes/<int:footnote_pk>/delete/",
        FootnoteDeleteView.as_view(),
        name="footnote-delete",
    ),
]
