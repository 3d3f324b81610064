"""A report to the Police and Crime Panel on a Commissioning Framework.

The report keeps only what an officer writes: the title block and the narrative of each
section. Every figure (Table 1, the itemised budget, the consultation's comments and
responses) is read from the framework and its consultation when the report is shown or
generated, so the document can never disagree with the data. Paragraph numbers are not
stored either: they are worked out from the order of the sections (see ``sections.py``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commissioning.budgets.models import Framework
from commissioning.consultations.models import Consultation


class ImplicationsTemplate(models.TextChoices):
    STANDARD = "standard", _("Implications in the report (Financial, Legal, Equality …)")
    DURHAM = "durham", _("Appendix: Risks and Implications (Finance, Staffing …)")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class PanelReport(models.Model):
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="panel_reports",
        verbose_name=_("framework"),
    )
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="panel_reports",
        verbose_name=_("consultation"),
    )
    panel_name = models.CharField(_("panel"), max_length=200)
    meeting_date = models.DateField(_("meeting date"))
    meeting_time = models.CharField(
        _("meeting time"), max_length=40, blank=True, help_text=_("For example, 1:00pm.")
    )
    subject = models.CharField(_("subject"), max_length=250)
    report_of = models.CharField(_("report of"), max_length=200)
    author_name = models.CharField(_("author's name"), max_length=200, blank=True)
    author_role = models.CharField(_("author's job title"), max_length=200, blank=True)
    contact_name = models.CharField(_("person to contact"), max_length=200, blank=True)
    contact_role = models.CharField(_("their job title"), max_length=200, blank=True)
    contact_email = models.EmailField(_("their e-mail address"), blank=True)
    contact_phone = models.CharField(_("their telephone number"), max_length=40, blank=True)
    implications_template = models.CharField(
        _("implications"),
        max_length=20,
        choices=ImplicationsTemplate.choices,
        default=ImplicationsTemplate.STANDARD,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    finalised_at = models.DateTimeField(_("marked final"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["-meeting_date", "-pk"]
        verbose_name = _("Police and Crime Panel report")

    def __str__(self) -> str:
        return f"{self.subject} ({self.meeting_date.day} {self.meeting_date:%B %Y})"


class ReportSection(models.Model):
    """The narrative of one section: paragraphs separated by a blank line."""

    report = models.ForeignKey(PanelReport, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("section"), max_length=40)
    body = models.TextField(_("paragraphs"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "key"]
        verbose_name = _("report section")
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="report_section_once"),
        ]

    def __str__(self) -> str:
        return self.key
