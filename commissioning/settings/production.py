"""Production: every secret comes from the environment; HTTPS only.

Start-up fails with a clear message when a required variable is missing, rather than
serving with an unsafe default.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a random value of 50 characters or more.")
if not env.str("DATABASE_URL", default=""):
    raise ImproperlyConfigured("Set DATABASE_URL (PostgreSQL) for production.")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
# Password-reset, invitation and save-and-return links must not cross the network in clear.
if EMAIL_TRANSPORT == "smtp" and not (EMAIL_USE_TLS or EMAIL_USE_SSL):  # noqa: F405
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL for SMTP in production.")

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
# Preloading commits the whole domain (and its subdomains) to HTTPS in browsers for
# months; it is the domain owner's decision, so it is opt-in and the check is silenced.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
