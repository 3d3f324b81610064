"""E-mails about accounts, sent through Django's mail API so that whichever backend the
settings choose (console, file, SMTP or GOV.UK Notify) delivers them. Plain text only:
GOV.UK Notify sends a subject and a body, nothing else."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from .models import User
from .tokens import encode_uid, invitation_token_generator


def invitation_url(user: User) -> str:
    path = reverse(
        "accounts:invitation-accept",
        kwargs={"uidb64": encode_uid(user), "token": invitation_token_generator.make_token(user)},
    )
    return f"{settings.SITE_URL}{path}"


def send_invitation(user_id: int) -> None:
    """Send (or send again) the invitation e-mail. Reads the user afresh: it runs after the
    transaction that invited them has committed."""
    user = User.objects.select_related("invited_by").get(pk=user_id)
    context = {
        "user": user,
        "invited_by": user.invited_by,
        "url": invitation_url(user),
        "service_name": settings.SERVICE_NAME,
        "expiry_days": settings.PASSWORD_RESET_TIMEOUT // (60 * 60 * 24),
    }
    subject = render_to_string("accounts/emails/invitation_subject.txt", context)
    body = render_to_string("accounts/emails/invitation_body.txt", context)
    send_mail(
        subject=" ".join(subject.split()),
        message=body,
        from_email=None,
        recipient_list=[user.email],
    )
