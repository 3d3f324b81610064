"""Analysis of a consultation's responses (paths relative to /consultations/, names in
the "consultations" namespace)."""

from django.urls import path

from .analysis import AnalysisStartView, ResultsView
from .analysis_comments import (
    CommentAcceptView,
    CommentListView,
    CommentReviewView,
    CommentSplitView,
    CommentThemeView,
)
from .analysis_themes import (
    SuggestView,
    ThemeAddView,
    ThemeDeleteView,
    ThemeEditView,
    ThemeListView,
)

COMMENT = "<int:pk>/analysis/comments/<int:comment_pk>"

urlpatterns = [
    path("<int:pk>/analysis/", ResultsView.as_view(), name="analysis"),
    path("<int:pk>/analysis/start/", AnalysisStartView.as_view(), name="analysis-start"),
    path("<int:pk>/analysis/comments/", CommentListView.as_view(), name="comments"),
    path(f"{COMMENT}/theme/", CommentThemeView.as_view(), name="comment-theme"),
    path(
        f"{COMMENT}/suggestions/<int:suggestion_pk>/accept/",
        CommentAcceptView.as_view(),
        name="comment-accept",
    ),
    path(f"{COMMENT}/review/", CommentReviewView.as_view(), name="comment-review"),
    path(f"{COMMENT}/split/", CommentSplitView.as_view(), name="comment-split"),
    path("<int:pk>/analysis/themes/", ThemeListView.as_view(), name="themes"),
    path("<int:pk>/analysis/themes/add/", ThemeAddView.as_view(), name="theme-add"),
    path(
        "<int:pk>/analysis/themes/<int:theme_pk>/edit/",
        ThemeEditView.as_view(),
        name="theme-edit",
    ),
    path(
        "<int:pk>/analysis/themes/<int:theme_pk>/delete/",
        ThemeDeleteView.as_view(),
        name="theme-delete",
    ),
    path("<int:pk>/analysis/suggest/", SuggestView.as_view(), name="suggest"),
]
