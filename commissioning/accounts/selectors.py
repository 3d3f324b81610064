"""Reads for the accounts pages; each query fetches what its page shows in one go."""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django_otp.plugins.otp_totp.models import TOTPDevice

from commissioning.areas.models import SubArea
from commissioning.organisations.models import Organisation

from .models import User


def _with_related(queryset: "models.QuerySet[User]") -> "models.QuerySet[User]":
    return queryset.select_related("organisation", "csp_area", "csp_area__area", "invited_by")


def user_list(
    *, queryset: "models.QuerySet[User]", search: str = "", role: str = ""
) -> "models.QuerySet[User]":
    """Users the caller may see (``queryset`` comes from the policy), filtered for the
    user list: ``search`` matches part of a name or e-mail address."""
    users = _with_related(queryset)
    search = search.strip()
    if search:
        users = users.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
    if role:
        users = users.filter(role=role)
    return users.order_by("full_name", "email")


def user_with_two_factor(*, queryset: "models.QuerySet[User]") -> "models.QuerySet[User]":
    """Users annotated with ``has_two_factor`` (a confirmed authenticator exists)."""
    confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return _with_related(queryset).annotate(has_two_factor=Exists(confirmed))


def confirmed_totp_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_confirmed_totp_device(*, user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def organisations_for_users() -> "models.QuerySet[Organisation]":
    return Organisation.objects.filter(is_active=True).order_by("name")


def csp_areas_for_users() -> "models.QuerySet[SubArea]":
    return (
        SubArea.objects.filter(is_csp_area=True)
        .select_related("area")
        .order_by("area__name", "name")
    )
