"""manage.py import_comment_log: import a past consultation's comment log as a closed
consultation with its outcome published.

    manage.py import_comment_log FILE --area SLUG --title "..." [--user EMAIL]
        [--opens YYYY-MM-DD] [--closes YYYY-MM-DD]

Prints the new consultation's id on stdout. Every error is printed on stderr as
"Row N, Column: message" and the exit status is non-zero; nothing is written unless the
whole file is good.
"""

from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from commissioning.areas.models import PolicingArea

from ...comment_log import CommentLogError, comment_log_import, read_comment_log


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"{text} is not a date like 2014-01-31") from error


class Command(BaseCommand):
    help = (
        "Import a past consultation's comment log (a CSV or XLSX with columns Ref, Theme, "
        "Comment and Response) as a closed consultation with its outcome published. "
        "Every row is checked first: one bad row means nothing is imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the CSV or XLSX file")
        parser.add_argument("--area", required=True, help="the policing area's slug")
        parser.add_argument("--title", required=True, help="the consultation's title")
        parser.add_argument("--user", help="the e-mail address of the officer importing")
        parser.add_argument("--opens", help="the day it opened (default: 29 days ago)")
        parser.add_argument("--closes", help="the day it closed (default: yesterday)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        try:
            area = PolicingArea.objects.get(slug=options["area"])
        except PolicingArea.DoesNotExist as error:
            raise CommandError(f"There is no policing area {options['area']}") from error
        actor = self._actor(options["user"])
        # Times are UK times: it opened at the start of its first day, closed at the end
        # of its last.
        zone = ZoneInfo(settings.TIME_ZONE)
        opens_at = closes_at = None
        if options["opens"]:
            opens_at = datetime.combine(_date(options["opens"]), time.min, tzinfo=zone)
        if options["closes"]:
            closes_at = datetime.combine(_date(options["closes"]), time(23, 59), tzinfo=zone)

        try:
            # Read first only for the warnings (ignored columns). A bad file is left to the
            # import, which reports its errors together with any about the title or dates.
            for warning in read_comment_log(data=data, filename=path.name).warnings:
                self.stderr.write(f"Warning: {warning}")
        except CommentLogError:
            pass
        try:
            consultation = comment_log_import(
                actor=actor,
                area=area,
                title=options["title"],
                data=data,
                filename=path.name,
                opens_at=opens_at,
                closes_at=closes_at,
            )
        except CommentLogError as failure:
            for row_error in failure.errors:
                self.stderr.write(str(row_error))
            raise CommandError(
                f"Nothing was imported: {len(failure.errors)} error(s) in {path.name}"
            ) from failure
        except PermissionDenied as denied:
            raise CommandError(str(denied)) from denied

        # stdout is the id alone, for scripts; the summary goes to stderr.
        self.stdout.write(str(consultation.pk))
        self.stderr.write(
            self.style.SUCCESS(
                f"Imported {consultation.comments.count()} comment(s) in "
                f"{consultation.themes.count()} theme(s) into {consultation.title} "
                f"({consultation.slug})"
            )
        )

    def _actor(self, email: str | None) -> Any:
        if not email:
            return None
        try:
            return get_user_model().objects.get(email__iexact=email, is_active=True)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No active user has the e-mail address {email}") from error
