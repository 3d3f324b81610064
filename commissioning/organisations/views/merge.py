from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms import MergeSearchForm
from ..merging import keep_problems, merge_plan, merge_problems
from ..models import Organisation
from ..policies import organisation_policy
from ..selectors import merge_candidates, organisation_get
from ..services import organisation_merge
from .base import OrganisationRecordView

PAGE_SIZE = 25


class MergeView(OrganisationRecordView):
    """Step 1: find the duplicate record to merge into this one."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        keep = self.get_organisation()
        if not organisation_policy.can_merge(request.user):
            raise PermissionDenied
        form = MergeSearchForm(request.GET or None)
        q = form.cleaned_data["q"] if form.is_valid() else ""
        context: dict[str, Any] = {"organisation": keep, "form": form, "q": q}
        context["problems"] = keep_problems(keep)
        if not context["problems"]:
            candidates = merge_candidates(user=request.user, keep=keep, q=q)
            paginator = Paginator(candidates, PAGE_SIZE)
            context["page_obj"] = paginator.get_page(request.GET.get("page"))
        return render(request, "organisations/merge_choose.html", context)


class MergeConfirmView(OrganisationRecordView):
    """Step 2: both records side by side and what will happen; POST merges them."""

    template_name = "organisations/merge_confirm.html"

    def _records(self, pk: int, duplicate_pk: int) -> tuple[Organisation, Organisation]:
        keep = organisation_get(user=self.request.user, pk=pk)
        duplicate = organisation_get(user=self.request.user, pk=duplicate_pk)
        if not organisation_policy.can_merge(self.request.user):
            raise PermissionDenied
        return keep, duplicate

    def _render(
        self, keep: Organisation, duplicate: Organisation, problems: list[str]
    ) -> HttpResponse:
        context = {
            "organisation": keep,
            "keep": keep,
            "duplicate": duplicate,
            "problems": problems,
            "plan": None if problems else merge_plan(keep, duplicate),
        }
        return render(self.request, self.template_name, context, status=400 if problems else 200)

    def get(self, request: HttpRequest, pk: int, duplicate_pk: int) -> HttpResponse:
        keep, duplicate = self._records(pk, duplicate_pk)
        return self._render(keep, duplicate, merge_problems(keep, duplicate))

    def post(self, request: HttpRequest, pk: int, duplicate_pk: int) -> HttpResponse:
        keep, duplicate = self._records(pk, duplicate_pk)
        try:
            organisation_merge(actor=request.user, keep=keep, duplicate=duplicate)
        except ValidationError as error:
            return self._render(keep, duplicate, list(error.messages))
        messages.success(
            request,
            _("‘%(duplicate)s’ has been merged into this record") % {"duplicate": duplicate.name},
        )
        return redirect("organisations:detail", pk=keep.pk)
