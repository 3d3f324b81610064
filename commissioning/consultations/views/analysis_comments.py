"""Reading every comment, and a person's decisions about each: its theme (chosen, or a
suggestion accepted), whether it has been reviewed, and splitting it into several."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from ..analysis import (
    comment_accept_suggestion,
    comment_list,
    comment_mark_reviewed,
    comment_set_theme,
    comment_split,
    progress,
)
from ..forms.analysis import (
    CommentFilterForm,
    CommentReviewForm,
    CommentSplitForm,
    CommentThemeForm,
)
from ..models import Comment, Consultation, Theme, ThemeSuggestion
from .analysis_base import AnalysisView, back_to_comments, error_message, return_query

PER_PAGE = 25
MOST_PARTS = 10


class CommentListView(AnalysisView):
    tab = "comments"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.get_consultation()
        themes = list(Theme.objects.filter(consultation=consultation))
        form = CommentFilterForm(request.GET, themes=themes)
        comments = comment_list(consultation=consultation, **form.filters())
        page = Paginator(comments, PER_PAGE).get_page(request.GET.get("page"))
        filtered = any(form.filters().get(key) not in ("", None) for key in ("q", "theme"))
        return self.render_page(
            "consultations/analysis/comments.html",
            consultation,
            filter_form=form,
            filtered=filtered or form.filters().get("reviewed") is not None,
            page=page,
            themes=themes,
            progress=progress(consultation=consultation),
            return_to=request.GET.urlencode(),
        )


class _CommentActionView(AnalysisView):
    """A POST about one comment, from the comment list; back to the same place after."""

    def get_comment(self, consultation: Consultation) -> Comment:
        try:
            return Comment.objects.get(consultation=consultation, pk=self.kwargs["comment_pk"])
        except Comment.DoesNotExist as exc:
            raise Http404 from exc


class CommentThemeView(_CommentActionView):
    def post(self, request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
        consultation = self.get_consultation(analyse=True)
        comment = self.get_comment(consultation)
        form = CommentThemeForm(request.POST, themes=consultation.themes.all())
        if not form.is_valid():
            messages.error(request, _("Select one of this consultation's themes"))
        else:
            try:
                comment_set_theme(
                    actor=request.user, comment=comment, theme=form.cleaned_data["theme"]
                )
            except ValidationError as error:
                messages.error(request, error_message(error))
            else:
                messages.success(request, _("The comment's theme has been saved"))
        return back_to_comments(consultation, request.POST, f"comment-{comment.pk}")


class CommentAcceptView(_CommentActionView):
    def post(
        self, request: HttpRequest, pk: int, comment_pk: int, suggestion_pk: int
    ) -> HttpResponse:
        consultation = self.get_consultation(analyse=True)
        comment = self.get_comment(consultation)
        try:
            suggestion = ThemeSuggestion.objects.select_related("theme", "comment").get(
                comment=comment, pk=suggestion_pk
            )
        except ThemeSuggestion.DoesNotExist as exc:
            raise Http404 from exc
        try:
            comment_accept_suggestion(actor=request.user, suggestion=suggestion)
        except ValidationError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(
                request, _("The comment is now themed %(theme)s") % {"theme": suggestion.theme}
            )
        return back_to_comments(consultation, request.POST, f"comment-{comment.pk}")


class CommentReviewView(_CommentActionView):
    def post(self, request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
        consultation = self.get_consultation(analyse=True)
        comment = self.get_comment(consultation)
        form = CommentReviewForm(request.POST)
        if form.is_valid():
            reviewed = form.cleaned_data["reviewed"]
            try:
                comment_mark_reviewed(actor=request.user, comment=comment, reviewed=reviewed)
            except ValidationError as error:
                messages.error(request, error_message(error))
            else:
                text = _("Marked as reviewed") if reviewed else _("Marked as not reviewed")
                messages.success(request, text)
        return back_to_comments(consultation, request.POST, f"comment-{comment.pk}")


class CommentSplitView(_CommentActionView):
    tab = "comments"
    template_name = "consultations/analysis/split.html"

    def _count(self, data: dict[str, str]) -> int:
        """How many boxes: as many as were sent (at least 2), one more when asked."""
        count = max(2, sum(1 for key in data if key.startswith("part_")))
        if "add_part" in data:
            count += 1
        return min(count, MOST_PARTS)

    def _render(
        self, consultation: Consultation, comment: Comment, form: CommentSplitForm
    ) -> HttpResponse:
        query = return_query(self.request.POST or self.request.GET)
        back = reverse("consultations:comments", args=[consultation.pk])
        back = back + (f"?{query}" if query else "") + f"#comment-{comment.pk}"
        return self.render_page(
            self.template_name,
            consultation,
            comment=comment,
            form=form,
            back_url=back,
            return_to=query,
            can_add=len(form.fields) < MOST_PARTS,
        )

    def get(self, request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
        consultation = self.get_consultation(analyse=True)
        comment = self.get_comment(consultation)
        return self._render(consultation, comment, CommentSplitForm(text=comment.text))

    def post(self, request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
        consultation = self.get_consultation(analyse=True)
        comment = self.get_comment(consultation)
        count = self._count(request.POST.dict())
        form = CommentSplitForm(request.POST, text=comment.text, count=count)
        if "add_part" in request.POST:
            # Keep what was typed, with one more box filled in with the whole comment.
            data = request.POST.copy()
            data[f"part_{count}"] = comment.text
            return self._render(
                consultation, comment, CommentSplitForm(data, text=comment.text, count=count)
            )
        if form.is_valid():
            try:
                parts = comment_split(actor=request.user, comment=comment, parts=form.parts())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The comment has been split into %(count)s comments") % {"count": len(parts)},
                )
                return back_to_comments(consultation, request.POST, f"comment-{comment.pk}")
        return self._render(consultation, comment, form)
