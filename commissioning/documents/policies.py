"""Who may see, add and delete documents.

OPCC staff see every document; editors upload to frameworks, consultations and decision
records, and delete a document only while its parent is not public (after that it is
part of the public record). Anyone else, signed in or not, may download exactly the
documents ``selectors.public_documents`` names; any other answers 404.
"""

from typing import Any

from django.db import models

from commissioning.core.permissions import Policy
from commissioning.core.roles import is_editor, is_staff_role

from .models import Document
from .selectors import is_public, public_documents


class DocumentPolicy(Policy[Document]):
    model = Document

    def visible(self, user: Any) -> "models.QuerySet[Document]":
        if is_staff_role(user):
            return Document._default_manager.all()
        return public_documents()

    def can_list(self, user: Any) -> bool:
        return is_staff_role(user)

    def can_create(self, user: Any) -> bool:
        return is_editor(user)

    def can_delete(self, user: Any, obj: Document) -> bool:
        return is_editor(user) and not is_public(obj)


document_policy = DocumentPolicy()
