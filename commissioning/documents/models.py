"""Documents attached to a framework, a consultation or a decision record.

Files live in private storage (``MEDIA_ROOT``, which is never served directly and is
outside the static root). They are served only through a view that asks the
documents policy, and become public once their parent is public: a published (or
superseded) framework, a consultation that has opened, a published decision.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commissioning.budgets.models import Framework
from commissioning.consultations.models import Consultation
from commissioning.decisions.models import Decision


class DocumentKind(models.TextChoices):
    EQUALITY_IMPACT_ASSESSMENT = "equality_impact_assessment", _("Equality Impact Assessment")
    DECISION_RECORD = "decision_record", _("Decision record")
    APPENDIX = "appendix", _("Appendix")
    CONSULTATION_DOCUMENT = "consultation_document", _("Consultation document")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


def document_path(instance: "Document", filename: str) -> str:
    # A random directory per upload: stored names never collide and never come from the
    # uploader (the safe original name is kept in ``original_name`` for downloads).
    return f"documents/{uuid.uuid4().hex}/{filename}"


class Document(models.Model):
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=document_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    framework = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("framework"),
    )
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("consultation"),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("decision record"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["uploaded_at"])

    class Meta:
        ordering = ["order", "title", "pk"]
        verbose_name = _("document")
        constraints = [
            # Exactly one parent: a document belongs to one record and is public with it.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        framework__isnull=False, consultation__isnull=True, decision__isnull=True
                    )
                    | models.Q(
                        framework__isnull=True, consultation__isnull=False, decision__isnull=True
                    )
                    | models.Q(
                        framework__isnull=True, consultation__isnull=True, decision__isnull=False
                    )
                ),
                name="document_has_exactly_one_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The permission-checked download (see ``documents.views``)."""
        return reverse("documents:download", kwargs={"pk": self.pk, "filename": self.original_name})

    @property
    def parent(self) -> Framework | Consultation | Decision:
        parent = self.framework or self.consultation or self.decision
        if parent is None:  # the check constraint makes this unreachable for saved rows
            raise ValueError("A document needs a parent")
        return parent
