"""What every staff page about a consultation's outcome shares: fetch-and-authorise
(a consultation the user may not see answers 404, like a missing one; an action they may
not take answers 403) and the numbers the outcome page gives comments."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from commissioning.core.views import PolicyView

from ..models import Comment, Consultation, OfficeResponse
from ..outcomes import outcome_groups
from ..policies import consultation_policy


class OutcomeRecordView(PolicyView):
    policy = consultation_policy
    # Checked per record: staff may view; only editors change anything.
    permission = "view"

    def get_consultation(self) -> Consultation:
        try:
            return (
                consultation_policy.visible(self.request.user)
                .select_related("area", "framework")
                .get(pk=self.kwargs["pk"])
            )
        except Consultation.DoesNotExist as exc:
            raise Http404 from exc

    def editable_consultation(self) -> Consultation:
        consultation = self.get_consultation()
        if not consultation_policy.can_analyse(self.request.user, consultation):
            raise PermissionDenied
        return consultation

    def get_office_response(self, consultation: Consultation) -> OfficeResponse:
        return get_object_or_404(
            OfficeResponse.objects.select_related("changed_section", "changed_line"),
            consultation=consultation,
            pk=self.kwargs["response_pk"],
        )

    def get_comment(self, consultation: Consultation) -> Comment:
        return get_object_or_404(
            Comment.objects.select_related("theme", "answer__response"),
            consultation=consultation,
            pk=self.kwargs["comment_pk"],
        )

    def render_page(
        self, template: str, consultation: Consultation, status: int = 200, **context: Any
    ) -> HttpResponse:
        context.setdefault("consultation", consultation)
        return render(self.request, template, context, status=status)


def comment_numbers(consultation: Consultation) -> dict[int, int]:
    """Comment pk -> its number on the outcome page, so every page names it the same way."""
    return {
        row.comment.pk: row.number for group in outcome_groups(consultation) for row in group.rows
    }


def add_service_errors(form: Any, error: ValidationError) -> None:
    """Show a service's refusal on the form, against the field it names if there is one."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages in error.message_dict.items():
        for message in messages:
            form.add_error(key if key in form.fields else None, message)
