"""Police and Crime Plan pages. Thin: selectors read, services write, the policy decides
who may do what."""

from .plans import (
    PlanCreateView,
    PlanDetailView,
    PlanEditView,
    PlanHistoryView,
    PlanListView,
    PlanReviseView,
)
from .priorities import PriorityAddView, PriorityDeleteView, PriorityEditView, PriorityMoveView
from .questions import QuestionAddView, QuestionDeleteView, QuestionEditView

__all__ = [
    "PlanCreateView",
    "PlanDetailView",
    "PlanEditView",
    "PlanHistoryView",
    "PlanListView",
    "PlanReviseView",
    "PriorityAddView",
    "PriorityDeleteView",
    "PriorityEditView",
    "PriorityMoveView",
    "QuestionAddView",
    "QuestionDeleteView",
    "QuestionEditView",
]
