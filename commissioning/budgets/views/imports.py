"""Importing service lines from a spreadsheet: upload, preview (every error, or what
will be created and a choice for each unknown organisation), confirm.

The upload is stored (:class:`BudgetImport`) and checked again on every view of its
preview and on confirmation, because the framework or the register may have changed
in between. Nothing is written until the officer confirms a file with no errors."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..forms.reports import CorrectedFileForm, ImportConfirmForm, ImportUploadForm
from ..models import BudgetImport, BudgetImportStatus, Framework
from ..spreadsheets.importing import ImportPlan
from ..spreadsheets.reading import COLUMNS, LABELS, TableError, read_table
from ..spreadsheets.uploads import budget_import_apply, budget_import_create, budget_import_plan
from .frameworks_base import FrameworkRecordView, add_service_errors


class ImportView(FrameworkRecordView):
    """Upload a CSV or XLSX."""

    template_name = "budgets/imports/upload.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.editable_framework()
        return self._render(framework, ImportUploadForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.editable_framework()
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(framework, form)
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            # Only whether the file can be read at all is checked here; its rows are
            # checked on the preview page.
            read_table(content, upload.name)
            stored = budget_import_create(
                actor=request.user, framework=framework, filename=upload.name, content=content
            )
        except TableError as error:
            form.add_error("file", str(error))
            return self._render(framework, form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(framework, form)
        return redirect("budgets:import-preview", pk=framework.pk, import_pk=stored.pk)

    def _render(self, framework: Framework, form: ImportUploadForm) -> HttpResponse:
        return self.render_page(
            self.template_name,
            framework,
            form=form,
            columns=_column_help(),
            line_count=framework.lines.count(),
        )


def _column_help() -> list[tuple[str, str]]:
    """Each column the importer recognises, with the other headings it accepts."""
    return [
        (LABELS[key], ", ".join(f"“{name}”" for name in names[:4]))
        for key, names in COLUMNS.items()
    ]


def _groups(plan: ImportPlan) -> list[dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = {}
    for line in plan.lines:
        group = groups.setdefault(
            line.category.lower(), {"name": line.category, "lines": [], "totals": {}}
        )
        group["lines"].append(
            {"line": line, "costs": [line.costs.get(year) for year in plan.years]}
        )
        for year, amount in line.costs.items():
            group["totals"][year] = group["totals"].get(year, 0) + amount
    for group in groups.values():
        group["year_totals"] = [group["totals"].get(year) for year in plan.years]
    return list(groups.values())


class ImportPreviewView(FrameworkRecordView):
    """The preview of a stored upload (GET) and its confirmation (POST)."""

    template_name = "budgets/imports/preview.html"

    def get_import(self, framework: Framework) -> BudgetImport:
        try:
            return BudgetImport.objects.get(framework=framework, pk=self.kwargs["import_pk"])
        except BudgetImport.DoesNotExist as exc:
            raise Http404 from exc

    def get(self, request: HttpRequest, pk: int, import_pk: int) -> HttpResponse:
        framework = self.editable_framework()
        upload = self.get_import(framework)
        if upload.status != BudgetImportStatus.PENDING:
            return self._not_pending(framework, upload)
        return self._render(framework, upload)

    def post(self, request: HttpRequest, pk: int, import_pk: int) -> HttpResponse:
        framework = self.editable_framework()
        upload = self.get_import(framework)
        if upload.status != BudgetImportStatus.PENDING:
            return self._not_pending(framework, upload)
        upload.framework = framework
        try:
            plan = budget_import_plan(upload)
        except TableError:
            return self._render(framework, upload)
        if not plan.ok:
            return self._render(framework, upload, plan=plan)
        form = ImportConfirmForm(request.POST, unknown=plan.unknown_organisations)
        if not form.is_valid():
            return self._render(framework, upload, plan=plan, confirm_form=form)
        try:
            budget_import_apply(
                actor=request.user,
                budget_import=upload,
                plan=plan,
                organisation_choices=form.organisation_choices(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(framework, upload, plan=plan, confirm_form=form)
        messages.success(
            request,
            ngettext(
                "%(count)s service line was imported from %(file)s",
                "%(count)s service lines were imported from %(file)s",
                len(plan.lines),
            )
            % {"count": len(plan.lines), "file": upload.filename},
        )
        return redirect("budgets:lines", pk=framework.pk)

    def _not_pending(self, framework: Framework, upload: BudgetImport) -> HttpResponse:
        if upload.status == BudgetImportStatus.APPLIED:
            messages.info(
                self.request, _("%(file)s has already been imported") % {"file": upload.filename}
            )
            return redirect("budgets:lines", pk=framework.pk)
        messages.info(
            self.request,
            _("%(file)s was replaced by a later upload: upload the file again to import it")
            % {"file": upload.filename},
        )
        return redirect("budgets:import", pk=framework.pk)

    def _render(
        self,
        framework: Framework,
        upload: BudgetImport,
        *,
        plan: ImportPlan | None = None,
        confirm_form: ImportConfirmForm | None = None,
    ) -> HttpResponse:
        upload.framework = framework
        context: dict[str, Any] = {"upload": upload}
        if plan is None:
            try:
                plan = budget_import_plan(upload)
            except TableError as error:
                context["form"] = context["upload_form"] = CorrectedFileForm(problems=[str(error)])
                return self.render_page(self.template_name, framework, **context)
        context["plan"] = plan
        if not plan.ok:
            # Every error, each with its row and column, in the error summary; the
            # upload box below takes the corrected file.
            problems = [str(error) for error in plan.errors]
            context["form"] = context["upload_form"] = CorrectedFileForm(problems=problems)
        else:
            confirm_form = confirm_form or ImportConfirmForm(unknown=plan.unknown_organisations)
            context.update(
                form=confirm_form,
                confirm_form=confirm_form,
                groups=_groups(plan),
                totals=list(plan.totals().items()),
                line_count=framework.lines.count(),
            )
        return self.render_page(self.template_name, framework, **context)
