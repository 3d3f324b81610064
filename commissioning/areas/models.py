from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PolicingArea(models.Model):
    """The area a Police and Crime Commissioner is elected for."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=20, help_text=_("For example, LLR."))
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    force_name = models.CharField(_("police force"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("policing area")

    def __str__(self) -> str:
        return self.name


class SubArea(models.Model):
    """A local authority area, district or borough within a policing area."""

    class Kind(models.TextChoices):
        UNITARY = "unitary", _("Unitary authority")
        COUNTY = "county", _("County")
        DISTRICT = "district", _("District or borough")

    area = models.ForeignKey(
        PolicingArea, on_delete=models.PROTECT, related_name="sub_areas", verbose_name=_("area")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
        help_text=_("The county a district or borough lies in."),
    )
    is_csp_area = models.BooleanField(
        _("Community Safety Partnership area"),
        default=False,
        help_text=_("Whether a Community Safety Partnership covers exactly this area."),
    )
    csp_name = models.CharField(_("partnership name"), max_length=200, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("year of population estimate"), null=True, blank=True
    )
    population_source = models.CharField(
        _("source of population estimate"), max_length=300, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "kind", "name"]
        verbose_name = _("sub-area")
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="sub_area_unique_name_per_area"),
            models.CheckConstraint(
                condition=models.Q(population__isnull=True)
                | models.Q(population_year__isnull=False),
                name="sub_area_population_has_year",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SubAreaGroup(models.Model):
    """A named group of sub-areas, e.g. "Leicestershire and Rutland"."""

    area = models.ForeignKey(
        PolicingArea, on_delete=models.PROTECT, related_name="groups", verbose_name=_("area")
    )
    name = models.CharField(_("name"), max_length=200)
    members = models.ManyToManyField(SubArea, related_name="groups", verbose_name=_("sub-areas"))
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["area", "name"]
        verbose_name = _("group of sub-areas")
        verbose_name_plural = _("groups of sub-areas")
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="sub_area_group_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
