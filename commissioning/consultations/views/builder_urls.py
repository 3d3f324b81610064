"""Officers build a consultation's survey and enter responses received on paper (paths
relative to /consultations/, names in the "consultations" namespace)."""

from django.urls import path

from . import comment_log_import
from .builder import (
    ConsultationCreateView,
    ConsultationDetailView,
    ConsultationEditView,
    ConsultationListView,
)
from .builder_questions import (
    QuestionAddView,
    QuestionDeleteView,
    QuestionEditView,
    QuestionMoveView,
    QuestionsView,
    SectionAddView,
    SectionDeleteView,
    SectionEditView,
    SectionMoveView,
)
from .builder_responses import ResponseAddView, ResponseListView
from .response_import import ResponseImportView

urlpatterns = [
    path("", ConsultationListView.as_view(), name="list"),
    path("new/", ConsultationCreateView.as_view(), name="create"),
    path(
        "import-comment-log/",
        comment_log_import.CommentLogImportView.as_view(),
        name="comment-log-import",
    ),
    path("<int:pk>/", ConsultationDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", ConsultationEditView.as_view(), name="edit"),
    path("<int:pk>/questions/", QuestionsView.as_view(), name="questions"),
    path("<int:pk>/sections/add/", SectionAddView.as_view(), name="section-add"),
    path(
        "<int:pk>/sections/<int:section_pk>/edit/", SectionEditView.as_view(), name="section-edit"
    ),
    path(
        "<int:pk>/sections/<int:section_pk>/move/", SectionMoveView.as_view(), name="section-move"
    ),
    path(
        "<int:pk>/sections/<int:section_pk>/delete/",
        SectionDeleteView.as_view(),
        name="section-delete",
    ),
    path(
        "<int:pk>/sections/<int:section_pk>/questions/add/",
        QuestionAddView.as_view(),
        name="question-add",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/edit/",
        QuestionEditView.as_view(),
        name="question-edit",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/move/",
        QuestionMoveView.as_view(),
        name="question-move",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/delete/",
        QuestionDeleteView.as_view(),
        name="question-delete",
    ),
    path("<int:pk>/responses/", ResponseListView.as_view(), name="responses"),
    path("<int:pk>/responses/add/", ResponseAddView.as_view(), name="response-add"),
    path("<int:pk>/responses/import/", ResponseImportView.as_view(), name="response-import"),
]
