"""Downloads: every response, the analyst's view of every comment, and the published
"you said, we did" table. Staff only; the outcome table only once published."""

from django.http import Http404, HttpRequest, HttpResponse

from ..exports import (
    CONTENT_TYPES,
    analysis_table,
    filename,
    outcome_docx,
    outcome_table,
    render_table,
    responses_table,
)
from ..models import Consultation
from .outcome_base import OutcomeRecordView


def _download(content: bytes, consultation: Consultation, what: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename(consultation, what, fmt)}"'
    return response


class ResponsesExportView(OutcomeRecordView):
    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        consultation = self.get_consultation()
        content = render_table(responses_table(consultation), fmt, "Responses")
        return _download(content, consultation, "responses", fmt)


class AnalysisExportView(OutcomeRecordView):
    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        consultation = self.get_consultation()
        widths = (8, 12, 14, 30, 24, 10, 60, 60, 30, 40, 12, 60, 18, 14)
        content = render_table(analysis_table(consultation), fmt, "Comments", widths)
        return _download(content, consultation, "analysis", fmt)


class OutcomeExportView(OutcomeRecordView):
    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        consultation = self.get_consultation()
        if consultation.outcome_published_at is None:
            raise Http404
        if fmt == "docx":
            content = outcome_docx(consultation)
        else:
            widths = (8, 24, 60, 24, 60)
            content = render_table(outcome_table(consultation), fmt, "You said, we did", widths)
        return _download(content, consultation, "you-said-we-did", fmt)
