"""Reading documents, and the one rule for which documents are public."""

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commissioning.budgets.models import PUBLIC_FRAMEWORK_STATUSES, Framework
from commissioning.consultations.models import Consultation
from commissioning.decisions.models import Decision, DecisionStatus

from .models import Document


def public_documents_q() -> models.Q:
    """A document is public exactly when its parent is public.

    Parents: a published or superseded framework; a consultation that has opened; a
    published decision record.
    """
    return (
        models.Q(framework__status__in=PUBLIC_FRAMEWORK_STATUSES)
        | models.Q(consultation__opens_at__lte=timezone.now())
        | models.Q(decision__status=DecisionStatus.PUBLISHED)
    )


def public_documents() -> "models.QuerySet[Document]":
    return Document.objects.filter(public_documents_q())


def is_public(document: Document) -> bool:
    return public_documents().filter(pk=document.pk).exists()


def parent_is_public(parent: Framework | Consultation | Decision) -> bool:
    """The rule of ``public_documents_q``, asked of a parent already in memory (for its
    Documents tab, which must say whether what is uploaded there is public)."""
    if isinstance(parent, Framework):
        return parent.status in PUBLIC_FRAMEWORK_STATUSES
    if isinstance(parent, Consultation):
        return parent.opens_at is not None and parent.opens_at <= timezone.now()
    return parent.status == DecisionStatus.PUBLISHED


def documents_of(**parent: object) -> "models.QuerySet[Document]":
    """A parent's documents for its Documents tab (``framework=``, ``consultation=`` or
    ``decision=``), with who uploaded them."""
    return Document.objects.filter(**parent).select_related("uploaded_by")


HISTORY_SHOWN = 50
# What each kind of historical row means, in the words of the Documents tab.
HISTORY_ACTIONS = {"+": _("Uploaded"), "~": _("Changed"), "-": _("Deleted")}


def document_history(**parent: object) -> list[Any]:
    """The latest uploads, changes and deletions of one parent's documents, newest first:
    the audit trail of a record's documents, including those since deleted."""
    rows = list(
        Document.history.filter(**{f"{key}_id": value.pk for key, value in parent.items()})  # type: ignore[attr-defined]
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:HISTORY_SHOWN]
    )
    for row in rows:
        row.action = HISTORY_ACTIONS.get(row.history_type, row.history_type)
    return rows
