"""Importing responses collected on paper or by another survey tool, from a spreadsheet
laid out like the responses download."""

from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import ngettext

from ..comment_log import RowError
from ..forms.response_import import ResponseImportForm
from ..models import Consultation
from ..response_import import (
    CHANNEL,
    CONSENT,
    ORGANISATION,
    RESPONDING_AS,
    SUBMITTED,
    ResponseImportError,
    responses_import,
)
from .builder_base import ConsultationRecordView

TEMPLATE = "consultations/response_import/import.html"
# Shown on the page: the columns about the response, besides the questions'.
COLUMNS = (SUBMITTED, CHANNEL, RESPONDING_AS, ORGANISATION, CONSENT)


class ResponseImportView(ConsultationRecordView):
    def _page(
        self,
        consultation: Consultation,
        form: ResponseImportForm,
        problems: list[RowError] | None = None,
        filename: str = "",
    ) -> HttpResponse:
        return self.render_page(
            TEMPLATE,
            consultation,
            form=form,
            columns=COLUMNS,
            problems=problems or [],
            filename=filename,
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._page(self.editable_consultation(), ResponseImportForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        form = ResponseImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._page(consultation, form)
        upload: UploadedFile = form.cleaned_data["file"]
        try:
            created = responses_import(
                actor=request.user,
                consultation=consultation,
                data=upload.read(),
                filename=upload.name or "responses",
            )
        except ResponseImportError as error:
            # One message against the file (the error summary links to it); every problem
            # in the table below it, which may run to hundreds of rows.
            form.add_error(
                "file",
                ngettext(
                    "The file has %(count)s problem, listed below: nothing has been imported",
                    "The file has %(count)s problems, listed below: nothing has been imported",
                    len(error.errors),
                )
                % {"count": f"{len(error.errors):,}"},
            )
            return self._page(consultation, form, error.errors, upload.name or "")
        messages.success(
            request,
            ngettext("Imported %(count)s response", "Imported %(count)s responses", len(created))
            % {"count": f"{len(created):,}"},
        )
        return redirect("consultations:responses", pk=consultation.pk)
