"""Every write to a document: attaching an upload to a framework, consultation or
decision record, and deleting one while its parent is not yet public. Keyword-only,
atomic, and audited through django-simple-history."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from commissioning.budgets.models import Framework
from commissioning.consultations.models import Consultation
from commissioning.decisions.models import Decision

from .models import Document
from .selectors import is_public
from .validation import check_upload


@transaction.atomic
def document_create(
    *,
    actor: Any,
    title: str,
    kind: str,
    upload: Any,
    framework: Framework | None = None,
    consultation: Consultation | None = None,
    decision: Decision | None = None,
) -> Document:
    """Check the upload (type by content, size, name) and store it privately."""
    parents = [p for p in (framework, consultation, decision) if p is not None]
    if len(parents) != 1:
        raise TypeError("a document needs exactly one parent")
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Enter a title")})
    checked = check_upload(upload)
    siblings = Document.objects.filter(
        framework=framework, consultation=consultation, decision=decision
    )
    document = Document(
        title=title,
        kind=kind,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        framework=framework,
        consultation=consultation,
        decision=decision,
        order=siblings.count() + 1,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    document._history_user = actor  # type: ignore[attr-defined]
    document._change_reason = _("Uploaded %(name)s") % {"name": checked.name}  # type: ignore[attr-defined]
    upload.seek(0)
    # Stored under a random directory (models.document_path) with the checked name.
    document.file.save(checked.name, upload, save=False)
    stored = str(document.file.name)
    try:
        document.full_clean()
        document.save()
    except Exception:
        document.file.storage.delete(stored)
        raise
    return document


@transaction.atomic
def document_delete(*, actor: Any, document: Document) -> None:
    """Only while the parent is not public: a published document is part of the record."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if is_public(document):
        raise ValidationError(
            _(
                "This document has been published with its %(parent)s, so it is kept as "
                "part of the public record"
            )
            % {"parent": document.parent._meta.verbose_name}
        )
    storage, name = document.file.storage, str(document.file.name)
    document._history_user = actor  # type: ignore[attr-defined]
    document._change_reason = _("Deleted")  # type: ignore[attr-defined]
    document.delete()
    # The file goes only once the deletion is committed.
    transaction.on_commit(lambda: storage.delete(name))
