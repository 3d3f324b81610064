"""Importing a past consultation's comment log in the browser: the same service as the
``import_comment_log`` command, for an editor with the log on their own computer."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from commissioning.core.roles import is_staff_role
from commissioning.core.views import PolicyView

from ..comment_log import CommentLogError, RowError, comment_log_import, read_comment_log
from ..forms.comment_log import CommentLogImportForm
from ..policies import consultation_policy

TEMPLATE = "consultations/comment_log/import.html"


class CommentLogImportView(PolicyView):
    policy = consultation_policy
    permission = "create"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Consultations' staff pages do not exist for providers and CSP users.
        if request.user.is_authenticated and not is_staff_role(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._page(CommentLogImportForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CommentLogImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._page(form)
        arguments = form.service_arguments()
        try:
            # Read first for the counts and warnings to report; the import reads it again
            # (the file is small) and checks the title and dates too, writing nothing
            # unless everything passes.
            log = read_comment_log(data=arguments["data"], filename=arguments["filename"])
            consultation = comment_log_import(actor=request.user, **arguments)
        except CommentLogError as error:
            form.add_log_errors(error.errors)
            return self._page(form, log_errors=error.errors, filename=arguments["filename"])
        messages.success(request, _summary(len(log.rows), len(log.themes)))
        for warning in log.warnings:
            messages.warning(request, warning)
        return redirect("consultations:outcome", pk=consultation.pk)

    def _page(
        self, form: CommentLogImportForm, log_errors: list[RowError] | None = None, **extra: Any
    ) -> HttpResponse:
        context = {"form": form, "log_errors": log_errors or [], **extra}
        return render(self.request, TEMPLATE, context)


def _summary(comments: int, themes: int) -> str:
    in_themes = ngettext("in %(themes)s theme", "in %(themes)s themes", themes) % {
        "themes": f"{themes:,}"
    }
    return ngettext(
        "Imported %(comments)s comment %(in_themes)s",
        "Imported %(comments)s comments %(in_themes)s",
        comments,
    ) % {"comments": f"{comments:,}", "in_themes": in_themes}
