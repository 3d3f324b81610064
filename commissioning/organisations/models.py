from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .identifiers import normalise_name, org_id_for


class Organisation(models.Model):
    class Kind(models.TextChoices):
        POLICE_FORCE = "police_force", _("Police force")
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        HEALTH_BODY = "health_body", _("Health body")
        VCS = "vcs", _("Voluntary or community sector organisation")
        CIC = "cic", _("Community interest company")
        PRIVATE_COMPANY = "private_company", _("Private company")
        OPCC = "opcc", _("Office of the Police and Crime Commissioner")

    name = models.CharField(_("name"), max_length=250)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    charity_number = models.CharField(
        _("charity number"),
        max_length=12,
        blank=True,
        help_text=_("Registered charity number, for example 1234567 or SC012345."),
    )
    company_number = models.CharField(
        _("company number"),
        max_length=8,
        blank=True,
        help_text=_("Companies House number, for example 01234567 or SC123456."),
    )
    address_line_1 = models.CharField(_("address line 1"), max_length=200, blank=True)
    address_line_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    town = models.CharField(_("town or city"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("general e-mail address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Derived from the name (see save()): lets duplicate checks find "The Example Trust
    # Ltd" when someone enters "Example Trust" without scanning every record.
    name_key = models.CharField(max_length=250, editable=False, blank=True, db_index=True)
    history = HistoricalRecords(excluded_fields=["created_at", "name_key"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        indexes = [
            models.Index(fields=["kind", "name"]),
            models.Index(fields=["charity_number"], name="organisation_charity_idx"),
            models.Index(fields=["company_number"], name="organisation_company_idx"),
        ]
        # One live record per charity or company; a merged record keeps its numbers as
        # evidence, so it is left out.
        constraints = [
            models.UniqueConstraint(
                fields=["charity_number"],
                condition=models.Q(merged_into__isnull=True) & ~models.Q(charity_number=""),
                name="organisation_unique_live_charity_number",
                violation_error_message=_(
                    "An organisation with this charity number is already in the register"
                ),
            ),
            models.UniqueConstraint(
                fields=["company_number"],
                condition=models.Q(merged_into__isnull=True) & ~models.Q(company_number=""),
                name="organisation_unique_live_company_number",
                violation_error_message=_(
                    "An organisation with this company number is already in the register"
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A derived lookup column, kept in step however the record is saved (services,
        # factories, the admin), so it is computed here rather than in a service.
        self.name_key = normalise_name(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None

    @property
    def org_id(self) -> str:
        """The org-id.guide identifier, e.g. GB-CHC-1234567, used by 360Giving and OCDS."""
        return org_id_for(charity_number=self.charity_number, company_number=self.company_number)

    @property
    def address_lines(self) -> list[str]:
        parts = [self.address_line_1, self.address_line_2, self.town, self.postcode]
        return [part for part in parts if part]


class Contact(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    is_primary = models.BooleanField(_("main contact"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_primary", "name"]
        verbose_name = _("contact")

    def __str__(self) -> str:
        return self.name
