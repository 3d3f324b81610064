"""Panel report pages: the list (overall and per framework), creating a report from a
framework, its overview, changing its details, its template and each section, the
preview, the DOCX and PDF downloads, marking it final, and its history."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning.budgets.models import Framework
from commissioning.budgets.policies import framework_policy
from commissioning.budgets.selectors import framework_list
from commissioning.core.history import history_entries
from commissioning.core.views import PolicyView

from .forms import ReportCreateForm, ReportDetailsForm, SectionForm, TemplateForm
from .models import PanelReport, ReportSection, ReportStatus
from .policies import panel_report_policy
from .sections import BODY_SECTIONS, IMPLICATIONS, spec_for
from .selectors import (
    PLACEHOLDERS,
    numbered_preview,
    report_detail,
    report_document,
    report_list,
)
from .services import (
    TRANSITIONS,
    panel_report_create,
    panel_report_section_save,
    panel_report_set_template,
    panel_report_transition,
    panel_report_update,
)

PAGE_SIZE = 50
HISTORY_LIMIT = 200
DOWNLOADS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
TABS = (
    ("overview", gettext_lazy("Overview"), "reports:detail"),
    ("preview", gettext_lazy("Preview"), "reports:preview"),
    ("history", gettext_lazy("History"), "reports:history"),
)


def add_service_errors(form: Any, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, problems in error.message_dict.items():
        for problem in problems:
            form.add_error(key if key in form.fields else None, problem)


class ReportListView(PolicyView):
    """Every report, or one framework's (``framework_pk``)."""

    policy = panel_report_policy
    permission = "list"

    def get(self, request: HttpRequest, framework_pk: int | None = None) -> HttpResponse:
        queryset = panel_report_policy.visible(request.user)
        framework = None
        if framework_pk is not None:
            framework = framework_policy.get_visible_or_404(
                request.user, Framework.objects.select_related("area"), pk=framework_pk
            )
            queryset = queryset.filter(framework=framework)
        page = Paginator(report_list(queryset=queryset), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        create_url = reverse("reports:create")
        if framework is not None:
            create_url += f"?framework={framework.pk}"
        return render(
            request,
            "reports/list.html",
            {
                "page_obj": page,
                "framework": framework,
                "create_url": create_url,
                "can_create": panel_report_policy.can_create(request.user),
            },
        )


class ReportCreateView(PolicyView):
    policy = panel_report_policy
    permission = "create"
    template_name = "reports/create.html"

    def frameworks(self) -> Any:
        return framework_list(queryset=framework_policy.visible(self.request.user))

    def get(self, request: HttpRequest) -> HttpResponse:
        initial = {}
        chosen = request.GET.get("framework", "")
        if chosen.isdigit() and self.frameworks().filter(pk=chosen).exists():
            initial["framework"] = int(chosen)
        form = ReportCreateForm(frameworks=self.frameworks(), initial=initial)
        return render(request, self.template_name, {"form": form})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ReportCreateForm(request.POST, frameworks=self.frameworks())
        if form.is_valid():
            try:
                report = panel_report_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The report has been created with paragraphs drawn from the framework"),
                )
                return redirect("reports:detail", pk=report.pk)
        return render(request, self.template_name, {"form": form})


class ReportRecordView(PolicyView):
    """A page about one report (``pk``): 404 if missing or hidden, 403 for an action the
    user may not take."""

    policy = panel_report_policy
    permission = "view"

    def get_report(self) -> PanelReport:
        try:
            return report_detail(
                queryset=panel_report_policy.visible(self.request.user), pk=self.kwargs["pk"]
            )
        except PanelReport.DoesNotExist as exc:
            raise Http404 from exc

    def editable_report(self) -> PanelReport:
        report = self.get_report()
        if not panel_report_policy.can_edit(self.request.user, report):
            raise PermissionDenied
        return report

    def render_page(
        self, template: str, report: PanelReport, current: str = "", **context: Any
    ) -> HttpResponse:
        context.setdefault("report", report)
        context["sub_navigation"] = [
            (label, reverse(name, args=[report.pk]), key == current) for key, label, name in TABS
        ]
        return render(self.request, template, context)


def _first_words(body: str, limit: int = 120) -> str:
    text = " ".join(body.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class ReportDetailView(ReportRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.get_report()
        bodies = {section.key: section.body for section in report.sections.all()}
        user = request.user
        body_sections = [(spec, _first_words(bodies.get(spec.key, ""))) for spec in BODY_SECTIONS]
        implications = [
            (spec, _first_words(bodies.get(spec.key, "")))
            for spec in IMPLICATIONS[report.implications_template]  # type: ignore[index]
        ]
        return self.render_page(
            "reports/detail.html",
            report,
            "overview",
            body_sections=body_sections,
            implications=implications,
            can_edit=panel_report_policy.can_edit(user, report),
            can_change_status=panel_report_policy.can_change_status(user, report),
            next_status=next(iter(TRANSITIONS[report.status])),
        )


class ReportDetailsEditView(ReportRecordView):
    template_name = "reports/details_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.editable_report()
        return self.render_page(self.template_name, report, form=ReportDetailsForm(instance=report))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.editable_report()
        # The form works on a copy, so a refused change never reaches the report itself.
        form = ReportDetailsForm(request.POST, instance=self.get_report())
        if form.is_valid():
            try:
                panel_report_update(actor=request.user, report=report, **form.changes())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The report's details have been saved"))
                return redirect("reports:detail", pk=report.pk)
        return self.render_page(self.template_name, report, form=form)


class ReportTemplateView(ReportRecordView):
    template_name = "reports/template_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.editable_report()
        form = TemplateForm(initial={"implications_template": report.implications_template})
        return self.render_page(self.template_name, report, form=form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.editable_report()
        form = TemplateForm(request.POST)
        if form.is_valid():
            try:
                panel_report_set_template(
                    actor=request.user,
                    report=report,
                    implications_template=form.cleaned_data["implications_template"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The implications have been changed"))
                return redirect("reports:detail", pk=report.pk)
        return self.render_page(self.template_name, report, form=form)


class ReportSectionView(ReportRecordView):
    """One textarea for the section; paragraphs separated by a blank line, shown
    numbered as the report will number them."""

    template_name = "reports/section_form.html"

    def section(self, report: PanelReport) -> Any:
        spec = spec_for(report.implications_template, self.kwargs["key"])
        if spec is None:
            raise Http404
        return spec

    def page(self, report: PanelReport, form: SectionForm, spec: Any) -> HttpResponse:
        bodies = {section.key: section.body for section in report.sections.all()}
        form.fields["body"].label = spec.heading
        return self.render_page(
            self.template_name,
            report,
            form=form,
            spec=spec,
            numbered=numbered_preview(report, spec.key, bodies) if spec.numbered else [],
            placeholders=sorted(PLACEHOLDERS.items()),
        )

    def get(self, request: HttpRequest, pk: int, key: str) -> HttpResponse:
        report = self.editable_report()
        spec = self.section(report)
        body = next((s.body for s in report.sections.all() if s.key == key), "")
        return self.page(report, SectionForm(initial={"body": body}), spec)

    def post(self, request: HttpRequest, pk: int, key: str) -> HttpResponse:
        report = self.editable_report()
        spec = self.section(report)
        form = SectionForm(request.POST)
        if form.is_valid():
            try:
                panel_report_section_save(
                    actor=request.user, report=report, key=key, body=form.cleaned_data["body"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("‘%(section)s’ has been saved") % {"section": spec.heading}
                )
                return redirect(f"{reverse('reports:detail', args=[report.pk])}#{key}")
        return self.page(report, form, spec)


class ReportStatusView(ReportRecordView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.get_report()
        if not panel_report_policy.can_change_status(request.user, report):
            raise PermissionDenied
        to = request.POST.get("to", "")
        try:
            panel_report_transition(actor=request.user, report=report, to=to)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if to == ReportStatus.FINAL:
                messages.success(request, _("The report has been marked final"))
            else:
                messages.success(request, _("The report has been reopened as a draft"))
        return redirect("reports:detail", pk=report.pk)


class ReportPreviewView(ReportRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.get_report()
        return self.render_page(
            "reports/preview.html", report, "preview", doc=report_document(report)
        )


class ReportDownloadView(ReportRecordView):
    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        # Imported here: python-docx and WeasyPrint are slow to import, and only downloads
        # need them.
        from .docx import build_docx
        from .pdf import build_pdf

        report = self.get_report()
        doc = report_document(report)
        content = build_docx(doc) if fmt == "docx" else build_pdf(doc)
        # "2017/18" becomes "2017-18", not "201718".
        subject = report.subject.replace("/", "-")
        name = slugify(f"{subject} {report.meeting_date:%Y-%m-%d}") or "panel-report"
        response = HttpResponse(content, content_type=DOWNLOADS[fmt])
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


class ReportHistoryView(ReportRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.get_report()
        section_changes = [
            (record, spec_for(report.implications_template, record.key))
            for record in ReportSection.history.filter(report_id=report.pk)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[:HISTORY_LIMIT]
        ]
        return self.render_page(
            "reports/history.html",
            report,
            "history",
            history=history_entries(report),
            section_changes=section_changes,
        )
