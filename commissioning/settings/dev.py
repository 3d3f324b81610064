"""Local development: `make run`. Debug on, e-mails printed to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# Plain static storage so that a change to a stylesheet shows without collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The SQLite file, mail and uploads live under var/; create it on first run.
from .base import VAR_DIR  # noqa: E402

VAR_DIR.mkdir(exist_ok=True)

# Serve static files straight from the finders: no collectstatic needed here.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
