"""Moderation: the text published in place of a comment, with why (audited)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ..forms.outcome import RedactForm
from ..models import Comment, Consultation
from ..outcomes import comment_redact
from .outcome_base import OutcomeRecordView, add_service_errors, comment_numbers


class CommentRedactView(OutcomeRecordView):
    template_name = "consultations/outcome/redact.html"

    def _page(self, consultation: Consultation, comment: Comment, form: RedactForm) -> HttpResponse:
        return self.render_page(
            self.template_name,
            consultation,
            form=form,
            comment=comment,
            number=comment_numbers(consultation).get(comment.pk),
            back_url=self._back(consultation, comment),
        )

    def _back(self, consultation: Consultation, comment: Comment) -> str:
        url = reverse("consultations:outcome", args=[consultation.pk])
        return f"{url}#comment-{comment.pk}"

    def get(self, request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        comment = self.get_comment(consultation)
        # Start from the words as they stand, so that only the details need removing.
        form = RedactForm(initial={"redacted_text": comment.redacted_text or comment.text})
        return self._page(consultation, comment, form)

    def post(self, request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        comment = self.get_comment(consultation)
        form = RedactForm(request.POST)
        if form.is_valid():
            try:
                comment_redact(
                    actor=request.user,
                    comment=comment,
                    redacted_text=form.cleaned_data["redacted_text"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The text for publication has been saved"))
                return redirect(self._back(consultation, comment))
        return self._page(consultation, comment, form)
