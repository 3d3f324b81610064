"""The results page: per question, how many respondents chose each option, as a chart
followed by its table; and starting the analysis once the consultation has closed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from ..analysis import analysis_start, progress, question_counts
from ..forms.analysis import RespondentTypeFilterForm
from ..models import ConsultationStatus
from . import analysis_charts
from .analysis_base import AnalysisView, error_message


class ResultsView(AnalysisView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.get_consultation()
        form = RespondentTypeFilterForm(request.GET or None)
        respondent_type = form.chosen()
        counts = question_counts(consultation=consultation, respondent_type=respondent_type)
        questions = [
            (item, analysis_charts.render(item) if item.is_choice and item.options else None)
            for item in counts.questions
        ]
        return self.render_page(
            "consultations/analysis/results.html",
            consultation,
            form=form if form.is_bound else RespondentTypeFilterForm(),
            respondent_type=respondent_type,
            counts=counts,
            questions=questions,
            progress=progress(consultation=consultation),
            can_start=consultation.status == ConsultationStatus.CLOSED,
        )


class AnalysisStartView(AnalysisView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.get_consultation(analyse=True)
        try:
            analysis_start(actor=request.user, consultation=consultation)
        except ValidationError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(request, _("Analysis has started"))
        return redirect("consultations:analysis", pk=consultation.pk)
