"""A consultation's themes (with the keywords that suggest them), and asking for theme
suggestions for the comments that have none."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..analysis import theme_create, theme_delete, theme_update, themes_with_counts
from ..forms.analysis import ThemeForm
from ..models import Consultation, Theme
from ..theming import suggestions_refresh
from .analysis_base import AnalysisView, back_to_comments


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            for message in messages_:
                form.add_error(field if field in form.fields else None, message)
    else:
        form.add_error(None, error)


class ThemeListView(AnalysisView):
    tab = "themes"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.get_consultation()
        return self.render_page(
            "consultations/analysis/themes.html",
            consultation,
            themes=list(themes_with_counts(consultation=consultation)),
        )


class _ThemeView(AnalysisView):
    tab = "themes"

    def get_theme(self, consultation: Consultation) -> Theme:
        try:
            return Theme.objects.get(consultation=consultation, pk=self.kwargs["theme_pk"])
        except Theme.DoesNotExist as exc:
            raise Http404 from exc

    def render_form(
        self, consultation: Consultation, form: forms.Form, theme: Theme | None
    ) -> HttpResponse:
        return self.render_page(
            "consultations/analysis/theme_form.html",
            consultation,
            form=form,
            theme=theme,
            back_url=reverse("consultations:themes", args=[consultation.pk]),
        )


class ThemeAddView(_ThemeView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.get_consultation(analyse=True)
        return self.render_form(consultation, ThemeForm(), None)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.get_consultation(analyse=True)
        form = ThemeForm(request.POST)
        if form.is_valid():
            try:
                theme = theme_create(
                    actor=request.user, consultation=consultation, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("‘%(name)s’ has been added") % {"name": theme.name})
                return redirect("consultations:themes", pk=consultation.pk)
        return self.render_form(consultation, form, None)


class ThemeEditView(_ThemeView):
    def get(self, request: HttpRequest, pk: int, theme_pk: int) -> HttpResponse:
        consultation = self.get_consultation(analyse=True)
        theme = self.get_theme(consultation)
        form = ThemeForm(initial={"name": theme.name, "keywords": theme.keywords})
        return self.render_form(consultation, form, theme)

    def post(self, request: HttpRequest, pk: int, theme_pk: int) -> HttpResponse:
        consultation = self.get_consultation(analyse=True)
        theme = self.get_theme(consultation)
        form = ThemeForm(request.POST)
        if form.is_valid():
            try:
                theme = theme_update(actor=request.user, theme=theme, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("‘%(name)s’ has been saved") % {"name": theme.name})
                return redirect("consultations:themes", pk=consultation.pk)
        return self.render_form(consultation, form, theme)


class ThemeDeleteView(_ThemeView):
    def _render(self, consultation: Consultation, theme: Theme, form: forms.Form) -> HttpResponse:
        return self.render_page(
            "consultations/analysis/theme_delete.html",
            consultation,
            theme=theme,
            form=form,
            comment_count=theme.comments.count(),
        )

    def get(self, request: HttpRequest, pk: int, theme_pk: int) -> HttpResponse:
        consultation = self.get_consultation(analyse=True)
        return self._render(consultation, self.get_theme(consultation), forms.Form())

    def post(self, request: HttpRequest, pk: int, theme_pk: int) -> HttpResponse:
        consultation = self.get_consultation(analyse=True)
        theme = self.get_theme(consultation)
        try:
            theme_delete(actor=request.user, theme=theme)
        except ValidationError as error:
            form = forms.Form(request.POST)
            form.is_valid()
            form.add_error(None, error)
            return self._render(consultation, theme, form)
        messages.success(request, _("‘%(name)s’ has been deleted") % {"name": theme.name})
        return redirect("consultations:themes", pk=consultation.pk)


class SuggestView(AnalysisView):
    """Suggest themes for every comment without one. Nothing is themed by this."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.get_consultation(analyse=True)
        count = suggestions_refresh(consultation=consultation)
        messages.success(
            request,
            ngettext(
                "Suggestions made for %(count)s comment",
                "Suggestions made for %(count)s comments",
                count,
            )
            % {"count": count},
        )
        return back_to_comments(consultation, request.POST)
