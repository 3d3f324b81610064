"""The upload form. The form only asks; documents.validation checks the file."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import DocumentKind
from .validation import ALLOWED_DESCRIPTION, megabytes


class DocumentUploadForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example, Equality Impact Assessment for the 2017/18 framework"),
        error_messages={"required": _("Enter a title")},
    )
    kind = forms.ChoiceField(
        label=_("What kind of document is it?"),
        choices=DocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the kind of document")},
    )
    file = forms.FileField(
        label=_("File"),
        error_messages={
            "required": _("Select a file"),
            "empty": _("The selected file is empty"),
        },
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        limit = megabytes(settings.DOCUMENT_MAX_BYTES)
        self.fields["file"].help_text = _("A %(types)s file, smaller than %(limit)s MB.") % {
            "types": ALLOWED_DESCRIPTION,
            "limit": limit,
        }
