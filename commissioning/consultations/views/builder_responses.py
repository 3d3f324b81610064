"""The Responses tab: the submitted responses, and entering one received by e-mail, by
letter or at a meeting."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from ..building import response_enter
from ..forms.builder import ResponseEntryForm
from ..models import Consultation, ResponseStatus
from .builder_base import ConsultationRecordView, add_service_errors, sections_with_questions

PAGE_SIZE = 50


class ResponseListView(ConsultationRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.get_consultation()
        responses = consultation.responses.filter(status=ResponseStatus.SUBMITTED).order_by(
            "-submitted_at", "-pk"
        )
        page = Paginator(responses, PAGE_SIZE).get_page(request.GET.get("page"))
        return self.render_page(
            "consultations/builder/responses.html",
            consultation,
            page_obj=page,
            can_enter=consultation.outcome_published_at is None,
        )


class ResponseAddView(ConsultationRecordView):
    template_name = "consultations/builder/response_form.html"

    def _page(self, consultation: Consultation, form: ResponseEntryForm) -> HttpResponse:
        return self.render_page(self.template_name, consultation, form=form)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        form = ResponseEntryForm(
            initial={"submission_key": uuid.uuid4()},
            sections=sections_with_questions(consultation),
        )
        return self._page(consultation, form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        form = ResponseEntryForm(request.POST, sections=sections_with_questions(consultation))
        if form.is_valid():
            data = form.cleaned_data
            try:
                response = response_enter(
                    actor=request.user,
                    consultation=consultation,
                    channel=data["channel"],
                    received_at=form.received_at(),
                    respondent_type=data["respondent_type"],
                    publish_consent=data["publish_consent"],
                    organisation_name=data["organisation_name"],
                    respondent_name=data["respondent_name"],
                    answers=form.answers(),
                    submission_key=data["submission_key"],
                )
            except ValidationError as error:
                add_service_errors(form, error, {"received_at": "received_on"})
            else:
                messages.success(
                    request,
                    _("The response has been recorded with reference %(reference)s")
                    % {"reference": response.reference},
                )
                return redirect("consultations:responses", pk=consultation.pk)
        return self._page(consultation, form)
