"""The list of consultations, creating one, its overview and changing its details."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commissioning.core.views import PolicyView

from ..building import consultation_update
from ..forms.builder import ConsultationForm
from ..models import Channel, ConsultationStatus, Question, Response, ResponseStatus
from ..policies import consultation_policy
from ..services import consultation_create
from .builder_base import ConsultationRecordView, add_service_errors, consultations_listed

PAGE_SIZE = 50
ALIASES = {"closes_at": "closes_on", "opens_at": "opens_on"}


class ConsultationListView(PolicyView):
    policy = consultation_policy
    permission = "list"

    def get(self, request: HttpRequest) -> HttpResponse:
        queryset = consultations_listed(consultation_policy.visible(request.user))
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "consultations/builder/list.html",
            {"page_obj": page, "can_create": consultation_policy.can_create(request.user)},
        )


class ConsultationCreateView(PolicyView):
    policy = consultation_policy
    permission = "create"
    template_name = "consultations/builder/create.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        initial = {}
        if request.GET.get("framework", "").isdigit():
            initial["framework"] = request.GET["framework"]
        return render(request, self.template_name, {"form": ConsultationForm(initial=initial)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ConsultationForm(request.POST)
        if form.is_valid():
            try:
                consultation = consultation_create(actor=request.user, **form.service_arguments())
            except ValidationError as error:
                add_service_errors(form, error, ALIASES)
            else:
                messages.success(
                    request,
                    _("‘%(title)s’ has been created. Now add its questions.")
                    % {"title": consultation.title},
                )
                return redirect("consultations:detail", pk=consultation.pk)
        return render(request, self.template_name, {"form": form})


def _counts(consultation_pk: int) -> dict[str, int]:
    submitted = Q(status=ResponseStatus.SUBMITTED)
    return Response.objects.filter(consultation=consultation_pk).aggregate(
        submitted=Count("pk", filter=submitted),
        in_progress=Count("pk", filter=Q(status=ResponseStatus.DRAFT)),
        **{
            channel: Count("pk", filter=submitted & Q(channel=channel))
            for channel in Channel.values
        },
    )


class ConsultationDetailView(ConsultationRecordView):
    """The Overview tab."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.get_consultation()
        counts = _counts(consultation.pk)
        status = consultation.status
        public_path = f"/have-your-say/{consultation.slug}/"
        return self.render_page(
            "consultations/builder/detail.html",
            consultation,
            consultation_status=status,
            counts=counts,
            by_channel=[
                (label, counts[value]) for value, label in Channel.choices if counts[value]
            ],
            question_count=Question.objects.filter(section__consultation=consultation).count(),
            public_url=request.build_absolute_uri(public_path),
            public_visible=status != ConsultationStatus.FORTHCOMING,
            can_enter=consultation.outcome_published_at is None,
        )


class ConsultationEditView(ConsultationRecordView):
    template_name = "consultations/builder/edit.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        form = ConsultationForm(consultation=consultation)
        return self.render_page(self.template_name, consultation, form=form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        form = ConsultationForm(request.POST, consultation=consultation)
        if form.is_valid():
            try:
                consultation_update(
                    actor=request.user, consultation=consultation, **form.service_arguments()
                )
            except ValidationError as error:
                add_service_errors(form, error, ALIASES)
            else:
                messages.success(request, _("The consultation's details have been saved"))
                return redirect("consultations:detail", pk=consultation.pk)
        return self.render_page(self.template_name, consultation, form=form)
