"""Every change to a person's account, one audited function each.

Each function locks the row it changes, checks the current state, saves with the actor
and a reason for the History tab (django-simple-history), and sends any e-mail only once
the transaction has committed.
"""

import time
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import hex_validator

from commissioning.areas.models import SubArea
from commissioning.core.roles import Role
from commissioning.organisations.models import Organisation

from . import emails
from .models import User
from .policies import USER_POLICY

TOTP_DEVICE_NAME = "Authenticator app"
WRONG_CODE = _("The code is not correct. Check the code in your authenticator app and try again")


def _save(user: User, *, actor: User | None, reason: str) -> None:
    user._history_user = actor  # type: ignore[attr-defined]
    user._change_reason = reason  # type: ignore[attr-defined]
    user.save()


def _lock(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


def _check_can_manage(actor: User, user: User) -> None:
    # The views ask the same policy first; this guards any other caller.
    if not USER_POLICY.can_edit(actor, user):
        raise PermissionDenied


def _check_scope(
    *, role: str, organisation: Organisation | None, csp_area: SubArea | None
) -> tuple[Organisation | None, SubArea | None]:
    """The organisation or CSP area a role needs; other roles keep neither."""
    if role not in Role.values:
        raise ValidationError({"role": _("Select a role")})
    if role == Role.PROVIDER:
        if organisation is None:
            raise ValidationError({"organisation": _("Select the user's organisation")})
        if not organisation.is_active:
            raise ValidationError({"organisation": _("Select an active organisation")})
        return organisation, None
    if role == Role.CSP:
        if csp_area is None:
            raise ValidationError({"csp_area": _("Select the user's Community Safety Partnership")})
        if not csp_area.is_csp_area:
            raise ValidationError(
                {"csp_area": _("Select an area that has a Community Safety Partnership")}
            )
        return None, csp_area
    return None, None


def _other_active_admins_exist(user: User) -> bool:
    """Whether someone other than ``user`` can still administer the service.

    Locks every active administrator's row, so two administrators removing each other
    at the same moment cannot leave nobody in charge."""
    admins = list(
        User.objects.select_for_update()
        .filter(role=Role.ADMIN, is_active=True)
        .values_list("pk", "invited_at", "invitation_accepted_at")
    )
    return any(
        pk != user.pk and (invited_at is None or accepted_at is not None)
        for pk, invited_at, accepted_at in admins
    )


@transaction.atomic
def user_invite(
    *,
    actor: User,
    email: str,
    full_name: str,
    role: str,
    organisation: Organisation | None = None,
    csp_area: SubArea | None = None,
) -> User:
    """Create an account with no usable password and e-mail the person a link to choose one."""
    if not USER_POLICY.can_create(actor):
        raise PermissionDenied
    email = User.objects.normalize_email(email.strip()).lower()
    full_name = full_name.strip()
    if not full_name:
        raise ValidationError({"full_name": _("Enter the user's full name")})
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("A user with this e-mail address already exists")})
    organisation, csp_area = _check_scope(role=role, organisation=organisation, csp_area=csp_area)
    user = User(
        email=email,
        full_name=full_name,
        role=role,
        organisation=organisation,
        csp_area=csp_area,
        invited_by=actor,
        invited_at=timezone.now(),
    )
    user.set_unusable_password()
    _save(user, actor=actor, reason=str(_("Invited")))
    transaction.on_commit(partial(emails.send_invitation, user.pk))
    return user


@transaction.atomic
def invitation_resend(*, actor: User, user: User) -> User:
    """Send a fresh invitation link; earlier links stop working (the token covers invited_at)."""
    user = _lock(user)
    _check_can_manage(actor, user)
    if not user.is_active or not user.invitation_pending:
        raise ValidationError(_("Only a pending invitation can be sent again"))
    user.invited_at = timezone.now()
    user.invited_by = actor
    _save(user, actor=actor, reason=str(_("Invitation sent again")))
    transaction.on_commit(partial(emails.send_invitation, user.pk))
    return user


@transaction.atomic
def invitation_accept(*, user: User, password: str) -> User:
    """The invited person has chosen a password (already validated by the form)."""
    user = _lock(user)
    if not user.is_active or not user.invitation_pending:
        raise ValidationError(_("This invitation has already been used or withdrawn"))
    user.set_password(password)
    user.invitation_accepted_at = timezone.now()
    _save(user, actor=user, reason=str(_("Invitation accepted")))
    return user


@transaction.atomic
def user_set_password(*, user: User, password: str, reason: str) -> User:
    """A person sets their own password (change, or reset by e-mail link); the password
    has already passed the validators in the form."""
    user = _lock(user)
    user.set_password(password)
    _save(user, actor=user, reason=reason)
    return user


@transaction.atomic
def user_update_role(
    *,
    actor: User,
    user: User,
    role: str,
    organisation: Organisation | None = None,
    csp_area: SubArea | None = None,
) -> User:
    user = _lock(user)
    _check_can_manage(actor, user)
    organisation, csp_area = _check_scope(role=role, organisation=organisation, csp_area=csp_area)
    if (
        user.role == Role.ADMIN
        and role != Role.ADMIN
        and user.is_active
        and not _other_active_admins_exist(user)
    ):
        raise ValidationError(
            {
                "role": _(
                    "This is the only active administrator. "
                    "Make someone else an administrator first"
                )
            }
        )
    user.role = role
    user.organisation = organisation
    user.csp_area = csp_area
    _save(user, actor=actor, reason=str(_("Role changed")))
    return user


@transaction.atomic
def user_deactivate(*, actor: User, user: User) -> User:
    """Stop someone signing in. Their sessions end too: Django refuses inactive users."""
    user = _lock(user)
    _check_can_manage(actor, user)
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account"))
    if not user.is_active:
        raise ValidationError(_("This user is already deactivated"))
    if user.role == Role.ADMIN and not _other_active_admins_exist(user):
        raise ValidationError(_("You cannot deactivate the only active administrator"))
    user.is_active = False
    _save(user, actor=actor, reason=str(_("Deactivated")))
    return user


@transaction.atomic
def user_reactivate(*, actor: User, user: User) -> User:
    user = _lock(user)
    _check_can_manage(actor, user)
    if user.is_active:
        raise ValidationError(_("This user is already active"))
    user.is_active = True
    _save(user, actor=actor, reason=str(_("Reactivated")))
    return user


@transaction.atomic
def user_reset_two_factor(*, actor: User, user: User) -> User:
    """Remove someone's authenticator devices: staff must set two-factor up again at their
    next page (for a lost phone). Recorded on the user's history."""
    user = _lock(user)
    _check_can_manage(actor, user)
    TOTPDevice.objects.filter(user=user).delete()
    _save(user, actor=actor, reason=str(_("Two-factor authentication reset")))
    return user


def totp_code_matches(*, key_hex: str, token: str, device: TOTPDevice | None = None) -> int | None:
    """The time step at which a 6-digit code matches the key (one step of clock drift
    allowed either way), or None."""
    token = token.strip()
    if not (len(token) == 6 and token.isdigit()):
        return None
    totp = TOTP(bytes.fromhex(key_hex), step=30, t0=0, digits=6)
    totp.time = time.time()
    if totp.verify(int(token), tolerance=1):
        return int(totp.t())
    return None


@transaction.atomic
def totp_device_confirm(*, user: User, key_hex: str, token: str) -> TOTPDevice:
    """Set up two-factor: the person has scanned ``key_hex`` and typed the code it shows.

    The key lives in their session until now, so no half-made device is ever saved.
    Any earlier devices are removed: a person has one authenticator at a time.
    """
    user = _lock(user)
    step = totp_code_matches(key_hex=key_hex, token=token)
    if step is None:
        raise ValidationError({"token": WRONG_CODE})
    TOTPDevice.objects.filter(user=user).delete()
    # last_t stops the same code being used again to verify a sign-in.
    device = TOTPDevice.objects.create(
        user=user, name=TOTP_DEVICE_NAME, key=key_hex, confirmed=True, last_t=step
    )
    _save(user, actor=user, reason=str(_("Two-factor authentication set up")))
    return device


def ensure_demo_totp_device(user: User, key_hex: str) -> TOTPDevice:
    """Give a demo account a confirmed authenticator with a known key.

    For the demonstration data only: every demo staff account shares one secret, so one
    authenticator app entry (or ``manage.py totp_code``) signs in as any of them.
    """
    hex_validator()(key_hex)
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
        if device is None:
            return TOTPDevice.objects.create(
                user=user, name=TOTP_DEVICE_NAME, key=key_hex, confirmed=True
            )
        if device.key != key_hex:
            device.key = key_hex
            device.last_t = -1
            device.save()
        return device
