import copy
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commissioning.core.views import PolicyView

from ..forms import OrganisationCreateForm, OrganisationEditForm, OrganisationSearchForm
from ..history import organisation_history
from ..policies import organisation_policy
from ..selectors import organisation_detail, organisation_list
from ..services import PossibleDuplicateError, organisation_create, organisation_update
from .base import OrganisationRecordView

PAGE_SIZE = 25


class OrganisationListView(PolicyView):
    policy = organisation_policy
    permission = "list"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = OrganisationSearchForm(request.GET or None)
        filters = form.filters()
        queryset = organisation_list(user=request.user, **filters)
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "organisations/list.html",
            {
                "form": form,
                "page_obj": page,
                "filtered": any(filters.values()),
                "can_create": organisation_policy.can_create(request.user),
            },
        )


class OrganisationDetailView(OrganisationRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = organisation_detail(user=request.user, pk=pk)
        context = self.record_context(organisation, "details")
        context["contacts"] = list(organisation.contacts.all())
        context["merged_from"] = list(organisation.merged_from.all())
        return render(request, "organisations/detail.html", context)


class OrganisationHistoryView(OrganisationRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = self.get_organisation()
        if not organisation_policy.can_view_internal(request.user, organisation):
            # A provider may see their organisation's page but not the OPCC's record of it.
            raise Http404
        context = self.record_context(organisation, "history")
        context["history"] = organisation_history(organisation)
        return render(request, "organisations/history.html", context)


class OrganisationCreateView(PolicyView):
    policy = organisation_policy
    permission = "create"
    template_name = "organisations/form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(OrganisationCreateForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = OrganisationCreateForm(request.POST)
        if not form.is_valid():
            return self._render(form)
        try:
            organisation = organisation_create(actor=request.user, **form.cleaned_data)
        except PossibleDuplicateError as error:
            form.add_error("same_name_confirmed", error)
            return self._render(form, name_matches=error.matches)
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(form)
        messages.success(
            request, _("‘%(name)s’ has been added to the register") % {"name": organisation.name}
        )
        return redirect("organisations:detail", pk=organisation.pk)

    def _render(self, form: OrganisationCreateForm, **extra: Any) -> HttpResponse:
        context = {"form": form, "creating": True, **extra}
        return render(self.request, self.template_name, context)


class OrganisationEditView(OrganisationRecordView):
    template_name = "organisations/form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = self.get_organisation()
        self.authorise(organisation, "edit")
        return self._render(organisation, OrganisationEditForm(instance=organisation))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = self.get_organisation()
        self.authorise(organisation, "edit")
        # The form writes the submitted values onto its instance; keep the page heading
        # showing the record as it is stored.
        form = OrganisationEditForm(request.POST, instance=copy.copy(organisation))
        if not form.is_valid():
            return self._render(organisation, form)
        try:
            organisation_update(
                actor=request.user, organisation=organisation, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(organisation, form)
        messages.success(request, _("The organisation's details have been saved"))
        return redirect("organisations:detail", pk=organisation.pk)

    def _render(self, organisation: Any, form: OrganisationEditForm) -> HttpResponse:
        context = {"form": form, "organisation": organisation, "creating": False}
        return render(self.request, self.template_name, context)
