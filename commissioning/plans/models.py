from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commissioning.areas.models import PolicingArea


class PoliceAndCrimePlan(models.Model):
    """A Commissioner's plan for their term, e.g. LLR's Police and Crime Plan 2017–21.

    A revision is a new plan that names the one it revises, so that frameworks aligned to
    the earlier plan keep pointing at the priorities they were written against.
    """

    area = models.ForeignKey(
        PolicingArea, on_delete=models.PROTECT, related_name="plans", verbose_name=_("area")
    )
    title = models.CharField(_("title"), max_length=250)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    summary = models.TextField(_("summary"), blank=True)
    revises = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("revises"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["area", "-starts_on", "-created_at"]
        verbose_name = _("Police and Crime Plan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="plan_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Priority(models.Model):
    """A strategic priority of a plan, or a cross-cutting theme (e.g. Crime Prevention)."""

    plan = models.ForeignKey(
        PoliceAndCrimePlan,
        on_delete=models.CASCADE,
        related_name="priorities",
        verbose_name=_("plan"),
    )
    code = models.CharField(
        _("code"), max_length=20, help_text=_("A short reference, for example VS or P3.")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_cross_cutting = models.BooleanField(
        _("cross-cutting theme"),
        default=False,
        help_text=_("A theme that runs through every priority rather than a priority itself."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "is_cross_cutting", "order", "name"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="priority_unique_code_per_plan"),
        ]

    def __str__(self) -> str:
        return self.name


class KeyPerformanceQuestion(models.Model):
    """A question the Commissioner asks to judge progress on a priority (Durham's KPQs)."""

    priority = models.ForeignKey(
        Priority,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("priority"),
    )
    text = models.CharField(_("question"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["priority", "order", "pk"]
        verbose_name = _("Key Performance Question")

    def __str__(self) -> str:
        return self.text
