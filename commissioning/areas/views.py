"""Pages for policing areas, their sub-areas and groups of sub-areas."""

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from commissioning.core.history import history_entries
from commissioning.core.roles import is_staff_role
from commissioning.core.views import PolicyView

from . import selectors, services
from .forms import PolicingAreaForm, SubAreaForm, SubAreaGroupForm, add_service_errors
from .models import PolicingArea, SubArea, SubAreaGroup
from .policies import policing_area_policy, sub_area_group_policy, sub_area_policy


class AreasView(PolicyView):
    """Area pages are the office's reference data. Someone outside the office (a
    provider or partnership user) who asks for a list or a form is told the page does
    not exist, as for any record they may not see, rather than that it is forbidden."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if (
            request.user.is_authenticated
            and self.permission in {"list", "create"}
            and not is_staff_role(request.user)
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_area(self) -> PolicingArea:
        return policing_area_policy.get_visible_or_404(self.request.user, slug=self.kwargs["slug"])


def _breadcrumbs(user: Any, area: PolicingArea | None = None) -> list[tuple[str | Promise, str]]:
    """Dashboard, then (for staff) the list of areas and the area the page is in."""
    items: list[tuple[str | Promise, str]] = [(_("Dashboard"), reverse("core:dashboard"))]
    if is_staff_role(user):
        items.append((_("Policing areas"), reverse("areas:list")))
        if area is not None:
            items.append((area.short_name, reverse("areas:detail", args=[area.slug])))
    return items


def _tabs(request: HttpRequest, details: str, history: str) -> list[tuple[Promise, str, bool]]:
    return [
        (_("Details"), details, request.path == details),
        (_("History"), history, request.path == history),
    ]


# --- Policing areas ---------------------------------------------------------------------


class PolicingAreaListView(AreasView, TemplateView):
    policy = policing_area_policy
    permission = "list"
    template_name = "areas/policing_area_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["areas"] = list(selectors.policing_area_list())
        context["can_create"] = policing_area_policy.can_create(self.request.user)
        context["breadcrumbs"] = _breadcrumbs(self.request.user)[:1]
        return context


class PolicingAreaDetailView(AreasView, TemplateView):
    policy = policing_area_policy
    permission = "view"
    template_name = "areas/policing_area_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        area = self.get_area()
        sub_areas = list(selectors.sub_areas_for(area))
        context.update(
            area=area,
            sub_areas_by_kind=selectors.group_sub_areas_by_kind(sub_areas),
            population=selectors.area_population(sub_areas),
            shares=selectors.population_shares(area),
            groups=list(selectors.groups_for(area)),
            can_edit_area=policing_area_policy.can_edit(user, area),
            can_edit_sub_areas=sub_area_policy.can_create(user),
            can_edit_groups=sub_area_group_policy.can_create(user),
            breadcrumbs=_breadcrumbs(user),
            sub_navigation=_tabs(
                self.request,
                reverse("areas:detail", args=[area.slug]),
                reverse("areas:history", args=[area.slug]),
            ),
        )
        return context


class PolicingAreaHistoryView(AreasView, TemplateView):
    policy = policing_area_policy
    permission = "view"
    template_name = "areas/history.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        area = self.get_area()
        if not policing_area_policy.can_view_history(self.request.user, area):
            raise Http404
        context.update(
            area=area,
            record=area,
            history=history_entries(area),
            breadcrumbs=_breadcrumbs(self.request.user, area),
            sub_navigation=_tabs(
                self.request,
                reverse("areas:detail", args=[area.slug]),
                reverse("areas:history", args=[area.slug]),
            ),
        )
        return context


class PolicingAreaFormView(AreasView, FormView):
    policy = policing_area_policy
    form_class = PolicingAreaForm
    template_name = "areas/policing_area_form.html"
    area: PolicingArea | None = None
    success_message: ClassVar[str | Promise] = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["area"] = self.area
        context["back_url"] = (
            reverse("areas:detail", args=[self.area.slug]) if self.area else reverse("areas:list")
        )
        return context

    def save(self, data: dict[str, Any]) -> PolicingArea:
        raise NotImplementedError

    def form_valid(self, form: PolicingAreaForm) -> HttpResponse:
        try:
            area = self.save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"name": area.name})
        return HttpResponseRedirect(reverse("areas:detail", args=[area.slug]))


class PolicingAreaCreateView(PolicingAreaFormView):
    permission = "create"
    success_message = _("%(name)s added")

    def save(self, data: dict[str, Any]) -> PolicingArea:
        return services.policing_area_create(actor=self.request.user, **data)


class PolicingAreaEditView(PolicingAreaFormView):
    permission = "edit"
    area: PolicingArea
    success_message = _("%(name)s updated")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            self.area = self.get_area()
            self.authorise(self.area, "edit")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return PolicingAreaForm.initial_for(self.area)

    def save(self, data: dict[str, Any]) -> PolicingArea:
        return services.policing_area_update(actor=self.request.user, area=self.area, **data)


# --- Sub-areas --------------------------------------------------------------------------


class SubAreaMixin(AreasView):
    policy = sub_area_policy

    def get_sub_area(self, queryset: QuerySet[SubArea] | None = None) -> SubArea:
        base = queryset if queryset is not None else SubArea.objects.select_related("area")
        return sub_area_policy.get_visible_or_404(
            self.request.user,
            queryset=base.filter(area__slug=self.kwargs["slug"]),
            pk=self.kwargs["pk"],
        )

    def tabs(self, sub_area: SubArea) -> list[tuple[Promise, str, bool]]:
        args = [sub_area.area.slug, sub_area.pk]
        return _tabs(
            self.request,
            reverse("areas:sub-area-detail", args=args),
            reverse("areas:sub-area-history", args=args),
        )


class SubAreaDetailView(SubAreaMixin, TemplateView):
    permission = "view"
    template_name = "areas/sub_area_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        sub_area = self.get_sub_area(selectors.sub_area_detail_queryset())
        can_view_history = sub_area_policy.can_view_history(user, sub_area)
        context.update(
            sub_area=sub_area,
            area=sub_area.area,
            can_edit=sub_area_policy.can_edit(user, sub_area),
            can_list=sub_area_policy.can_list(user),
            breadcrumbs=_breadcrumbs(user, sub_area.area),
            sub_navigation=self.tabs(sub_area) if can_view_history else None,
        )
        return context


class SubAreaHistoryView(SubAreaMixin, TemplateView):
    permission = "view"
    template_name = "areas/history.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        sub_area = self.get_sub_area()
        if not sub_area_policy.can_view_history(self.request.user, sub_area):
            raise Http404
        context.update(
            area=sub_area.area,
            record=sub_area,
            history=history_entries(sub_area),
            breadcrumbs=_breadcrumbs(self.request.user, sub_area.area),
            sub_navigation=self.tabs(sub_area),
        )
        return context


class SubAreaFormView(SubAreaMixin, FormView):
    form_class = SubAreaForm
    template_name = "areas/sub_area_form.html"
    area: PolicingArea
    sub_area: SubArea | None = None
    success_message: ClassVar[str | Promise] = ""

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["area"] = self.area
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        back_url = (
            reverse("areas:sub-area-detail", args=[self.area.slug, self.sub_area.pk])
            if self.sub_area
            else reverse("areas:detail", args=[self.area.slug])
        )
        context.update(area=self.area, sub_area=self.sub_area, back_url=back_url)
        return context

    def save(self, data: dict[str, Any]) -> SubArea:
        raise NotImplementedError

    def form_valid(self, form: SubAreaForm) -> HttpResponse:
        try:
            sub_area = self.save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"name": sub_area.name})
        return HttpResponseRedirect(
            reverse("areas:sub-area-detail", args=[self.area.slug, sub_area.pk])
        )


class SubAreaCreateView(SubAreaFormView):
    permission = "create"
    success_message = _("%(name)s added")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and is_staff_role(request.user):
            self.area = self.get_area()
        return super().dispatch(request, *args, **kwargs)

    def save(self, data: dict[str, Any]) -> SubArea:
        return services.sub_area_create(actor=self.request.user, area=self.area, **data)


class SubAreaEditView(SubAreaFormView):
    permission = "edit"
    sub_area: SubArea
    success_message = _("%(name)s updated")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            self.sub_area = self.get_sub_area()
            self.area = self.sub_area.area
            self.authorise(self.sub_area, "edit")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return SubAreaForm.initial_for(self.sub_area)

    def save(self, data: dict[str, Any]) -> SubArea:
        return services.sub_area_update(actor=self.request.user, sub_area=self.sub_area, **data)


# --- Groups of sub-areas ------------------------------------------------------------------


class GroupMixin(AreasView):
    policy = sub_area_group_policy

    def get_group(self, queryset: QuerySet[SubAreaGroup] | None = None) -> SubAreaGroup:
        base = queryset if queryset is not None else SubAreaGroup.objects.select_related("area")
        return sub_area_group_policy.get_visible_or_404(
            self.request.user,
            queryset=base.filter(area__slug=self.kwargs["slug"]),
            pk=self.kwargs["pk"],
        )

    def tabs(self, group: SubAreaGroup) -> list[tuple[Promise, str, bool]]:
        args = [group.area.slug, group.pk]
        return _tabs(
            self.request,
            reverse("areas:group-detail", args=args),
            reverse("areas:group-history", args=args),
        )


class GroupDetailView(GroupMixin, TemplateView):
    permission = "view"
    template_name = "areas/group_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        group = self.get_group(selectors.group_detail_queryset())
        members = list(group.members.all())
        context.update(
            group=group,
            area=group.area,
            members=members,
            population=sum(member.population or 0 for member in members),
            population_incomplete=any(member.population is None for member in members),
            can_edit=sub_area_group_policy.can_edit(self.request.user, group),
            breadcrumbs=_breadcrumbs(self.request.user, group.area),
            sub_navigation=self.tabs(group),
        )
        return context


class GroupHistoryView(GroupMixin, TemplateView):
    permission = "view"
    template_name = "areas/history.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        group = self.get_group()
        if not sub_area_group_policy.can_view_history(self.request.user, group):
            raise Http404
        context.update(
            area=group.area,
            record=group,
            history=history_entries(group),
            breadcrumbs=_breadcrumbs(self.request.user, group.area),
            sub_navigation=self.tabs(group),
        )
        return context


class GroupFormView(GroupMixin, FormView):
    form_class = SubAreaGroupForm
    template_name = "areas/group_form.html"
    area: PolicingArea
    group: SubAreaGroup | None = None
    success_message: ClassVar[str | Promise] = ""

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["area"] = self.area
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        back_url = (
            reverse("areas:group-detail", args=[self.area.slug, self.group.pk])
            if self.group
            else reverse("areas:detail", args=[self.area.slug])
        )
        context.update(area=self.area, group=self.group, back_url=back_url)
        return context

    def save(self, data: dict[str, Any]) -> SubAreaGroup:
        raise NotImplementedError

    def form_valid(self, form: SubAreaGroupForm) -> HttpResponse:
        try:
            group = self.save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"name": group.name})
        return HttpResponseRedirect(reverse("areas:group-detail", args=[self.area.slug, group.pk]))


class GroupCreateView(GroupFormView):
    permission = "create"
    success_message = _("%(name)s added")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and is_staff_role(request.user):
            self.area = self.get_area()
        return super().dispatch(request, *args, **kwargs)

    def save(self, data: dict[str, Any]) -> SubAreaGroup:
        return services.sub_area_group_create(actor=self.request.user, area=self.area, **data)


class GroupEditView(GroupFormView):
    permission = "edit"
    group: SubAreaGroup
    success_message = _("%(name)s updated")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            self.group = self.get_group()
            self.area = self.group.area
            self.authorise(self.group, "edit")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return SubAreaGroupForm.initial_for(self.group)

    def save(self, data: dict[str, Any]) -> SubAreaGroup:
        return services.sub_area_group_update(actor=self.request.user, group=self.group, **data)
