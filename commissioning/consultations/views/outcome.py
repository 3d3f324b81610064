"""The outcome page ("you said, we did"): every comment in theme order, numbered, with
the office's response; and publishing the approved responses all at once."""

from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Consultation, OfficeResponseStatus
from ..outcomes import (
    ThemeGroup,
    consultation_publish_outcome,
    may_publish_comment,
    outcome_groups,
    publication_blockers,
)
from ..policies import consultation_policy
from .outcome_base import OutcomeRecordView

STATUS_COLOURS: dict[str, str] = {
    OfficeResponseStatus.DRAFT: "grey",
    OfficeResponseStatus.APPROVED: "blue",
    OfficeResponseStatus.PUBLISHED: "green",
}


def public_outcome_url(consultation: Consultation) -> str:
    """The public page, once published (and once its address is wired up)."""
    if consultation.outcome_published_at is None:
        return ""
    try:
        return reverse("respond:outcome", args=[consultation.slug])
    except NoReverseMatch:
        return ""


def _page_rows(groups: list[ThemeGroup]) -> list[dict[str, Any]]:
    """Each theme with its rows, ready for the template: the other comments a group
    response also answers, by number, and whether the comment may be published."""
    numbers = {row.comment.pk: row.number for group in groups for row in group.rows}
    sections = []
    for group in groups:
        rows = []
        for row in group.rows:
            office_response = row.office_response
            others = []
            if office_response is not None:
                others = sorted(
                    numbers[c.pk] for c in office_response.comments.all() if c.pk != row.comment.pk
                )
            rows.append(
                {
                    "number": row.number,
                    "comment": row.comment,
                    "office_response": office_response,
                    "others": others,
                    "publishable": may_publish_comment(row.comment),
                    "colour": STATUS_COLOURS.get(office_response.status, "")
                    if office_response
                    else "",
                }
            )
        sections.append({"theme": group.theme, "rows": rows})
    return sections


def _counts(groups: list[ThemeGroup]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for group in groups:
        for row in group.rows:
            counts["comments"] += 1
            counts[row.office_response.status if row.office_response else "none"] += 1
    return counts


class OutcomeView(OutcomeRecordView):
    template_name = "consultations/outcome/list.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.get_consultation()
        groups = outcome_groups(consultation)
        return self.render_page(
            self.template_name,
            consultation,
            sections=_page_rows(groups),
            counts=_counts(groups),
            can_edit=consultation_policy.can_analyse(request.user, consultation),
            public_url=public_outcome_url(consultation),
        )


class PublishOutcomeView(OutcomeRecordView):
    """Confirm, then publish every approved response at once. Drafts stay unpublished:
    the page lists them, so nobody is surprised."""

    template_name = "consultations/outcome/publish.html"

    def _context(self, consultation: Consultation) -> dict[str, Any]:
        groups = outcome_groups(consultation)
        counts = _counts(groups)
        blocker = publication_blockers(consultation)
        if not blocker and not counts[OfficeResponseStatus.APPROVED]:
            blocker = _("There are no approved responses to publish")
        rows = [row for group in groups for row in group.rows]
        return {
            "counts": counts,
            "blocker": blocker,
            # By number, so the officer can find them on the outcome page.
            "draft_numbers": ", ".join(
                str(row.number)
                for row in rows
                if row.office_response and row.office_response.status == OfficeResponseStatus.DRAFT
            ),
            "none_numbers": ", ".join(str(row.number) for row in rows if not row.office_response),
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        return self.render_page(self.template_name, consultation, **self._context(consultation))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        try:
            publication = consultation_publish_outcome(
                actor=request.user, consultation=consultation
            )
        except ValidationError as error:
            context = self._context(consultation)
            context["blocker"] = " ".join(error.messages)
            return self.render_page(self.template_name, consultation, status=400, **context)
        published = len(publication.published)
        messages.success(
            request,
            ngettext(
                "%(count)s response has been published",
                "%(count)s responses have been published",
                published,
            )
            % {"count": published},
        )
        return redirect("consultations:outcome", pk=consultation.pk)
