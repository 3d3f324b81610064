"""What every builder page about one consultation shares: fetch-and-authorise, the reads
its pages make (each with its related rows fetched up front), and showing a service's
refusal on a form."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from commissioning.core.views import PolicyView

from ..models import Consultation, Question, ResponseStatus, Section
from ..policies import consultation_policy

SUBMITTED = Q(responses__status=ResponseStatus.SUBMITTED)


def consultations_listed(queryset: "QuerySet[Consultation]") -> "QuerySet[Consultation]":
    return (
        queryset.select_related("area", "framework")
        .annotate(response_count=Count("responses", filter=SUBMITTED))
        .order_by("-opens_at", "title")
    )


def sections_with_questions(consultation: Consultation) -> list[Section]:
    """The survey in order: sections, their questions and the questions' options."""
    questions = Question.objects.order_by("order", "pk").prefetch_related("options")
    return list(
        consultation.sections.order_by("order", "pk").prefetch_related(
            Prefetch("questions", queryset=questions)
        )
    )


class ConsultationRecordView(PolicyView):
    """A page about one consultation (``pk`` in the URL). A consultation the user may not
    see answers 404, like a missing one; an action they may not take answers 403."""

    policy = consultation_policy
    permission = "view"

    def get_consultation(self) -> Consultation:
        return consultation_policy.get_visible_or_404(
            self.request.user,
            Consultation.objects.select_related("area", "framework"),
            pk=self.kwargs["pk"],
        )

    def editable_consultation(self) -> Consultation:
        consultation = self.get_consultation()
        if not consultation_policy.can_edit(self.request.user, consultation):
            raise PermissionDenied
        return consultation

    def section(self, consultation: Consultation) -> Section:
        return get_object_or_404(Section, consultation=consultation, pk=self.kwargs["section_pk"])

    def question(self, consultation: Consultation) -> Question:
        return get_object_or_404(
            Question.objects.select_related("section"),
            section__consultation=consultation,
            pk=self.kwargs["question_pk"],
        )

    def render_page(
        self, template: str, consultation: Consultation, status: int = 200, **context: Any
    ) -> HttpResponse:
        context.setdefault("consultation", consultation)
        context.setdefault(
            "can_edit", consultation_policy.can_edit(self.request.user, consultation)
        )
        return render(self.request, template, context, status=status)


def add_service_errors(
    form: Any, error: ValidationError, aliases: dict[str, str] | None = None
) -> None:
    """Each of a service's messages against the field it names (``aliases`` maps a
    service's key to a form field), the rest as the form's own."""
    aliases = aliases or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages in error.message_dict.items():
        field = aliases.get(key, key)
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
