from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commissioning.areas.models import SubArea
from commissioning.core.roles import STAFF_ROLES, Role
from commissioning.organisations.models import Organisation


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> "User":
        # E-mail addresses are matched without regard to case.
        return self.get(email__iexact=username)

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("role", Role.ADMIN)
        return self.create_user(email, password, **extra)


class UserStatus(models.TextChoices):
    """Where an account stands; derived from is_active and the invitation dates."""

    ACTIVE = "active", _("Active")
    INVITED = "invited", _("Invited")
    DEACTIVATED = "deactivated", _("Deactivated")


class User(AbstractBaseUser):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
        help_text=_("For provider users: the one organisation whose records they see."),
    )
    csp_area = models.ForeignKey(
        SubArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("Community Safety Partnership"),
        help_text=_("For CSP users: the one partnership area whose records they see."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    invited_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    invitation_accepted_at = models.DateTimeField(_("invitation accepted"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        verbose_name = _("user")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="provider") | models.Q(organisation__isnull=False),
                name="user_provider_has_organisation",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="csp") | models.Q(csp_area__isnull=False),
                name="user_csp_has_area",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def invitation_pending(self) -> bool:
        return self.invited_at is not None and self.invitation_accepted_at is None

    @property
    def status(self) -> UserStatus:
        if not self.is_active:
            return UserStatus.DEACTIVATED
        if self.invitation_pending:
            return UserStatus.INVITED
        return UserStatus.ACTIVE

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email
