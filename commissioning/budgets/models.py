"""A Commissioning Framework and everything it holds.

Amounts are exact (to the penny) and are only rounded when displayed. Categories, funding
sources and service lines carry an ``identity`` that stays the same across the versions
and years of a framework, so that a comparison matches "the same line" even when it is
renamed; an officer can link two lines by hand by giving them the same identity.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commissioning.areas.models import PolicingArea, SubArea, SubAreaGroup
from commissioning.core.money import Unit, money_field
from commissioning.core.years import FinancialYearField
from commissioning.organisations.models import Organisation
from commissioning.plans.models import PoliceAndCrimePlan, Priority


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONSULTATION = "consultation", _("Out for consultation")
    FINAL = "final", _("Final")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


# What the public may see: the current published version and every version it replaced
# (superseded versions stay reachable, labelled as such).
PUBLIC_FRAMEWORK_STATUSES = (FrameworkStatus.PUBLISHED, FrameworkStatus.SUPERSEDED)


class Framework(models.Model):
    area = models.ForeignKey(
        PolicingArea, on_delete=models.PROTECT, related_name="frameworks", verbose_name=_("area")
    )
    plan = models.ForeignKey(
        PoliceAndCrimePlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="frameworks",
        verbose_name=_("Police and Crime Plan"),
    )
    title = models.CharField(_("title"), max_length=250)
    first_year = FinancialYearField(_("first financial year"))
    last_year = FinancialYearField(_("last financial year"))
    status = models.CharField(
        _("status"), max_length=20, choices=FrameworkStatus.choices, default=FrameworkStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refreshes",
        verbose_name=_("refreshed from"),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    consultation_closes_on = models.DateField(_("consultation closes"), null=True, blank=True)
    display_unit = models.CharField(
        _("show amounts in"), max_length=20, choices=Unit.choices, default=Unit.POUNDS
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["area", "-first_year", "-version"]
        verbose_name = _("commissioning framework")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="framework_years_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class FrameworkBudget(models.Model):
    """The total commissioning budget the framework states for one year (e.g. £4.668m)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="budgets")
    year = FinancialYearField(_("financial year"))
    amount = money_field(_("commissioning budget"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "year"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "year"], name="framework_budget_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class BudgetCategory(models.Model):
    """A heading the budget is split by (Victims, Vulnerable, Prevention, Cross cutting),
    mapped to the plan priorities it serves."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="categories")
    identity = models.UUIDField(default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    priorities = models.ManyToManyField(
        Priority, blank=True, related_name="budget_categories", verbose_name=_("plan priorities")
    )
    history = HistoricalRecords(m2m_fields=[priorities])

    class Meta:
        ordering = ["framework", "order", "name"]
        verbose_name = _("budget category")
        verbose_name_plural = _("budget categories")
        constraints = [
            models.UniqueConstraint(fields=["framework", "name"], name="category_unique_name"),
            models.UniqueConstraint(fields=["framework", "identity"], name="category_identity"),
        ]

    def __str__(self) -> str:
        return self.name


class FundingSourceKind(models.TextChoices):
    MOJ_VICTIMS = "moj_victims", _("Ministry of Justice victims' services grant")
    POLICE_GRANT_PRECEPT = "police_grant_precept", _("Police grant and precept")
    COMMUNITY_SAFETY_LEGACY = "community_safety_legacy", _("Community safety legacy grant")
    DRUG_INTERVENTION_LEGACY = "drug_intervention_legacy", _("Drug Intervention Programme grant")
    OTHER = "other", _("Other")


class FundingSource(models.Model):
    """Money the framework is paid from in one year. A ring-fenced source (the Ministry of
    Justice victims' grant) may fund only lines in its categories."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="funding_sources"
    )
    identity = models.UUIDField(default=uuid.uuid4, editable=False)
    year = FinancialYearField(_("financial year"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40, choices=FundingSourceKind.choices)
    amount = money_field(_("amount"))
    is_ring_fenced = models.BooleanField(_("ring-fenced"), default=False)
    ring_fenced_categories = models.ManyToManyField(
        BudgetCategory,
        blank=True,
        related_name="ring_fenced_sources",
        verbose_name=_("may only fund"),
    )
    history = HistoricalRecords(m2m_fields=[ring_fenced_categories])

    class Meta:
        ordering = ["framework", "year", "name"]
        verbose_name = _("funding source")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "year", "name"], name="funding_source_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class NarrativeSection(models.Model):
    """Foreword, background, value for money ...: Markdown, sanitised when rendered."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField(_("heading"), max_length=200)
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "order", "pk"]
        verbose_name = _("narrative section")

    def __str__(self) -> str:
        return self.heading


class Footnote(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="footnotes")
    marker = models.CharField(_("marker"), max_length=5, help_text=_("For example * or †."))
    text = models.TextField(_("note"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "marker"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "marker"], name="footnote_unique_marker"),
        ]

    def __str__(self) -> str:
        return f"{self.marker} {self.text}"


class Mechanism(models.TextChoices):
    """The four ways the Commissioner buys (seed 001)."""

    DIRECT = "direct", _("Direct")
    CO_COMMISSIONING = "co_commissioning", _("Co-commissioning")
    PARTNERSHIP = "partnership", _("Partnership place-based")
    GRANT = "grant", _("Commissioner's grant")


class ReachScope(models.TextChoices):
    AREA = "area", _("The whole area")
    SUB_AREAS = "sub_areas", _("One or more sub-areas")
    GROUP = "group", _("A group of sub-areas")


class ServiceLine(models.Model):
    """One service in the itemised budget (seed 002's Appendix A)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="lines")
    identity = models.UUIDField(default=uuid.uuid4)
    category = models.ForeignKey(
        BudgetCategory, on_delete=models.PROTECT, related_name="lines", verbose_name=_("category")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    name = models.CharField(_("service name"), max_length=300)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_lines",
        verbose_name=_("delivery organisation"),
    )
    organisation_text = models.CharField(
        _("delivery organisation (not yet confirmed)"),
        max_length=300,
        blank=True,
        help_text=_("For example: To be confirmed via strategic commissioning review."),
    )
    provision = models.TextField(_("provision"), blank=True)
    reach_scope = models.CharField(
        _("geographical reach"), max_length=20, choices=ReachScope.choices, default=ReachScope.AREA
    )
    reach_sub_areas = models.ManyToManyField(
        SubArea, blank=True, related_name="service_lines", verbose_name=_("sub-areas")
    )
    reach_group = models.ForeignKey(
        SubAreaGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_lines",
        verbose_name=_("group of sub-areas"),
    )
    reach_partial = models.BooleanField(
        _("part of the area only"),
        default=False,
        help_text=_('Reaches only part of the sub-area, as "Sub - Leicestershire".'),
    )
    mechanism = models.CharField(
        _("funding mechanism"), max_length=20, choices=Mechanism.choices, default=Mechanism.DIRECT
    )
    contract_end_date = models.DateField(_("contract end date"), null=True, blank=True)
    intention_code = models.CharField(
        _("commissioning intention"), max_length=20, blank=True, help_text=_("For example CI012.")
    )
    footnote = models.ForeignKey(
        Footnote,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lines",
        verbose_name=_("footnote"),
    )
    history = HistoricalRecords(m2m_fields=[reach_sub_areas])

    class Meta:
        ordering = ["framework", "category__order", "order", "pk"]
        verbose_name = _("service line")
        constraints = [
            models.UniqueConstraint(fields=["framework", "identity"], name="line_identity"),
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=True) | models.Q(organisation_text=""),
                name="line_one_kind_of_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceLineCost(models.Model):
    """What a line costs in one financial year, to the penny."""

    line = models.ForeignKey(ServiceLine, on_delete=models.CASCADE, related_name="costs")
    year = FinancialYearField(_("financial year"))
    amount = money_field(_("cost"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["line", "year"]
        constraints = [
            models.UniqueConstraint(fields=["line", "year"], name="line_cost_per_year"),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="line_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class LineFunding(models.Model):
    """The part of a line's cost met from one funding source (in that source's year)."""

    line = models.ForeignKey(ServiceLine, on_delete=models.CASCADE, related_name="funding")
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="allocations")
    amount = money_field(_("amount"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["line", "source"]
        constraints = [
            models.UniqueConstraint(fields=["line", "source"], name="line_funding_once_per_source"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="line_funding_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.amount}"


class BudgetImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be confirmed")
    APPLIED = "applied", _("Imported")
    DISCARDED = "discarded", _("Discarded")


class BudgetImport(models.Model):
    """An uploaded spreadsheet of service lines, kept between its preview and the
    officer's confirmation. It is checked again when confirmed (the framework may have
    changed since) and can be applied only once."""

    MAX_BYTES = 5 * 1024 * 1024

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BudgetImportStatus.choices,
        default=BudgetImportStatus.PENDING,
    )
    applied_at = models.DateTimeField(_("imported"), null=True, blank=True)
    # The file itself is not copied into every history row.
    history = HistoricalRecords(excluded_fields=["content", "created_at"])

    class Meta:
        ordering = ["framework", "-created_at"]
        verbose_name = _("budget import")

    def __str__(self) -> str:
        return self.filename
