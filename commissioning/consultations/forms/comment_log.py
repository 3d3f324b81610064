"""The form for importing a past consultation's comment log: where, what it was called,
when it ran, and the file. The form checks what was typed; reading the file and deciding
whether it can be imported is the comment log service's job."""

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from commissioning.areas.models import PolicingArea
from commissioning.core.forms import GovukDateField

from ..comment_log import MAX_TITLE

UK = ZoneInfo("Europe/London")
MAX_BYTES = 5 * 1024 * 1024
EXTENSIONS = (".csv", ".xlsx")
# A problem the service finds with the title or dates, shown against the field it is about
# (the service names them by these translated words); every other problem is the file's.
SERVICE_COLUMNS = {_("Title"): "title", _("Opens"): "opens_on", _("Closes"): "closes_on"}


class CommentLogImportForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=PolicingArea.objects.order_by("name"),
        error_messages={"required": _("Select the area")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=MAX_TITLE,
        help_text=_("For example, Commissioning Framework 2014/15 consultation"),
        error_messages={"required": _("Enter a title")},
    )
    opens_on = GovukDateField(
        label=_("Opened (optional)"),
        error_label=_("The opening date"),
        required=False,
        help_text=_("For example, 6 1 2014. If you leave it out, 28 days before it closed."),
    )
    closes_on = GovukDateField(
        label=_("Closed (optional)"),
        error_label=_("The closing date"),
        required=False,
        help_text=_("For example, 3 2 2014. If you leave it out, yesterday."),
    )
    file = forms.FileField(
        label=_("Comment log"),
        help_text=_(
            "A CSV or XLSX file, smaller than 5MB, with the columns Ref, Theme, Comment "
            "and Response."
        ),
        error_messages={"required": _("Select a CSV or XLSX file")},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        # Checked before the file is read into memory.
        if (upload.size or 0) > MAX_BYTES:
            raise forms.ValidationError(_("The selected file must be smaller than 5MB"))
        if not (upload.name or "").lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("The selected file must be a CSV or XLSX"))
        if not upload.size:
            raise forms.ValidationError(_("The selected file is empty"))
        return upload

    def service_arguments(self) -> dict[str, Any]:
        """What comment_log_import needs besides the actor. Days are UK days: it opened
        at the start of its first day and closed at the end of its last, as the command
        line import reads them."""
        data = self.cleaned_data
        upload: UploadedFile = data["file"]
        return {
            "area": data["area"],
            "title": data["title"],
            "data": upload.read(),
            "filename": upload.name or "comment-log",
            "opens_at": _at(data.get("opens_on"), time.min),
            "closes_at": _at(data.get("closes_on"), time(23, 59)),
        }

    def add_log_errors(self, errors: list[Any]) -> None:
        """The service's problems: the title's and dates' against their fields, the
        file's (every row's) against the file, so the summary links to it."""
        for error in errors:
            columns = {str(word): field for word, field in SERVICE_COLUMNS.items()}
            field = columns.get(str(error.column)) if not error.row else None
            if field:
                self.add_error(field, str(error.message))
            else:
                self.add_error("file", str(error))


def _at(day: date | None, at: time) -> datetime | None:
    return datetime.combine(day, at, tzinfo=UK) if day else None
