from django.urls import path

from . import views

app_name = "plans"

PRIORITY = "<int:pk>/priorities/<int:priority_pk>/"
QUESTION = PRIORITY + "questions/<int:question_pk>/"

urlpatterns = [
    path("", views.PlanListView.as_view(), name="list"),
    path("add/", views.PlanCreateView.as_view(), name="create"),
    path("<int:pk>/", views.PlanDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PlanEditView.as_view(), name="edit"),
    path("<int:pk>/history/", views.PlanHistoryView.as_view(), name="history"),
    path("<int:pk>/revise/", views.PlanReviseView.as_view(), name="revise"),
    path("<int:pk>/priorities/add/", views.PriorityAddView.as_view(), name="priority-add"),
    path(PRIORITY + "edit/", views.PriorityEditView.as_view(), name="priority-edit"),
    path(PRIORITY + "delete/", views.PriorityDeleteView.as_view(), name="priority-delete"),
    path(PRIORITY + "move/", views.PriorityMoveView.as_view(), name="priority-move"),
    path(PRIORITY + "questions/add/", views.QuestionAddView.as_view(), name="question-add"),
    path(QUESTION + "edit/", views.QuestionEditView.as_view(), name="question-edit"),
    path(QUESTION + "delete/", views.QuestionDeleteView.as_view(), name="question-delete"),
]
