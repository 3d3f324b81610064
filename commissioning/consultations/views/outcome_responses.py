"""Writing the office's response to one comment or a group of comments, approving it,
and deleting a draft."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ..forms.outcome import office_response_form
from ..models import Comment, Consultation, OfficeResponse
from ..outcomes import (
    office_response_approve,
    office_response_create,
    office_response_delete,
    office_response_update,
)
from .outcome_base import OutcomeRecordView, add_service_errors, comment_numbers


def _outcome_url(consultation: Consultation, anchor: str = "") -> str:
    url = reverse("consultations:outcome", args=[consultation.pk])
    return f"{url}#{anchor}" if anchor else url


def _numbered(consultation: Consultation, comments: list[Comment]) -> list[tuple[int, Comment]]:
    numbers = comment_numbers(consultation)
    return sorted(((numbers.get(c.pk, 0), c) for c in comments), key=lambda pair: pair[0])


def _content(form: Any) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "text": data["text"],
        "outcome": data["outcome"],
        "changed_section": data.get("changed_section"),
        "changed_line": data.get("changed_line"),
    }


class OfficeResponseCreateView(OutcomeRecordView):
    """Reached with the selected comments in the query (``?comments=3&comments=4``)."""

    template_name = "consultations/outcome/response_form.html"

    def _comments(self, consultation: Consultation, data: Any) -> list[Comment]:
        ids = [value for value in data.getlist("comments") if value.isdigit()]
        return list(
            Comment.objects.filter(consultation=consultation, pk__in=ids).select_related("theme")
        )

    def _page(self, consultation: Consultation, form: Any, comments: list[Comment]) -> HttpResponse:
        return self.render_page(
            self.template_name,
            consultation,
            form=form,
            comments=_numbered(consultation, comments),
            back_url=_outcome_url(consultation),
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        comments = self._comments(consultation, request.GET)
        if not comments:
            messages.error(request, _("Select at least one comment to respond to"))
            return redirect(_outcome_url(consultation))
        return self._page(consultation, office_response_form(consultation), comments)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        comments = self._comments(consultation, request.POST)
        form = office_response_form(consultation, request.POST)
        if form.is_valid():
            try:
                office_response = office_response_create(
                    actor=request.user,
                    consultation=consultation,
                    comments=comments,
                    **_content(form),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your response has been saved as a draft"))
                first = office_response.comments.order_by("order", "pk").first()
                return redirect(_outcome_url(consultation, f"comment-{first.pk}" if first else ""))
        return self._page(consultation, form, comments)


class OfficeResponseUpdateView(OutcomeRecordView):
    template_name = "consultations/outcome/response_form.html"

    def _page(
        self, consultation: Consultation, office_response: OfficeResponse, form: Any
    ) -> HttpResponse:
        return self.render_page(
            self.template_name,
            consultation,
            form=form,
            office_response=office_response,
            comments=_numbered(consultation, list(office_response.comments.all())),
            back_url=_outcome_url(consultation),
        )

    def get(self, request: HttpRequest, pk: int, response_pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        office_response = self.get_office_response(consultation)
        form = office_response_form(
            consultation,
            initial={
                "text": office_response.text,
                "outcome": office_response.outcome,
                "changed_section": office_response.changed_section_id,
                "changed_line": office_response.changed_line_id,
            },
        )
        return self._page(consultation, office_response, form)

    def post(self, request: HttpRequest, pk: int, response_pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        office_response = self.get_office_response(consultation)
        form = office_response_form(consultation, request.POST)
        if form.is_valid():
            try:
                office_response_update(
                    actor=request.user, office_response=office_response, **_content(form)
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The response has been changed"))
                return redirect(_outcome_url(consultation))
        return self._page(consultation, office_response, form)


class OfficeResponseDeleteView(OutcomeRecordView):
    template_name = "consultations/outcome/response_confirm_delete.html"

    def get(self, request: HttpRequest, pk: int, response_pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        office_response = self.get_office_response(consultation)
        return self.render_page(
            self.template_name,
            consultation,
            office_response=office_response,
            comments=_numbered(consultation, list(office_response.comments.all())),
        )

    def post(self, request: HttpRequest, pk: int, response_pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        office_response = self.get_office_response(consultation)
        try:
            office_response_delete(actor=request.user, office_response=office_response)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The response has been deleted"))
        return redirect(_outcome_url(consultation))


class OfficeResponseApproveView(OutcomeRecordView):
    """POST only: the button sits beside the response on the outcome page."""

    def post(self, request: HttpRequest, pk: int, response_pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        office_response = self.get_office_response(consultation)
        try:
            office_response_approve(actor=request.user, office_response=office_response)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The response has been approved"))
        first = office_response.comments.order_by("order", "pk").first()
        return redirect(_outcome_url(consultation, f"comment-{first.pk}" if first else ""))
