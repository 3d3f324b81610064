"""Decision records: what the Commissioner decided, why, and what it costs.

A decision record is drafted by the office, signed by the Commissioner (or the officer
with delegated authority), then published. Signing fixes its content; publishing makes
it public on the transparency site. Publishing a Commissioning Framework needs a signed
decision record that decides on it (see ``services``).
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commissioning.areas.models import PolicingArea
from commissioning.budgets.models import Framework
from commissioning.consultations.models import Consultation


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    PUBLISHED = "published", _("Published")


reference_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9/ ._-]*$",
    _("Enter a reference like PCC/2017/004, using letters, numbers, / . _ and -"),
)


class Decision(models.Model):
    area = models.ForeignKey(
        PolicingArea, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("area")
    )
    reference = models.CharField(
        _("reference"),
        max_length=40,
        validators=[reference_validator],
        help_text=_("For example, PCC/2017/004."),
    )
    title = models.CharField(_("title"), max_length=250)
    decision = models.TextField(_("the decision"), help_text=_("Markdown."))
    reasons = models.TextField(_("reasons for the decision"), help_text=_("Markdown."))
    financial_implications = models.TextField(
        _("financial implications"), blank=True, help_text=_("Markdown.")
    )
    legal_implications = models.TextField(
        _("legal implications"), blank=True, help_text=_("Markdown.")
    )
    decided_on = models.DateField(_("date of decision"), null=True, blank=True)
    decided_by = models.CharField(
        _("decided by"),
        max_length=200,
        blank=True,
        help_text=_("Name and role, for example Police and Crime Commissioner."),
    )
    significant_public_interest = models.BooleanField(
        _("of significant public interest"), default=False
    )
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("framework decided on"),
    )
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("consultation decided on"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signing recorded by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["-decided_on", "-reference"]
        verbose_name = _("decision record")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "reference"], name="decision_unique_reference_per_area"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"
