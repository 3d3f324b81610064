"""The form for importing responses: just the file. Reading it and deciding whether it
can be imported is the response import service's job."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from commissioning.core.spreadsheets import MAX_BYTES

EXTENSIONS = (".csv", ".xlsx")


class ResponseImportForm(forms.Form):
    file = forms.FileField(
        label=_("Responses"),
        help_text=_(
            "A CSV or XLSX file, smaller than 5MB, with one row per response and the "
            "headings of the responses download."
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
