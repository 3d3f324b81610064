"""Pages of the organisations register. Thin: selectors read, services write, the policy
decides who may do what."""

from .contacts import ContactAddView, ContactDeleteView, ContactEditView
from .merge import MergeConfirmView, MergeView
from .organisations import (
    OrganisationCreateView,
    OrganisationDetailView,
    OrganisationEditView,
    OrganisationHistoryView,
    OrganisationListView,
)

__all__ = [
    "ContactAddView",
    "ContactDeleteView",
    "ContactEditView",
    "MergeConfirmView",
    "MergeView",
    "OrganisationCreateView",
    "OrganisationDetailView",
    "OrganisationEditView",
    "OrganisationHistoryView",
    "OrganisationListView",
]
