"""A framework's narrative sections (foreword, background, value for money ...) and its
footnotes: list, add, change, reorder and delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from ..forms.frameworks import SECTION_MAX_LENGTH, FootnoteForm, SectionForm
from ..models import Footnote, Framework, NarrativeSection
from ..policies import framework_policy
from ..services import footnote_delete, footnote_save, section_delete, section_move, section_save
from .frameworks_base import FrameworkRecordView, add_service_errors

# --- Sections ---------------------------------------------------------------------------


class SectionListView(FrameworkRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework()
        return self.render_page(
            "budgets/frameworks/sections.html",
            framework,
            sections=list(framework.sections.all()),
            can_edit=framework_policy.can_edit(request.user, framework),
        )


class _SectionFormView(FrameworkRecordView):
    template_name = "budgets/frameworks/section_form.html"

    def section(self, framework: Framework) -> NarrativeSection | None:
        section_pk = self.kwargs.get("section_pk")
        if section_pk is None:
            return None
        return get_object_or_404(NarrativeSection, framework=framework, pk=section_pk)

    def _render(
        self,
        framework: Framework,
        form: SectionForm,
        section: NarrativeSection | None,
        preview: str | None = None,
    ) -> HttpResponse:
        return self.render_page(
            self.template_name,
            framework,
            form=form,
            section=section,
            preview=preview,
            max_length=SECTION_MAX_LENGTH,
        )

    def get(self, request: HttpRequest, pk: int, section_pk: int | None = None) -> HttpResponse:
        framework = self.editable_framework()
        section = self.section(framework)
        initial = {"heading": section.heading, "body": section.body} if section else None
        return self._render(framework, SectionForm(initial=initial), section)

    def post(self, request: HttpRequest, pk: int, section_pk: int | None = None) -> HttpResponse:
        framework = self.editable_framework()
        section = self.section(framework)
        form = SectionForm(request.POST)
        if not form.is_valid():
            return self._render(framework, form, section)
        if request.POST.get("action") == "preview":
            # Shown through the `markdown` filter, sanitised exactly as when published.
            return self._render(framework, form, section, preview=form.cleaned_data["body"])
        try:
            saved = section_save(
                actor=request.user,
                framework=framework,
                section=section,
                heading=form.cleaned_data["heading"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(framework, form, section)
        messages.success(request, _("‘%(heading)s’ has been saved") % {"heading": saved.heading})
        return redirect("budgets:sections", pk=framework.pk)


class SectionAddView(_SectionFormView):
    pass


class SectionEditView(_SectionFormView):
    pass


class SectionMoveView(FrameworkRecordView):
    def post(self, request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
        framework = self.editable_framework()
        section = get_object_or_404(NarrativeSection, framework=framework, pk=section_pk)
        direction = request.POST.get("direction")
        if direction not in ("up", "down"):
            raise Http404
        try:
            section_move(actor=request.user, section=section, direction=direction)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                (
                    _("‘%(heading)s’ has been moved up")
                    if direction == "up"
                    else _("‘%(heading)s’ has been moved down")
                )
                % {"heading": section.heading},
            )
        return redirect("budgets:sections", pk=framework.pk)


class SectionDeleteView(FrameworkRecordView):
    """A confirmation page (GET) and the deletion (POST)."""

    def _section(self) -> tuple[Framework, NarrativeSection]:
        framework = self.editable_framework()
        section = get_object_or_404(
            NarrativeSection, framework=framework, pk=self.kwargs["section_pk"]
        )
        return framework, section

    def get(self, request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
        framework, section = self._section()
        return self.render_page(
            "budgets/frameworks/section_confirm_delete.html", framework, section=section
        )

    def post(self, request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
        framework, section = self._section()
        section_delete(actor=request.user, section=section)
        messages.success(
            request, _("‘%(heading)s’ has been deleted") % {"heading": section.heading}
        )
        return redirect("budgets:sections", pk=framework.pk)


# --- Footnotes --------------------------------------------------------------------------


class FootnoteListView(FrameworkRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework()
        return self.render_page(
            "budgets/frameworks/footnotes.html",
            framework,
            footnotes=list(framework.footnotes.all()),
            can_edit=framework_policy.can_edit(request.user, framework),
        )


class _FootnoteFormView(FrameworkRecordView):
    template_name = "budgets/frameworks/footnote_form.html"

    def footnote(self, framework: Framework) -> Footnote | None:
        footnote_pk = self.kwargs.get("footnote_pk")
        if footnote_pk is None:
            return None
        return get_object_or_404(Footnote, framework=framework, pk=footnote_pk)

    def get(self, request: HttpRequest, pk: int, footnote_pk: int | None = None) -> HttpResponse:
        framework = self.editable_framework()
        footnote = self.footnote(framework)
        initial = {"marker": footnote.marker, "text": footnote.text} if footnote else None
        return self.render_page(
            self.template_name, framework, form=FootnoteForm(initial=initial), footnote=footnote
        )

    def post(self, request: HttpRequest, pk: int, footnote_pk: int | None = None) -> HttpResponse:
        framework = self.editable_framework()
        footnote = self.footnote(framework)
        form = FootnoteForm(request.POST)
        if form.is_valid():
            try:
                footnote_save(
                    actor=request.user,
                    framework=framework,
                    footnote=footnote,
                    marker=form.cleaned_data["marker"],
                    text=form.cleaned_data["text"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The footnote has been saved"))
                return redirect("budgets:footnotes", pk=framework.pk)
        return self.render_page(self.template_name, framework, form=form, footnote=footnote)


class FootnoteAddView(_FootnoteFormView):
    pass


class FootnoteEditView(_FootnoteFormView):
    pass


class FootnoteDeleteView(FrameworkRecordView):
    def _footnote(self) -> tuple[Framework, Footnote]:
        framework = self.editable_framework()
        footnote = get_object_or_404(Footnote, framework=framework, pk=self.kwargs["footnote_pk"])
        return framework, footnote

    def get(self, request: HttpRequest, pk: int, footnote_pk: int) -> HttpResponse:
        framework, footnote = self._footnote()
        return self.render_page(
            "budgets/frameworks/footnote_confirm_delete.html",
            framework,
            footnote=footnote,
            lines=list(footnote.lines.order_by("name")),
        )

    def post(self, request: HttpRequest, pk: int, footnote_pk: int) -> HttpResponse:
        framework, footnote = self._footnote()
        try:
            footnote_delete(actor=request.user, footnote=footnote)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The footnote %(marker)s has been deleted") % {"marker": footnote.marker}
            )
        return redirect("budgets:footnotes", pk=framework.pk)
