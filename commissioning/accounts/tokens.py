"""One-time links for accepting an invitation.

Built like Django's password-reset tokens (and expiring after the same
PASSWORD_RESET_TIMEOUT), but salted differently so a reset link cannot be used as an
invitation link or the other way round. The hash covers the invitation time, so sending
an invitation again makes earlier links useless; it covers the password and the
acceptance time, so a link works once.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from .models import User


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "commissioning.accounts.tokens.InvitationTokenGenerator"

    def _make_hash_value(self, user: AbstractBaseUser, timestamp: int) -> str:
        # Seconds only: some databases do not keep microseconds.
        invited_at = getattr(user, "invited_at", None)
        accepted_at = getattr(user, "invitation_accepted_at", None)
        invited = "" if invited_at is None else invited_at.replace(microsecond=0)
        accepted = "" if accepted_at is None else accepted_at.replace(microsecond=0)
        email = getattr(user, "email", "")
        return f"{user.pk}{user.password}{email}{user.is_active}{invited}{accepted}{timestamp}"


invitation_token_generator = InvitationTokenGenerator()


def encode_uid(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def user_from_uid(uidb64: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.filter(pk=pk).first()


def invitation_user_from_token(uidb64: str, token: str) -> User | None:
    """The invited person for a link, or None if the link is invalid, used or expired."""
    user = user_from_uid(uidb64)
    if user is None or not user.is_active or not user.invitation_pending:
        return None
    if not invitation_token_generator.check_token(user, token):
        return None
    return user
